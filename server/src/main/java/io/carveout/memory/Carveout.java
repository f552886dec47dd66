package io.carveout.memory;

import io.carveout.text.SourceSpan;
import java.util.Optional;

/**
 * One {@code reg} entry of a {@code /reserved-memory} child: a static carve-out. The
 * kernel reserves every entry but registers only the first ({@code entry == 0}).
 */
public record Carveout(ReservedRegion region, int entry, AddressRange at) implements Region {
    @Override
    public String name() {
        return region.name();
    }

    @Override
    public Optional<AddressRange> range() {
        return Optional.of(at);
    }

    @Override
    public SourceSpan origin() {
        return region.regOrigin().orElse(region.nodeOrigin());
    }

    @Override
    public String path() {
        return region.node().path();
    }

    /** A CMA pool the kernel will set up: shared-dma-pool, reusable, not no-map. */
    public boolean isCmaPool() {
        return region.isCmaPool() && !region.noMap();
    }

    /** The boot-log line of this entry. */
    public String bootLog() {
        return BootLog.line(at, region.noMap(), region.reusable(), region.name());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Carveout c && c.region.node() == region.node() && c.entry == entry;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(region.node()) * 31 + entry;
    }
}
