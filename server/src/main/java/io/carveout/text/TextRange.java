package io.carveout.text;

/** A half-open range between two positions of one document. */
public record TextRange(Position start, Position end) {
    public TextRange {
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("range ends before it starts: " + start + ".." + end);
        }
    }

    public static TextRange of(int startLine, int startChar, int endLine, int endChar) {
        return new TextRange(new Position(startLine, startChar), new Position(endLine, endChar));
    }
}
