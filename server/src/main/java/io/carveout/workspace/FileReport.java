package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.syntax.SyntaxTree;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything known about one file for the editor: its own syntax tree, the boards it
 * was analysed in (itself when it is a board), and the findings placed in it.
 */
public record FileReport(Path file, SyntaxTree syntax, List<CompiledBoard> boards, List<Finding> findings) {
    public FileReport {
        boards = List.copyOf(boards);
        findings = List.copyOf(findings);
    }
}
