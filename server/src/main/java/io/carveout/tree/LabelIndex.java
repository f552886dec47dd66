package io.carveout.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes of one tree were ever given a label, so that {@code &label} is found
 * without walking the tree: a board makes hundreds of such lookups on thousands of
 * nodes. Entries are never removed; a lookup checks that the node still holds the label
 * and is still in the tree.
 */
final class LabelIndex {
    private final Map<String, List<DtNode>> nodes = new HashMap<>();

    void register(String label, DtNode node) {
        List<DtNode> list = nodes.computeIfAbsent(label, k -> new ArrayList<>(1));
        if (!list.contains(node)) {
            list.add(node);
        }
    }

    /** The live nodes that carry the label now, in no particular order. */
    List<DtNode> holders(String label) {
        List<DtNode> all = nodes.get(label);
        if (all == null) {
            return List.of();
        }
        List<DtNode> live = new ArrayList<>(1);
        for (DtNode node : all) {
            if (node.labels().contains(label) && node.isLive()) {
                live.add(node);
            }
        }
        return live;
    }
}
