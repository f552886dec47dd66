package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Severity;
import io.carveout.memory.Alignment;
import io.carveout.memory.Analysis;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.tree.DtProperty;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** {@code alignment-pow2}: memblock rounds with masks, so an alignment must be a power of two. */
final class AlignmentPow2Rule implements Rule {
    @Override
    public String id() {
        return "alignment-pow2";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (ReservedRegion region : analysis.regions()) {
            if (!region.isEnabled() || region.alignment().isEmpty()) {
                continue;
            }
            long alignment = region.alignment().get();
            if (Alignment.isPowerOfTwo(alignment)) {
                continue;
            }
            DtProperty property = region.node().property("alignment").orElseThrow();
            OptionalLong next = Alignment.nextPowerOfTwo(alignment);
            Optional<Fix> fix = Optional.empty();
            if (next.isPresent()) {
                long[] words = property.value().asCells();
                long value = next.getAsLong();
                for (int i = words.length - 1, shift = 0; i >= 0; i--, shift += 32) {
                    words[i] = shift >= 64 ? 0 : (value >>> shift) & 0xffffffffL;
                }
                fix = analysis.rewrite().setWords(property, words).filter(e -> !e.isEmpty())
                        .map(e -> new Fix("round alignment up to " + Wording.hex(next.getAsLong()), e));
            }
            report.accept(Findings.of(this, analysis.at(region.node(), "alignment"), "alignment of " + region.name()
                    + " is " + Wording.hex(alignment) + ", not a power of two: memblock rounds addresses with masks "
                    + "that assume one, so the kernel places the region at the wrong address; use a power of two"
                    + next.stream().mapToObj(n -> " (" + Wording.hex(n) + ")").findFirst().orElse(""),
                    List.of(), Findings.fixes(fix), List.of(region.node().path())));
        }
    }
}
