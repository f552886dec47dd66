package io.carveout.tree;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Finding nodes as dtc does: by label, by path, by reference ({@code label}, {@code /path}, {@code label/sub}). */
final class References {
    private References() {
    }

    /** dtc's get_node_by_ref. */
    static DtNode byReference(DtNode root, String reference) {
        if (root == null) {
            return null;
        }
        if (reference.equals("/")) {
            return root;
        }
        if (reference.startsWith("/")) {
            return byPath(root, reference);
        }
        int slash = reference.indexOf('/');
        String label = slash < 0 ? reference : reference.substring(0, slash);
        DtNode target = byLabel(root, label);
        if (target == null || slash < 0) {
            return target;
        }
        return byPath(target, reference.substring(slash + 1));
    }

    /**
     * get_node_by_ref with the labels looked up in an index built by {@code Evaluation.finish}: for
     * the passes that resolve every reference of a tree whose shape no longer changes.
     */
    static DtNode byReference(DtNode root, String reference, Map<String, DtNode> labels) {
        if (root == null || reference.startsWith("/")) {
            return byReference(root, reference);
        }
        int slash = reference.indexOf('/');
        DtNode target = labels.get(slash < 0 ? reference : reference.substring(0, slash));
        if (target == null || slash < 0) {
            return target;
        }
        return byPath(target, reference.substring(slash + 1));
    }

    /** dtc's get_node_by_path: exact names, deleted nodes invisible. */
    static DtNode byPath(DtNode from, String path) {
        DtNode node = from;
        if (node == null || node.isDeleted()) {
            return null;
        }
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            node = node.child(component).orElse(null);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** dtc's get_node_by_label: the first live node in pre-order that carries the label. */
    static DtNode byLabel(DtNode root, String label) {
        if (root == null) {
            return null;
        }
        LabelIndex index = root.labelIndex();
        if (index != null) {
            List<DtNode> holders = index.holders(label);
            if (holders.size() == 1 && rootOf(holders.get(0)) == root) {
                return holders.get(0);
            }
            if (holders.isEmpty()) {
                return null;
            }
            // a duplicate label: dtc takes the first in pre-order
        }
        Deque<DtNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            DtNode node = stack.pop();
            if (node.labels().contains(label)) {
                return node;
            }
            var children = node.childSlots();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (!children.get(i).isDeleted()) {
                    stack.push(children.get(i));
                }
            }
        }
        return null;
    }

    private static DtNode rootOf(DtNode node) {
        DtNode n = node;
        while (n.parent().isPresent()) {
            n = n.parent().get();
        }
        return n;
    }

    /** Every live node in pre-order. */
    static void forEachLive(DtNode root, Consumer<DtNode> action) {
        if (root == null || root.isDeleted()) {
            return;
        }
        Deque<DtNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            DtNode node = stack.pop();
            action.accept(node);
            var children = node.childSlots();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (!children.get(i).isDeleted()) {
                    stack.push(children.get(i));
                }
            }
        }
    }
}
