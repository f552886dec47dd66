package io.carveout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineIndexTest {

    @Test
    void everyLineBreakStyleStartsALine() {
        LineIndex index = new LineIndex("a\nb\r\nc\rd");
        assertEquals(4, index.lineCount());
        assertEquals(new Position(1, 0), index.positionOf(2));
        assertEquals(new Position(2, 0), index.positionOf(5));
        assertEquals(new Position(3, 1), index.positionOf(8));
        assertEquals(3, index.lineEnd(1)); // before "\r\n"
    }

    @Test
    void utf16AndUtf8ColumnsDifferPastNonAsciiText() {
        // "é" is one UTF-16 unit and two UTF-8 bytes; "😀" is two units and four bytes.
        String text = "/* é😀 */ x;\nnext";
        LineIndex index = new LineIndex(text);
        int x = text.indexOf('x');
        assertEquals(new Position(0, 10), index.positionOf(x, PositionEncoding.UTF16));
        assertEquals(new Position(0, 13), index.positionOf(x, PositionEncoding.UTF8));
        assertEquals(x, index.offsetOf(new Position(0, 13), PositionEncoding.UTF8));
        assertEquals(x, index.offsetOf(new Position(0, 10), PositionEncoding.UTF16));
    }

    @Test
    void positionsPastTheEndClampAsLspAsks() {
        LineIndex index = new LineIndex("ab\ncd");
        assertEquals(2, index.offsetOf(new Position(0, 99)));
        assertEquals(5, index.offsetOf(new Position(7, 0)));
        assertFalse(index.contains(new Position(0, 3), PositionEncoding.UTF16));
        assertTrue(index.contains(new Position(1, 2), PositionEncoding.UTF16));
    }

    @Test
    void rangeEditsApplyInOrderAgainstTheTextEachLeaves() {
        TextDocument document = new TextDocument("file:///b.dts", 1, "reg = <0x0 0x1000>;\nstatus = \"okay\";\n");
        TextDocument edited = document.apply(List.of(
                new TextEdit(TextRange.of(0, 13, 0, 17), "2000"),
                new TextEdit(TextRange.of(1, 10, 1, 14), "disabled")), 2);
        assertEquals("reg = <0x0 0x2000>;\nstatus = \"disabled\";\n", edited.text());
        assertEquals(2, edited.version());
        assertEquals(1, document.version(), "the older version is untouched");
        assertEquals("x", edited.apply(List.of(TextEdit.replaceAll("x")), 3).text());
    }

    @Test
    void insertionAtTheVeryEndAndDeletionAcrossLines() {
        TextDocument document = new TextDocument("file:///b.dts", 1, "a\nb\nc");
        assertEquals("a\nb\ncd", document.apply(List.of(new TextEdit(TextRange.of(2, 1, 2, 1), "d")), 2).text());
        assertEquals("ac", document.apply(List.of(new TextEdit(TextRange.of(0, 1, 2, 0), "")), 2).text());
    }

    /**
     * Every position a client can send, and the offset it names in "ab\r\ncd\nef\rgh":
     * a column past its line (Integer.MAX_VALUE is LSP's "to the end of the line") is the
     * end of that line, before its line break, on every line; a line past the last is the
     * end of the text. Before the fix, start + column wrapped around on every line but the
     * first and an edit ending there inserted instead of replacing.
     */
    @Test
    void everyColumnPastItsLineEndsThatLineWithoutItsBreak() {
        String text = "ab\r\ncd\nef\rgh";
        LineIndex index = new LineIndex(text);
        int max = Integer.MAX_VALUE;
        int[][] cases = {
            // line, column (UTF-16), offset
            {0, 0, 0}, {0, 2, 2}, {0, 3, 2}, {0, max, 2},
            {1, 0, 4}, {1, 2, 6}, {1, 3, 6}, {1, max, 6}, {1, max - 3, 6}, {1, max - 4, 6},
            {2, 1, 8}, {2, max, 9},
            {3, 0, 10}, {3, 2, 12}, {3, max, 12},
            {4, 0, 12}, {4, max, 12}, {max, 0, 12}, {max, max, 12},
        };
        for (int[] c : cases) {
            Position at = new Position(c[0], c[1]);
            assertEquals(c[2], index.offsetOf(at), "UTF-16 offset of " + at);
            assertEquals(c[2], index.offsetOf(at, PositionEncoding.UTF8), "UTF-8 offset of " + at);
        }
        for (int line = -1; line <= 4; line++) {
            assertTrue(index.lineEnd(line) >= index.lineStart(line), "line " + line + " ends after it starts");
        }
        assertEquals(2, index.lineEnd(-1), "a line before the first is the first");
    }

    /** The same ends as edits: each replaces up to the end of its line (or text) and nothing more. */
    @Test
    void anEditEndingPastItsLineReplacesToTheEndOfThatLine() {
        String text = "ab\r\ncd\nef\rgh";
        int max = Integer.MAX_VALUE;
        Object[][] cases = {
            // start line, start column, end line, end column, new text, expected text
            {0, 1, 0, max, "X", "aX\r\ncd\nef\rgh"},
            {1, 0, 1, max, "X", "ab\r\nX\nef\rgh"},
            {1, 1, 1, max, "", "ab\r\nc\nef\rgh"},
            {2, 0, 2, max, "XY", "ab\r\ncd\nXY\rgh"},
            {3, 1, 3, max, "", "ab\r\ncd\nef\rg"},
            {1, max, 2, max, "", "ab\r\ncd\rgh"},
            {2, 1, 9, 0, "", "ab\r\ncd\ne"},
            {1, 5, max, max, "!", "ab\r\ncd!"},
            {7, 0, 8, 3, "tail", "ab\r\ncd\nef\rghtail"},
        };
        for (Object[] c : cases) {
            TextRange range = TextRange.of((int) c[0], (int) c[1], (int) c[2], (int) c[3]);
            TextDocument document = new TextDocument("file:///b.dts", 1, text);
            assertEquals(c[5], document.apply(List.of(new TextEdit(range, (String) c[4])), 2).text(),
                    "replacing " + range + " with \"" + c[4] + "\"");
            assertEquals(c[5], document.apply(List.of(new TextEdit(range, (String) c[4])), 2, PositionEncoding.UTF8)
                    .text(), "UTF-8: replacing " + range);
        }
    }

    /**
     * An index made from the one before an edit equals one made from the text after it, for
     * edits that split or join "\r\n", add and remove lines, at the start and the end.
     */
    @Test
    void anIndexEditedWithTheTextEqualsOneMadeAfresh() {
        Random random = new Random(20261207);
        String alphabet = "ab\n\r ";
        for (int round = 0; round < 5_000; round++) {
            String before = randomText(random, alphabet, random.nextInt(12));
            int start = random.nextInt(before.length() + 1);
            int end = start + random.nextInt(before.length() - start + 1);
            TextChange change = new TextChange(start, end, randomText(random, alphabet, random.nextInt(4)));
            String after = change.applyTo(before);
            LineIndex edited = new LineIndex(before).edited(change, after);
            LineIndex fresh = new LineIndex(after);
            String what = "'" + before + "' with " + change;
            assertEquals(fresh.lineCount(), edited.lineCount(), what);
            for (int line = 0; line < fresh.lineCount(); line++) {
                assertEquals(fresh.lineStart(line), edited.lineStart(line), what + ", line " + line);
            }
            assertEquals(after, edited.text());
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
