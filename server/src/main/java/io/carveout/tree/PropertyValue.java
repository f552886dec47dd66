package io.carveout.tree;

import io.carveout.text.SourceSpan;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value of a property: the pieces as written, and the bytes the blob will hold.
 * {@code references} says which kinds of reference the pieces hold ({@link #PHANDLE_REFERENCES},
 * {@link #PATH_REFERENCES}), found once when the value is made: a board's finish asks it of
 * each of its ~14,000 properties at every evaluation, and most values are taken unchanged from
 * the evaluation before.
 */
public record PropertyValue(List<ValuePart> parts, int references) {
    public static final PropertyValue EMPTY = new PropertyValue(List.of());
    /** A {@code <&label>} or {@code <&{/path}>} in a cell array. */
    static final int PHANDLE_REFERENCES = 1;
    /** A {@code &label} or {@code &{/path}} outside one, which the blob holds as a path. */
    static final int PATH_REFERENCES = 2;

    public PropertyValue {
        parts = List.copyOf(parts);
    }

    public PropertyValue(List<ValuePart> parts) {
        this(parts, referencesIn(parts));
    }

    private static int referencesIn(List<ValuePart> parts) {
        int kinds = 0;
        for (ValuePart part : parts) {
            if (part instanceof ValuePart.PathReference) {
                kinds |= PATH_REFERENCES;
            } else if (part instanceof ValuePart.CellArray array) {
                for (Cell cell : array.cells()) {
                    if (cell.isReference()) {
                        kinds |= PHANDLE_REFERENCES;
                        break;
                    }
                }
            }
        }
        return kinds;
    }

    boolean has(int referenceKind) {
        return (references & referenceKind) != 0;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ValuePart part : parts) {
            out.writeBytes(part.bytes());
        }
        return out.toByteArray();
    }

    /** The width in bits of the array that holds the cell written at {@code origin}; 0 when none does. */
    int bitsOfCellAt(SourceSpan origin) {
        for (ValuePart part : parts) {
            if (part instanceof ValuePart.CellArray array) {
                for (Cell cell : array.cells()) {
                    if (!cell.isReference() && origin.equals(cell.origin())) {
                        return array.bits();
                    }
                }
            }
        }
        return 0;
    }

    /** This value with the cell written at {@code origin} set to {@code newValue}; itself when no cell was written there. */
    PropertyValue withCellAt(SourceSpan origin, long newValue) {
        if (bitsOfCellAt(origin) == 0) {
            return this;
        }
        List<ValuePart> changed = new ArrayList<>(parts.size());
        for (ValuePart part : parts) {
            if (part instanceof ValuePart.CellArray array) {
                List<Cell> cells = new ArrayList<>(array.cells().size());
                for (Cell cell : array.cells()) {
                    cells.add(!cell.isReference() && origin.equals(cell.origin()) ? cell.withValue(newValue) : cell);
                }
                changed.add(new ValuePart.CellArray(array.bits(), cells, array.origin()));
            } else {
                changed.add(part);
            }
        }
        return new PropertyValue(changed);
    }

    /** This value with the place of each piece and cell passed through {@code move}; itself when none moves. */
    PropertyValue withSpansMoved(java.util.function.UnaryOperator<SourceSpan> move) {
        ValuePart[] moved = null; // made on the first piece that moves
        for (int i = 0; i < parts.size(); i++) {
            ValuePart now = parts.get(i).withSpansMoved(move);
            if (now != parts.get(i) && moved == null) {
                moved = parts.toArray(new ValuePart[0]);
            }
            if (moved != null) {
                moved[i] = now;
            }
        }
        // a move changes places, not which cells are references
        return moved == null ? this : new PropertyValue(List.of(moved), references);
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /**
     * The 32-bit cells of the value when it is made only of {@code <...>} arrays of
     * 32-bit elements, the form of reg, size and the like; empty otherwise.
     */
    public Optional<List<Cell>> cells32() {
        List<Cell> cells = new ArrayList<>();
        for (ValuePart part : parts) {
            if (!(part instanceof ValuePart.CellArray array) || array.bits() != 32) {
                return Optional.empty();
            }
            cells.addAll(array.cells());
        }
        return Optional.of(cells);
    }

    /** The value read as big-endian 32-bit cells, whatever pieces it was written in (as the kernel reads it). */
    public long[] asCells() {
        byte[] bytes = bytes();
        long[] cells = new long[bytes.length / 4];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = ((bytes[4 * i] & 0xffL) << 24) | ((bytes[4 * i + 1] & 0xffL) << 16)
                    | ((bytes[4 * i + 2] & 0xffL) << 8) | (bytes[4 * i + 3] & 0xffL);
        }
        return cells;
    }

    /** The value read as a list of NUL-terminated strings, when it is one. */
    public Optional<List<String>> strings() {
        byte[] bytes = bytes();
        if (bytes.length == 0 || bytes[bytes.length - 1] != 0) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                strings.add(new String(bytes, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return Optional.of(strings);
    }
}
