package io.carveout.memory.check;

import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import com.google.common.primitives.UnsignedLong;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Analysis;
import io.carveout.memory.Baseline;
import io.carveout.memory.Carveout;
import io.carveout.memory.Diagnostic;
import io.carveout.memory.Fix;
import io.carveout.memory.Region;
import io.carveout.memory.Related;
import io.carveout.memory.Relocation;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.Rule;
import io.carveout.memory.Severity;
import io.carveout.preprocess.SourceSpan;
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
 * a later file may grow or move it (info: the firmware must follow) but not shrink, delete
 * or disable it (error at the override, related to the baseline's definition). A node
 * deleted and defined again under the same label or name is judged as a move or a shrink.
 */
final class FirmwareRegionRule implements Rule {
    private static final String ABORT = "trusted firmware still protects that memory, the kernel will hand it out, "
            + "and the first access ends in a synchronous external abort";

    @Override
    public String id() {
        return "firmware-region";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "a no-map carve-out of the baseline shrunk, deleted or disabled by a later file (moved: info)";
    }

    @Override
    public void check(Analysis analysis, Consumer<Diagnostic> report) {
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

    private void judge(Analysis analysis, Consumer<Diagnostic> report, Baseline.ProtectedRegion original, DtNode node,
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
                report.accept(Findings.of(this, status, "status = \"" + region.status() + "\" drops " + region.name()
                        + ", which " + source(analysis, original) + " defines as no-map " + Wording.range(original.regs().get(0))
                        + ": the kernel skips disabled reserved-memory nodes, so " + ABORT + "; keep it enabled",
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
                report.accept(Findings.of(this, at, "/delete-property/ reg takes away all of " + region.name() + ", which "
                        + source(analysis, original) + " defines as no-map " + Wording.range(original.regs().get(0)) + ": " + ABORT
                        + "; keep its reg", related, fixes, subject));
            }
            return;
        }
        SourceSpan regAt = analysis.at(region);
        if (deletedAt == null && !baseline.changes(regAt)) {
            return;
        }
        List<AddressRange> now = region.regs();
        RangeSet<UnsignedLong> lost = TreeRangeSet.create();
        boolean shrunk = false;
        boolean moved = false;
        for (int i = 0; i < original.regs().size(); i++) {
            AddressRange was = original.regs().get(i);
            AddressRange is = i < now.size() ? now.get(i) : null;
            was.span().ifPresent(lost::add);
            if (is == null || Long.compareUnsigned(is.size(), was.size()) < 0) {
                shrunk = true;
            }
            if (is != null && is.base() != was.base()) {
                moved = true;
            }
        }
        now.forEach(r -> r.span().ifPresent(lost::remove));
        String how = deletedAt != null ? "is defined again as " : "is ";
        if (shrunk) {
            AddressRange first = original.regs().get(0);
            long bytes = lost.asRanges().stream().map(AddressRange::of).flatMap(Optional::stream)
                    .mapToLong(AddressRange::size).sum();
            String gone = lost.isEmpty() ? "" : " " + String.join(", ", lost.asRanges().stream().map(AddressRange::of)
                    .flatMap(Optional::stream).map(AddressRange::brief).toList()) + " (" + Wording.size(bytes) + ")";
            String nowText = now.isEmpty() ? "empty" : Wording.range(now.get(0));
            report.accept(Findings.of(this, regAt, region.name() + " " + how + nowText + ", smaller than "
                    + source(analysis, original) + "'s no-map " + Wording.range(first) + ": the board takes back" + gone + ", but "
                    + ABORT + "; keep the baseline size (grow or shift regions instead, never shrink a firmware region)",
                    related, Findings.fixes(restoreSize(analysis, region, original)), subject));
        } else if (moved) {
            report.accept(Findings.of(this, Severity.INFO, regAt, region.name() + " " + (deletedAt != null
                    ? "is relocated to " : "is moved to ") + Wording.range(now.get(0)) + " from " + source(analysis, original)
                    + "'s no-map " + Wording.range(original.regs().get(0)) + ": the firmware of this board must protect "
                    + "the new range and release the old one, or the kernel aborts on first access to the old one",
                    related, List.of(), subject));
        }
    }

    private void deletedNode(Analysis analysis, Consumer<Diagnostic> report, Baseline.ProtectedRegion original,
            SourceSpan deletedAt) {
        Baseline baseline = analysis.baseline();
        SourceSpan at = deletedAt != null ? deletedAt : analysis.container().map(analysis::at)
                .orElse(analysis.at(analysis.tree().root()));
        if (!baseline.changes(at)) {
            return;
        }
        List<Related> related = baselineNote(analysis, original, null);
        report.accept(Findings.of(this, at, (deletedAt != null ? "/delete-node/ removes " : "the tree no longer has ")
                + original.name() + ", which " + source(analysis, original) + " defines as no-map "
                + Wording.range(original.regs().get(0)) + ": " + ABORT + "; keep the node (to change it, grow it or "
                + "move it)", related, Findings.fixes(restoreByRemoving(analysis, at, original, "/delete-node/")),
                List.of(original.path())));
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
