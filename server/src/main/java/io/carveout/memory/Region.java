package io.carveout.memory;

import io.carveout.text.SourceSpan;
import java.util.Optional;

/**
 * Something that takes physical memory away from the kernel: a static carve-out (one
 * {@code reg} entry), a dynamic region where the kernel will place it, or a
 * {@code /memreserve/} entry.
 */
public sealed interface Region permits Carveout, DynamicRegion, MemReserveEntry {
    /** The name as the boot log prints it: the node name with its unit address. */
    String name();

    /** The addresses it takes, when known. */
    Optional<AddressRange> range();

    /** Where it was written: the reg, size or /memreserve/ in force. */
    SourceSpan origin();

    /** The node path, or {@code /memreserve/} for a header entry. */
    String path();
}
