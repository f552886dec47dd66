package io.carveout.workspace;

import io.carveout.memory.AddressRange;
import io.carveout.memory.Layout;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.Overlap;
import io.carveout.memory.Region;
import io.carveout.memory.check.MemoryReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A board's memory map as every front end shows it (the table and the JSON of
 * {@code carveout map}, the request {@code carveout/memoryMap} and the editors' views drawn
 * from it): the laid-out map (DRAM, /memreserve/, the regions with their predicted
 * placements), the free gaps with what bounds them, the overlaps in force and the
 * diagnostics, all from one check of the board, so that no front end computes them again.
 */
public record MemoryMapView(CompiledBoard board, MemoryReport report, List<Gap> gaps, List<Overlap> overlaps) {

    /**
     * A free range of the layout and the regions that end where it starts and start where it
     * ends; none at the edge of a DRAM bank.
     */
    public record Gap(AddressRange range, Optional<Region> below, Optional<Region> above) {
    }

    public MemoryMapView {
        gaps = List.copyOf(gaps);
        overlaps = List.copyOf(overlaps);
    }

    public static MemoryMapView of(CompiledBoard board, MemoryReport report) {
        Layout layout = report.analysis().layout();
        List<Region> occupants = layout.occupants();
        List<Gap> gaps = new ArrayList<>();
        for (AddressRange gap : layout.gaps()) {
            Optional<Region> below = occupants.stream()
                    .filter(r -> !r.range().get().endOverflows() && r.range().get().end() == gap.base())
                    .reduce((first, second) -> second);
            Optional<Region> above = gap.endOverflows() ? Optional.empty()
                    : occupants.stream().filter(r -> r.range().get().base() == gap.end()).findFirst();
            gaps.add(new Gap(gap, below, above));
        }
        return new MemoryMapView(board, report, gaps, report.overlaps());
    }

    public MemoryMap map() {
        return report.analysis().map();
    }

    public Layout layout() {
        return report.analysis().layout();
    }
}
