package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.Placement;
import io.carveout.memory.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code unplaceable}: a dynamic region for which the predicted placement finds no free aligned block. */
final class UnplaceableRule implements Rule {
    @Override
    public String id() {
        return "unplaceable";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (DynamicRegion dynamic : analysis.layout().dynamics()) {
            if (!(dynamic.placement() instanceof Placement.Failed failed)) {
                continue;
            }
            List<Related> related = new ArrayList<>();
            if (!dynamic.region().allocRanges().isEmpty()) {
                related.add(new Related(analysis.at(dynamic.region().node(), "alloc-ranges"), "alloc-ranges is set here"));
            }
            report.accept(Findings.of(this, analysis.at(dynamic.region()), dynamic.name() + " needs "
                    + Wording.size(dynamic.size()) + " aligned to " + Wording.size(dynamic.alignment()) + ", but there "
                    + "is " + failed.why() + ": the kernel fails it (\"failed to allocate memory for node '"
                    + dynamic.name() + "': size " + Long.divideUnsigned(dynamic.size(), 1 << 20) + " MiB\") and its "
                    + "users get no memory; widen alloc-ranges, or make room below the regions that fill them",
                    related, List.of(), List.of(dynamic.path())));
        }
    }
}
