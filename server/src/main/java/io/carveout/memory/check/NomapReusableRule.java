package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Alignment;
import io.carveout.memory.Analysis;
import io.carveout.memory.Baseline;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code nomap-reusable}: no-map and reusable together, which both CMA and coherent pools refuse. */
final class NomapReusableRule implements Rule {
    @Override
    public String id() {
        return "nomap-reusable";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || !region.noMap() || !region.reusable()) {
                continue;
            }
            DtProperty noMap = region.node().property("no-map").orElseThrow();
            DtProperty reusable = region.node().property("reusable").orElseThrow();
            List<Fix> fixes = new ArrayList<>();
            analysis.rewrite().removeProperty(reusable)
                    .map(e -> new Fix("remove reusable (keep a no-map carve-out)", e)).ifPresent(fixes::add);
            if (canDropNoMap(analysis, region)) {
                analysis.rewrite().removeProperty(noMap)
                        .map(e -> new Fix("remove no-map (keep the " + (region.compatible().contains("shared-dma-pool")
                                ? "CMA pool" : "reusable region") + ")", e)).ifPresent(fixes::add);
            }
            boolean pool = region.compatible().contains("shared-dma-pool");
            report.accept(Findings.of(this, analysis.at(region.node(), "no-map"), region.name() + " has both no-map "
                    + "and reusable: " + (pool ? "the CMA and coherent pool set-ups both refuse it, so the pool "
                    + "disappears and its devices get no memory" : "the schema rejects it, and reusable memory cannot "
                    + "be removed from the linear map") + "; keep reusable for a CMA pool, or no-map for a carve-out "
                    + "the kernel must never touch", List.of(new Related(analysis.at(region.node(), "reusable"),
                    "reusable is set here")), fixes, List.of(region.node().path())));
        }
    }

    // Dropping no-map is safe only when the firmware does not protect the region and, for a
    // CMA pool, its reg is already CMA-aligned (else the fix trades this error for another).
    private static boolean canDropNoMap(Analysis analysis, ReservedRegion region) {
        Baseline baseline = analysis.baseline();
        boolean firmware = baseline.regions().stream().anyMatch(p -> p.path().equals(region.node().path()));
        if (firmware) {
            return false;
        }
        if (!region.compatible().contains("shared-dma-pool")) {
            return true;
        }
        long cma = analysis.settings().cmaAlignment();
        if (region.isStatic()) {
            return region.regs().stream().allMatch(r -> Alignment.isAligned(r.base(), cma)
                    && Alignment.isAligned(r.size(), cma));
        }
        return region.size().map(s -> Alignment.isAligned(s, cma)).orElse(false);
    }
}
