package io.carveout.memory.check;

import io.carveout.memory.Analysis;
import io.carveout.memory.Diagnostic;
import io.carveout.memory.Fix;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.memory.Severity;
import io.carveout.tree.DtProperty;
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
    public String summary() {
        return "alignment or alloc-ranges on a node with reg: ignored";
    }

    @Override
    public void check(Analysis analysis, Consumer<Diagnostic> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || region.node().property("reg").isEmpty()) {
                continue;
            }
            for (String name : List.of("alignment", "alloc-ranges")) {
                DtProperty property = region.node().property(name).orElse(null);
                if (property == null) {
                    continue;
                }
                List<Fix> fixes = Findings.fixes(analysis.rewrite().removeProperty(property)
                        .map(edits -> new Fix("remove " + name + " (ignored with reg)", edits)));
                report.accept(Findings.of(this, analysis.at(region.node(), name), region.name() + " has reg, so the "
                        + "kernel places it there and ignores " + name + ", which only steers dynamic regions; "
                        + "remove " + name + ", or remove reg and give size to let the kernel place it",
                        List.of(), fixes, List.of(region.node().path())));
            }
        }
    }
}
