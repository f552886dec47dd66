package io.carveout.memory;

import io.carveout.text.SourceSpan;
import io.carveout.tree.MemReserve;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What differs between the memory map the sources give and the one a device has (the blob it
 * was booted with): regions added, removed, moved, grown or shrunk, made dynamic or static,
 * their flags and status, /memory and /memreserve/. A region is the same one on both sides when
 * it has the same node name, else when it shares a label.
 */
public final class MapDifference {
    /** What a change is, as the first word of its line. */
    public enum Kind { added, removed, moved, grown, shrunk, resized, placed, changed, memory, memreserve }

    /**
     * One difference.
     *
     * @param what the region's name, the /memory node's path, or the /memreserve/ range
     * @param sourcePlace where the sources set what differs (the reg, the size, the node), when they have it
     */
    public record Change(Kind kind, String what, String detail, SourceSpan sourcePlace) {
    }

    /** The differences, and how many regions are the same on both sides. */
    public record Result(List<Change> changes, int sameRegions, int comparedRegions) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    private MapDifference() {
    }

    public static Result of(MemoryMap sources, MemoryMap device) {
        List<Change> changes = new ArrayList<>();
        memory(sources, device, changes);
        memReserves(sources.memReserves(), device.memReserves(), changes);
        List<ReservedRegion> unmatched = new ArrayList<>(device.regions());
        Map<ReservedRegion, ReservedRegion> pairs = new LinkedHashMap<>();
        List<ReservedRegion> removed = new ArrayList<>();
        for (ReservedRegion ours : sources.regions()) {
            Optional<ReservedRegion> theirs = unmatched.stream().filter(r -> r.name().equals(ours.name())).findFirst()
                    .or(() -> unmatched.stream().filter(r -> !Collections.disjoint(r.labels(), ours.labels()))
                            .findFirst());
            theirs.ifPresentOrElse(t -> {
                pairs.put(ours, t);
                unmatched.remove(t);
            }, () -> removed.add(ours));
        }
        int same = 0;
        for (Map.Entry<ReservedRegion, ReservedRegion> pair : pairs.entrySet()) {
            int before = changes.size();
            region(pair.getKey(), pair.getValue(), changes);
            same += changes.size() == before ? 1 : 0;
        }
        for (ReservedRegion ours : removed) {
            changes.add(new Change(Kind.removed, ours.name(), describe(ours) + " is not in the device's tree",
                    place(ours)));
        }
        for (ReservedRegion theirs : unmatched) {
            changes.add(new Change(Kind.added, theirs.name(), describe(theirs) + " is in the device's tree only ("
                    + theirs.node().path() + ")", null));
        }
        return new Result(changes, same, pairs.size());
    }

    private static void region(ReservedRegion ours, ReservedRegion theirs, List<Change> changes) {
        String name = ours.name().equals(theirs.name()) ? ours.name() : ours.name() + " (" + theirs.name()
                + " in the device)";
        SourceSpan at = place(ours);
        if (ours.isStatic() && theirs.isStatic()) {
            regs(name, ours.regs(), theirs.regs(), at, changes);
        } else if (ours.isDynamic() && theirs.isStatic()) {
            changes.add(new Change(Kind.placed, name, "dynamic in the sources (" + describe(ours)
                    + "), placed in the device's tree at " + ranges(theirs.regs()), at));
        } else if (ours.isStatic() && theirs.isDynamic()) {
            changes.add(new Change(Kind.changed, name, "static in the sources at " + ranges(ours.regs())
                    + ", dynamic in the device's tree (" + describe(theirs) + ")", at));
        } else if (ours.isDynamic() && theirs.isDynamic()) {
            long a = ours.size().orElse(0L);
            long b = theirs.size().orElse(0L);
            if (a != b) {
                changes.add(new Change(Long.compareUnsigned(b, a) > 0 ? Kind.grown : Kind.shrunk, name,
                        "dynamic size " + hex(a) + " (" + BootLog.humanSize(a) + ") -> " + hex(b) + " ("
                        + BootLog.humanSize(b) + ")", ours.sizeOrigin().orElse(at)));
            }
            if (!ours.alignment().equals(theirs.alignment()) || !ours.allocRanges().equals(theirs.allocRanges())) {
                changes.add(new Change(Kind.changed, name, "alignment " + ours.alignment().map(MapDifference::hex)
                        .orElse("none") + " / alloc-ranges " + ranges(ours.allocRanges()) + " -> alignment "
                        + theirs.alignment().map(MapDifference::hex).orElse("none") + " / alloc-ranges "
                        + ranges(theirs.allocRanges()), at));
            }
        }
        List<String> flags = new ArrayList<>();
        if (ours.noMap() != theirs.noMap()) {
            flags.add(theirs.noMap() ? "no-map added" : "no-map removed");
        }
        if (ours.reusable() != theirs.reusable()) {
            flags.add(theirs.reusable() ? "reusable added" : "reusable removed");
        }
        if (!ours.status().equals(theirs.status())) {
            flags.add("status " + ours.status() + " -> " + theirs.status());
        }
        if (!ours.compatible().equals(theirs.compatible())) {
            flags.add("compatible " + ours.compatible() + " -> " + theirs.compatible());
        }
        if (!flags.isEmpty()) {
            changes.add(new Change(Kind.changed, name, String.join(", ", flags), place(ours)));
        }
    }

