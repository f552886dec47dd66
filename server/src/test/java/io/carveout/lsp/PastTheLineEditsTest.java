package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edits through didChange whose positions are spelled as hostile or lazy clients
 * spell them: a column past the line (Integer.MAX_VALUE, "to the end of the line"), a line
 * past the last, huge and negative lines and columns, a range given end first. Each names
 * an offset of the client's text (as LSP clamps: the end of the line without its break, the
 * end of the text, the start of the text or line), computed here from the text alone, not
 * by the server's LineIndex. After each edit the server's text is the client's and the
 * diagnostics of that version equal a fresh analysis. A short sample by default (fixed
 * seed); -Dcarveout.fuzz.full=true runs the full count.
 */
class PastTheLineEditsTest {
    private static final long SEED = 0x11e5L;
    private static final int EDITS = Boolean.getBoolean("carveout.fuzz.full") ? 20_000 : 1000;
    private static final String[] TYPED = {"{", "}", ";", "<", ">", "=", "&", "\"", "x", "0", " ", "\n", "\r\n",
        "\tstatus = \"okay\";\n", "/* c */"};

    @TempDir
    Path dir;

    /** Where each line starts and ends (before its break), by LSP's three line breaks. */
    private static List<int[]> lines(CharSequence text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(new int[] {start, i});
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(new int[] {start, text.length()});
        return out;
    }

    /** One spelling, chosen at random, of the position of an offset that starts or ends a line or the text. */
    private static Position spell(List<int[]> lines, int offset, int length, Random random) {
        int line = 0;
        while (line + 1 < lines.size() && lines.get(line + 1)[0] <= offset) {
            line++;
        }
        int[] bounds = lines.get(line);
        int column = offset - bounds[0];
        int huge = Integer.MAX_VALUE - random.nextInt(3);
        if (offset == length && random.nextBoolean()) {
            // past the last line: the end of the text, whatever the column
            int past = random.nextBoolean() ? huge : lines.size() + random.nextInt(5);
            int[] columns = {0, 7, huge, -1, Integer.MIN_VALUE};
            return new Position(past, columns[random.nextInt(columns.length)]);
        }
        if (offset == 0 && random.nextInt(3) == 0) {
            // before the first line: the start of the text
            return new Position(random.nextBoolean() ? -1 : Integer.MIN_VALUE, random.nextInt(3) - 1);
        }
        if (offset == bounds[1] && random.nextInt(4) != 0) {
            // past the end of the line: its end, before the line break
            int[] columns = {huge, bounds[1] - bounds[0] + 1 + random.nextInt(10), Integer.MAX_VALUE};
            return new Position(line, columns[random.nextInt(columns.length)]);
        }
        if (offset == bounds[0] && random.nextInt(3) == 0) {
            return new Position(line, random.nextBoolean() ? -1 : Integer.MIN_VALUE);
        }
        return new Position(line, column);
    }

    @Test
    void editsEndingPastTheLineKeepTheServerEqualToAFreshAnalysis() throws Exception {
        Path fixtures = Path.of(PastTheLineEditsTest.class.getResource("/lsp").toURI());
        for (String name : List.of("soc.dtsi", "board-a.dts", "board-b.dts")) {
            Files.copy(fixtures.resolve(name), dir.resolve(name));
        }
        Path board = dir.resolve("board-a.dts");
        StringBuilder text = new StringBuilder(Files.readString(board));
        Random random = new Random(SEED);
        try (LspHarness lsp = new LspHarness(0)) {
            lsp.initialize(dir, null);
            String uri = lsp.open(board, text.toString());
            lsp.awaitVersion(uri, 1);
            for (int i = 0; i < EDITS; i++) {
                List<int[]> lines = lines(text);
                // a start within a line (often its start, or the text's), and an end at that
                // line's end, a later line's end, the end of the text, or a little further on
                int[] line = lines.get(random.nextInt(8) == 0 ? 0 : random.nextInt(lines.size()));
                int start = random.nextInt(4) == 0 ? line[0] : line[0] + random.nextInt(line[1] - line[0] + 1);
                int end = switch (random.nextInt(5)) {
                    case 0 -> line[1];
                    case 1 -> lines.get(Math.min(lines.size() - 1, lines.indexOf(line) + 1 + random.nextInt(3)))[1];
                    case 2 -> random.nextInt(8) == 0 ? text.length() : line[1];
                    case 3 -> start;
                    default -> Math.min(line[1], start + random.nextInt(4));
                };
                String typed = random.nextInt(3) == 0 ? "" : TYPED[random.nextInt(TYPED.length)];
                Position from = spell(lines, start, text.length(), random);
                Position to = spell(lines, end, text.length(), random);
                Range range = random.nextInt(6) == 0 ? new Range(to, from) : new Range(from, to);
                String before = text.toString();
                text.replace(start, end, typed);
                int version = lsp.change(uri, new TextDocumentContentChangeEvent(range, typed));
                PublishDiagnosticsParams published = lsp.awaitVersion(uri, version);
                String expected = text.toString();
                String what = "edit " + i + " replacing " + at(range.getStart()) + ".." + at(range.getEnd())
                        + " (offsets " + start + ".." + end + ") with \"" + visible(typed) + "\" in \"" + visible(before) + "\"";
                assertEquals(visible(expected), visible(lsp.impl.documentText(uri).get(30, TimeUnit.SECONDS)),
                        "text after " + what);
                assertEquals(fresh(dir, board, expected), RandomEditsTest.seen(published.getDiagnostics(), expected),
                        "diagnostics after " + what);
            }
        }
    }

    private static String at(Position position) {
        return position.getLine() + ":" + position.getCharacter();
    }

    /** Line breaks shown, so a message tells "\\r\\n" from "\\n". */
    private static String visible(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n\n");
    }

    private static List<RandomEditsTest.Seen> fresh(Path root, Path board, String text) {
        OpenDocuments documents = new OpenDocuments();
        documents.open(board, text);
        Project project = new Project(root, documents);
        List<RandomEditsTest.Seen> out = new ArrayList<>();
        for (Finding f : project.report(board).findings()) {
            SourceSpan where = f.where();
            out.add(new RandomEditsTest.Seen(where.start(), where.end(), f.code(), f.severity().name(), f.message()));
        }
        out.sort(Comparator.comparingInt(RandomEditsTest.Seen::start).thenComparing(RandomEditsTest.Seen::message));
        return out;
    }
}
