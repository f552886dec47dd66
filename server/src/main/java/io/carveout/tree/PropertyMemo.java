package io.carveout.tree;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>A board's text is parsed in pieces (its own text, then each include's), or whole when an
 * include's piece does not parse alone: a key that breaks or mends the file being typed in
 * changes which, and no subtree is shared across that change. An evaluation whose pieces are not
 * the earlier one's finds properties by the text of their statement instead (see {@link #findByText}).
 */
public final class PropertyMemo {
    /**
     * A property as built (never changed: the tree gets copies), and what its build reported;
     * {@code source} and {@code start}, {@code end}: the parsed piece and where its statement is in it.
     */
    record Built(DtProperty property, SourceSpan origin, List<Finding> diagnostics, int unit, SyntaxTree source,
            int start, int end) {
        String statement() {
            return source.text().substring(start, end);
        }
    }

    /** A shape met twice in one evaluation (a file included twice): which one is which is not kept. */
    private static final Built AMBIGUOUS = new Built(null, null, List.of(), -1, null, 0, 0);

    private final Map<Object, Built> built = new IdentityHashMap<>();
    /** Every property recorded, ambiguous ones included, for {@link #findByText}. */
    private final List<Built> all = new ArrayList<>();
    /** The properties by the text of their statement: made on the first search by text. */
    private Map<String, List<Built>> byText;
    /** How many parsed pieces the evaluation that recorded these read. */
    private int pieces = -1;
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
        all.add(property);
    }

    void readPieces(int count) {
        pieces = count;
    }

    /** Whether an evaluation of {@code count} pieces shares their subtrees with the one that recorded these. */
    boolean samePieces(int count) {
        return pieces == count;
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

    /**
     * The property built from a statement of the same text whose place, moved, is {@code origin};
     * null when there is none. Two statements of equal text at one place (a file included twice)
     * build equal properties, so either will do.
     */
    Built findByText(String statement, SourceSpan origin, UnaryOperator<SourceSpan> move) {
        if (byText == null) {
            byText = new HashMap<>();
            for (Built b : all) {
                if (b.origin() != null) {
                    byText.computeIfAbsent(b.statement(), t -> new ArrayList<>(1)).add(b);
                }
            }
        }
        for (Built b : byText.getOrDefault(statement, List.of())) {
            if (origin.equals(move.apply(b.origin()))) {
                return b;
            }
        }
        return null;
    }

    /** An earlier evaluation's memo and how its places moved since. */
    record Earlier(PropertyMemo memo, UnaryOperator<SourceSpan> move) {
    }
}
