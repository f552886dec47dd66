package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Alignment;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code page-alignment}: a no-map region that does not start and end on page boundaries.
 * The kernel takes the reg as it is (memblock_mark_nomap marks exactly those bytes) and nothing
 * fails at boot; but the linear map is built from whole pages (arm64 map_mem rounds each mapped
 * range outward), so the pages at the region's edges stay mapped, though the page allocator never
 * hands them out. That matters only when the firmware walls those bytes off, which carveout cannot
 * see: a warning that says what to check.
 */
final class PageAlignmentRule implements Rule {
    @Override
    public String id() {
        return "page-alignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        long page = analysis.settings().pageSize();
        String consequence = ": the kernel marks exactly those bytes no-map, but maps memory in whole pages, so "
                + "the pages at its edges stay in its linear map (never allocated); if the firmware walls this "
                + "memory off, a speculative access through that mapping can abort";
        for (Carveout c : analysis.layout().carveouts()) {
            if (!c.region().isEnabled() || !c.region().noMap() || c.at().isEmpty()) {
                continue;
            }
            boolean base = Alignment.isAligned(c.at().base(), page);
            boolean size = Alignment.isAligned(c.at().size(), page);
            if (base && size) {
                continue;
            }
            String what = !base && !size ? "base " + Wording.hex(c.at().base()) + " and size " + Wording.hex(c.at().size())
                    : !base ? "base " + Wording.hex(c.at().base()) : "size " + Wording.hex(c.at().size());
            report.accept(Findings.of(this, analysis.at(c.region()), "no-map region " + c.name() + " has " + what
                    + ", not a multiple of the " + Wording.size(page) + " page" + consequence + "; align it to "
                    + Wording.size(page), List.of(), Findings.fixes(AlignFix.of(analysis, c, page)), List.of(c.path())));
        }
        for (DynamicRegion d : analysis.layout().dynamics()) {
            if (!d.region().isEnabled() || !d.region().noMap() || Alignment.isAligned(d.size(), page)) {
                continue;
            }
            report.accept(Findings.of(this, analysis.at(d.region()), "no-map region " + d.name() + " has size "
                    + Wording.hex(d.size()) + ", not a multiple of the " + Wording.size(page) + " page" + consequence
                    + "; round the size up to a multiple of " + Wording.size(page), List.of(), List.of(),
                    List.of(d.path())));
        }
    }
}
