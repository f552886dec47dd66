package io.carveout.memory.check;

import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import com.google.common.primitives.UnsignedLong;
import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.Baseline;
import io.carveout.memory.Carveout;
import io.carveout.memory.Region;
import io.carveout.memory.Relocation;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code firmware-region}: a carve-out the baseline defines with no-map is the firmware's;
 * a later file may grow or move it (info: the firmware must follow). Shrinking, deleting or
 * disabling it hands memory back to the kernel (warning at the override, related to the
 * baseline's definition): the kernel cannot know whether the board's firmware still walls that
 * memory off, and boards whose firmware differs from the SoC's do it on purpose, so the finding
 * says what to check rather than predicting an abort. Against a baseline taken at a git revision
 * (the project's golden map, its firmware's contract) it is an error; a project whose baseline
 * setting names that contract can make the rule one. A node deleted and defined again under the
 * same label or name is judged as a move or a shrink.
 */
final class FirmwareRegionRule implements Rule {
    // The kernel takes the memory back without a word; only the board's firmware decides whether
    // that is fine, so the message says what to make sure of.
    private static final String ABORT = "make sure this board's firmware does not protect it (the kernel cannot "
            + "know: if the firmware still walls it off, the kernel's first access there ends in a synchronous "
            + "external abort)";

    @Override
    public String id() {
        return "firmware-region";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        Baseline baseline = analysis.baseline();
        Set<String> protectedPaths = baseline.regions().stream().map(Baseline.ProtectedRegion::path)
                .collect(Collectors.toSet());
        for (Baseline.ProtectedRegion original : baseline.regions()) {
            Optional<DtNode> live = analysis.tree().node(original.path());
            if (live.isPresent()) {
                judge(analysis, report, original, live.get(), null);
                continue;
            }
            Optional<DtNode> deleted = anyNode(analysis.tree().root(), original.path());
            SourceSpan deletedAt = deleted.flatMap(FirmwareRegionRule::deletion).orElse(null);
            Optional<DtNode> again = relocation(analysis, original, protectedPaths);
            if (again.isPresent()) {
                judge(analysis, report, original, again.get(), deletedAt);
            } else {
                deletedNode(analysis, report, original, deletedAt);
            }
        }
    }

    private void judge(Analysis analysis, Consumer<Finding> report, Baseline.ProtectedRegion original, DtNode node,
            SourceSpan deletedAt) {
        Baseline baseline = analysis.baseline();
        ReservedRegion region = analysis.regions().stream().filter(r -> r.node() == node).findFirst().orElse(null);
        if (region == null) {
            return;
        }
        List<String> subject = List.of(node.path());
        List<Related> related = baselineNote(analysis, original, node);
        if (deletedAt != null) {
            related.add(new Related(deletedAt, "/delete-node/ removes the baseline's " + original.name() + " here"));
        }
        if (!region.isEnabled()) {
            SourceSpan status = analysis.at(node, "status");
            if (baseline.changes(status)) {
                List<Fix> fixes = Findings.fixes(node.property("status")
                        .map(p -> new Fix("enable " + region.name() + " again (status = \"okay\")",
                                List.of(analysis.rewrite().replace(p.origin(), "status = \"okay\";")))));
                List<AddressRange> lost = handedBack(analysis, original);
                String drops = "status = \"" + region.status() + "\" drops " + region.name() + ", which "
                        + source(analysis, original) + " defines as no-map " + Wording.range(original.regs().get(0));
                report.accept(lost.isEmpty()
                        ? Findings.of(this, Severity.INFO, status, drops + ", but other no-map regions ("
                                + keepers(analysis, original) + ") keep all of it" + KEPT, related, List.of(), subject)
                        : Findings.of(this, handBack(analysis), status, drops + ": the kernel skips disabled "
                                + "reserved-memory nodes, so " + describe(lost) + " goes back to it; " + ABORT + ", or keep it enabled",
                                related, fixes, subject));
            }
            return;
        }
        if (node.property("reg").isEmpty()) {
            Optional<DtProperty> removed = node.allProperties().stream()
                    .filter(p -> p.name().equals("reg") && p.isDeleted()).findFirst();
            SourceSpan at = removed.map(DtProperty::deletedAt).orElse(analysis.at(node));
            if (baseline.changes(at)) {
                List<Fix> fixes = Findings.fixes(restoreByRemoving(analysis, at, original, "/delete-property/"));
                List<AddressRange> lost = handedBack(analysis, original);
                String takes = "/delete-property/ reg takes away all of " + region.name() + ", which "
                        + source(analysis, original) + " defines as no-map " + Wording.range(original.regs().get(0));
                report.accept(lost.isEmpty()
                        ? Findings.of(this, Severity.INFO, at, takes + ", but other no-map regions ("
                                + keepers(analysis, original) + ") keep all of it" + KEPT, related, List.of(), subject)
                        : Findings.of(this, handBack(analysis), at, takes + ": " + describe(lost)
                                + " goes back to the kernel; " + ABORT
                                + ", or keep its reg", related, fixes, subject));
            }
            return;
        }
        SourceSpan regAt = analysis.at(region);
        if (deletedAt == null && !baseline.changes(regAt)) {
            return;
        }
        List<AddressRange> now = region.regs();
        boolean shrunk = false;
        boolean moved = false;
        for (int i = 0; i < original.regs().size(); i++) {
            AddressRange was = original.regs().get(i);
            AddressRange is = i < now.size() ? now.get(i) : null;
            if (is == null || Long.compareUnsigned(is.size(), was.size()) < 0) {
                shrunk = true;
            }
            if (is != null && is.base() != was.base()) {
                moved = true;
            }
        }
        String how = deletedAt != null ? "is defined again as " : "is ";
        if (shrunk) {
            AddressRange first = original.regs().get(0);
            List<AddressRange> lost = handedBack(analysis, original);
            String nowText = now.isEmpty() ? "empty" : Wording.range(now.get(0));
            String smaller = region.name() + " " + how + nowText + ", smaller than " + source(analysis, original)
                    + "'s no-map " + Wording.range(first);
            report.accept(lost.isEmpty()
                    ? Findings.of(this, Severity.INFO, regAt, smaller + ", but other no-map regions ("
                            + keepers(analysis, original) + ") keep the rest" + KEPT, related, List.of(), subject)
                    : Findings.of(this, handBack(analysis), regAt, smaller + ": the board gives " + describe(lost)
                            + " back to the kernel; "
                            + ABORT + ", or keep the baseline size (grow or shift regions instead)", related,
                            Findings.fixes(restoreSize(analysis, region, original)),
                            subject));
        } else if (moved) {
            List<AddressRange> lost = handedBack(analysis, original);
            String movedText = region.name() + " " + (deletedAt != null ? "is relocated to " : "is moved to ")
                    + Wording.range(now.get(0)) + " from " + source(analysis, original) + "'s no-map "
                    + Wording.range(original.regs().get(0));
            report.accept(Findings.of(this, Severity.INFO, regAt, movedText + (lost.isEmpty()
                    ? ", and the old range stays no-map: the firmware of this board must protect the new range"
                    : ": the firmware of this board must protect the new range and release " + describe(lost)
                            + ", which goes back to the kernel (an access there aborts while the firmware still "
                            + "protects it)"), related, List.of(), subject));
        }
    }

    private void deletedNode(Analysis analysis, Consumer<Finding> report, Baseline.ProtectedRegion original,
            SourceSpan deletedAt) {
        Baseline baseline = analysis.baseline();
        SourceSpan at = deletedAt != null ? deletedAt : analysis.container().map(analysis::at)
                .orElse(analysis.at(analysis.tree().root()));
        if (!baseline.changes(at)) {
            return;
        }
        List<Related> related = baselineNote(analysis, original, null);
        List<AddressRange> lost = handedBack(analysis, original);
        String removes = (deletedAt != null ? "/delete-node/ removes " : "the tree no longer has ") + original.name()
                + ", which " + source(analysis, original) + " defines as no-map " + Wording.range(original.regs().get(0));
        report.accept(lost.isEmpty()
                ? Findings.of(this, Severity.INFO, at, removes + ", but other no-map regions ("
                        + keepers(analysis, original) + ") keep all of it" + KEPT, related, List.of(),
                        List.of(original.path()))
                : Findings.of(this, handBack(analysis), at, removes + ": " + describe(lost) + " goes back to the kernel; "
                        + ABORT
                        + ", or keep the node (to change it, grow it or move it)", related,
                        Findings.fixes(restoreByRemoving(analysis, at, original, "/delete-node/")),
                        List.of(original.path())));
    }

    // Memory handed back: the kernel cannot know whether the board's firmware protects it, but a
    // baseline taken at a git revision is the project's own firmware contract, and breaking it is
    // an error.
    private static Severity handBack(Analysis analysis) {
        return analysis.baseline().revision().isPresent() ? Severity.ERROR : Severity.WARNING;
    }

    // The note on the baseline's definition; a git revision's text is not the working file's,
    // so then it points at the node as it is now and quotes the revision.
    private static List<Related> baselineNote(Analysis analysis, Baseline.ProtectedRegion original, DtNode now) {
        Baseline baseline = analysis.baseline();
        String text = source(analysis, original) + " defines " + original.name() + " as no-map "
                + String.join(", ", original.regs().stream().map(Wording::range).toList());
        List<Related> out = new ArrayList<>();
        if (baseline.revision().isEmpty()) {
            out.add(new Related(original.regOrigin(), text));
        } else if (now != null) {
            out.add(new Related(analysis.at(now), text));
        }
        return out;
    }

    /** Every byte the tree keeps out of the kernel's hands now: enabled no-map carve-outs. */
    private static RangeSet<UnsignedLong> noMapNow(Analysis analysis) {
        RangeSet<UnsignedLong> out = TreeRangeSet.create();
        for (Carveout c : analysis.layout().carveouts()) {
            if (c.region().isEnabled() && c.region().noMap()) {
                c.at().span().ifPresent(out::add);
            }
        }
        return out;
    }

    /** The bytes of the baseline region that no no-map carve-out keeps any more: what the kernel gets back. */
    private static List<AddressRange> handedBack(Analysis analysis, Baseline.ProtectedRegion original) {
        RangeSet<UnsignedLong> lost = TreeRangeSet.create();
        original.regs().forEach(r -> r.span().ifPresent(lost::add));
        lost.removeAll(noMapNow(analysis));
        return lost.asRanges().stream().map(AddressRange::of).flatMap(Optional::stream).toList();
    }

    private static String describe(List<AddressRange> ranges) {
        long bytes = ranges.stream().mapToLong(AddressRange::size).sum();
        return String.join(", ", ranges.stream().map(AddressRange::brief).toList()) + " (" + Wording.size(bytes) + ")";
    }

    /** The regions that now keep a baseline region's bytes no-map, for the note that nothing is lost. */
    private static String keepers(Analysis analysis, Baseline.ProtectedRegion original) {
        List<String> names = new ArrayList<>();
        for (Carveout c : analysis.layout().carveouts()) {
            if (c.region().isEnabled() && c.region().noMap() && original.regs().stream().anyMatch(c.at()::overlaps)
                    && !names.contains(c.name())) {
                names.add(c.name());
            }
        }
        return String.join(", ", names);
    }

    private static final String KEPT = ": the firmware's range stays out of the kernel's hands; make sure the "
            + "firmware of this board expects this layout";

    /** The file that defines the region ("soc.dtsi"), or the revision it was read at. */
    private static String source(Analysis analysis, Baseline.ProtectedRegion original) {
        return analysis.baseline().revision().isPresent() ? analysis.baseline().name()
                : Analysis.fileName(original.regOrigin());
    }

    private static Optional<Fix> restoreByRemoving(Analysis analysis, SourceSpan statement,
            Baseline.ProtectedRegion original, String keyword) {
        if (statement == null || !analysis.rewrite().text(statement).map(t -> t.startsWith(keyword)).orElse(false)) {
            return Optional.empty();
        }
        for (Region region : analysis.layout().staticOccupants()) {
            for (AddressRange range : original.regs()) {
                if (region.range().get().overlaps(range)) {
                    return Optional.empty(); // something took its place: restoring would overlap it
                }
            }
        }
        return analysis.rewrite().removeStatement(statement)
                .map(e -> new Fix("restore " + original.name() + " (remove the " + keyword + ")", List.of(e)));
    }

    private static Optional<Fix> restoreSize(Analysis analysis, ReservedRegion region, Baseline.ProtectedRegion original) {
        List<Carveout> carveouts = analysis.layout().carveoutsOf(region);
        if (carveouts.size() != 1 || original.regs().size() != 1) {
            return Optional.empty();
        }
        Carveout c = carveouts.get(0);
        long size = original.regs().get(0).size();
        Relocation relocation = analysis.relocation();
        return relocation.shift(List.of(new Relocation.Change(c, c.at().base(), size, 1)))
                .filter(moves -> moves.stream().anyMatch(m -> m.carveout().equals(c) && m.to().base() == c.at().base()))
                .flatMap(moves -> relocation.fix("restore the baseline size " + Wording.hex(size) + " of " + c.name()
                        + (moves.size() > 1 ? ", shifting " + (moves.size() - 1) + " region"
                                + (moves.size() > 2 ? "s" : "") + " above" : ""), moves));
    }

    // A board that deletes a firmware region and defines it again: the live node that carries
    // one of its labels, or else its name before the '@'.
    private static Optional<DtNode> relocation(Analysis analysis, Baseline.ProtectedRegion original,
            Set<String> protectedPaths) {
        List<DtNode> candidates = analysis.container().map(DtNode::children).orElse(List.of()).stream()
                .filter(n -> !protectedPaths.contains(n.path())).toList();
        for (DtNode node : candidates) {
            if (node.labels().names().stream().anyMatch(original.labels()::contains)) {
                return Optional.of(node);
            }
        }
        return candidates.stream().filter(n -> n.baseName().equals(original.baseName())).findFirst();
    }

    private static Optional<DtNode> anyNode(DtNode root, String path) {
        DtNode node = root;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            DtNode next = null;
            for (DtNode child : node.allChildren()) {
                if (child.name().equals(part)) {
                    next = child; // the last one: a deleted node revived keeps its place, a new one is appended
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            node = next;
        }
        return Optional.of(node);
    }

    private static Optional<SourceSpan> deletion(DtNode node) {
        for (DtNode n = node; n != null; n = n.parent().orElse(null)) {
            if (n.deletedAt() != null) {
                return Optional.of(n.deletedAt());
            }
        }
        return Optional.empty();
    }
}
