package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/** {@code cma-default-twice}: more than one linux,cma-default pool; the last one set up wins silently. */
final class CmaDefaultTwiceRule implements Rule {
    @Override
    public String id() {
        return "cma-default-twice";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        List<ReservedRegion> defaults = analysis.regions().stream()
                .filter(r -> r.isEnabled() && r.node().property("linux,cma-default").isPresent()).toList();
        for (int i = 1; i < defaults.size(); i++) {
            ReservedRegion first = defaults.get(0);
            ReservedRegion region = defaults.get(i);
            report.accept(Findings.of(this, analysis.at(region.node(), "linux,cma-default"), region.name()
                    + " is the " + (i + 1) + ". node with linux,cma-default: the kernel takes the last one it sets up "
                    + "as the default CMA area and says nothing, so " + first.name() + " is not the default; keep "
                    + "linux,cma-default on one node only", List.of(new Related(analysis.at(first.node(),
                    "linux,cma-default"), first.name() + " has linux,cma-default too")), List.of(),
                    List.of(region.node().path(), first.node().path())));
        }
    }
}
