package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/** {@code zero-size}: a reg entry or a size of 0, which the kernel fails to reserve. */
final class ZeroSizeRule implements Rule {
    @Override
    public String id() {
        return "zero-size";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled()) {
                continue;
            }
            List<String> subject = List.of(region.node().path());
            for (int i = 0; i < region.regs().size(); i++) {
                AddressRange range = region.regs().get(i);
                if (range.isEmpty()) {
                    report.accept(Findings.of(this, analysis.at(region.node(), "reg"), "reg"
                            + (region.regs().size() > 1 ? " entry " + (i + 1) : "") + " of " + region.name()
                            + " has size 0: the kernel fails it (\"failed to reserve memory for node '"
                            + region.name() + "'\") and a device that uses it gets no memory; give the real size",
                            List.of(), List.of(), subject));
                }
            }
            if (region.regs().isEmpty() && region.size().isPresent() && region.size().get() == 0
                    && region.node().property("size").map(p -> p.bytes().length == 4 * analysis.sizeCells())
                            .orElse(false)) {
                report.accept(Findings.of(this, analysis.at(region.node(), "size"), "size of " + region.name()
                        + " is 0: the kernel cannot allocate it (\"failed to allocate memory for node '" + region.name()
                        + "'\"); give the real size", List.of(), List.of(), subject));
            }
        }
    }
}
