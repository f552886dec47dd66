package io.carveout.memory;

import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import io.carveout.tree.PropertyValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The firmware contract a tree is checked against (RULES.md, "The baseline"): the
 * {@code no-map} carve-outs as the baseline files define them. A board may grow, add and
 * shift regions, never take bytes back from these.
 *
 * @param name how messages name the baseline: "soc.dtsi", "revision v1.2"
 * @param regions the protected regions
 * @param isBaselineFile which files make the baseline: a change written in one of them is
 *     part of the contract, not a change to it
 * @param revision the git revision the regions were read at, when not the working files: then
 *     a change anywhere counts, and the positions of the regions are in that revision's text
 */
public record Baseline(String name, List<ProtectedRegion> regions, Predicate<Path> isBaselineFile,
        Optional<String> revision) {

    /** No baseline: nothing is firmware-protected. */
    public static final Baseline NONE = new Baseline("no baseline", List.of(), p -> false, Optional.empty());

    public Baseline {
        regions = List.copyOf(regions);
    }

    /**
     * A carve-out as the baseline leaves it.
     *
     * @param path its node path in the baseline
     * @param labels its labels (a board that deletes it and defines it again keeps one)
     * @param regs its reg entries as the baseline files last set them
     * @param definition where its node was first defined
     * @param regOrigin where the baseline files last set reg
     * @param regValue that reg value, cells as written
     */
    public record ProtectedRegion(String path, String name, List<String> labels, List<AddressRange> regs,
            SourceSpan definition, SourceSpan regOrigin, PropertyValue regValue) {
        public ProtectedRegion {
            labels = List.copyOf(labels);
            regs = List.copyOf(regs);
        }

        public String baseName() {
            int at = name.indexOf('@');
            return at < 0 ? name : name.substring(0, at);
        }
    }

    /** True when a change written at {@code span} is a change to the contract, not part of it. */
    public boolean changes(SourceSpan span) {
        return revision.isPresent() || span == null || !isBaselineFile.test(span.file());
    }

    /**
     * The protected regions of a tree: every /reserved-memory child (deleted ones included)
     * first defined in a baseline file, with no-map and reg set there, neither deleted nor
     * disabled there. Values are the last ones the baseline files set.
     */
    public static Baseline of(DeviceTree tree, Predicate<Path> isBaselineFile, String name, Optional<String> revision) {
        List<ProtectedRegion> regions = new ArrayList<>();
        Optional<DtNode> container = tree.root().child("reserved-memory");
        if (container.isEmpty()) {
            return new Baseline(name, regions, isBaselineFile, revision);
        }
        int ac = (int) MemoryMap.cellsProperty(container.get(), "#address-cells").orElse(2L).longValue();
        int sc = (int) MemoryMap.cellsProperty(container.get(), "#size-cells").orElse(1L).longValue();
        for (DtNode node : container.get().allChildren()) {
            List<SourceSpan> definitions = node.definitions();
            if (definitions.isEmpty() || !isBaselineFile.test(definitions.get(0).file())) {
                continue;
            }
            if (node.isDeleted() && (node.deletedAt() == null || isBaselineFile.test(node.deletedAt().file()))) {
                continue;
            }
            if (lastBaselineAssignment(node, "no-map", isBaselineFile).isEmpty()) {
                continue;
            }
            Optional<DtProperty.Assignment> reg = lastBaselineAssignment(node, "reg", isBaselineFile);
            if (reg.isEmpty()) {
                continue;
            }
            Optional<DtProperty.Assignment> status = lastBaselineAssignment(node, "status", isBaselineFile);
            boolean disabled = status.flatMap(s -> s.value().strings())
                    .map(s -> !s.isEmpty() && !s.get(0).equals("okay") && !s.get(0).equals("ok")).orElse(false);
            if (disabled) {
                continue;
            }
            List<AddressRange> regs = MemoryMap.tuples(reg.get().value(), ac, sc);
            if (regs.isEmpty() || regs.stream().allMatch(AddressRange::isEmpty)) {
                // a placeholder (size 0) that a later file fills in protects nothing yet
                continue;
            }
            regions.add(new ProtectedRegion(node.path(), node.name(), node.labels().allNames(), regs,
                    definitions.get(0), reg.get().origin(), reg.get().value()));
        }
        return new Baseline(name, regions, isBaselineFile, revision);
    }

    private static Optional<DtProperty.Assignment> lastBaselineAssignment(DtNode node, String property,
            Predicate<Path> isBaselineFile) {
        DtProperty.Assignment last = null;
        for (DtProperty p : node.allProperties()) {
            if (!p.name().equals(property)) {
                continue;
            }
            for (DtProperty.Assignment a : p.history()) {
                if (a.origin() != null && isBaselineFile.test(a.origin().file())) {
                    last = a;
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
