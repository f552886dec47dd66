package io.carveout.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The merged devicetree of a board, as dtc builds it from the preprocessed sources:
 * every include, override and delete applied, references resolved. This is the tree the
 * kernel will see, with every node and property knowing where it was written.
 */
public final class DeviceTree {
    private final DtNode root;
    private final List<MemReserve> memReserves;
    private final boolean plugin;
    private final List<TreeDiagnostic> diagnostics;

    DeviceTree(DtNode root, List<MemReserve> memReserves, boolean plugin, List<TreeDiagnostic> diagnostics) {
        this.root = root;
        this.memReserves = List.copyOf(memReserves);
        this.plugin = plugin;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Evaluates the parsed pieces of one source in order. */
    public static DeviceTree evaluate(List<ParsedUnit> units, TreeOptions options) {
        Evaluation evaluation = new Evaluation(options);
        for (ParsedUnit unit : units) {
            evaluation.add(unit);
        }
        return evaluation.finish();
    }

    public DtNode root() {
        return root;
    }

    public List<MemReserve> memReserves() {
        return memReserves;
    }

    /** True for an overlay ({@code /plugin/;}). */
    public boolean isPlugin() {
        return plugin;
    }

    public List<TreeDiagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == TreeDiagnostic.Severity.ERROR);
    }

    /** The node at a full path such as {@code /reserved-memory/adsp@86100000}. */
    public Optional<DtNode> node(String path) {
        return Optional.ofNullable(References.byPath(root, path));
    }

    /** The node a label names, as {@code &label} would find it. */
    public Optional<DtNode> labelled(String label) {
        return Optional.ofNullable(References.byLabel(root, label));
    }

    public Optional<DtNode> byPhandle(long phandle) {
        if (phandle == 0) {
            return Optional.empty();
        }
        List<DtNode> found = new ArrayList<>(1);
        forEachNode(node -> {
            if (found.isEmpty() && node.phandle() == phandle) {
                found.add(node);
            }
        });
        return found.stream().findFirst();
    }

    /** Every node in force, in pre-order (blob order). */
    public void forEachNode(Consumer<DtNode> action) {
        References.forEachLive(root, action);
    }
}
