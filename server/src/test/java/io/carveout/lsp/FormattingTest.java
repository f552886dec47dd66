package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.carveout.format.DtsFormatter;
import io.carveout.format.FormatOptions;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.LineIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentRangeFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * textDocument/formatting and rangeFormatting: the server announces both; the edits of a whole
 * document make the text `carveout format` makes; a range changes only its lines; carveout's
 * settings choose the indentation (the client's tab options are not used).
 */
class FormattingTest {
    private static final String TEXT = "/dts-v1/;\n/ {\n  model=\"x\";\n    node@10 {\n reg = < 0x10 0x4 >;\n };\n"
            + "  other {\n status = \"okay\" ;\n };\n};\n";

    @TempDir
    Path dir;

    @Test
    void formattingEditsMakeTheTextTheCliMakes() throws Exception {
        Path file = Files.writeString(dir.resolve("board.dts"), TEXT);
        try (LspHarness lsp = new LspHarness()) {
            var result = lsp.initialize(dir, null);
            assertTrue(result.getCapabilities().getDocumentFormattingProvider().getLeft());
            assertTrue(result.getCapabilities().getDocumentRangeFormattingProvider().getLeft());
            String uri = lsp.open(file, TEXT);
            List<? extends TextEdit> edits = lsp.server.getTextDocumentService().formatting(
                    new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true)))
                    .get(30, TimeUnit.SECONDS);
            String expected = DtsFormatter.format(SyntaxTree.parse(TEXT), FormatOptions.DEFAULT).text();
            assertEquals(expected, apply(TEXT, edits));
            assertTrue(expected.contains("\tnode@10 {\n\t\treg = <0x10 0x4>;\n"), expected);
        }
    }

    @Test
    void rangeFormattingChangesOnlyItsLines() throws Exception {
        Path file = Files.writeString(dir.resolve("board.dts"), TEXT);
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String uri = lsp.open(file, TEXT);
            // line 4 only: " reg = < 0x10 0x4 >;"
            List<? extends TextEdit> edits = lsp.server.getTextDocumentService().rangeFormatting(
                    new DocumentRangeFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true),
                            new Range(new Position(4, 1), new Position(4, 20)))).get(30, TimeUnit.SECONDS);
            String formatted = apply(TEXT, edits);
            String[] before = TEXT.split("\n");
            String[] after = formatted.split("\n");
            assertEquals("\t\treg = <0x10 0x4>;", after[4]);
            for (int line = 0; line < before.length; line++) {
                if (line != 4) {
                    assertEquals(before[line], after[line], "line " + line + " is outside the range");
                }
            }
        }
    }

    @Test
    void settingsChooseTheIndentation() throws Exception {
        Path file = Files.writeString(dir.resolve("board.dts"), TEXT);
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, JsonParser.parseString("{\"format\": {\"indent\": 2}}").getAsJsonObject());
            String uri = lsp.open(file, TEXT);
            List<? extends TextEdit> edits = lsp.server.getTextDocumentService().formatting(
                    new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(8, false)))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(apply(TEXT, edits).contains("\n  node@10 {\n    reg = <0x10 0x4>;\n  };\n"), apply(TEXT, edits));
        }
    }

    private static String apply(String text, List<? extends TextEdit> edits) {
        LineIndex lines = new LineIndex(text);
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparing((TextEdit e) -> lines.offsetOf(Protocol.fromPosition(e.getRange().getStart())))
                .reversed());
        StringBuilder out = new StringBuilder(text);
        for (TextEdit edit : sorted) {
            out.replace(lines.offsetOf(Protocol.fromPosition(edit.getRange().getStart())),
                    lines.offsetOf(Protocol.fromPosition(edit.getRange().getEnd())), edit.getNewText());
        }
        return out.toString();
    }
}
