package io.carveout.tree;

import java.util.ArrayList;
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
    private List<Entry> entries = List.of();
    private final DtNode owner;

    /** @param owner the node these labels name, or null for a property's labels */
    Labels(DtNode owner) {
        this.owner = owner;
    }

    void add(String name) {
        if (owner != null) {
            owner.indexLabel(name);
        }
        for (Entry entry : entries) {
            if (entry.name.equals(name)) {
                entry.deleted = false;
                return;
            }
        }
        writable().add(0, new Entry(name));
    }

    /** Adds at the end, as fdtoverlay appends the symbols an overlay brings. */
    void append(String name) {
        if (owner != null) {
            owner.indexLabel(name);
        }
        for (Entry entry : entries) {
            if (entry.name.equals(name)) {
                entry.deleted = false;
                return;
            }
        }
        writable().add(new Entry(name));
    }

    private List<Entry> writable() {
        if (entries.isEmpty()) {
            entries = new ArrayList<>(1);
        }
        return entries;
    }

    /** Every label, deleted ones included, oldest last: the order in which merging re-adds them. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>();
        for (Entry entry : entries) {
            names.add(entry.name);
        }
        return names;
    }

    void deleteAll() {
        for (Entry entry : entries) {
            entry.deleted = true;
        }
    }

    public boolean contains(String name) {
        for (Entry entry : entries) {
            if (!entry.deleted && entry.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The labels in force, in dtc's order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.deleted) {
                names.add(entry.name);
            }
        }
        return names;
    }

    public boolean isEmpty() {
        for (Entry entry : entries) {
            if (!entry.deleted) {
                return false;
            }
        }
        return true;
    }
}
