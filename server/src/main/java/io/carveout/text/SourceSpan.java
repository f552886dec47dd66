package io.carveout.text;

import java.nio.file.Path;

/** A range {@code [start, end)} of character offsets in one file the user wrote. */
public record SourceSpan(Path file, int start, int end) {

    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** Whether {@code other} lies within this span, in the same file. */
    public boolean contains(SourceSpan other) {
        return start <= other.start && other.end <= end && inFile(other.file);
    }

    /** Whether this span is in {@code path}: paths cache their hash, so most of other files are told apart without comparing names. */
    public boolean inFile(Path path) {
        return file == path || (file.hashCode() == path.hashCode() && file.equals(path));
    }

    public int length() {
        return end - start;
    }

    /**
     * This span after {@code delta} characters were inserted (or, negative, removed) just
     * before offset {@code from} of {@code changed}: offsets at or after it move, others stay.
     */
    public SourceSpan movedBy(Path changed, int from, int delta) {
        if (delta == 0 || end < from || !inFile(changed)) {
            return this;
        }
        return new SourceSpan(file, start >= from ? start + delta : start, end + delta);
    }
}
