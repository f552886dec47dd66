package io.carveout.tree;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The merged devicetree of a board, as dtc builds it from the preprocessed sources:
 * every include, override and delete applied, references resolved. This is the tree the
 * kernel will see, with every node and property knowing where it was written.
 */
public final class DeviceTree {
    private final DtNode root;
    private final List<MemReserve> memReserves;
    private final boolean plugin;
    private final List<Finding> diagnostics;
    /**
     * The properties its evaluation built, when it was asked to keep them, and how places moved
     * since (null: they did not): a copy keeps them, and moving the copy's places moves theirs.
     */
    private PropertyMemo built;
    private UnaryOperator<SourceSpan> builtMoved;

    DeviceTree(DtNode root, List<MemReserve> memReserves, boolean plugin, List<Finding> diagnostics) {
        this.root = root;
        this.memReserves = List.copyOf(memReserves);
        this.plugin = plugin;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Evaluates the parsed pieces of one source in order. */
    public static DeviceTree evaluate(List<ParsedUnit> units, TreeOptions options) {
        return evaluate(units, options, null);
    }

    /**
     * The same, taking from {@code earlier} (a tree of the same board evaluated with its
     * properties kept, before an edit that moved places by {@code move}) every property built
     * from syntax the edit did not touch; this tree keeps the properties it builds in turn.
     * With {@code earlier} null or without kept properties, every property is built.
     */
    public static DeviceTree evaluate(List<ParsedUnit> units, TreeOptions options, DeviceTree earlier,
            UnaryOperator<SourceSpan> move) {
        return evaluate(units, options, earlier == null ? new PropertyMemo.Earlier(null, move)
                : new PropertyMemo.Earlier(earlier.built, SpanMove.then(earlier.builtMoved, move)));
    }

    private static DeviceTree evaluate(List<ParsedUnit> units, TreeOptions options, PropertyMemo.Earlier earlier) {
        Evaluation evaluation = new Evaluation(options, earlier, units.size());
        for (ParsedUnit unit : units) {
            evaluation.add(unit);
        }
        DeviceTree tree = evaluation.finish();
        tree.built = evaluation.builtProperties();
        return tree;
    }

    /** How many properties this tree's evaluation took from an earlier one's (for tests and benchmarks). */
    public int propertiesTaken() {
        return built == null ? 0 : built.takenCount();
    }

    /**
     * How many values with phandle references this tree's evaluation resolved, and how many of
     * them it took as the evaluation before resolved them (for tests and benchmarks).
     */
    public int[] referencesResolvedAndTaken() {
        return built == null ? new int[2] : new int[] {built.resolvedCount(), built.resolvedTakenCount()};
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

    public List<Finding> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.isError());
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

    /**
     * A tree equal to this one whose nodes are its own: an edit made in place (a number typed
     * over, places moved after it) is made on a copy, because the readers of an earlier snapshot
     * of the workspace may still be reading this one from another thread. The properties are
     * shared until the copy changes one, which it then copies first (about half the cost of a
     * copy of a large board's tree).
     */
    public DeviceTree copy() {
        DtNode copied = root == null ? null : root.copy(null);
        if (copied != null && root.labelIndex() != null) {
            copied.indexAsRoot();
        }
        DeviceTree copy = new DeviceTree(copied, memReserves, plugin, diagnostics);
        // (a property taken from them is found by the syntax it was built from: a value changed in
        // the copy was changed in the text too, whose next parse builds that property anew)
        copy.built = built;
        copy.builtMoved = builtMoved;
        return copy;
    }

    /** Properties whose value dtc reads while it builds the tree: an edit of theirs is not a mere new number. */
    private static final java.util.Set<String> READ_WHILE_BUILDING = java.util.Set.of("phandle", "linux,phandle", "name");

    /** A property that holds a cell written at a given place, and the node it is in. */
    public record CellHolder(String nodePath, String property) {
    }

    /**
     * Gives the cells written as the one integer literal at {@code literal} a new value, in
     * the value in force and in every assignment of the history: what an edit that changes
     * a number for another of the same width does to the merged tree, without evaluating the
     * board again; made on a {@link #copy()} when others may read this tree. Changes nothing and answers empty when the edit is more than a new number:
     * the value does not fit an array's width (dtc would warn), or the property is one dtc
     * reads while building ({@code phandle}, {@code name}). Otherwise answers the properties
     * that hold such a cell (none: the literal is not in this tree).
     */
    public Optional<List<CellHolder>> replaceLiteralCells(SourceSpan literal, long value) {
        List<DtNode> holderNodes = new ArrayList<>();
        List<Integer> holderSlots = new ArrayList<>();
        List<CellHolder> where = new ArrayList<>();
        ArrayDeque<DtNode> pending = new ArrayDeque<>();
        if (root != null) {
            pending.push(root);
        }
        while (!pending.isEmpty()) {
            DtNode node = pending.pop();
            List<DtProperty> slots = node.propertySlots();
            for (int slot = 0; slot < slots.size(); slot++) {
                DtProperty property = slots.get(slot);
                // A cell written at the literal is in a value assigned by a statement around it.
                if (!property.assignedAround(literal)) {
                    continue;
                }
                int bits = property.value().bitsOfCellAt(literal);
                for (DtProperty.Assignment assignment : property.history()) {
                    bits = Math.max(bits, assignment.value().bitsOfCellAt(literal));
                }
                if (bits == 0) {
                    continue;
                }
                if (READ_WHILE_BUILDING.contains(property.name())
                        || (bits < 64 && Long.compareUnsigned(value, (1L << bits) - 1) > 0)) {
                    return Optional.empty();
                }
                holderNodes.add(node);
                holderSlots.add(slot);
                where.add(new CellHolder(node.path(), property.name()));
            }
            node.childSlots().forEach(pending::push);
        }
        for (int i = 0; i < holderNodes.size(); i++) {
            holderNodes.get(i).ownProperty(holderSlots.get(i)).mapValues(v -> v.withCellAt(literal, value));
        }
        return Optional.of(where);
    }

    /**
     * This tree with every place it remembers passed through {@code move}: after an edit that
     * changed a file's length, the places after it in that file move. The nodes are changed in
     * place (this tree must not be used afterwards), the properties that hold a moved place
     * replaced by moved copies (they may be shared with the tree this one was copied from).
     */
    public DeviceTree withSpansMoved(UnaryOperator<SourceSpan> move) {
        ArrayDeque<DtNode> pending = new ArrayDeque<>();
        if (root != null) {
            pending.push(root);
        }
        while (!pending.isEmpty()) {
            DtNode node = pending.pop();
            node.moveSpans(move);
            List<DtProperty> slots = node.propertySlots();
            for (int slot = 0; slot < slots.size(); slot++) {
                DtProperty moved = slots.get(slot).movedBy(move);
                if (moved != slots.get(slot)) {
                    node.replaceProperty(slot, moved);
                }
            }
            node.childSlots().forEach(pending::push);
        }
        DeviceTree moved = new DeviceTree(root,
                memReserves.stream().map(m -> new MemReserve(m.labels(), m.address(), m.size(), move.apply(m.origin())))
                        .toList(),
                plugin,
                diagnostics.stream().map(d -> d.withWhere(move.apply(d.where()))).toList());
        moved.built = built;
        moved.builtMoved = SpanMove.then(builtMoved, move);
        return moved;
    }

    /** Every node in force, in pre-order (blob order). */
    public void forEachNode(Consumer<DtNode> action) {
        References.forEachLive(root, action);
    }
}
