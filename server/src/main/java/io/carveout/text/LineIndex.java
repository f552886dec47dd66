package io.carveout.text;

import java.util.Arrays;

/**
 * Where each line of a text starts, so offsets and line/column positions convert
 * both ways in O(log lines). Lines end at "\n", "\r\n" or a lone "\r", as LSP
 * defines them. Offsets are indices into the Java string (UTF-16 code units).
 */
public final class LineIndex {
    private final String text;
    private final int[] lineStarts;

    public LineIndex(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    private LineIndex(String text, int[] lineStarts) {
        this.text = text;
        this.lineStarts = lineStarts;
    }

    /**
     * The index of the text this one's becomes by {@code change} ({@code after} is that text),
     * without reading the rest of it: the lines before the change keep their starts, those after
     * it move by the change's length, and only the changed stretch is read. A keystroke in a
     * 230 kB file costs a copy of its line starts rather than a pass over every character.
     */
    public LineIndex edited(TextChange change, String after) {
        int start = change.start();
        int end = change.end();
        int newEnd = start + change.replacement().length();
        if (end > text.length() || after.length() != text.length() - (end - start) + change.replacement().length()) {
            return new LineIndex(after);
        }
        // A line starts at s when the character at s - 1 breaks the line (a '\r' only when no
        // '\n' follows it at s): starts before the change read characters it left alone, starts
        // past its end moved with them, and those from its start to its new end are read anew.
        int keptBefore = firstStartAtOrAfter(start);
        int firstAfter = firstStartAtOrAfter(end + 1);
        int[] starts = new int[1 + keptBefore + (newEnd - start + 1) + (lineStarts.length - firstAfter)];
        System.arraycopy(lineStarts, 0, starts, 0, keptBefore);
        int count = keptBefore;
        if (count == 0) {
            starts[count++] = 0; // the first line starts at 0 whatever the change
        }
        for (int s = Math.max(1, start); s <= newEnd; s++) {
            char c = after.charAt(s - 1);
            if (c == '\n' || (c == '\r' && (s >= after.length() || after.charAt(s) != '\n'))) {
                starts[count++] = s;
            }
        }
        int delta = newEnd - end;
        for (int i = firstAfter; i < lineStarts.length; i++) {
            starts[count++] = lineStarts[i] + delta;
        }
        return new LineIndex(after, Arrays.copyOf(starts, count));
    }

    private int firstStartAtOrAfter(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 1;
    }

    /** The text this index was made of. */
    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    public int textLength() {
        return text.length();
    }

    /** The offset at which a line starts; lines past the end clamp to the end of the text. */
    public int lineStart(int line) {
        return line >= lineStarts.length ? text.length() : lineStarts[Math.max(0, line)];
    }

    /** The offset just after the last character of a line, before its line break. */
    public int lineEnd(int line) {
        if (line < 0) {
            return lineEnd(0);
        }
        if (line >= lineStarts.length - 1) {
            return text.length();
        }
        int end = lineStarts[line + 1];
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > lineStarts[line] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    /** The zero-based line holding an offset; an offset past the end is on the last line. */
    public int lineOf(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int i = Arrays.binarySearch(lineStarts, clamped);
        return i >= 0 ? i : -i - 2;
    }

    public Position positionOf(int offset) {
        return positionOf(offset, PositionEncoding.UTF16);
    }

    public Position positionOf(int offset, PositionEncoding encoding) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int line = lineOf(clamped);
        int start = lineStarts[line];
        return new Position(line, encoding == PositionEncoding.UTF16 ? clamped - start : utf8Length(start, clamped));
    }

    /** True when a position names a place inside the text (its line exists and the column is within it). */
    public boolean contains(Position position, PositionEncoding encoding) {
        if (position.line() >= lineStarts.length) {
            return false;
        }
        int lineLength = lineEnd(position.line()) - lineStarts[position.line()];
        int column = encoding == PositionEncoding.UTF16
                ? position.character()
                : utf16Column(position.line(), position.character());
        return column <= lineLength
                && (encoding == PositionEncoding.UTF16 || utf8Length(lineStart(position.line()),
                        lineStart(position.line()) + column) == position.character());
    }

    public int offsetOf(Position position) {
        return offsetOf(position, PositionEncoding.UTF16);
    }

    /**
     * The offset of a position. As LSP asks, a column past the end of its line means the
     * end of that line and a line past the end of the text means the end of the text.
     */
    public int offsetOf(Position position, PositionEncoding encoding) {
        if (position.line() >= lineStarts.length) {
            return text.length();
        }
        int start = lineStarts[position.line()];
        int end = lineEnd(position.line());
        int column = encoding == PositionEncoding.UTF16
                ? position.character()
                : utf16Column(position.line(), position.character());
        // compared as a length, never added first: clients send Integer.MAX_VALUE for "to the
        // end of the line", and start + column would wrap around to a negative offset
        return start + Math.min(column, end - start);
    }

    private int utf16Column(int line, int utf8Column) {
        int start = lineStarts[line];
        int end = lineEnd(line);
        int bytes = 0;
        int i = start;
        while (i < end && bytes < utf8Column) {
            int cp = text.codePointAt(i);
            bytes += utf8Width(cp);
            i += Character.charCount(cp);
        }
        return i - start;
    }

    private int utf8Length(int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            bytes += utf8Width(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Width(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        } else if (codePoint < 0x800) {
            return 2;
        } else if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }
}
