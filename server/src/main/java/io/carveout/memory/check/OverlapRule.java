package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.Carveout;
import io.carveout.memory.Overlap;
import io.carveout.memory.Region;
import io.carveout.memory.Relocation;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code overlap}: two static regions (enabled carve-outs, /memreserve/ entries) that share
 * a byte. Every pair is checked, not only neighbours as the kernel does. The diagnostic goes
 * to the region written later (in the checked file first), related to the other one.
 */
final class OverlapRule implements Rule {
    static final String ID = "overlap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        for (Overlap overlap : overlaps(analysis)) {
            report.accept(diagnostic(analysis, overlap));
        }
    }

    /** Every overlap the rule reports, before levels and carveout-ignore comments. */
    static List<Overlap> overlaps(Analysis analysis) {
        List<Overlap> out = new ArrayList<>();
        List<Region> regions = analysis.layout().staticOccupants();
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                Region a = regions.get(i);
                Region b = regions.get(j);
                if (a instanceof Carveout ca && b instanceof Carveout cb && ca.region().node() == cb.region().node()) {
                    continue; // entries of one node: reserving a byte twice is harmless
                }
                Optional<AddressRange> shared = a.range().get().intersection(b.range().get());
                if (shared.isEmpty()) {
                    continue;
                }
                if (!(a instanceof Carveout && b instanceof Carveout) && failing(analysis, a, b).isEmpty()) {
                    // a /memreserve/ entry over another, or under a mapped region: memblock reserves
                    // the memory twice, which is harmless, and logs nothing (only /reserved-memory
                    // nodes are checked for "OVERLAP DETECTED!")
                    continue;
                }
                boolean bLater = later(analysis, b, a, j, i);
                out.add(new Overlap(bLater ? b : a, bLater ? a : b, shared.get()));
            }
        }
        return out;
    }

    /** Whether a diagnostic in force is this rule's finding on the overlap. */
    static boolean reports(Analysis analysis, Finding diagnostic, Overlap overlap) {
        return diagnostic.code().equals(ID) && diagnostic.where().equals(at(analysis, overlap.reported()))
                && diagnostic.regions().equals(subjects(overlap));
    }

    private static List<String> subjects(Overlap overlap) {
        return List.of(overlap.reported().path(), overlap.other().path());
    }

    // Which of two regions is "the later one", where the user most likely made the change.
    private static boolean later(Analysis analysis, Region x, Region y, int xIndex, int yIndex) {
        boolean xHere = x.origin().file().equals(analysis.checkedFile());
        boolean yHere = y.origin().file().equals(analysis.checkedFile());
        if (xHere != yHere) {
            return xHere;
        }
        return xIndex > yIndex;
    }

    private Finding diagnostic(Analysis analysis, Overlap overlap) {
        Region here = overlap.reported();
        Region other = overlap.other();
        AddressRange shared = overlap.shared();
        AddressRange mine = here.range().get();
        AddressRange theirs = other.range().get();
        Optional<Region> failing = failing(analysis, here, other);
        String outcome;
        if (failing.isPresent()) {
            Region first = failing.get() == here ? other : here;
            outcome = failing.get().name() + " fails to reserve (\"failed to reserve memory for node\"): "
                    + first.name() + " reserved that memory first";
        } else if (noMap(here) && noMap(other)) {
            outcome = "reserves both: two owners for the same memory";
        } else {
            outcome = "both owners write the same memory";
        }
        // only /reserved-memory nodes are compared for the log line, not /memreserve/ entries
        boolean logged = here instanceof Carveout && other instanceof Carveout;
        String message = here.name() + " " + Wording.range(mine) + " overlaps " + other.name() + " "
                + Wording.range(theirs) + " in " + shared.brief() + " (" + Wording.size(shared.size()) + "): "
                + (logged ? "the kernel logs \"OVERLAP DETECTED!\" and " + outcome : outcome)
                + "; move one of them, or shift the regions above";
        return Findings.of(this, at(analysis, here), message,
                analysis.definedAt(other, other.name() + " " + Wording.range(theirs) + " is defined here"),
                fixes(analysis, here, other), subjects(overlap));
    }

    /**
     * The region of the two that the kernel fails to reserve, if one does. Marking memory no-map
     * fails when it is already reserved (early_init_dt_reserve_memory: -EBUSY), and what is
     * reserved first is the /memreserve/ entries, then the mapped regions in tree order; marking
     * no-map reserves nothing, so of two no-map regions neither fails.
     */
    private static Optional<Region> failing(Analysis analysis, Region a, Region b) {
        if (noMap(a) == noMap(b)) {
            return Optional.empty();
        }
        Region nomap = noMap(a) ? a : b;
        Region mapped = nomap == a ? b : a;
        return order(analysis, mapped) < order(analysis, nomap) ? Optional.of(nomap) : Optional.empty();
    }

    private static boolean noMap(Region region) {
        return region instanceof Carveout c && c.region().noMap();
    }

    // Where the kernel reserves a region: /memreserve/ entries before every node, nodes in tree order.
    private static int order(Analysis analysis, Region region) {
        return region instanceof Carveout c ? analysis.regions().indexOf(c.region()) : -1;
    }

    private static SourceSpan at(Analysis analysis, Region region) {
        return region instanceof Carveout c ? analysis.at(c.region()) : region.origin();
    }

    // Shift: the region that starts inside the other goes to the first boundary after it,
    // the regions above follow; when that one is the firmware's, which stays, the other goes
    // after it instead. Gap: the reported region goes to the lowest free gap. Of two firmware
    // regions that the baseline makes overlap, either may move; of one grown over another, the other.
    private static List<Fix> fixes(Analysis analysis, Region here, Region other) {
        List<Fix> fixes = new ArrayList<>();
        Relocation planner = analysis.relocation();
        Relocation relocation = here instanceof Carveout a && other instanceof Carveout b
                ? planner.releasing(planner.firmwareConflict(a, b)) : planner;
        Region upper = Long.compareUnsigned(here.range().get().base(), other.range().get().base()) >= 0 ? here : other;
        boolean firmwareAbove = upper instanceof Carveout u && relocation.isFirmwareProtected(u);
        Region mover = firmwareAbove ? (upper == here ? other : here) : upper;
        Region below = mover == here ? other : here;
        if (mover instanceof Carveout c && !(below.range().get().endOverflows())
                && below.range().get().end() != 0) {
            long alignment = relocation.boundaryFor(c);
            relocation.shift(List.of(new Relocation.Change(c, below.range().get().end(), c.at().size(), alignment)))
                    .flatMap(moves -> relocation.fix(shiftTitle(c, below, moves), moves))
                    .ifPresent(fixes::add);
        }
        if (here instanceof Carveout c) {
            relocation.toGap(c).flatMap(move -> relocation.fix("move " + c.name() + " to the free gap at "
                    + Wording.hex(move.to().base()), List.of(move))).ifPresent(fixes::add);
        }
        return fixes;
    }

    private static String shiftTitle(Carveout mover, Region below, List<Relocation.Move> moves) {
        long to = moves.stream().filter(m -> m.carveout().equals(mover)).findFirst().map(m -> m.to().base())
                .orElse(mover.at().base());
        int others = moves.size() - 1;
        return "move " + mover.name() + " to " + Wording.hex(to) + ", after " + below.name()
                + (others > 0 ? ", and shift the " + others + " region" + (others == 1 ? "" : "s") + " above it" : "");
    }
}
