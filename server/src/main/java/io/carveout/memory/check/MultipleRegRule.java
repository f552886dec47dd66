package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/** {@code multiple-reg}: every reg entry is reserved, but only the first is registered. */
final class MultipleRegRule implements Rule {
    @Override
    public String id() {
        return "multiple-reg";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || region.regs().size() < 2) {
                continue;
            }
            report.accept(Findings.of(this, analysis.at(region), region.name() + " has " + region.regs().size()
                    + " reg entries: the kernel reserves each of them but registers only the first ("
                    + Wording.range(region.regs().get(0)) + "), so the overlap check, the devices that use it through "
                    + "memory-region and the boot log see only that one; split it into one node per range",
                    List.of(), List.of(), List.of(region.node().path())));
        }
    }
}
