package io.carveout.memory;

import com.google.common.collect.TreeRangeSet;
import com.google.common.primitives.UnsignedLong;
import io.carveout.finding.Edit;
import io.carveout.finding.Fix;
import io.carveout.tree.DtProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Plans where carve-outs go when one must move or grow, the way the Qualcomm memory-map
 * documentation advises: the region that changes goes to its new place, then every later
 * region that would now collide shifts up, in address order, by the least amount that keeps
 * its alignment. No region ever shrinks. A plan is kept only when it leaves DRAM, the 4 GiB
 * line of CMA pools and every dynamic region's placement as good as it found them, and never
 * moves or shrinks a firmware-protected region (a no-map carve-out of the baseline): the
 * firmware walls off that range whatever the tree says, so the others go around it.
 */
public final class Relocation {
    private static final long FOUR_GIB = 1L << 32;

    private final Analysis analysis;
    private final Set<Carveout> released;

    Relocation(Analysis analysis) {
        this(analysis, Set.of());
    }

    private Relocation(Analysis analysis, Set<Carveout> released) {
        this.analysis = analysis;
        this.released = Set.copyOf(released);
    }

    /** The same planner with these firmware regions free to move (see {@link #firmwareConflict}). */
    public Relocation releasing(Set<Carveout> regions) {
        return new Relocation(analysis, regions);
    }

    /**
     * The firmware regions of an overlapping pair that a fix may move: the baseline's own ranges
     * overlap (either may move), or one has grown (as a board may) over the other, which may then
     * move, as the vendor's guidance says of a grown region ("shift all other subsequent
     * regions"). No fix can solve these with both where the baseline puts them; every other
     * firmware region still stays. Empty for any other pair.
     */
    public Set<Carveout> firmwareConflict(Carveout a, Carveout b) {
        List<AddressRange> first = baselineRegs(a);
        List<AddressRange> second = baselineRegs(b);
        if (first.isEmpty() || second.isEmpty() || !a.at().overlaps(b.at())) {
            return Set.of();
        }
        if (first.stream().anyMatch(x -> second.stream().anyMatch(x::overlaps))) {
            return Set.of(a, b);
        }
        if (first.stream().noneMatch(b.at()::overlaps)) {
            return Set.of(b); // a reaches b only with the bytes it gained
        }
        return second.stream().noneMatch(a.at()::overlaps) ? Set.of(a) : Set.of();
    }

    private List<AddressRange> baselineRegs(Carveout c) {
        if (!c.region().noMap()) {
            return List.of();
        }
        return analysis.baseline().regions().stream().filter(p -> p.path().equals(c.region().node().path()))
                .findFirst().map(Baseline.ProtectedRegion::regs).orElse(List.of());
    }

    /** A carve-out at its new place. */
    public record Move(Carveout carveout, AddressRange to) {
    }

    /** A carve-out that must start at {@code earliest} or above, with {@code size}, at {@code alignment}. */
    public record Change(Carveout carveout, long earliest, long size, long alignment) {
    }

    /** The alignment the kernel demands of a carve-out: CMA minimum for a CMA pool, a page for no-map. */
    public long requiredAlignment(Carveout c) {
        if (c.isCmaPool()) {
            return analysis.settings().cmaAlignment();
        }
        return c.region().noMap() ? analysis.settings().pageSize() : 1;
    }

    /** The alignment a moved region gets: the vendor boundary, or more when the kernel demands it. */
    public long boundaryFor(Carveout c) {
        return Math.max(analysis.settings().boundaryAlignment(), requiredAlignment(c));
    }

    /**
     * True when the firmware walls off the carve-out's range: its node is one the baseline defines
     * with no-map. A fix may grow it in place, never move it or give bytes back.
     */
    public boolean isFirmwareProtected(Carveout c) {
        return !released.contains(c) && c.region().noMap() && analysis.baseline().regions().stream()
                .anyMatch(p -> p.path().equals(c.region().node().path()));
    }

    // A change may grow a firmware-protected region where it is, nothing else.
    private boolean keepsFirmwareRange(Carveout c, AddressRange to) {
        return !isFirmwareProtected(c)
                || (to.base() == c.at().base() && Long.compareUnsigned(to.size(), c.at().size()) >= 0);
    }

    /** True when the carve-out's reg can be rewritten: a single entry written as plain cells. */
    public boolean isMovable(Carveout c) {
        if (c.region().regs().size() != 1) {
            return false;
        }
        Optional<DtProperty> reg = c.region().node().property("reg");
        return reg.isPresent() && analysis.rewrite().setEntry(reg.get(), c.entry(), analysis.addressCells(),
                analysis.sizeCells(), c.at()).isPresent();
    }

