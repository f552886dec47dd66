package io.carveout.tree;

import io.carveout.preprocess.SourceSpan;

/**
 * One element of a {@code <...>} array: its value (already truncated to the array's
 * width) and where it was written. A phandle reference ({@code &label}) carries the
 * reference; its value is the phandle once the tree is resolved.
 */
public record Cell(long value, SourceSpan origin, String reference) {
    public boolean isReference() {
        return reference != null;
    }

    Cell withValue(long resolved) {
        return new Cell(resolved, origin, reference);
    }
}
