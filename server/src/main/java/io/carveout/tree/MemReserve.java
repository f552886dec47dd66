package io.carveout.tree;

import io.carveout.text.SourceSpan;
import java.util.List;

/** A {@code /memreserve/} entry: a range the kernel must never touch, from the blob's header. */
public record MemReserve(List<String> labels, long address, long size, SourceSpan origin) {
    public MemReserve {
        labels = List.copyOf(labels);
    }
}
