package io.carveout.tree;

import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A property of the merged tree. It remembers every place that set it, in order (the
 * last one wins), and where it was deleted, so a diagnostic can point at the override
 * that decides the value and relate it to the original definition.
 */
public final class DtProperty {
    private final String name;
    // A merged tree has hundreds of thousands of properties, nearly all without labels and set
    // once: the labels are made when first asked for, and one assignment is held without a list.
    /** Null until {@link #labels()} is first called. */
    private Labels labels;
    private boolean deleted;
    /**
     * The value, the history and the deletion, with the move of their places not yet made. One
     * immutable holder, replaced whole: a copy takes it in one read, and the thread that first
     * reads a place makes the move and puts the moved holder back (two that race make equal ones).
     */
    private volatile Places places;

    /**
     * What a property holds that has places. {@code history} is null (never set: a deletion
     * marker), one {@link Assignment}, or an unmodifiable {@code List<Assignment>}. {@code unmoved}
     * is a move not yet made (null: none), composing {@code moves} edits: an edit moves the places
     * of every property after it, at each key, and most are never read before the next key moves
     * them again, so the moves are made when a place is first read, or past {@link #MOVES_HELD}.
     */
    private record Places(PropertyValue value, Object history, SourceSpan deletedAt,
            UnaryOperator<SourceSpan> unmoved, int moves) {
        Places settled() {
            if (unmoved == null) {
                return this;
            }
            UnaryOperator<SourceSpan> move = unmoved;
            Object movedHistory = mappedHistory(history, a -> {
                SourceSpan origin = a.origin() == null ? null : move.apply(a.origin());
                PropertyValue moved = a.value().withSpansMoved(move);
                return origin == a.origin() && moved == a.value() ? a : new Assignment(origin, moved);
            });
            return new Places(value.withSpansMoved(move), movedHistory,
                    deletedAt == null ? null : move.apply(deletedAt), null, 0);
        }

        Places with(PropertyValue newValue, Object newHistory, SourceSpan newDeletedAt) {
            return new Places(newValue, newHistory, newDeletedAt, unmoved, moves);
        }
    }

    private static final int MOVES_HELD = 32;

    DtProperty(String name, PropertyValue value, SourceSpan origin) {
        this.name = name;
        this.places = new Places(value, origin == null ? null : new Assignment(origin, value), null, null, 0);
    }

    private DtProperty(String name, Places places) {
        this.name = name;
        this.places = places;
    }

    /** One place that set the property, and the value it set there. */
    public record Assignment(SourceSpan origin, PropertyValue value) {
    }

    /** A property equal to this one that shares nothing changeable with it (see {@link DeviceTree#copy()}). */
    DtProperty copy() {
        DtProperty copy = new DtProperty(name, places);
        copy.deleted = deleted;
        if (labels != null) {
            copy.labels = new Labels(null);
            labels.copyInto(copy.labels);
        }
        return copy;
    }

    static DtProperty deletion(String name, SourceSpan origin) {
        DtProperty marker = new DtProperty(name, new Places(PropertyValue.EMPTY, null, origin, null, 0));
        marker.deleted = true;
        return marker;
    }

    // The places, moved.
    private Places settled() {
        Places now = places;
        if (now.unmoved() == null) {
            return now;
        }
        Places moved = now.settled();
        places = moved;
        return moved;
    }

    public String name() {
        return name;
    }

    public PropertyValue value() {
        return settled().value();
    }

    /**
     * The value with its places perhaps not yet moved: for the evaluation's reads of what the
     * value holds (its pieces, cells, references, bytes), never of where they were written.
     */
    PropertyValue valueUnmoved() {
        return places.value();
    }

    /** A place of {@link #valueUnmoved()} where it is now. */
    SourceSpan placed(SourceSpan unmovedPlace) {
        UnaryOperator<SourceSpan> move = places.unmoved();
        return move == null || unmovedPlace == null ? unmovedPlace : move.apply(unmovedPlace);
    }

    /**
     * Sets the value in force from pieces of {@link #valueUnmoved()}: the move not yet made
     * applies to it as to the value it replaces. Only while the evaluation that owns it finishes.
     */
    void setValueUnmoved(PropertyValue resolved) {
        Places now = places;
        places = now.with(resolved, now.history(), now.deletedAt());
    }

