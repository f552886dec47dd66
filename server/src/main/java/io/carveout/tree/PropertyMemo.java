package io.carveout.tree;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The properties one evaluation of a board built, by the syntax each was built from, so that
 * the next evaluation of the board after an edit cpp copies as written takes every property
 * the edit did not touch from here, its places moved, in place of evaluating its cells again:
 * building properties was most of evaluating a SoC file's board at each key. A property is
 * a function of its syntax and of where its characters came from; the syntax is the same
 * subtree ({@link io.carveout.syntax.SyntaxNode#shape}) and the places are the old ones moved
 * when its own place is, which is checked at each use.
 */
public final class PropertyMemo {
    /** A property as built (never changed: the tree gets copies), and what its build reported. */
    record Built(DtProperty property, SourceSpan origin, List<Finding> diagnostics, int unit) {
    }

    /** A shape met twice in one evaluation (a file included twice): which one is which is not kept. */
    private static final Built AMBIGUOUS = new Built(null, null, List.of(), -1);

    private final Map<Object, Built> built = new IdentityHashMap<>();
    /** How many of the properties recorded here were taken from an earlier memo rather than built. */
    private int taken;

    void taken() {
        taken++;
    }

    int takenCount() {
        return taken;
    }

    void record(Object shape, Built property) {
        built.merge(shape, property, (a, b) -> AMBIGUOUS);
    }

    /**
     * The property built from {@code shape} in unit {@code unit} whose place, moved, is
     * {@code origin}; null when there is none.
     */
    Built find(Object shape, int unit, SourceSpan origin, UnaryOperator<SourceSpan> move) {
        Built found = built.get(shape);
        if (found == null || found == AMBIGUOUS || found.unit() != unit || found.origin() == null
                || !origin.equals(move.apply(found.origin()))) {
            return null;
        }
        return found;
    }

    /** An earlier evaluation's memo and how its places moved since. */
    record Earlier(PropertyMemo memo, UnaryOperator<SourceSpan> move) {
    }
}
