package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.Placement;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code too-many-regions}: more regions than the kernel's table (MAX_RESERVED_REGIONS, 64 on
 * older kernels) or more CMA pools than CONFIG_CMA_AREAS (setting cmaAreas). The kernel saves
 * static regions first, then dynamic ones, each in tree order; the first that finds the table
 * full is reported.
 */
final class TooManyRegionsRule implements Rule {
    @Override
    public String id() {
        return "too-many-regions";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        List<ReservedRegion> saved = new ArrayList<>();
        for (ReservedRegion region : analysis.regions()) {
            if (region.isEnabled() && region.isStatic()) {
                saved.add(region);
            }
        }
        for (DynamicRegion dynamic : analysis.layout().dynamics()) {
            if (!(dynamic.placement() instanceof Placement.Skipped)) {
                saved.add(dynamic.region());
            }
        }
        int table = analysis.settings().regionTable();
        if (saved.size() > table) {
            ReservedRegion first = saved.get(table);
            report.accept(Findings.of(this, analysis.at(first), "the tree has " + saved.size() + " reserved-memory "
                    + "regions, more than the " + table + " of the kernel's table (MAX_RESERVED_REGIONS on kernels "
                    + "before 6.9): from " + first.name() + " on, " + (saved.size() - table) + " are reserved but not "
                    + "registered (\"not enough space for all defined regions.\"), and their devices find no pool; "
                    + "merge neighbouring carve-outs", List.of(), List.of(), List.of(first.node().path())));
        }
        List<ReservedRegion> pools = saved.stream().filter(r -> r.isCmaPool() && !r.noMap()).toList();
        int areas = analysis.settings().cmaAreas();
        if (pools.size() > areas) {
            ReservedRegion first = pools.get(areas);
            report.accept(Findings.of(this, analysis.at(first), "the tree has " + pools.size() + " CMA pools, more "
                    + "than CONFIG_CMA_AREAS = " + areas + " (setting cmaAreas): from " + first.name() + " on, the "
                    + "kernel has no slot for them (\"Not enough slots for CMA reserved regions!\") and those pools "
                    + "fail; raise CONFIG_CMA_AREAS (and cmaAreas) or merge pools", List.of(), List.of(),
                    List.of(first.node().path())));
        }
    }
}
