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
 * {@code cma-alignment}: rmem_cma_setup refuses a CMA pool whose base or size is not a
 * multiple of the pageblock (setting cmaAlignment). The kernel aligns a dynamic pool's base
 * itself, but not its size.
 */
final class CmaAlignmentRule implements Rule {
    @Override
    public String id() {
        return "cma-alignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        long cma = analysis.settings().cmaAlignment();
        String consequence = ": the kernel refuses the pool (\"Reserved memory: incorrect alignment of CMA region\") "
                + "and hands the memory back to the page allocator, so its devices get no contiguous memory";
        for (Carveout c : analysis.layout().carveouts()) {
            if (!c.region().isEnabled() || !c.isCmaPool() || c.entry() != 0) {
                continue;
            }
            boolean base = Alignment.isAligned(c.at().base(), cma);
            boolean size = Alignment.isAligned(c.at().size(), cma);
            if (base && size) {
                continue;
            }
            String what = !base && !size ? "base " + Wording.hex(c.at().base()) + " and size " + Wording.hex(c.at().size())
                    : !base ? "base " + Wording.hex(c.at().base()) : "size " + Wording.hex(c.at().size());
            report.accept(Findings.of(this, analysis.at(c.region()), "CMA pool " + c.name() + " has " + what
                    + ", not a multiple of " + Wording.size(cma) + " (cmaAlignment)" + consequence + "; align it to "
                    + Wording.size(cma), List.of(), Findings.fixes(AlignFix.of(analysis, c, cma)), List.of(c.path())));
        }
        for (DynamicRegion d : analysis.layout().dynamics()) {
            if (!d.region().isEnabled() || !d.isCmaPool() || Alignment.isAligned(d.size(), cma)) {
                continue;
            }
            report.accept(Findings.of(this, analysis.at(d.region()), "CMA pool " + d.name() + " has size "
                    + Wording.hex(d.size()) + ", not a multiple of " + Wording.size(cma) + " (cmaAlignment)"
                    + consequence + "; round the size up to a multiple of " + Wording.size(cma), List.of(), List.of(),
                    List.of(d.path())));
        }
    }
}
