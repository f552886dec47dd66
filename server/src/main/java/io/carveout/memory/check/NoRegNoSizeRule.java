package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/** {@code no-reg-no-size}: a region with neither reg nor size (nor iommu-addresses) reserves nothing. */
final class NoRegNoSizeRule implements Rule {
    @Override
    public String id() {
        return "no-reg-no-size";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || region.node().property("reg").isPresent()
                    || region.node().property("size").isPresent()
                    || region.node().property("iommu-addresses").isPresent()) {
                continue;
            }
            report.accept(Findings.of(this, analysis.at(region.node()), region.name() + " has neither reg nor size: "
                    + "the kernel reserves nothing for it, and a device that uses it through memory-region gets no "
                    + "memory; give it reg = <address size> or size = <size>", List.of(), List.of(),
                    List.of(region.node().path())));
        }
    }
}
