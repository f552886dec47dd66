package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtProperty;
import java.util.List;
import java.util.function.Consumer;

/** {@code reg-and-size}: a node with both reg and size; the kernel ignores size. */
final class RegAndSizeRule implements Rule {
    @Override
    public String id() {
        return "reg-and-size";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || region.node().property("reg").isEmpty()) {
                continue;
            }
            DtProperty size = region.node().property("size").orElse(null);
            if (size == null) {
                continue;
            }
            List<Fix> fixes = Findings.fixes(analysis.rewrite().removeProperty(size)
                    .map(edits -> new Fix("remove size (the kernel ignores it)", edits)));
            report.accept(Findings.of(this, analysis.at(region.node(), "size"), region.name() + " has both reg and "
                    + "size: the kernel reserves reg and ignores size, and the schema rejects the node; remove size "
                    + "(or reg, to let the kernel place it)", List.of(new Related(analysis.at(region.node(), "reg"),
                    "reg is set here")), fixes, List.of(region.node().path())));
        }
    }
}
