package io.carveout.tree;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a compiled overlay ({@code /plugin/;}) to a base tree as fdtoverlay does: each
 * {@code fragment@N} names a target ({@code target = <&label>} or {@code target-path}) and
 * its {@code __overlay__} is merged into it. libfdt's order is kept: a property or node the
 * overlay adds goes in front of the target's existing ones, so several come out reversed.
 * The overlay's own phandles are moved past the base's, and its references to base labels
 * are resolved against the base.
 */
public final class Overlays {
    private Overlays() {
    }

    /** Merges {@code overlay} into {@code base}; returns what could not be applied. */
    public static List<Finding> apply(DeviceTree base, DeviceTree overlay) {
        List<Finding> problems = new ArrayList<>();
        long[] max = {0};
        base.forEachNode(node -> max[0] = Math.max(max[0], node.phandle()));
        long delta = max[0];
        renumber(base, overlay, delta, problems);

        for (DtNode fragment : overlay.root().children()) {
            Optional<DtNode> content = fragment.child("__overlay__");
            if (content.isEmpty()) {
                continue;
            }
            DtNode target = target(base, fragment, problems);
            if (target != null) {
                merge(target, content.get());
            }
        }
        return problems;
    }

    private static DtNode target(DeviceTree base, DtNode fragment, List<Finding> problems) {
        Optional<DtProperty> path = fragment.property("target-path");
        if (path.isPresent()) {
            String p = path.get().value().strings().map(s -> s.get(0)).orElse("");
            DtNode node = References.byReference(base.root(), p);
            if (node == null) {
                problems.add(problem(path.get().origin(), "overlay target " + p + " is not in the base tree"));
            }
            return node;
        }
        Optional<DtProperty> target = fragment.property("target");
        if (target.isEmpty()) {
            return null;
        }
        List<Cell> cells = target.get().value().cells32().orElse(List.of());
        if (cells.size() != 1) {
            problems.add(problem(target.get().origin(), "overlay fragment target must be one phandle"));
            return null;
        }
        Cell cell = cells.get(0);
        if (cell.isReference()) {
            DtNode node = References.byReference(base.root(), cell.reference());
            if (node == null) {
                problems.add(problem(cell.origin(), "overlay target &" + cell.reference()
                        + " is not a label of the base tree"));
            }
            return node;
        }
        return base.byPhandle(cell.value()).orElse(null);
    }

    // Moves the overlay's own phandles past the base's and resolves its references to base labels.
    private static void renumber(DeviceTree base, DeviceTree overlay, long delta, List<Finding> problems) {
        overlay.forEachNode(node -> {
            if (node.phandle() != 0) {
                node.setPhandle(node.phandle() + delta);
            }
            for (DtProperty property : node.properties()) {
                List<ValuePart> parts = new ArrayList<>();
                boolean changed = false;
                for (ValuePart part : property.value().parts()) {
                    if (!(part instanceof ValuePart.CellArray array) || array.bits() != 32) {
                        parts.add(part);
                        continue;
                    }
                    boolean phandleProperty = property.name().equals("phandle") || property.name().equals("linux,phandle");
                    List<Cell> cells = new ArrayList<>();
                    for (Cell cell : array.cells()) {
                        if (phandleProperty && !cell.isReference()) {
                            cells.add(cell.withValue(cell.value() + delta));
                            changed = true;
                        } else if (cell.isReference() && cell.value() == 0xffffffffL) {
                            DtNode target = References.byReference(base.root(), cell.reference());
                            if (target == null || target.phandle() == 0) {
                                if (!property.name().equals("target")) {
                                    problems.add(problem(cell.origin(), "the overlay references &" + cell.reference()
                                            + ", which the base tree does not export"));
                                }
                                cells.add(cell);
                            } else {
                                cells.add(cell.withValue(target.phandle()));
                                target.markReferenced();
                                changed = true;
                            }
                        } else if (cell.isReference()) {
                            cells.add(cell.withValue(cell.value() + delta));
                            changed = true;
                        } else {
                            cells.add(cell);
                        }
                    }
                    parts.add(new ValuePart.CellArray(array.bits(), cells, array.origin()));
                }
                if (changed) {
                    property.setValue(new PropertyValue(parts));
                }
            }
        });
    }

    // libfdt's overlay_apply_node.
    private static void merge(DtNode target, DtNode content) {
        for (String label : content.labels().names()) {
            target.labels().add(label);
        }
        target.addDefinitions(content.definitions());
        for (DtProperty property : content.properties()) {
            Optional<DtProperty> existing = target.property(property.name());
            if (existing.isPresent()) {
                existing.get().replaceWith(property);
            } else {
                target.propertySlots().add(0, property);
            }
        }
        for (DtNode child : content.children()) {
            Optional<DtNode> existing = target.child(child.name());
            DtNode into;
            if (existing.isPresent()) {
                into = existing.get();
            } else {
                into = new DtNode(child.name(), null);
                target.addChildFirst(into);
                into.setPhandle(child.phandle());
            }
            merge(into, child);
        }
    }

    private static Finding problem(SourceSpan where, String message) {
        return new Finding(where, Severity.ERROR, Code.OVERLAY.id(), message);
    }
}
