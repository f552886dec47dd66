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
    private final Labels labels = new Labels();
    private final List<SourceSpan> assignments = new ArrayList<>();
    private SourceSpan deletedAt;
    private boolean deleted;

    DtProperty(String name, PropertyValue value, SourceSpan origin) {
        this.name = name;
        this.value = value;
        if (origin != null) {
            assignments.add(origin);
        }
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
        return List.copyOf(assignments);
    }

    /** The place whose value is in force: the last assignment. */
    public SourceSpan origin() {
        return assignments.isEmpty() ? deletedAt : assignments.get(assignments.size() - 1);
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
        assignments.addAll(newer.assignments);
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