    public byte[] bytes() {
        return valueUnmoved().bytes();
    }

    public Labels labels() {
        if (labels == null) {
            labels = new Labels(null);
        }
        return labels;
    }

    /** Every place that set this property, oldest first. */
    public List<SourceSpan> assignments() {
        return assignmentList(settled().history()).stream().map(Assignment::origin).toList();
    }

    /** Every place that set this property with the value it set, oldest first (references unresolved). */
    public List<Assignment> history() {
        return List.copyOf(assignmentList(settled().history()));
    }

    /** The place whose value is in force: the last assignment. */
    public SourceSpan origin() {
        Places now = settled();
        if (now.history() instanceof Assignment only) {
            return only.origin();
        }
        List<Assignment> all = assignmentList(now.history());
        return all.isEmpty() ? now.deletedAt() : all.get(all.size() - 1).origin();
    }

    @SuppressWarnings("unchecked")
    private static List<Assignment> assignmentList(Object history) {
        if (history == null) {
            return List.of();
        }
        return history instanceof Assignment only ? List.of(only) : (List<Assignment>) history;
    }

    public SourceSpan deletedAt() {
        return settled().deletedAt();
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
        deleted = false;
        Places own = settled();
        Places theirs = newer.settled();
        List<Assignment> added = assignmentList(theirs.history());
        Object history = own.history();
        if (!added.isEmpty()) {
            if (history == null && added.size() == 1) {
                history = added.get(0);
            } else {
                List<Assignment> all = new ArrayList<>(assignmentList(history));
                all.addAll(added);
                history = List.copyOf(all);
            }
        }
        places = own.with(theirs.value(), history, own.deletedAt());
    }

    /** Whether a statement that set this property was written around {@code span}. */
    boolean assignedAround(SourceSpan span) {
        // asked of every property of every board a number is edited in: no list made for one,
        // and the move not yet made applied to the statements' places only, not made
        Places now = places;
        if (now.history() instanceof Assignment only) {
            return around(only.origin(), now.unmoved(), span);
        }
        for (Assignment assignment : assignmentList(now.history())) {
            if (around(assignment.origin(), now.unmoved(), span)) {
                return true;
            }
        }
        return false;
    }

    private static boolean around(SourceSpan origin, UnaryOperator<SourceSpan> unmoved, SourceSpan span) {
        if (!SpanMove.mayContain(unmoved, origin, span)) {
            return false;
        }
        SourceSpan at = origin == null || unmoved == null ? origin : unmoved.apply(origin);
        return at != null && at.contains(span);
    }

    /** Rewrites the value in force and the value of every assignment (a number edited in place). */
    void mapValues(UnaryOperator<PropertyValue> change) {
        Places now = settled();
        places = now.with(change.apply(now.value()),
                mappedHistory(now.history(), a -> new Assignment(a.origin(), change.apply(a.value()))), now.deletedAt());
    }

    // The history with each assignment passed through a change: the same object when none changed.
    private static Object mappedHistory(Object history, UnaryOperator<Assignment> change) {
        if (history instanceof Assignment only) {
            return change.apply(only);
        } else if (history != null) {
            List<Assignment> all = assignmentList(history);
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
                return List.copyOf(changed);
            }
        }
        return history;
    }

    /**
     * This property with every place it remembers (assignments, deletion, value pieces) passed
     * through {@code move}: a copy, since this one may be shared with the tree it was copied from
     * (see {@link DeviceTree#copy()}), whose places move when first read.
     */
    DtProperty movedBy(UnaryOperator<SourceSpan> move) {
        // a place read after many edits would pass through every one of them: made now and then
        Places now = places.moves() >= MOVES_HELD ? settled() : places;
        UnaryOperator<SourceSpan> before = now.unmoved();
        DtProperty moved = copy();
        moved.places = new Places(now.value(), now.history(), now.deletedAt(),
                SpanMove.then(before, move), now.moves() + 1);
        return moved;
    }

    void setValue(PropertyValue resolved) {
        Places now = settled();
        places = now.with(resolved, now.history(), now.deletedAt());
    }

    void delete(SourceSpan at) {
        deleted = true;
        Places now = settled();
        if (at != null) {
            places = now.with(now.value(), now.history(), at);
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
