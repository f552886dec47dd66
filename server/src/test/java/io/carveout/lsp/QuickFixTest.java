package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Corpus;
import io.carveout.text.Position;
import io.carveout.text.TextDocument;
import io.carveout.text.TextEdit;
import io.carveout.text.TextRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/**
 * sc7280-herobrine-evoker-lte.dts overlaps rmtfs with adsp-rpc-remote-heap: the server
 * reports it (on the SoC file that decides the value), offers the engine's fixes as code
 * actions, and once a fix is applied as the editor would apply it, the overlap is gone.
 */
class QuickFixTest {
    private static boolean overlap(Diagnostic d) {
        return "overlap".equals(d.getCode().getLeft()) && d.getMessage().getLeft().contains("rmtfs")
                && d.getMessage().getLeft().contains("adsp-rpc-remote-heap");
    }

    @Test
    void overlapIsReportedAndItsFixMakesItGoAway() throws Exception {
        Path linux = Corpus.linux();
        Path board = linux.resolve("arch/arm64/boot/dts/qcom/sc7280-herobrine-evoker-lte.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(null, null);
            String boardUri = lsp.open(board);
            lsp.awaitVersion(boardUri, 1);
            // the value is decided in kodiak.dtsi: the diagnostic is shown there
            Path soc = linux.resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi").toAbsolutePath().normalize();
            String socUri = LspHarness.uri(soc);
            PublishDiagnosticsParams published = lsp.awaitDiagnostics(socUri,
                    p -> p.getDiagnostics().stream().anyMatch(QuickFixTest::overlap));
            Diagnostic diagnostic = published.getDiagnostics().stream().filter(QuickFixTest::overlap).findFirst().get();
            assertTrue(diagnostic.getRelatedInformation() != null && !diagnostic.getRelatedInformation().isEmpty());

            List<CodeAction> actions = new ArrayList<>();
            lsp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(socUri),
                    diagnostic.getRange(), new CodeActionContext(List.of(diagnostic)))).get(60, TimeUnit.SECONDS)
                    .forEach(a -> actions.add(a.getRight()));
            CodeAction fix = actions.stream().filter(a -> a.getTitle().startsWith("move adsp-rpc-remote-heap"))
                    .findFirst().orElseThrow(() -> new AssertionError("no move fix in " + actions));

            // apply it as an editor does: open each file it edits and send the edits
            for (var change : fix.getEdit().getDocumentChanges()) {
                var documentEdit = change.getLeft();
                String uri = documentEdit.getTextDocument().getUri();
                Path file = Path.of(java.net.URI.create(uri));
                String text = Files.readString(file);
                String editedUri = lsp.open(file, text);
                TextDocument document = new TextDocument(uri, 1, text);
                List<TextDocumentContentChangeEvent> events = new ArrayList<>();
                List<TextEdit> edits = new ArrayList<>();
                // apply from the end so earlier ranges stay valid
                var sorted = new ArrayList<>(documentEdit.getEdits());
                sorted.sort((a, b) -> compare(b.getLeft().getRange().getStart(), a.getLeft().getRange().getStart()));
                for (var e : sorted) {
                    var range = e.getLeft().getRange();
                    events.add(new TextDocumentContentChangeEvent(range, e.getLeft().getNewText()));
                    edits.add(new TextEdit(new TextRange(new Position(range.getStart().getLine(),
                            range.getStart().getCharacter()), new Position(range.getEnd().getLine(),
                            range.getEnd().getCharacter())), e.getLeft().getNewText()));
                }
                int version = lsp.change(editedUri, events.toArray(TextDocumentContentChangeEvent[]::new));
                assertFalse(document.apply(edits, version).text().equals(text), "the fix changes the text");
            }
            String boardAgain = boardUri;
            lsp.change(boardAgain, new TextDocumentContentChangeEvent(new org.eclipse.lsp4j.Range(
                    new org.eclipse.lsp4j.Position(0, 0), new org.eclipse.lsp4j.Position(0, 0)), ""));
            PublishDiagnosticsParams after = lsp.awaitVersion(socUri, 2);
            assertTrue(after.getDiagnostics().stream().noneMatch(QuickFixTest::overlap),
                    "after the fix: " + after.getDiagnostics());
        }
    }

    private static int compare(org.eclipse.lsp4j.Position a, org.eclipse.lsp4j.Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }

}
