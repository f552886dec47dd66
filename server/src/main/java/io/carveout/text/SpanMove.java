package io.carveout.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How places move through edits of one or more files made since they were recorded: steps,
 * each an edit of one file, applied in order. A tree keeps such a move on the places it has not
 * yet read (every property after a keystroke moves, and most are read again only keys later), so
 * the moves of many keys pile up. Unlike composed functions, a move tells how far any place can
 * have moved ({@link #reach()}): asking every property of a board whether a digit typed lies in
 * its statement then rejects nearly all of them without moving a place.
 */
public final class SpanMove implements UnaryOperator<SourceSpan> {
    /**
     * One edit: {@code [start, oldEnd)} of {@code file} replaced by text {@code delta} characters
     * longer. {@code blanks}: the places of {@link #blanks}; else those of {@link #insertion}.
     */
    private record Step(Path file, int start, int oldEnd, int delta, boolean blanks) {
        SourceSpan apply(SourceSpan span) {
            if (span.end() < start || !span.inFile(file)) {
                return span;
            }
            if (!blanks) {
                return span.movedBy(file, start, delta);
            }
            int end = movedEnd(span.end());
            int from = span.start() == span.end() ? end : movedStart(span.start());
            return from == span.start() && end == span.end() ? span : new SourceSpan(span.file(), from, end);
        }

        private int movedStart(int at) {
            return at < start ? at : at >= oldEnd ? at + delta : start;
        }

        private int movedEnd(int at) {
            return at <= start ? at : at >= oldEnd ? at + delta : start;
        }

        /** The furthest this step moves any offset. */
        long reach() {
            return Math.abs((long) delta) + (oldEnd - start);
        }
    }

    /** Nothing moves. */
    public static final SpanMove NONE = new SpanMove(new Step[0]);

    /**
     * Composed deeper than this, the steps are copied into one array, so that applying never
     * recurses without bound. Composing is otherwise two references: a move is composed onto
     * every property and node an edit moves, at every key.
     */
    private static final int DEPTH_HELD = 512;

    /** One edit after another: a move is either {@code steps}, or {@code first} then {@code second}. */
    private final Step[] steps;
    private final SpanMove first;
    private final SpanMove second;
    private final int depth;
    private final long reach;

    private SpanMove(Step[] steps) {
        this.steps = steps;
        this.first = null;
        this.second = null;
        this.depth = 0;
        long sum = 0;
        for (Step step : steps) {
            sum += step.reach();
        }
        this.reach = sum;
    }

    private SpanMove(SpanMove first, SpanMove second) {
        this.steps = null;
        this.first = first;
        this.second = second;
        this.depth = Math.max(first.depth, second.depth) + 1;
        this.reach = first.reach + second.reach;
    }

    /**
     * Blanks (or words) over {@code [start, oldEnd)} replaced: a place at the start that begins
     * there belongs to the token after them and moves with it; one that ends there belongs to the
     * token before and stays; one inside the replaced text keeps to its start.
     */
    public static SpanMove blanks(Path file, int start, int oldEnd, int delta) {
        return delta == 0 ? NONE : new SpanMove(new Step[] {new Step(file, start, oldEnd, delta, true)});
    }

    /**
     * {@code delta} characters inserted (or, negative, removed) just before offset {@code from}: as
     * {@link SourceSpan#movedBy}, offsets at or after it move.
     */
    public static SpanMove insertion(Path file, int from, int delta) {
        return delta == 0 ? NONE : new SpanMove(new Step[] {new Step(file, from, from, delta, false)});
    }

    /** One move, then another; null stands for none. */
    public static UnaryOperator<SourceSpan> then(UnaryOperator<SourceSpan> first, UnaryOperator<SourceSpan> second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        if (first instanceof SpanMove a && second instanceof SpanMove b) {
            if (a == NONE || b == NONE) {
                return a == NONE ? b : a;
            }
            SpanMove both = new SpanMove(a, b);
            return both.depth < DEPTH_HELD ? both : new SpanMove(both.allSteps());
        }
        return span -> second.apply(first.apply(span));
    }

    @Override
    public SourceSpan apply(SourceSpan span) {
        if (span == null) {
            return null;
        }
        if (steps == null) {
            return second.apply(first.apply(span));
        }
        SourceSpan moved = span;
        for (Step step : steps) {
            moved = step.apply(moved);
        }
        return moved;
    }

    // Every step, first made first.
    private Step[] allSteps() {
        List<Step> all = new ArrayList<>();
        java.util.ArrayDeque<SpanMove> pending = new java.util.ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            SpanMove move = pending.pop();
            if (move.steps != null) {
                all.addAll(Arrays.asList(move.steps));
            } else {
                pending.push(move.second);
                pending.push(move.first);
            }
        }
        return all.toArray(new Step[0]);
    }

    /** The furthest any offset can have moved, in characters. */
    public long reach() {
        return reach;
    }

    /**
     * Whether {@code place}, passed through {@code move} (null: none), may contain {@code target}:
     * false is certain and decided without moving the place when the move is a {@link SpanMove}
     * (a move never changes a place's file, and moves no offset further than its reach).
     */
    public static boolean mayContain(UnaryOperator<SourceSpan> move, SourceSpan place, SourceSpan target) {
        if (place == null) {
            return false;
        }
        if (move instanceof SpanMove known) {
            if (!place.inFile(target.file())) {
                return false;
            }
            if (place.start() - known.reach > target.start() || place.end() + known.reach < target.end()) {
                return false;
            }
        }
        return true;
    }
}
