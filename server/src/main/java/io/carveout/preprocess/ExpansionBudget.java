package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Severity;

/**
 * The bounds on macro expansion in one unit: the work done against a limit that grows with the
 * tokens read, and the work of the one macro use being read now. Kept in one place because the
 * expansion charges it while the include memo records and restores it.
 */
final class ExpansionBudget {

    /**
     * Expansion work allowed regardless of input size. The work counts every token a macro body
     * or argument list contributes, so it bounds what the parser and the evaluator then read:
     * half a million tokens take them well under a second, while the busiest board of the corpus
     * does 17,000 (0.35 per token read).
     */
    static final long MAX_EXPANSION_WORK = 500_000;
    /** Further work allowed per token read from the files, so big inputs are not cut short. */
    static final long EXPANSION_WORK_PER_TOKEN = 4;
    /**
     * Work allowed for one macro use in the text, its arguments and everything they expand to:
     * a runaway use is stopped there and the macros after it still expand.
     */
    static final long MAX_USE_WORK = 50_000;

    private final TranslationUnit unit;
    private long work;
    private long tokensRead;
    private boolean expansionStopped;
    /** Work of the macro use being read from the files now, and whether it went over its budget. */
    private long useWork;
    private boolean useStopped;

    ExpansionBudget(TranslationUnit unit) {
        this.unit = unit;
    }

    void tokenRead() {
        tokensRead++;
    }

    /** The previous use of a macro in the text is over: the next one has its own budget. */
    void newUse() {
        useWork = 0;
        useStopped = false;
    }

    /** Counts expansion work; past the cap every later name is left unexpanded, so nothing hangs. */
    boolean charge(long tokens, Token at) {
        work += tokens;
        useWork += tokens;
        // legitimate expansion grows with the input; a runaway one outgrows any linear bound
        long limit = MAX_EXPANSION_WORK + EXPANSION_WORK_PER_TOKEN * tokensRead;
        unit.replay.workRoom(limit - work);
        if (work > limit && !expansionStopped) {
            expansionStopped = true;
            unit.report(Code.EXPANSION_LIMIT, Severity.ERROR, unit.span(at),
                    "macro expansion exceeds " + limit + " tokens in this file: stopped, later macros are not expanded");
        }
        if (useWork > MAX_USE_WORK && !useStopped && !expansionStopped) {
            useStopped = true;
            unit.report(Code.EXPANSION_LIMIT, Severity.ERROR, unit.span(at),
                    "macro expansion exceeds " + MAX_USE_WORK + " tokens: stopped");
        }
        return !expansionStopped && !useStopped;
    }

    /** Room left under the expansion-work limit, as {@link #charge} computes it. */
    long room() {
        return MAX_EXPANSION_WORK + EXPANSION_WORK_PER_TOKEN * tokensRead - work;
    }

    /** Stops all later expansion; false when it was stopped already. */
    boolean stop() {
        if (expansionStopped) {
            return false;
        }
        expansionStopped = true;
        return true;
    }

    /** Whether all expansion has stopped for the rest of the unit. */
    boolean stopped() {
        return expansionStopped;
    }

    /** Whether the macro use being read now went over its own budget. */
    boolean useStopped() {
        return useStopped;
    }

    long work() {
        return work;
    }

    long tokensRead() {
        return tokensRead;
    }

    /** Counts what a replayed file did as if it had been read here. */
    void add(long replayedWork, long replayedTokens) {
        work += replayedWork;
        tokensRead += replayedTokens;
    }
}
