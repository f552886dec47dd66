package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Alignment;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.Rule;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code boundary-alignment}: the Qualcomm memory-map rule that every region the kernel uses
 * starts and ends on a 1 MiB boundary (setting boundaryAlignment). It is that vendor's rule, not
 * the kernel's: by default it applies to a board whose root compatible names a Qualcomm SoC
 * ("qcom,..."), elsewhere only when the user sets the rule's level.
 */
final class BoundaryAlignmentRule implements Rule {
    @Override
    public String id() {
        return "boundary-alignment";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        if (analysis.settings().level(id()).isEmpty() && !qualcomm(analysis)) {
            return;
        }
        long boundary = analysis.settings().boundaryAlignment();
        for (Carveout c : analysis.layout().carveouts()) {
            if (!c.region().isEnabled() || c.at().isEmpty()) {
                continue;
            }
            boolean base = Alignment.isAligned(c.at().base(), boundary);
            boolean size = Alignment.isAligned(c.at().size(), boundary);
            if (base && size) {
                continue;
            }
            String what = !base && !size ? "base " + Wording.hex(c.at().base()) + " and size " + Wording.hex(c.at().size())
                    : !base ? "base " + Wording.hex(c.at().base()) : "size " + Wording.hex(c.at().size());
            report.accept(Findings.of(this, analysis.at(c.region()), c.name() + " has " + what + ", not a multiple of "
                    + Wording.size(boundary) + " (boundaryAlignment), against the vendor memory-map rule (\"the kernel "
                    + "expects all memory region boundaries defined for kernel usage to be 1 MB\"): the firmware's "
                    + "partition of memory and the kernel's may disagree at its edges; align it to "
                    + Wording.size(boundary),
                    List.of(), Findings.fixes(AlignFix.of(analysis, c, boundary)), List.of(c.path())));
        }
    }

    private static boolean qualcomm(Analysis analysis) {
        return analysis.tree().root().property("compatible").flatMap(p -> p.value().strings()).orElse(List.of())
                .stream().anyMatch(c -> c.startsWith("qcom,"));
    }
}
