package io.carveout.workspace;

import io.carveout.memory.AddressRange;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The picture of a memory map the editor draws: DRAM when it is known, and the free gaps
 * between the enabled static regions (inside DRAM when it is known).
 */
public record MemoryLayout(List<AddressRange> dram, List<Gap> gaps) {
    /** A free range and the regions that bound it. */
    public record Gap(AddressRange range, String below, String above) {
    }

    public static MemoryLayout of(MemoryMap map) {
        List<AddressRange> dram = new ArrayList<>();
        for (MemoryMap.MemoryNode node : map.memoryNodes()) {
            node.effective().stream().filter(r -> !r.isEmpty()).forEach(dram::add);
        }
        record Placed(AddressRange range, String name) {
        }
        List<Placed> placed = new ArrayList<>();
        for (ReservedRegion region : map.regions()) {
            if (region.isEnabled()) {
                region.regs().stream().filter(r -> !r.isEmpty()).forEach(r -> placed.add(new Placed(r, region.name())));
            }
        }
        placed.sort(Comparator.comparing((Placed p) -> p.range().base(), Long::compareUnsigned));
        List<Gap> gaps = new ArrayList<>();
        long reach = 0;
        String last = null;
        for (Placed p : placed) {
            if (last != null && Long.compareUnsigned(p.range().base(), reach) > 0) {
                gaps.add(new Gap(new AddressRange(reach, p.range().base() - reach), last, p.name()));
            }
            if (last == null || Long.compareUnsigned(p.range().end(), reach) > 0) {
                reach = p.range().end();
                last = p.name();
            }
        }
        return new MemoryLayout(dram, gaps);
    }
}
