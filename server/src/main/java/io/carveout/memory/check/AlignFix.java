package io.carveout.memory.check;

import io.carveout.finding.Fix;
import io.carveout.memory.Alignment;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.Relocation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The align quick-fix the three alignment rules share: round the base up and the size up to
 * the alignment (a region never shrinks), and shift the regions above when that makes them
 * collide.
 */
final class AlignFix {
    private AlignFix() {
    }

    static Optional<Fix> of(Analysis analysis, Carveout carveout, long alignment) {
        OptionalLong base = Alignment.up(carveout.at().base(), alignment);
        OptionalLong size = Alignment.up(carveout.at().size(), alignment);
        if (base.isEmpty() || size.isEmpty() || size.getAsLong() == 0) {
            return Optional.empty();
        }
        Relocation relocation = analysis.relocation();
        return relocation.shift(List.of(new Relocation.Change(carveout, base.getAsLong(), size.getAsLong(), alignment)))
                .flatMap(moves -> {
                    Relocation.Move own = moves.stream().filter(m -> m.carveout().equals(carveout)).findFirst()
                            .orElseThrow();
                    StringBuilder title = new StringBuilder("align " + carveout.name() + " to "
                            + Wording.size(alignment) + ":");
                    if (own.to().base() != carveout.at().base()) {
                        title.append(" base ").append(Wording.hex(own.to().base()));
                    }
                    if (own.to().size() != carveout.at().size()) {
                        title.append(own.to().base() != carveout.at().base() ? "," : "")
                                .append(" size ").append(Wording.hex(own.to().size()));
                    }
                    int others = moves.size() - 1;
                    if (others > 0) {
                        title.append(", shifting ").append(others).append(" region").append(others == 1 ? "" : "s")
                                .append(" above");
                    }
                    return relocation.fix(title.toString(), moves);
                });
    }
}
