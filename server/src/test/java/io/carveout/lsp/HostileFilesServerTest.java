package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.HostileFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, classes 2 and 5, in the editor: the server, rooted at the {@link HostileFiles} tree,
 * reports each file outside it or too large at the directive, shows none of their text in
 * diagnostics or on hover, and goes on answering.
 */
class HostileFilesServerTest {
    @TempDir
    Path dir;

    @Test
    void filesOutsideTheWorkspaceOrTooLargeAreReportedAndNeverShown() throws Exception {
        HostileFiles.lay(dir);
        Path tree = dir.resolve("tree");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(tree, null);
            for (String name : HostileFiles.boards()) {
                Path board = tree.resolve(name);
                String text = Files.readString(board);
                String uri = lsp.open(board, text);
                PublishDiagnosticsParams published = lsp.awaitVersion(uri, 1);
                for (Diagnostic d : published.getDiagnostics()) {
                    for (String secret : HostileFiles.SECRETS) {
                        assertFalse(d.getMessage().getLeft().contains(secret), name + ": " + d.getMessage().getLeft());
                    }
                }
                for (HostileFiles.Expectation e : HostileFiles.expectations(board)) {
                    if (!e.out()) {
                        assertTrue(published.getDiagnostics().stream().anyMatch(d ->
                                d.getRange().getStart().getLine() == e.line() - 1 && d.getMessage().getLeft().contains(e.text())),
                                name + ":" + e.line() + ": expected «" + e.text() + "» in " + published.getDiagnostics());
                    }
                }
                // hover on every word of the board: neither a macro from outside nor bytes read from it show
                List<String> lines = text.lines().toList();
                for (int line = 0; line < lines.size(); line++) {
                    String l = lines.get(line);
                    for (int column = 0; column < l.length(); column++) {
                        if (Character.isLetterOrDigit(l.charAt(column))
                                && (column == 0 || !Character.isLetterOrDigit(l.charAt(column - 1)))) {
                            Hover hover = lsp.server.getTextDocumentService().hover(new HoverParams(
                                    new TextDocumentIdentifier(uri), new Position(line, column)))
                                    .get(30, TimeUnit.SECONDS);
                            String shown = hover == null ? "" : hover.getContents().getRight().getValue();
                            for (String secret : HostileFiles.SECRETS) {
                                assertFalse(shown.contains(secret), name + ":" + (line + 1) + ": " + shown);
                            }
                        }
                    }
                }
            }
        }
    }
}
