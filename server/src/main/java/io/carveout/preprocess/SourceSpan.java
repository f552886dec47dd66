package io.carveout.preprocess;

import java.nio.file.Path;

/** A range {@code [start, end)} of character offsets in one file the user wrote. */
public record SourceSpan(Path file, int start, int end) {

    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }
}