    /**
     * Applies the changes, then shifts every enabled carve-out at or above the lowest changed
     * one that now collides, going around firmware-protected ones. Empty when a region that must
     * move cannot, a change would move or shrink a firmware-protected region, or the result is
     * worse.
     */
    public Optional<List<Move>> shift(List<Change> changes) {
        if (changes.isEmpty() || !analysis.fixes()) {
            return Optional.empty();
        }
        Set<Carveout> changed = new HashSet<>();
        changes.forEach(c -> changed.add(c.carveout()));
        long pivot = changes.stream().mapToLong(c -> c.carveout().at().base())
                .reduce((a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b).getAsLong();
        List<AddressRange> placed = new ArrayList<>();
        List<Carveout> followers = new ArrayList<>();
        for (Region region : analysis.layout().staticOccupants()) {
            if (region instanceof Carveout c && changed.contains(c)) {
                continue;
            }
            boolean below = Long.compareUnsigned(region.range().get().base(), pivot) < 0;
            // a firmware region stays where it is: what moves goes around it
            if (region instanceof Carveout c && !below && !isFirmwareProtected(c)) {
                followers.add(c);
            } else {
                placed.add(region.range().get().clipped());
            }
        }
        followers.sort(Comparator.comparing((Carveout c) -> UnsignedLong.fromLongBits(c.at().base())));
        List<Move> moves = new ArrayList<>();
        List<Change> order = new ArrayList<>(changes);
        order.sort(Comparator.comparing((Change c) -> UnsignedLong.fromLongBits(c.earliest())));
        for (Change change : order) {
            OptionalLong at = firstFree(change.earliest(), change.size(), change.alignment(), placed);
            if (at.isEmpty() || !isMovable(change.carveout())) {
                return Optional.empty();
            }
            AddressRange to = new AddressRange(at.getAsLong(), change.size());
            if (!keepsFirmwareRange(change.carveout(), to)) {
                return Optional.empty();
            }
            placed.add(to);
            moves.add(new Move(change.carveout(), to));
        }
        List<AddressRange> movedTo = new ArrayList<>(placed.subList(placed.size() - moves.size(), placed.size()));
        for (Carveout follower : followers) {
            // a follower moves only when a moved region pushes it; an overlap it already had is not ours to solve
            if (movedTo.stream().noneMatch(m -> m.overlaps(follower.at()))) {
                placed.add(follower.at().clipped());
                continue;
            }
            long alignment = Math.max(requiredAlignment(follower),
                    Alignment.natural(follower.at().base(), analysis.settings().boundaryAlignment()));
            OptionalLong at = firstFree(follower.at().base(), follower.at().size(), alignment, placed);
            if (at.isEmpty() || !isMovable(follower)) {
                return Optional.empty();
            }
            AddressRange to = new AddressRange(at.getAsLong(), follower.at().size());
            moves.add(new Move(follower, to));
            movedTo.add(to);
            placed.add(to);
        }
        return acceptable(moves) ? Optional.of(moves) : Optional.empty();
    }

    // The lowest address at or above `from`, at `alignment`, where `size` bytes touch nothing placed.
    private static OptionalLong firstFree(long from, long size, long alignment, List<AddressRange> placed) {
        OptionalLong candidate = Alignment.up(from, alignment);
        for (int round = 0; round <= placed.size() + 1 && candidate.isPresent(); round++) {
            AddressRange wanted = new AddressRange(candidate.getAsLong(), size);
            if (wanted.endOverflows()) {
                return OptionalLong.empty();
            }
            long highestEnd = 0;
            boolean collides = false;
            boolean toTop = false;
            for (AddressRange other : placed) {
                if (other.overlaps(wanted)) {
                    collides = true;
                    toTop |= other.end() == 0;
                    if (Long.compareUnsigned(other.end(), highestEnd) > 0) {
                        highestEnd = other.end();
                    }
                }
            }
            if (!collides) {
                return candidate;
            }
            if (toTop) {
                return OptionalLong.empty(); // what it collides with runs to the top of the address space
            }
            candidate = Alignment.up(highestEnd, alignment);
        }
        return OptionalLong.empty();
    }

    /**
     * The lowest free gap of DRAM that holds the carve-out at its boundary alignment, avoiding
     * every other region (placed dynamic ones included). A CMA pool never lands across 4 GiB.
     *
     * <p>None when DRAM is unknown (/memory of size 0, no {@code dram} setting). A hole between two
     * regions is then no evidence of RAM: carve-outs sit in IMEM and SRAM as well as in DRAM, a
     * /memreserve/ may cover a boot ROM, and DRAM banks leave unpopulated address space between
     * them, so the lowest hole is as likely MMIO as memory. Moved there, a region would trade a
     * loud "OVERLAP DETECTED!" for a device whose memory is not RAM. The shift fix, which puts the
     * region right after the one it collides with, stays: that memory is next to memory the board
     * already reserves. The {@code dram} setting brings the gap moves back.
     */
    public Optional<Move> toGap(Carveout carveout) {
        if (!analysis.fixes() || !isMovable(carveout) || isFirmwareProtected(carveout)
                || !analysis.layout().dram().isKnown()) {
            return Optional.empty();
        }
        TreeRangeSet<UnsignedLong> taken = TreeRangeSet.create();
        for (Region region : analysis.layout().occupants()) {
            if (region instanceof Carveout c && c.equals(carveout)) {
                continue;
            }
            region.range().flatMap(AddressRange::span).ifPresent(taken::add);
        }
        List<AddressRange> free = new ArrayList<>();
        TreeRangeSet<UnsignedLong> space = TreeRangeSet.create(analysis.layout().dram().addresses());
        space.removeAll(taken);
        space.asRanges().forEach(r -> AddressRange.of(r).ifPresent(free::add));
        long alignment = boundaryFor(carveout);
        long size = carveout.at().size();
        for (AddressRange gap : free) {
            OptionalLong at = Alignment.up(gap.base(), alignment);
            if (at.isEmpty()) {
                continue;
            }
            AddressRange to = new AddressRange(at.getAsLong(), size);
            if (to.endOverflows() || !gap.contains(to) || to.base() == carveout.at().base()) {
                continue;
            }
            if (carveout.isCmaPool() && crosses4GiB(to)) {
                continue;
            }
            Move move = new Move(carveout, to);
            if (acceptable(List.of(move))) {
                return Optional.of(move);
            }
        }
        return Optional.empty();
    }

    static boolean crosses4GiB(AddressRange range) {
        return Long.compareUnsigned(range.base(), FOUR_GIB) < 0 && Long.compareUnsigned(range.last(), FOUR_GIB) >= 0;
    }

    // A plan may not move a region out of DRAM, across 4 GiB (CMA), or make a dynamic region unplaceable.
    private boolean acceptable(List<Move> moves) {
        Dram dram = analysis.layout().dram();
        Map<Carveout, AddressRange> to = new HashMap<>();
        for (Move move : moves) {
            if (move.to().endOverflows()) {
                return false;
            }
            if (dram.isKnown() && dram.holds(move.carveout().at()) && !dram.holds(move.to())) {
                return false;
            }
            if (move.carveout().isCmaPool() && crosses4GiB(move.to()) && !crosses4GiB(move.carveout().at())) {
                return false;
            }
            to.put(move.carveout(), move.to());
        }
        if (analysis.layout().dynamics().stream().noneMatch(d -> d.placement() instanceof Placement.Placed)) {
            return true; // no dynamic region to place again around the moved ones
        }
        TreeRangeSet<UnsignedLong> occupied = TreeRangeSet.create();
        for (Region region : analysis.layout().staticOccupants()) {
            AddressRange range = region instanceof Carveout c && to.containsKey(c) ? to.get(c) : region.range().get();
            range.span().ifPresent(occupied::add);
        }
        for (DynamicRegion dynamic : analysis.layout().dynamics()) {
            if (!(dynamic.placement() instanceof Placement.Placed)) {
                continue;
            }
            Placement again = Layout.place(dynamic.size(), dynamic.alignment(), dynamic.region().allocRanges(),
                    occupied, dram, analysis.settings().pageSize());
            if (!(again instanceof Placement.Placed placed)) {
                return false;
            }
            placed.at().span().ifPresent(occupied::add);
        }
        return true;
    }

    /** The fix that makes the moves: each reg where it is set, and unit addresses that followed the old base. */
    public Optional<Fix> fix(String title, List<Move> moves) {
        if (!analysis.fixes()) {
            return Optional.empty();
        }
        List<Edit> edits = new ArrayList<>();
        for (Move move : moves) {
            Carveout c = move.carveout();
            Optional<DtProperty> reg = c.region().node().property("reg");
            if (reg.isEmpty()) {
                return Optional.empty();
            }
            Optional<List<Edit>> cells = analysis.rewrite().setEntry(reg.get(), c.entry(), analysis.addressCells(),
                    analysis.sizeCells(), move.to());
            if (cells.isEmpty()) {
                return Optional.empty();
            }
            edits.addAll(cells.get());
            if (c.entry() == 0 && move.to().base() != c.at().base() && unitAddressMatches(c)) {
                analysis.rewrite().renameUnitAddress(c.region().node(), move.to().base()).ifPresent(edits::add);
            }
        }
        return edits.isEmpty() || overlapping(edits) ? Optional.empty() : Optional.of(new Fix(title, edits));
    }

    /** True when the node's unit address reads as the carve-out's base. */
    public static boolean unitAddressMatches(Carveout c) {
        return c.region().node().unitAddress().map(u -> {
            try {
                return Long.parseUnsignedLong(u, 16) == c.at().base();
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    static boolean overlapping(List<Edit> edits) {
        for (int i = 0; i < edits.size(); i++) {
            for (int j = i + 1; j < edits.size(); j++) {
                Edit a = edits.get(i);
                Edit b = edits.get(j);
                if (a.span().file().equals(b.span().file()) && a.span().start() < b.span().end()
                        && b.span().start() < a.span().end()) {
                    return true;
                }
            }
        }
        return false;
    }
}
