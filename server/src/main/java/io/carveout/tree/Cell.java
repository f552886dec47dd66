package io.carveout.tree;

import io.carveout.text.SourceSpan;

/**
 * One element of a {@code <...>} array: its value (already truncated to the array's
 * width) and where it was written. A phandle reference ({@code &label}) carries the
 * reference; its value is the phandle once the tree is resolved.
 */
public record Cell(long value, SourceSpan origin, String reference) {
    public boolean isReference() {
        return reference != null;
    }

    /** The value of an integer literal as dtc reads it (strtoull, base 0; U and L suffixes); empty when dtc rejects it. */
    public static java.util.OptionalLong literalValue(String literal) {
        Long value = Literals.integer(literal);
        return value == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(value);
    }

    /** This cell written elsewhere; itself when the place is the same object. */
    Cell withOrigin(SourceSpan moved) {
        return moved == origin ? this : new Cell(value, moved, reference);
    }

    Cell withValue(long resolved) {
        return new Cell(resolved, origin, reference);
    }
}
