package io.carveout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
