package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code alignment-cells}: the binding gives alignment #size-cells cells, Linux reads
 * #address-cells; when they differ, a value right for Linux is wrong for the binding.
 */
final class AlignmentCellsRule implements Rule {
    @Override
    public String id() {
        return "alignment-cells";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        int ac = analysis.addressCells();
        int sc = analysis.sizeCells();
        if (ac == sc) {
            return;
        }
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled()) {
                continue;
            }
            region.node().property("alignment").ifPresent(alignment -> {
                if (alignment.bytes().length == 4 * ac) {
                    report.accept(Findings.of(this, analysis.at(region.node(), "alignment"), "alignment of "
                            + region.name() + " has " + Wording.cells(ac) + " (#address-cells, what Linux reads), "
                            + "but the binding gives it #size-cells = " + sc + ": kernels and tools that follow "
                            + "the binding misread it; make #address-cells and #size-cells equal, or keep it "
                            + "and silence this where Linux is the only reader", List.of(), List.of(),
                            List.of(region.node().path())));
                }
            });
        }
    }
}
