package io.carveout.memory;

import io.carveout.text.SourceSpan;
import java.util.Optional;

/**
 * A {@code /reserved-memory} child with {@code size} and no {@code reg}: the kernel
 * allocates it after every static region, and {@link #placement()} predicts where.
 *
 * @param alignment the alignment the kernel uses: {@code alignment} or 64 bytes, at least
 *     the CMA alignment for a CMA pool
 */
public record DynamicRegion(ReservedRegion region, long size, long alignment, Placement placement)
        implements Region {
    @Override
    public String name() {
        return region.name();
    }

    @Override
    public Optional<AddressRange> range() {
        return placement.range();
    }

    @Override
    public SourceSpan origin() {
        return region.sizeOrigin().orElse(region.nodeOrigin());
    }

    @Override
    public String path() {
        return region.node().path();
    }

    public boolean isCmaPool() {
        return region.isCmaPool() && !region.noMap();
    }

    /** The boot-log line once placed. */
    public Optional<String> bootLog() {
        return range().map(r -> BootLog.line(r, region.noMap(), region.reusable(), region.name()));
    }
}
