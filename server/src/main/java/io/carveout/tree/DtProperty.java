package io.carveout.tree;

import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * A property of the merged tree. It remembers every place that set it, in order (the
 * last one wins), and where it was deleted, so a diagnostic can point at the override
 * that decides the value and relate it to the original definition.
 */
public final class DtProperty {
    private final String name;
    private PropertyValue value;
    // A merged tree has hundreds of thousands of properties, nearly all without labels and set
    // once: the labels are made when first asked for, and one assignment is held without a list.
    /** Null until {@link #labels()} is first called. */
    private Labels labels;
    /** Null (never set: a deletion marker), one {@link Assignment}, or a {@code List<Assignment>}. */
    private Object history;
    private SourceSpan deletedAt;
    private boolean deleted;

    DtProperty(String name, PropertyValue value, SourceSpan origin) {
        this.name = name;
        this.value = value;
        if (origin != null) {
            history = new Assignment(origin, value);
        }
    }

    /** One place that set the property, and the value it set there. */
    public record Assignment(SourceSpan origin, PropertyValue value) {
    }

    /** A property equal to this one that shares nothing changeable with it (see {@link DeviceTree#copy()}). */
    DtProperty copy() {
        DtProperty copy = new DtProperty(name, value, null);
        copy.history = history instanceof List<?> all ? new ArrayList<>(all) : history;
        copy.deletedAt = deletedAt;
        copy.deleted = deleted;
        if (labels != null) {
            copy.labels = new Labels(null);
            labels.copyInto(copy.labels);
        }
        return copy;
    }

    static DtProperty deletion(String name, SourceSpan origin) {
        DtProperty marker = new DtProperty(name, PropertyValue.EMPTY, null);
        marker.deleted = true;
        marker.deletedAt = origin;
        return marker;
    }

    public String name() {
        return name;
    }

    public PropertyValue value() {
        return value;
    }

    public byte[] bytes() {
        return value.bytes();
    }

    public Labels labels() {
        if (labels == null) {
            labels = new Labels(null);
        }
        return labels;
    }

    /** Every place that set this property, oldest first. */
    public List<SourceSpan> assignments() {
        return assignmentList().stream().map(Assignment::origin).toList();
    }

    /** Every place that set this property with the value it set, oldest first (references unresolved). */
    public List<Assignment> history() {
        return List.copyOf(assignmentList());
    }

    /** The place whose value is in force: the last assignment. */
    public SourceSpan origin() {
        if (history instanceof Assignment only) {
            return only.origin();
        }
        List<Assignment> all = assignmentList();
        return all.isEmpty() ? deletedAt : all.get(all.size() - 1).origin();
    }

    @SuppressWarnings("unchecked")
    private List<Assignment> assignmentList() {
        if (history == null) {
            return List.of();
        }
        return history instanceof Assignment only ? List.of(only) : (List<Assignment>) history;
    }

    public SourceSpan deletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    void replaceWith(DtProperty newer) {
        if (newer.labels != null) {
            for (String label : newer.labels.allNames()) {
                labels().add(label);
            }
        }
        value = newer.value;
        deleted = false;
        List<Assignment> added = newer.assignmentList();
        if (added.isEmpty()) {
            return;
        }
        if (history == null && added.size() == 1) {
            history = added.get(0);
        } else {
            List<Assignment> all = new ArrayList<>(assignmentList());
            all.addAll(added);
            history = all;
        }
    }

    /** Whether a statement that set this property was written around {@code span}. */
    boolean assignedAround(SourceSpan span) {
        // asked of every property of every board a number is edited in: no list made for one
        if (history instanceof Assignment only) {
            return only.origin() != null && only.origin().contains(span);
        }
        for (Assignment assignment : assignmentList()) {
            if (assignment.origin() != null && assignment.origin().contains(span)) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites the value in force and the value of every assignment (a number edited in place). */
    void mapValues(java.util.function.UnaryOperator<PropertyValue> change) {
        value = change.apply(value);
        mapAssignments(a -> new Assignment(a.origin(), change.apply(a.value())));
    }

    // Each assignment passed through a change, kept in the form it is held in.
    private void mapAssignments(java.util.function.UnaryOperator<Assignment> change) {
        history = mappedHistory(change);
    }

    // The history with each assignment passed through a change: the same object when none changed.
    private Object mappedHistory(java.util.function.UnaryOperator<Assignment> change) {
        if (history instanceof Assignment only) {
            return change.apply(only);
        } else if (history != null) {
            List<Assignment> all = assignmentList();
            List<Assignment> changed = null; // made on the first assignment that changes
            for (int i = 0; i < all.size(); i++) {
                Assignment now = change.apply(all.get(i));
                if (now != all.get(i) && changed == null) {
                    changed = new ArrayList<>(all);
                }
                if (changed != null) {
                    changed.set(i, now);
                }
            }
            if (changed != null) {
                return changed;
            }
        }
        return history;
    }

    /**
     * This property with every place it remembers (assignments, deletion, value pieces) passed
     * through {@code move}: itself when none moves, else a moved copy, since it may be shared
     * with the tree it was copied from (see {@link DeviceTree#copy()}).
     */
    DtProperty movedBy(java.util.function.UnaryOperator<SourceSpan> move) {
        PropertyValue movedValue = value.withSpansMoved(move);
        Object movedHistory = mappedHistory(a -> {
            SourceSpan origin = a.origin() == null ? null : move.apply(a.origin());
            PropertyValue moved = a.value().withSpansMoved(move);
            return origin == a.origin() && moved == a.value() ? a : new Assignment(origin, moved);
        });
        SourceSpan movedDeletion = deletedAt == null ? null : move.apply(deletedAt);
        if (movedValue == value && movedHistory == history && movedDeletion == deletedAt) {
            return this;
        }
        DtProperty moved = copy();
        moved.value = movedValue;
        moved.history = movedHistory;
        moved.deletedAt = movedDeletion;
        return moved;
    }

    void setValue(PropertyValue resolved) {
        value = resolved;
    }

    void delete(SourceSpan at) {
        deleted = true;
        if (at != null) {
            deletedAt = at;
        }
        if (labels != null) {
            labels.deleteAll();
        }
    }

    @Override
    public String toString() {
        return name + (deleted ? " (deleted)" : "");
    }
}