    private static void regs(String name, List<AddressRange> ours, List<AddressRange> theirs, SourceSpan at,
            List<Change> changes) {
        if (ours.equals(theirs)) {
            return;
        }
        if (ours.size() != theirs.size()) {
            changes.add(new Change(Kind.resized, name, "reg " + ranges(ours) + " -> " + ranges(theirs), at));
            return;
        }
        for (int i = 0; i < ours.size(); i++) {
            AddressRange a = ours.get(i);
            AddressRange b = theirs.get(i);
            String entry = ours.size() > 1 ? " [reg entry " + (i + 1) + "]" : "";
            if (a.equals(b)) {
                continue;
            }
            String detail = span(a) + " -> " + span(b);
            Kind kind;
            if (a.size() == b.size()) {
                kind = Kind.moved;
                detail += ", " + signed(b.base() - a.base());
            } else if (a.base() == b.base()) {
                kind = Long.compareUnsigned(b.size(), a.size()) > 0 ? Kind.grown : Kind.shrunk;
                detail += ", " + signed(b.size() - a.size());
            } else {
                kind = Kind.resized;
                detail += ", base " + signed(b.base() - a.base()) + ", size " + signed(b.size() - a.size());
            }
            changes.add(new Change(kind, name, detail + entry, at));
        }
    }

    private static void memory(MemoryMap sources, MemoryMap device, List<Change> changes) {
        Map<String, MemoryMap.MemoryNode> theirs = new LinkedHashMap<>();
        device.memoryNodes().forEach(m -> theirs.put(m.node().path(), m));
        for (MemoryMap.MemoryNode ours : sources.memoryNodes()) {
            MemoryMap.MemoryNode other = theirs.remove(ours.node().path());
            SourceSpan at = ours.node().definitions().isEmpty() ? null : ours.node().definitions().get(0);
            if (other == null) {
                changes.add(new Change(Kind.memory, ours.node().path(), ranges(ours.effective())
                        + " is not in the device's tree", at));
            } else if (!ours.effective().equals(other.effective())) {
                boolean filled = ours.effective().stream().allMatch(AddressRange::isEmpty);
                changes.add(new Change(Kind.memory, ours.node().path(), (filled ? "size 0 in the sources (the "
                        + "bootloader fills it in)" : ranges(ours.effective())) + " -> " + ranges(other.effective()),
                        at));
            }
        }
        for (MemoryMap.MemoryNode other : theirs.values()) {
            changes.add(new Change(Kind.memory, other.node().path(), ranges(other.effective())
                    + " is in the device's tree only", null));
        }
    }

    private static void memReserves(List<MemReserve> ours, List<MemReserve> theirs, List<Change> changes) {
        List<MemReserve> left = new ArrayList<>(theirs);
        for (MemReserve reserve : ours) {
            Optional<MemReserve> same = left.stream()
                    .filter(r -> r.address() == reserve.address() && r.size() == reserve.size()).findFirst();
            if (same.isPresent()) {
                left.remove(same.get());
            } else {
                changes.add(new Change(Kind.memreserve, span(new AddressRange(reserve.address(), reserve.size())),
                        "is not in the device's /memreserve/", reserve.origin()));
            }
        }
        for (MemReserve reserve : left) {
            changes.add(new Change(Kind.memreserve, span(new AddressRange(reserve.address(), reserve.size())),
                    "is in the device's /memreserve/ only", null));
        }
    }

    private static SourceSpan place(ReservedRegion region) {
        return region.regOrigin().or(region::sizeOrigin).filter(Objects::nonNull).orElse(region.nodeOrigin());
    }

    private static String describe(ReservedRegion region) {
        if (region.isStatic()) {
            return ranges(region.regs());
        }
        return region.size().map(s -> "dynamic " + hex(s) + " (" + BootLog.humanSize(s) + ")").orElse("no reg, no size");
    }

    private static String ranges(List<AddressRange> ranges) {
        return ranges.isEmpty() ? "none" : String.join(", ", ranges.stream().map(MapDifference::span).toList());
    }

    private static String span(AddressRange range) {
        return range.isEmpty() ? hex(range.base()) + " (0 bytes)" : range.brief() + " (" + BootLog.humanSize(range.size()) + ")";
    }

    private static String signed(long delta) {
        return (delta < 0 ? "-0x" + Long.toHexString(-delta) : "+0x" + Long.toHexString(delta));
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
