package io.carveout.tree;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The properties and child nodes one evaluation of a board built, by the syntax each was built
 * from, so that the next evaluation of the board after an edit cpp copies as written takes
 * every one the edit did not touch from here, its places moved, in place of building it again:
 * building was most of evaluating a SoC file's board at each key. A property, or a child node
 * as its statement builds it before any merge, is a function of its syntax and of where its
 * characters came from; the syntax is the same subtree ({@link io.carveout.syntax.SyntaxNode#shape})
 * and the places are the old ones moved when its own place is, which is checked at each use.
 * A child node taken whole is neither walked nor looked up property by property: a key walks
 * only the bodies around it.
 *
 * <p>A board's text is parsed in pieces (its own text, then each include's), or whole when an
 * include's piece does not parse alone: a key that breaks or mends the file being typed in
 * changes which, and no subtree is shared across that change. An evaluation whose pieces are not
 * the earlier one's finds them by the text of their statement instead (see {@link Shelf#findByText}).
 */
public final class PropertyMemo {
    /**
     * A property or child node as built (never changed: the tree gets copies), what its build
     * reported, and how many properties it holds (a node's, below it included); {@code source} and
     * {@code syntax}: the parsed piece and the statement in it. A node's value is a template: the
     * node as its body built it, whose slots hold its properties and children as kept (see
     * {@link DtNode#movedBy}); it is never merged into a tree, nor are the values in its slots.
     */
    record Built<T>(T value, SourceSpan origin, List<Finding> diagnostics, int properties, int unit,
            SyntaxTree source, SyntaxNode syntax) {
        String statement() {
            return source.text(syntax);
        }
    }

    /** What was built of one kind, by shape and by text. */
    static final class Shelf<T> {
        /** A shape met twice in one evaluation (a file included twice): which one is which is not kept. */
        private final Built<T> ambiguous = new Built<>(null, null, List.of(), 0, -1, null, null);
        private final Map<Object, Built<T>> byShape = new IdentityHashMap<>();
        /** Everything recorded, ambiguous ones included, for {@link #findByText}. */
        private final List<Built<T>> all = new ArrayList<>();
        /** By the text of the statement: made on the first search by text. */
        private Map<String, List<Built<T>>> byText;

        void record(Object shape, Built<T> built) {
            byShape.merge(shape, built, (a, b) -> ambiguous);
            all.add(built);
        }

        /** Everything recorded, ambiguous ones included. */
        List<Built<T>> all() {
            return all;
        }

        /** What was built from {@code shape} in unit {@code unit} whose place, moved, is {@code origin}; null when none was. */
        Built<T> find(Object shape, int unit, SourceSpan origin, UnaryOperator<SourceSpan> move) {
            Built<T> found = byShape.get(shape);
            if (found == null || found == ambiguous || found.unit() != unit || found.origin() == null
                    || !origin.equals(move.apply(found.origin()))) {
                return null;
            }
            return found;
        }

        /**
         * What was built from a statement of the same text whose place, moved, is {@code origin};
         * null when nothing was. Two statements of equal text at one place (a file included twice)
         * build equal things, so either will do.
         */
        Built<T> findByText(String statement, SourceSpan origin, UnaryOperator<SourceSpan> move) {
            if (byText == null) {
                byText = new HashMap<>();
                for (Built<T> b : all) {
                    if (b.origin() != null) {
                        byText.computeIfAbsent(b.statement(), t -> new ArrayList<>(1)).add(b);
                    }
                }
            }
            for (Built<T> b : byText.getOrDefault(statement, List.of())) {
                if (origin.equals(move.apply(b.origin()))) {
                    return b;
                }
            }
            return null;
        }
    }

    final Shelf<DtProperty> properties = new Shelf<>();
    /** Child nodes as their statements built them (see {@link DtNode#movedBy}). */
    final Shelf<DtNode> nodes = new Shelf<>();
    /**
     * Each value with phandle references as the evaluation's finish resolved it, by the value as
     * built (the same object while a property is taken from memo to memo). Kept only by an
     * evaluation after an edit: a board compiled once and never typed in does not hold it.
     */
    private final Map<PropertyValue, PropertyValue> resolved = new IdentityHashMap<>();
    /** How many of {@link #resolved} were taken from the evaluation before. */
    private int resolvedTaken;
    /** How many parsed pieces the evaluation that recorded these read. */
    private int pieces = -1;
    /** How many properties recorded here, alone or in a node, were taken from an earlier memo rather than built. */
    private int taken;

    void taken(int count) {
        taken += count;
    }

    int takenCount() {
        return taken;
    }

    void resolved(PropertyValue unresolved, PropertyValue resolvedValue, boolean taken) {
        resolved.put(unresolved, resolvedValue);
        resolvedTaken += taken ? 1 : 0;
    }

    int resolvedCount() {
        return resolved.size();
    }

    int resolvedTakenCount() {
        return resolvedTaken;
    }

    /** The value {@code unresolved} resolved to in the evaluation that recorded these; null when not kept. */
    PropertyValue resolved(PropertyValue unresolved) {
        return resolved.get(unresolved);
    }

    void readPieces(int count) {
        pieces = count;
    }

    /** Whether an evaluation of {@code count} pieces shares their subtrees with the one that recorded these. */
    boolean samePieces(int count) {
        return pieces == count;
    }

    /** An earlier evaluation's memo and how its places moved since. */
    record Earlier(PropertyMemo memo, UnaryOperator<SourceSpan> move) {
    }
}
