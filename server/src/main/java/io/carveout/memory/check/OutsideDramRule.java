package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.Dram;
import io.carveout.memory.Rule;
import io.carveout.tree.DtNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code outside-dram}: a static region not inside DRAM. The kernel does not check it; a CMA
 * pool outside RAM cannot be activated, so that case is an error.
 */
final class OutsideDramRule implements Rule {
    @Override
    public String id() {
        return "outside-dram";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        Dram dram = analysis.layout().dram();
        if (!dram.isKnown()) {
            return;
        }
        for (Carveout c : analysis.layout().carveouts()) {
            if (!c.region().isEnabled() || c.at().isEmpty() || dram.holds(c.at())) {
                continue;
            }
            boolean inside = dram.ranges().stream().anyMatch(r -> r.overlaps(c.at()));
            List<Related> related = new ArrayList<>();
            for (DtNode node : dram.nodes()) {
                related.add(new Related(analysis.at(node), node.path() + " is defined here"));
            }
            // Wholly outside the /memory as written, the pool may still be RAM: bootloaders rewrite
            // /memory (TI keystone's U-Boot moves DDR to its 36-bit alias), and the tree cannot
            // tell; astride the edge of a bank, part of the pool is certainly not in that RAM.
            boolean certain = c.isCmaPool() && inside;
            String consequence = c.isCmaPool()
                    ? (inside ? "" : "unless the bootloader adds this memory to /memory, ")
                            + "a CMA pool outside RAM cannot be activated (\"CMA area could not be activated\")"
                    : "the kernel does not check it, and a device given this memory gets no RAM behind it"
                            + " (on-chip SRAM or memory the bootloader adds to /memory is fine)";
            report.accept(Findings.of(this, certain ? Severity.ERROR : Severity.WARNING, analysis.at(c.region()),
                    c.name() + " " + Wording.range(c.at()) + " is " + (inside ? "partly " : "") + "outside DRAM ("
                    + String.join(", ", dram.ranges().stream().map(r -> r.brief()).toList()) + ", "
                    + dram.explanation() + "): " + consequence + "; move it into DRAM or fix the /memory ranges",
                    related, Findings.fixes(analysis.relocation().toGap(c).flatMap(m -> analysis.relocation().fix(
                            "move " + c.name() + " into DRAM at " + Wording.hex(m.to().base()), List.of(m)))),
                    List.of(c.path())));
        }
    }
}
