package io.carveout.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The labels of a node or property in dtc's order: a new label goes to the front, a label
 * added again is revived in place, and deleting a node marks its labels deleted. The
 * order matters because it is the order of /__symbols__, which tools read.
 */
public final class Labels {
    private static final class Entry {
        final String name;
        boolean deleted;

        Entry(String name) {
            this.name = name;
        }
    }

    /** Empty until a label is added: most nodes have none, and every node has a Labels. */
    private ArrayDeque<Entry> entries;
    /** The entries by name, once there are enough of them that a scan would make adding quadratic. */
    private Map<String, Entry> byName;
    private static final int SCAN_LIMIT = 8;
    private final DtNode owner;

    /** @param owner the node these labels name, or null for a property's labels */
    Labels(DtNode owner) {
        this.owner = owner;
    }

    void add(String name) {
        if (owner != null) {
            owner.indexLabel(name);
        }
        if (!revive(name)) {
            entries().addFirst(index(new Entry(name)));
        }
    }

    /** Adds at the end, as fdtoverlay appends the symbols an overlay brings. */
    void append(String name) {
        if (owner != null) {
            owner.indexLabel(name);
        }
        if (!revive(name)) {
            entries().addLast(index(new Entry(name)));
        }
    }

    private boolean revive(String name) {
        Entry entry = find(name);
        if (entry != null) {
            entry.deleted = false;
        }
        return entry != null;
    }

    private Entry find(String name) {
        if (byName != null) {
            return byName.get(name);
        }
        if (entries != null) {
            for (Entry entry : entries) {
                if (entry.name.equals(name)) {
                    return entry;
                }
            }
        }
        return null;
    }

    private Entry index(Entry entry) {
        if (byName != null) {
            byName.put(entry.name, entry);
        } else if (entries != null && entries.size() >= SCAN_LIMIT) {
            byName = new HashMap<>();
            for (Entry e : entries) {
                byName.put(e.name, e);
            }
            byName.put(entry.name, entry);
        }
        return entry;
    }

    private ArrayDeque<Entry> entries() {
        if (entries == null) {
            entries = new ArrayDeque<>(2);
        }
        return entries;
    }

    private Iterable<Entry> all() {
        return entries == null ? List.of() : entries;
    }

    /** Gives {@code target} (empty, of a copied node or property) these labels in this order, deleted ones too, unindexed. */
    void copyInto(Labels target) {
        for (Entry entry : all()) {
            Entry copied = new Entry(entry.name);
            copied.deleted = entry.deleted;
            target.entries().addLast(target.index(copied));
        }
    }

    /** Every label, deleted ones included, oldest last: the order in which merging re-adds them. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (Entry entry : all()) {
            names.add(entry.name);
        }
        return names;
    }

    void deleteAll() {
        for (Entry entry : all()) {
            entry.deleted = true;
        }
    }

    public boolean contains(String name) {
        Entry entry = find(name);
        return entry != null && !entry.deleted;
    }

    /** The labels in force, in dtc's order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry entry : all()) {
            if (!entry.deleted) {
                names.add(entry.name);
            }
        }
        return names;
    }

    public boolean isEmpty() {
        for (Entry entry : all()) {
            if (!entry.deleted) {
                return false;
            }
        }
        return true;
    }
}
