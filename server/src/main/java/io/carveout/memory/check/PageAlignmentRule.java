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
 * {@code page-alignment}: a no-map region must start and end on page boundaries, or the
 * partial pages at its edges stay in the kernel's linear map.
 */
final class PageAlignmentRule implements Rule {
    @Override
    public String id() {
        return "page-alignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        long page = analysis.settings().pageSize();
        String consequence = ": the partial pages at its edges stay in the kernel's linear map, and a speculative "
                + "access to memory the firmware walls off aborts";
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
