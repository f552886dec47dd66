package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.HostileInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on each hostile input of issue 11 (deep expressions, runaway macros, masses of
 * labels): the version gets its diagnostics, the one about the hostile text among them, and
 * hover on the text after it still answers, one document after another in one server.
 */
class HostileInputServerTest {
    @TempDir
    Path root;

    @Test
    void diagnosesEachAndKeepsAnsweringHover() throws Exception {
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(root, null);
            int n = 0;
            for (HostileInputs.Case c : HostileInputs.all()) {
                Path board = root.resolve("board-" + n++ + ".dts");
                Files.writeString(board, c.text());
                String uri = lsp.open(board, c.text());
                PublishDiagnosticsParams published = lsp.awaitVersion(uri, 1);
                if (c.diagnostic() != null) {
                    assertTrue(published.getDiagnostics().stream().anyMatch(d -> at(d, c)),
                            c.name() + ": " + published.getDiagnostics());
                }
                int offset = c.text().indexOf("AFTER_SIZE>");
                Hover hover = lsp.server.getTextDocumentService()
                        .hover(new HoverParams(new TextDocumentIdentifier(uri), LspHarness.position(c.text(), offset + 2)))
                        .get(30, TimeUnit.SECONDS);
                assertNotNull(hover, c.name() + ": no hover");
                String text = hover.getContents().getRight().getValue();
                assertTrue(text.contains("#define AFTER_SIZE 0x100000"), c.name() + ": " + text);
            }
        }
    }

    private static boolean at(Diagnostic d, HostileInputs.Case c) {
        return d.getRange().getStart().getLine() == c.line() - 1 && (d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue()).contains(c.diagnostic());
    }
}
