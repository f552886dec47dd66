package io.carveout.tree;

import io.carveout.text.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One comma-separated piece of a property value, as written, with its bytes. */
public sealed interface ValuePart {
    SourceSpan origin();

    byte[] bytes();

    /** This piece with its place (and its cells' places) passed through {@code move}; itself when none moves. */
    default ValuePart withSpansMoved(java.util.function.UnaryOperator<SourceSpan> move) {
        SourceSpan at = origin() == null ? null : move.apply(origin());
        if (this instanceof CellArray array) {
            List<Cell> cells = array.cells();
            Cell[] moved = null; // made on the first cell that moves: most arrays of a board do not
            for (int i = 0; i < cells.size(); i++) {
                Cell cell = cells.get(i);
                Cell now = cell.origin() == null ? cell : cell.withOrigin(move.apply(cell.origin()));
                if (now != cell && moved == null) {
                    moved = cells.toArray(new Cell[0]);
                }
                if (moved != null) {
                    moved[i] = now;
                }
            }
            return moved == null && at == origin() ? this
                    : new CellArray(array.bits(), moved == null ? cells : List.of(moved), at);
        } else if (at == origin()) {
            return this;
        } else if (this instanceof Text text) {
            return new Text(text.content(), at);
        } else if (this instanceof Bytes bytes) {
            return new Bytes(bytes.content(), at);
        }
        PathReference reference = (PathReference) this;
        return new PathReference(reference.reference(), reference.resolvedPath(), at);
    }

    /** A {@code <...>} array of 8, 16, 32 or 64-bit elements. */
    record CellArray(int bits, List<Cell> cells, SourceSpan origin) implements ValuePart {
        public CellArray {
            cells = List.copyOf(cells);
        }

        @Override
        public byte[] bytes() {
            int width = bits / 8;
            byte[] out = new byte[cells.size() * width];
            for (int i = 0; i < cells.size(); i++) {
                long v = cells.get(i).value();
                for (int b = 0; b < width; b++) {
                    out[i * width + b] = (byte) (v >>> (8 * (width - 1 - b)));
                }
            }
            return out;
        }
    }

    /** A string, NUL-terminated in the blob. */
    record Text(byte[] content, SourceSpan origin) implements ValuePart {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] bytes() {
            byte[] out = new byte[content.length + 1];
            System.arraycopy(content, 0, out, 0, content.length);
            return out;
        }
    }

    /** A {@code [...]} byte string, or the bytes of an {@code /incbin/}. */
    record Bytes(byte[] content, SourceSpan origin) implements ValuePart {
        @Override
        public byte[] bytes() {
            return content.clone();
        }
    }

    /** {@code &label} or {@code &{/path}} as a value: the full path of the node, NUL-terminated. */
    record PathReference(String reference, String resolvedPath, SourceSpan origin) implements ValuePart {
        @Override
        public byte[] bytes() {
            if (resolvedPath == null) {
                return new byte[0];
            }
            byte[] path = resolvedPath.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[path.length + 1];
            System.arraycopy(path, 0, out, 0, path.length);
            return out;
        }
    }
}
