package io.carveout.memory;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import com.google.common.primitives.UnsignedLong;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The physical memory map laid out as the kernel will lay it out: DRAM, every static
 * carve-out, the /memreserve/ entries, each dynamic region where the kernel will place it,
 * and the free gaps between them.
 *
 * @param carveouts every reg entry of every /reserved-memory child, disabled ones included
 * @param dynamics the dynamic regions in tree order, each with its predicted placement
 * @param gaps free ranges: DRAM minus what is taken, or, when DRAM is unknown, the holes
 *     between taken ranges (see {@link #gapsExplanation()})
 */
public record Layout(
        MemoryMap map,
        Dram dram,
        List<Carveout> carveouts,
        List<MemReserveEntry> reservations,
        List<DynamicRegion> dynamics,
        List<AddressRange> gaps,
        String gapsExplanation) {

    /** Cache line size of arm64: what memblock aligns to when {@code alignment} is absent. */
    public static final long DEFAULT_ALIGNMENT = 64;

    public Layout {
        carveouts = List.copyOf(carveouts);
        reservations = List.copyOf(reservations);
        dynamics = List.copyOf(dynamics);
        gaps = List.copyOf(gaps);
    }

    public static Layout of(MemoryMap map, CheckSettings settings) {
        Dram dram = Dram.of(map, settings.dram());
        List<Carveout> carveouts = new ArrayList<>();
        for (ReservedRegion region : map.regions()) {
            for (int i = 0; i < region.regs().size(); i++) {
                carveouts.add(new Carveout(region, i, region.regs().get(i)));
            }
        }
        List<MemReserveEntry> reservations = new ArrayList<>();
        for (int i = 0; i < map.memReserves().size(); i++) {
            reservations.add(new MemReserveEntry(i, map.memReserves().get(i)));
        }
        TreeRangeSet<UnsignedLong> taken = TreeRangeSet.create();
        for (Region region : staticOccupants(carveouts, reservations)) {
            region.range().flatMap(AddressRange::span).ifPresent(taken::add);
        }
        List<DynamicRegion> dynamics = placeAll(map, settings, dram, taken);
        for (DynamicRegion dynamic : dynamics) {
            dynamic.range().flatMap(AddressRange::span).ifPresent(taken::add);
        }
        List<AddressRange> gaps = new ArrayList<>();
        String explanation;
        if (dram.isKnown()) {
            RangeSet<UnsignedLong> free = TreeRangeSet.create(dram.addresses());
            free.removeAll(taken);
            free.asRanges().forEach(r -> AddressRange.of(r).ifPresent(gaps::add));
            explanation = "free " + dram.explanation();
        } else {
            holes(taken).forEach(gaps::add);
            explanation = "holes between the regions only; " + dram.explanation();
        }
        return new Layout(map, dram, carveouts, reservations, dynamics, gaps, explanation);
    }

    /** The regions the kernel reserves before any allocation: enabled carve-outs and /memreserve/. */
    public List<Region> staticOccupants() {
        return staticOccupants(carveouts, reservations);
    }

    private static List<Region> staticOccupants(List<Carveout> carveouts, List<MemReserveEntry> reservations) {
        List<Region> out = new ArrayList<>(reservations);
        for (Carveout c : carveouts) {
            if (c.region().isEnabled() && !c.at().isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Every region that takes memory, placed dynamic ones included, in address order. */
    public List<Region> occupants() {
        List<Region> out = new ArrayList<>(staticOccupants());
        for (DynamicRegion d : dynamics) {
            if (d.range().isPresent()) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing((Region r) -> UnsignedLong.fromLongBits(r.range().get().base())));
        return out;
    }

    /** The carve-outs of one region, in reg order. */
    public List<Carveout> carveoutsOf(ReservedRegion region) {
        return carveouts.stream().filter(c -> c.region().node() == region.node()).toList();
    }

    public Optional<DynamicRegion> dynamicOf(ReservedRegion region) {
        return dynamics.stream().filter(d -> d.region().node() == region.node()).findFirst();
    }

    /** The free ranges between the taken ones, from the lowest taken address to the highest. */
    static List<AddressRange> holes(RangeSet<UnsignedLong> taken) {
        List<AddressRange> out = new ArrayList<>();
        if (taken.isEmpty()) {
            return out;
        }
        RangeSet<UnsignedLong> free = TreeRangeSet.create(ImmutableRangeSet.of(taken.span()));
        free.removeAll(taken);
        free.asRanges().forEach(r -> AddressRange.of(r).ifPresent(out::add));
        return out;
    }

    // Dynamic regions, placed one after the other in tree order, each avoiding everything
    // placed before it (RULES.md, "Dynamic placement").
    private static List<DynamicRegion> placeAll(MemoryMap map, CheckSettings settings, Dram dram,
            TreeRangeSet<UnsignedLong> taken) {
        List<DynamicRegion> out = new ArrayList<>();
        TreeRangeSet<UnsignedLong> occupied = TreeRangeSet.create(taken);
        for (ReservedRegion region : map.regions()) {
            if (!region.isDynamic()) {
                continue;
            }
            long size = region.size().orElse(0L);
            long alignment = alignmentOf(region, settings);
            Placement placement = skipReason(region, map).<Placement>map(Placement.Skipped::new)
                    .orElseGet(() -> place(size, alignment, region.allocRanges(), occupied, dram, settings.pageSize()));
            placement.range().flatMap(AddressRange::span).ifPresent(occupied::add);
            out.add(new DynamicRegion(region, size, alignment, placement));
        }
        return out;
    }

    /** The alignment the kernel allocates a dynamic region with. */
    public static long alignmentOf(ReservedRegion region, CheckSettings settings) {
        long alignment = region.alignment().filter(a -> a != 0).orElse(DEFAULT_ALIGNMENT);
        if (region.isCmaPool() && !region.noMap() && Long.compareUnsigned(alignment, settings.cmaAlignment()) < 0) {
            alignment = settings.cmaAlignment();
        }
        return alignment;
    }

    private static Optional<String> skipReason(ReservedRegion region, MemoryMap map) {
        if (!region.isEnabled()) {
            return Optional.of("status is \"" + region.status() + "\": the kernel skips the node");
        }
        int ac = map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::addressCells).orElse(2L).intValue();
        int sc = map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::sizeCells).orElse(1L).intValue();
        int sizeBytes = region.node().property("size").map(p -> p.bytes().length).orElse(0);
        if (sizeBytes != 4 * sc) {
            return Optional.of("size has " + sizeBytes / 4.0 + " cells, not #size-cells = " + sc
                    + ": \"invalid size property\", the kernel skips the node");
        }
        int alignBytes = region.node().property("alignment").map(p -> p.bytes().length).orElse(4 * ac);
        if (alignBytes != 4 * ac) {
            return Optional.of("alignment does not have #address-cells = " + ac
                    + " cells: \"invalid alignment property\", the kernel skips the node");
        }
        int allocBytes = region.node().property("alloc-ranges").map(p -> p.bytes().length).orElse(0);
        if (ac + sc > 0 && allocBytes % (4 * (ac + sc)) != 0) {
            return Optional.of("alloc-ranges is not a list of (address, size) pairs: the kernel skips the node");
        }
        if (region.size().orElse(0L) == 0) {
            return Optional.of("size is 0: nothing to allocate, the kernel fails the node");
        }
        return Optional.empty();
    }

    /**
     * The kernel's allocation of a dynamic region (memblock, top-down): the first window
     * (alloc-ranges entry, or all DRAM when there is none) that holds a free block of
     * {@code size} bytes at {@code alignment}, and in it the highest such block. memblock never
     * hands out the first page.
     */
    public static Placement place(long size, long alignment, List<AddressRange> allocRanges,
            RangeSet<UnsignedLong> occupied, Dram dram, long pageSize) {
        List<AddressRange> windows = allocRanges;
        boolean inAllocRanges = !allocRanges.isEmpty();
        if (windows.isEmpty()) {
            if (!dram.isKnown()) {
                return new Placement.Unknown(dram.explanation() + ", and the node has no alloc-ranges");
            }
            windows = List.of(new AddressRange(0, -1L));
        }
        for (AddressRange window : windows) {
            Optional<Range<UnsignedLong>> span = window.clipped().span();
            if (span.isEmpty()) {
                continue;
            }
            TreeRangeSet<UnsignedLong> free = TreeRangeSet.create();
            free.add(span.get());
            if (dram.isKnown()) {
                free.removeAll(dram.addresses().complement());
            }
            free.removeAll(occupied);
            if (pageSize > 0) {
                free.remove(Range.closedOpen(UnsignedLong.ZERO, UnsignedLong.fromLongBits(pageSize)));
            }
            for (Range<UnsignedLong> r : free.asDescendingSetOfRanges()) {
                Optional<AddressRange> block = AddressRange.of(r);
                if (block.isEmpty() || Long.compareUnsigned(size, block.get().size()) > 0) {
                    continue;
                }
                long candidate = Alignment.down(block.get().last() - size + 1, alignment);
                if (Long.compareUnsigned(candidate, block.get().base()) >= 0) {
                    // the window it was placed in as the user knows it: the alloc-ranges entry,
                    // else the bank of DRAM that holds it (not the whole address space searched)
                    AddressRange shown = inAllocRanges ? window : dram.isKnown()
                            ? AddressRange.of(dram.addresses().rangeContaining(UnsignedLong.fromLongBits(candidate)))
                                    .orElse(window)
                            : new AddressRange(block.get().base(), block.get().size());
                    return new Placement.Placed(new AddressRange(candidate, size), shown, inAllocRanges);
                }
            }
        }
        String where = inAllocRanges
                ? "alloc-ranges " + String.join(", ", allocRanges.stream().map(AddressRange::brief).toList())
                : "DRAM";
        return new Placement.Failed("no free block of " + BootLog.humanSize(size) + " aligned to "
                + BootLog.humanSize(alignment) + " in " + where
                + " beside the static regions and the dynamic ones placed before it");
    }
}
