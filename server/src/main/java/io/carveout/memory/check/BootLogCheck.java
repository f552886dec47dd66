package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.memory.AddressRange;
import io.carveout.memory.BootLog;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.KernelLog;
import io.carveout.memory.Layout;
import io.carveout.memory.ReservedRegion;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A kernel log's reserved-memory lines against the prediction of a check: each static region
 * logged where the sources put it, each dynamic region placed where the layout predicts (or by
 * how much not), regions only one side has, and the errors the log shows that the check did or
 * did not predict, and those it predicted that the log does not show.
 */
public final class BootLogCheck {
    /** How a line compares, as the first word people read. */
    public enum Verdict { same, differs, placed, elsewhere, missing, unknown, predicted, unpredicted, absent }

    /** One comparison: its verdict, what it says, and the sources' place when it has one; the log's line number when it has one. */
    public record Line(Verdict verdict, String text, SourceSpan place, int logLine) {
    }

    /** The comparison, and whether the log had the lines of v6.3 and later (every region) or only the older, sparser ones. */
    public record Result(List<Line> lines, boolean everyRegionLogged, int entries) {
        public Result {
            lines = List.copyOf(lines);
        }

        public boolean agrees() {
            return lines.stream().allMatch(l -> l.verdict() == Verdict.same || l.verdict() == Verdict.placed
                    || l.verdict() == Verdict.predicted);
        }
    }

    /** The codes whose findings tell a failure the kernel logs. */
    private static final Set<String> FAILURES = Set.of(OverlapRule.ID, "unplaceable", "cma-alignment", "outside-dram");

    private BootLogCheck() {
    }

    public static Result compare(MemoryReport report, String log) {
        List<KernelLog.Entry> entries = KernelLog.read(log);
        List<KernelLog.Region> logged = new ArrayList<>(entries.stream()
                .filter(KernelLog.Region.class::isInstance).map(KernelLog.Region.class::cast).toList());
        List<KernelLog.PoolCreated> pools = new ArrayList<>(entries.stream()
                .filter(KernelLog.PoolCreated.class::isInstance).map(KernelLog.PoolCreated.class::cast).toList());
        boolean everyRegion = !logged.isEmpty();
        Layout layout = report.analysis().layout();
        List<Line> lines = new ArrayList<>();
        for (ReservedRegion region : report.analysis().map().regions()) {
            if (!region.isEnabled()) {
                continue;
            }
            SourceSpan at = region.regOrigin().or(region::sizeOrigin).filter(Objects::nonNull).orElse(region.nodeOrigin());
            if (region.isStatic()) {
                for (AddressRange reg : region.regs()) {
                    if (reg.isEmpty()) {
                        continue;
                    }
                    String predicted = BootLog.line(reg, region.noMap(), region.reusable(), region.name());
                    Optional<KernelLog.Region> found = take(logged, region.name());
                    if (found.isEmpty()) {
                        if (everyRegion) {
                            lines.add(new Line(Verdict.missing, "predicted " + predicted + "; the log has no line for it",
                                    at, 0));
                        }
                        continue;
                    }
                    KernelLog.Region r = found.get();
                    String seen = BootLog.line(r.range(), r.noMap(), r.reusable(), r.name());
                    lines.add(seen.equals(predicted) ? new Line(Verdict.same, seen, at, r.line())
                            : new Line(Verdict.differs, "predicted " + predicted + ", logged " + seen
                                    + delta(reg, r.range()), at, r.line()));
                }
            } else {
                Optional<DynamicRegion> dynamic = layout.dynamicOf(region);
                Optional<AddressRange> predicted = dynamic.flatMap(DynamicRegion::range);
                Optional<KernelLog.Region> found = take(logged, region.name());
                Optional<AddressRange> seen = found.map(KernelLog.Region::range);
                int line = found.map(KernelLog.Region::line).orElse(0);
                if (found.isEmpty()) {
                    Optional<KernelLog.PoolCreated> pool = pools.stream()
                            .filter(p -> p.name().equals(Optional.of(region.name()))).findFirst()
                            .or(() -> pools.stream().filter(p -> p.name().isEmpty() && predicted
                                    .map(r -> r.base() == p.base()).orElse(false)).findFirst());
                    pool.ifPresent(pools::remove);
                    // the pool's size is logged in whole MiB: the predicted size stands in for it
                    seen = pool.map(p -> new AddressRange(p.base(), region.size().orElse(p.sizeMiB() << 20)));
                    line = pool.map(KernelLog.PoolCreated::line).orElse(0);
                }
                String name = region.name() + " (dynamic, " + BootLog.humanSize(region.size().orElse(0L)) + ")";
                if (seen.isEmpty()) {
                    if (everyRegion) {
                        lines.add(new Line(Verdict.missing, name + ": predicted at "
                                + predicted.map(AddressRange::brief).orElse("no place") + "; the log has no line for it",
                                at, 0));
                    }
                } else if (predicted.isPresent() && predicted.get().base() == seen.get().base()) {
                    lines.add(new Line(Verdict.placed, name + " at " + seen.get().brief() + " as predicted", at, line));
                } else {
                    AddressRange placed = seen.get();
                    lines.add(new Line(Verdict.elsewhere, name + ": predicted at "
                            + predicted.map(AddressRange::brief).orElse("no place") + ", placed at " + placed.brief()
                            + predicted.map(p -> delta(p, placed)).orElse(""), at, line));
                }
            }
        }
        for (KernelLog.Region r : logged) {
            lines.add(new Line(Verdict.unknown, BootLog.line(r.range(), r.noMap(), r.reusable(), r.name())
                    + ": logged, not in the sources", null, r.line()));
        }
        errors(report, entries, lines);
        return new Result(lines, everyRegion, entries.size());
    }

