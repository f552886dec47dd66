package io.carveout.tree;

import io.carveout.text.SourceSpan;
import java.util.Optional;

/**
 * How to build a tree: whether labels are exported as dtc's {@code -@} does (which keeps
 * labelled {@code /omit-if-no-ref/} nodes), and how {@code /incbin/} files are read.
 */
public record TreeOptions(boolean symbols, BinaryFiles binaryFiles) {
    /**
     * Reads what an {@code /incbin/} asks for, relative to where the directive was written: at most
     * {@code length} bytes from {@code offset}, or all from there when {@code length} is negative.
     * Only the slice is read, and only once the file's size allows it.
     */
    @FunctionalInterface
    public interface BinaryFiles {
        Binary read(String name, SourceSpan includedFrom, long offset, long length);
    }

    /** The bytes an {@code /incbin/} got, or, for a file that exists but is not read, why. */
    public record Binary(Optional<byte[]> bytes, Optional<String> refusal) {
        public static Binary of(byte[] bytes) {
            return new Binary(Optional.of(bytes), Optional.empty());
        }

        public static Binary missing() {
            return new Binary(Optional.empty(), Optional.empty());
        }

        public static Binary refused(String why) {
            return new Binary(Optional.empty(), Optional.of(why));
        }
    }

    public static final TreeOptions DEFAULT = new TreeOptions(false, (name, from, offset, length) -> Binary.missing());

    public TreeOptions withSymbols(boolean generate) {
        return new TreeOptions(generate, binaryFiles);
    }

    public TreeOptions withBinaryFiles(BinaryFiles files) {
        return new TreeOptions(symbols, files);
    }
}
