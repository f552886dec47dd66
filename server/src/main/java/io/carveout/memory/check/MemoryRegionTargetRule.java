package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import io.carveout.tree.Cell;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import io.carveout.tree.ValuePart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code memory-region-target}: each phandle of an enabled device's memory-region must name
 * an enabled child of /reserved-memory; anything else fails the device's probe or leaves it
 * without its pool.
 */
final class MemoryRegionTargetRule implements Rule {
    @Override
    public String id() {
        return "memory-region-target";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }


    @Override
    public void check(Analysis analysis, Consumer<Finding> report) {
        if (analysis.tree().isPlugin()) {
            return; // an overlay's phandles are resolved only when it is applied
        }
        Map<Long, DtNode> live = new HashMap<>();
        analysis.tree().forEachNode(n -> {
            if (n.phandle() != 0) {
                live.putIfAbsent(n.phandle(), n);
            }
        });
        Map<Long, DtNode> deleted = new HashMap<>();
        collectDeleted(analysis.tree().root(), false, deleted);
        Optional<DtNode> container = analysis.container();
        analysis.tree().forEachNode(device -> device.property("memory-region").ifPresent(property -> {
            if (!enabled(device)) {
                return;
            }
            List<Cell> cells = cells(property);
            long[] values = property.value().asCells();
            for (int i = 0; i < values.length; i++) {
                SourceSpan at = i < cells.size() && cells.get(i).origin() != null ? cells.get(i).origin()
                        : property.origin();
                check(analysis, report, device, values[i], at, live, deleted, container);
            }
        }));
    }

    private void check(Analysis analysis, Consumer<Finding> report, DtNode device, long phandle, SourceSpan at,
            Map<Long, DtNode> live, Map<Long, DtNode> deleted, Optional<DtNode> container) {
        DtNode target = live.get(phandle);
        String who = device.path();
        if (target == null) {
            DtNode gone = deleted.get(phandle);
            List<Related> related = new ArrayList<>();
            if (gone != null && gone.deletedAt() != null) {
                related.add(new Related(gone.deletedAt(), gone.name() + " is deleted here"));
            }
            report.accept(Findings.of(this, at, "memory-region of " + who + " points at "
                    + (gone != null ? "the deleted node " + gone.path() : "no node (phandle " + Wording.hex(phandle) + ")")
                    + ": the driver's of_reserved_mem lookup fails with -EINVAL and the device does not probe; point "
                    + "it at a child of /reserved-memory", related, List.of(), List.of(who)));
            return;
        }
        boolean inside = container.isPresent() && target.parent().map(p -> p == container.get()).orElse(false);
        List<Related> related = List.of(new Related(analysis.at(target), target.path() + " is defined here"));
        if (!inside) {
            report.accept(Findings.of(this, at, "memory-region of " + who + " points at " + target.path()
                    + ", which is not a child of /reserved-memory: the kernel finds no reserved region for it "
                    + "(-EINVAL at probe), so the device gets no memory; point it at a /reserved-memory child",
                    related, List.of(), List.of(who, target.path())));
        } else if (!enabled(target)) {
            report.accept(Findings.of(this, Severity.WARNING, at, "memory-region of " + who + " points at "
                    + target.name() + ", which is disabled: the kernel does not reserve it, so the device gets no "
                    + "pool; enable the region or disable the device", related, List.of(), List.of(who, target.path())));
        }
    }

    private static List<Cell> cells(DtProperty property) {
        List<Cell> out = new ArrayList<>();
        for (ValuePart part : property.value().parts()) {
            if (part instanceof ValuePart.CellArray array && array.bits() == 32) {
                out.addAll(array.cells());
            } else {
                return List.of();
            }
        }
        return out;
    }

    private static boolean enabled(DtNode node) {
        String status = node.property("status").flatMap(p -> p.value().strings())
                .map(s -> s.isEmpty() ? "okay" : s.get(0)).orElse("okay");
        return status.equals("okay") || status.equals("ok");
    }

    private static void collectDeleted(DtNode node, boolean underDeleted, Map<Long, DtNode> out) {
        for (DtNode child : node.allChildren()) {
            boolean gone = underDeleted || child.isDeleted();
            if (gone && child.phandle() != 0) {
                out.putIfAbsent(child.phandle(), child);
            }
            collectDeleted(child, gone, out);
        }
    }
}
