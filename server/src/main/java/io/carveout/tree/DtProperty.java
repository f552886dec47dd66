package io.carveout.tree;

import io.carveout.preprocess.SourceSpan;
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
    private final Labels labels = new Labels(null);
    private final List<Assignment> history = new ArrayList<>();
    private SourceSpan deletedAt;
    private boolean deleted;

    DtProperty(String name, PropertyValue value, SourceSpan origin) {
        this.name = name;
        this.value = value;
        if (origin != null) {
            history.add(new Assignment(origin, value));
        }
    }

    /** One place that set the property, and the value it set there. */
    public record Assignment(SourceSpan origin, PropertyValue value) {
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
        return labels;
    }

    /** Every place that set this property, oldest first. */
    public List<SourceSpan> assignments() {
        return history.stream().map(Assignment::origin).toList();
    }

    /** Every place that set this property with the value it set, oldest first (references unresolved). */
    public List<Assignment> history() {
        return List.copyOf(history);
    }

    /** The place whose value is in force: the last assignment. */
    public SourceSpan origin() {
        return history.isEmpty() ? deletedAt : history.get(history.size() - 1).origin();
    }

    public SourceSpan deletedAt() {
        return deletedAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    void replaceWith(DtProperty newer) {
        for (String label : newer.labels.allNames()) {
            labels.add(label);
        }
        value = newer.value;
        deleted = false;
        history.addAll(newer.history);
    }

    /** Whether a statement that set this property was written around {@code span}. */
    boolean assignedAround(SourceSpan span) {
        for (Assignment assignment : history) {
            if (assignment.origin() != null && assignment.origin().contains(span)) {
                return true;
            }
        }
        return false;
    }

    /** Rewrites the value in force and the value of every assignment (a number edited in place). */
    void mapValues(java.util.function.UnaryOperator<PropertyValue> change) {
        value = change.apply(value);
        history.replaceAll(a -> new Assignment(a.origin(), change.apply(a.value())));
    }

    /** Passes every place this property remembers (assignments, deletion, value pieces) through {@code move}. */
    void moveSpans(java.util.function.UnaryOperator<SourceSpan> move) {
        value = value.withSpansMoved(move);
        history.replaceAll(a -> {
            SourceSpan origin = a.origin() == null ? null : move.apply(a.origin());
            PropertyValue moved = a.value().withSpansMoved(move);
            return origin == a.origin() && moved == a.value() ? a : new Assignment(origin, moved);
        });
        deletedAt = deletedAt == null ? null : move.apply(deletedAt);
    }

    void setValue(PropertyValue resolved) {
        value = resolved;
    }

    void delete(SourceSpan at) {
        deleted = true;
        if (at != null) {
            deletedAt = at;
        }
        labels.deleteAll();
    }

    @Override
    public String toString() {
        return name + (deleted ? " (deleted)" : "");
    }
}
