package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * Each quick-fix is listed once: an overlap between two regions of a SoC file that a board
     * includes is found in the file's own report and again in the open board's, and with both
     * files open the menu listed every fix twice; the shift that lands in the lowest gap was
     * listed again as the move to that gap. On the example, with both files open, the list has no
     * repeated title and no two entries that make the same edits.
     */
    @Test
    void eachFixIsListedOnce(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("soc.dtsi"), """
                / {
                	#address-cells = <2>;
                	#size-cells = <2>;
                	memory@80000000 {
                		device_type = "memory";
                		reg = <0x0 0x80000000 0x0 0x10000000>;
                	};
                	reserved-memory {
                		#address-cells = <2>;
                		#size-cells = <2>;
                		ranges;
                		x@80000000 {
                			reg = <0x0 0x80000000 0x0 0x200000>;
                			no-map;
                		};
                		y@80100000 {
                			reg = <0x0 0x80100000 0x0 0x200000>;
                			no-map;
                		};
                	};
                };
                """);
        Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n#include \"soc.dtsi\"\n/ { model = \"b\"; };\n");
        Path example = Path.of("examples").toAbsolutePath().normalize();
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            for (Path board : List.of(dir.resolve("board.dts"), example.resolve("board.dts"))) {
                Path soc = board.resolveSibling("soc.dtsi");
                String boardUri = lsp.open(board);
                String socUri = lsp.open(soc);
                lsp.awaitVersion(boardUri, 1);
                PublishDiagnosticsParams published = lsp.awaitVersion(socUri, 1);
                List<Diagnostic> overlaps = new ArrayList<>(published.getDiagnostics().stream()
                        .filter(d -> "overlap".equals(d.getCode().getLeft())).toList());
                assertFalse(overlaps.isEmpty(), "no overlap in " + soc + ": " + published.getDiagnostics());
                for (Diagnostic overlap : overlaps) {
                    List<CodeAction> actions = new ArrayList<>();
                    lsp.server.getTextDocumentService().codeAction(new CodeActionParams(
                            new TextDocumentIdentifier(socUri), overlap.getRange(),
                            new CodeActionContext(List.of(overlap)))).get(60, TimeUnit.SECONDS)
                            .forEach(a -> actions.add(a.getRight()));
                    assertFalse(actions.isEmpty(), "no fix for " + overlap.getMessage().getLeft());
                    List<String> titles = actions.stream().map(CodeAction::getTitle).toList();
                    assertEquals(titles.size(), new java.util.HashSet<>(titles).size(), "a title twice: " + titles);
                    List<java.util.Set<String>> edits = actions.stream().map(QuickFixTest::edits).toList();
                    assertEquals(edits.size(), new java.util.HashSet<>(edits).size(), "the same edits twice: " + titles);
                }
            }
        }
    }

    private static java.util.Set<String> edits(CodeAction action) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (var change : action.getEdit().getDocumentChanges()) {
            for (var edit : change.getLeft().getEdits()) {
                out.add(change.getLeft().getTextDocument().getUri() + " " + edit.getLeft().getRange() + " "
                        + edit.getLeft().getNewText());
            }
        }
        return out;
    }

    private static int compare(org.eclipse.lsp4j.Position a, org.eclipse.lsp4j.Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }

}
