package io.carveout.memory.check;

import io.carveout.finding.Edit;
import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code static-dynamic-props}: alignment or alloc-ranges on a node that has reg, where the kernel ignores them. */
final class StaticDynamicPropsRule implements Rule {
    @Override
    public String id() {
        return "static-dynamic-props";
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
            List<DtProperty> ignored = new ArrayList<>();
            region.node().property("alignment").ifPresent(ignored::add);
            region.node().property("alloc-ranges").ifPresent(ignored::add);
            if (ignored.isEmpty()) {
                continue;
            }
            String names = String.join(" and ", ignored.stream().map(DtProperty::name).toList());
            List<Edit> edits = new ArrayList<>();
            for (DtProperty property : ignored) {
                analysis.rewrite().removeProperty(property).ifPresent(edits::addAll);
            }
            List<Fix> fixes = edits.isEmpty() ? List.of() : List.of(new Fix("remove " + names + " (ignored with reg)",
                    edits));
            report.accept(Findings.of(this, analysis.at(region.node(), ignored.get(0).name()), region.name()
                    + " has reg, so the kernel places it there and ignores " + names + ", which only steer dynamic "
                    + "regions; remove " + names + ", or remove reg and give size to let the kernel place it",
                    List.of(), fixes, List.of(region.node().path())));
        }
    }
}
