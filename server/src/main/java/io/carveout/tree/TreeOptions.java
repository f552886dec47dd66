package io.carveout.tree;

import io.carveout.preprocess.SourceSpan;
import java.util.Optional;

/**
 * How to build a tree: whether labels are exported as dtc's {@code -@} does (which keeps
 * labelled {@code /omit-if-no-ref/} nodes), and how {@code /incbin/} files are read.
 */
public record TreeOptions(boolean symbols, BinaryFiles binaryFiles) {
    /** Reads the bytes of a file that {@code /incbin/} names, relative to where the directive was written. */
    @FunctionalInterface
    public interface BinaryFiles {
        Optional<byte[]> read(String name, SourceSpan includedFrom);
    }

    public static final TreeOptions DEFAULT = new TreeOptions(false, (name, from) -> Optional.empty());

    public TreeOptions withSymbols(boolean generate) {
        return new TreeOptions(generate, binaryFiles);
    }

    public TreeOptions withBinaryFiles(BinaryFiles files) {
        return new TreeOptions(symbols, files);
    }
}
