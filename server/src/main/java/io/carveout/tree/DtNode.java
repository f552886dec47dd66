package io.carveout.tree;

import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A node of the merged tree. Deleted properties and children keep their place (dtc
 * revives them in place when they are defined again) but are hidden from
 * {@link #properties()} and {@link #children()}. A node remembers where each of its
 * bodies was written (the definition, then every override) and where it was deleted.
 */
public final class DtNode {
    private final String name;
    private DtNode parent;
    private final List<DtProperty> properties;
    private final List<DtNode> children;
    private final Labels labels = new Labels(this);
    private LabelIndex index;
    /** Null (none), the one {@link SourceSpan} of a node written once (most are), or a {@code List<SourceSpan>}. */
    private Object definitions;
    private SourceSpan deletedAt;
    private boolean deleted;
    private boolean omitIfNoRef;
    private boolean referenced;
    private long phandle;
    /**
     * A template's move not yet made (null: none; a node of a tree has none): where its places,
     * and those of everything below it, are now; composing {@code moves} edits. See {@link #movedView}.
     */
    private UnaryOperator<SourceSpan> unmoved;
    private int moves;

    DtNode(String name, SourceSpan origin) {
        this(name, origin, new ArrayList<>(), new ArrayList<>());
    }

    private DtNode(String name, SourceSpan origin, List<DtProperty> properties, List<DtNode> children) {
        this.name = name;
        definitions = origin;
        this.properties = properties;
        this.children = children;
    }

    static DtNode deletion(String name, SourceSpan origin) {
        DtNode marker = new DtNode(name, null);
        marker.deleted = true;
        marker.deletedAt = origin;
        return marker;
    }

    /** The name with its unit address, e.g. {@code cdsp-secure-heap@81800000}; empty for the root. */
    public String name() {
        return name;
    }

    /** The name before the '@'. */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The unit address after the '@', when there is one. */
    public Optional<String> unitAddress() {
        int at = name.indexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(name.substring(at + 1));
    }

    public Optional<DtNode> parent() {
        return Optional.ofNullable(parent);
    }

    public String path() {
        if (parent == null) {
            return "/";
        }
        String parentPath = parent.path();
        return parentPath.endsWith("/") ? parentPath + name : parentPath + "/" + name;
    }

    /** The properties in force, in blob order. */
    public List<DtProperty> properties() {
        List<DtProperty> live = new ArrayList<>();
        for (DtProperty property : properties) {
            if (!property.isDeleted()) {
                live.add(property);
            }
        }
        return live;
    }

    /** Every property, deleted ones included, for diagnostics about deletions. */
    public List<DtProperty> allProperties() {
        return List.copyOf(properties);
    }

    public Optional<DtProperty> property(String propertyName) {
        for (DtProperty property : properties) {
            if (!property.isDeleted() && property.name().equals(propertyName)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    /** The child nodes in force, in blob order. */
    public List<DtNode> children() {
        List<DtNode> live = new ArrayList<>();
        for (DtNode child : children) {
            if (!child.deleted) {
                live.add(child);
            }
        }
        return live;
    }

    /** Every child, deleted ones included. */
    public List<DtNode> allChildren() {
        return List.copyOf(children);
    }

    public Optional<DtNode> child(String childName) {
        for (DtNode child : children) {
            if (!child.deleted && child.name.equals(childName)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    public Labels labels() {
        return labels;
    }

    /** Where this node's bodies were written: the definition first, then each override. */
    @SuppressWarnings("unchecked")
    public List<SourceSpan> definitions() {
        if (definitions == null) {
            return List.of();
        }
        return definitions instanceof SourceSpan only ? List.of(only) : List.copyOf((List<SourceSpan>) definitions);
    }

    public SourceSpan deletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public boolean isOmitIfNoRef() {
        return omitIfNoRef;
    }

    public boolean isReferenced() {
        return referenced;
    }

    /** The phandle, 0 when the node has none. */
    public long phandle() {
        return phandle;
    }

    /** How many properties this node and those below it hold, deleted ones left out. */
    int propertyCount() {
        int count = 0;
        for (DtProperty property : properties) {
            count += property.isDeleted() ? 0 : 1;
        }
        for (DtNode child : children) {
            count += child.propertyCount();
        }
        return count;
    }

    // ---- building, package-private: only the evaluation changes a tree

    List<DtProperty> propertySlots() {
        return properties;
    }

    List<DtNode> childSlots() {
        return children;
    }

    void addProperty(DtProperty property) {
        properties.add(property);
    }

    void addChild(DtNode child) {
        child.parent = this;
        children.add(child);
        child.attach(index);
    }

    /** Puts a child before the existing ones, as libfdt adds a node. */
    void addChildFirst(DtNode child) {
        child.parent = this;
        children.add(0, child);
        child.attach(index);
    }

    /**
     * This node and everything below it, copied, under {@code newParent}; the copy's labels are
     * indexed by its root. The properties are shared, not copied: a tree changes a property
     * after its compile only through {@link #ownProperty}, which gives the copy one of its own.
     */
    DtNode copy(DtNode newParent) {
        return copy(newParent, false, null);
    }

    /**
     * A node as its body built it, before any merge, kept by an evaluation to be taken by the
     * next one when the body's syntax is unchanged: this node and everything below, copied,
     * with every place passed through {@code move} and properties of its own. Never attached to
     * a tree, so it stays as built; each evaluation that takes it gets {@link #builtCopy()}.
     */
    DtNode movedBy(UnaryOperator<SourceSpan> move) {
        return copy(null, true, move);
    }

    /**
     * This template with its places to be moved by {@code move}, sharing its slots: a node taken
     * whole at each key is kept across keys as one template and a view per key, rather than a
     * moved copy of everything below it per key, which the collector would copy while it lived.
     * The moves are made (a copy, {@link #movedBy}) past {@link #MOVES_HELD}.
     */
    DtNode movedView(UnaryOperator<SourceSpan> move) {
        if (moves >= MOVES_HELD) {
            return movedBy(move);
        }
        DtNode view = new DtNode(name, null, properties, children);
        view.definitions = definitions;
        view.deletedAt = deletedAt;
        view.deleted = deleted;
        view.omitIfNoRef = omitIfNoRef;
        labels.copyInto(view.labels);
        view.unmoved = SpanMove.then(unmoved, move);
        view.moves = moves + 1;
        return view;
    }

    private static final int MOVES_HELD = 16;

    /** Where a template's name is written now: its definition, moved. */
    SourceSpan definedAt() {
        List<SourceSpan> all = definitions();
        return all.isEmpty() ? null : unmoved == null ? all.get(0) : unmoved.apply(all.get(0));
    }

    /** The move a template's places have still to make; null: none. */
    UnaryOperator<SourceSpan> unmoved() {
        return unmoved;
    }

    /** This node as built, with properties of its own and its places moved, to be merged into an evaluation's tree. */
    DtNode builtCopy() {
        return copy(null, true, null);
    }


    /**
     * @param ownProperties false: the properties are shared; true: the copy holds copies
     * @param outer null: the places stay; else how they move once this template's own move is made
     */
    private DtNode copy(DtNode newParent, boolean ownProperties, UnaryOperator<SourceSpan> outer) {
        UnaryOperator<SourceSpan> move = SpanMove.then(unmoved, outer);
        DtNode copy = new DtNode(name, null);
        copy.parent = newParent;
        copy.definitions = definitions; // a list of definitions is replaced, never changed in place
        copy.deletedAt = deletedAt;
        copy.deleted = deleted;
        copy.omitIfNoRef = omitIfNoRef;
        copy.referenced = referenced;
        copy.phandle = phandle;
        labels.copyInto(copy.labels);
        if (move != null) {
            copy.moveSpans(move);
        }
        if (!ownProperties) {
            copy.properties.addAll(properties);
        } else {
            for (DtProperty property : properties) {
                copy.properties.add(move == null ? property.copy() : property.movedBy(move));
            }
        }
        for (DtNode child : children) {
            copy.children.add(child.copy(copy, ownProperties, move));
        }
        return copy;
    }

    /**
     * The property in a slot, made this node's own (a copy put in the slot) so that it can be
     * changed: the one there may be shared with the tree this one was copied from.
     */
    DtProperty ownProperty(int slot) {
        return replaceProperty(slot, properties.get(slot).copy());
    }

    /** Puts a property in a slot in place of the one there (a moved copy of it). */
    DtProperty replaceProperty(int slot, DtProperty property) {
        properties.set(slot, property);
        return property;
    }

    /** Makes this node the root of a tree whose labels are indexed. */
    void indexAsRoot() {
        attach(new LabelIndex());
    }

    LabelIndex labelIndex() {
        return index;
    }

    private void attach(LabelIndex treeIndex) {
        if (treeIndex == null || index == treeIndex) {
            return;
        }
        index = treeIndex;
        for (String label : labels.allNames()) {
            treeIndex.register(label, this);
        }
        for (DtNode child : children) {
            child.attach(treeIndex);
        }
    }

    void indexLabel(String label) {
        if (index != null) {
            index.register(label, this);
        }
    }

    /** In the tree: neither this node nor an ancestor is deleted. */
    boolean isLive() {
        for (DtNode n = this; n != null; n = n.parent) {
            if (n.deleted) {
                return false;
            }
        }
        return true;
    }

    void moveSpans(UnaryOperator<SourceSpan> move) {
        if (definitions instanceof SourceSpan only) {
            definitions = move.apply(only);
        } else if (definitions != null) {
            List<SourceSpan> all = new ArrayList<>(definitions());
            all.replaceAll(move);
            definitions = all;
        }
        deletedAt = deletedAt == null ? null : move.apply(deletedAt);
    }

    void addDefinitions(List<SourceSpan> spans) {
        if (spans.isEmpty()) {
            return;
        }
        if (definitions == null && spans.size() == 1) {
            definitions = spans.get(0);
            return;
        }
        List<SourceSpan> all = new ArrayList<>(definitions());
        all.addAll(spans);
        definitions = all;
    }

    void revive() {
        deleted = false;
    }

    void markOmitIfNoRef() {
        omitIfNoRef = true;
    }

    void markReferenced() {
        referenced = true;
    }

    void setPhandle(long value) {
        phandle = value;
    }

    void setParent(DtNode newParent) {
        parent = newParent;
    }

    /** dtc's delete_node: the node, its children and properties, and their labels. */
    void delete(SourceSpan at) {
        deleted = true;
        if (at != null) {
            deletedAt = at;
        }
        for (DtNode child : children) {
            if (!child.deleted) {
                child.delete(null);
            }
        }
        for (DtProperty property : properties) {
            if (!property.isDeleted()) {
                property.delete(null);
            }
        }
        labels.deleteAll();
    }

    @Override
    public String toString() {
        return path() + (deleted ? " (deleted)" : "");
    }
}