    private static void errors(MemoryReport report, List<KernelLog.Entry> entries, List<Line> lines) {
        List<Finding> failures = new ArrayList<>(report.diagnostics().stream()
                .filter(f -> FAILURES.contains(f.code()) && f.isError()).toList());
        for (KernelLog.Entry entry : entries) {
            String what;
            List<String> names;
            Set<String> codes;
            if (entry instanceof KernelLog.Overlap o) {
                what = "OVERLAP DETECTED: " + o.first() + " (" + o.firstRange().brief() + ") overlaps with " + o.second()
                        + " (" + o.secondRange().brief() + ")";
                names = List.of(o.first(), o.second());
                codes = Set.of(OverlapRule.ID);
            } else if (entry instanceof KernelLog.ReserveFailed f) {
                what = "failed to reserve memory for node '" + f.name() + "'";
                names = List.of(f.name());
                codes = Set.of(OverlapRule.ID, "outside-dram");
            } else if (entry instanceof KernelLog.AllocationFailed f) {
                what = "failed to allocate memory for node '" + f.name() + "'";
                names = List.of(f.name());
                codes = Set.of("unplaceable");
            } else if (entry instanceof KernelLog.CmaMisaligned) {
                what = "incorrect alignment of CMA region";
                names = List.of();
                codes = Set.of("cma-alignment");
            } else {
                continue;
            }
            Optional<Finding> predicted = failures.stream().filter(f -> codes.contains(f.code()))
                    .filter(f -> names.isEmpty() || f.regions().stream().anyMatch(p -> names.stream()
                            .anyMatch(n -> p.endsWith("/" + n))))
                    .findFirst();
            predicted.ifPresent(failures::remove);
            lines.add(predicted.map(f -> new Line(Verdict.predicted, what + ": predicted [" + f.code() + "]", f.where(),
                    entry.line())).orElseGet(() -> new Line(Verdict.unpredicted, what + ": the check did not predict it",
                    null, entry.line())));
        }
        for (Finding f : failures) {
            lines.add(new Line(Verdict.absent, f.message() + " [" + f.code() + "]: predicted, not in the log", f.where(),
                    0));
        }
    }

    private static Optional<KernelLog.Region> take(List<KernelLog.Region> logged, String name) {
        Optional<KernelLog.Region> found = logged.stream().filter(r -> r.name().equals(name)).findFirst();
        found.ifPresent(logged::remove);
        return found;
    }

    private static String delta(AddressRange predicted, AddressRange seen) {
        List<String> parts = new ArrayList<>();
        if (predicted.base() != seen.base()) {
            parts.add("moved by " + signed(seen.base() - predicted.base()));
        }
        if (predicted.size() != seen.size()) {
            parts.add("size " + signed(seen.size() - predicted.size()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String signed(long delta) {
        return delta < 0 ? "-0x" + Long.toHexString(-delta) : "+0x" + Long.toHexString(delta);
    }
}
