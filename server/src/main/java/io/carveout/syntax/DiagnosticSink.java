package io.carveout.syntax;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Collects the diagnostics of one parse. It keeps at most one per start offset and
 * stops at a limit, so a binary file yields a readable list and not a million lines.
 */
final class DiagnosticSink {
    static final int LIMIT = 200;

    private final List<SyntaxDiagnostic> diagnostics = new ArrayList<>();
    private final java.util.Set<Integer> starts = new java.util.HashSet<>();
    private final List<int[]> suppressed = new ArrayList<>();
    private boolean truncated;
    private int lastOffset;

    void report(Token token, String message) {
        if (token instanceof SplicedToken spliced) {
            report(spliced.host, "in \"" + spliced.file + "\" (/include/): " + message);
            return;
        }
        int start = Math.max(0, token.getStartIndex());
        int end = token.getType() == Token.EOF ? start : token.getStopIndex() + 1;
        report(start, end, message);
    }

    void report(int start, int end, String message) {
        if (!starts.add(start)) {
            return;
        }
        lastOffset = Math.max(lastOffset, start);
        if (diagnostics.size() >= LIMIT) {
            truncated = true;
            return;
        }
        diagnostics.add(new SyntaxDiagnostic(start, end, message));
    }

    /** Parse errors inside or right after a token already reported (an unterminated string) add nothing. */
    void suppressParseErrorsWithin(int start, int end) {
        suppressed.add(new int[] {start, end});
    }

    void reportParseError(Token token, String message) {
        if (!isSuppressed(token.getStartIndex())) {
            report(token, message);
        }
    }

    void reportParseError(int start, int end, String message) {
        if (!isSuppressed(start)) {
            report(start, end, message);
        }
    }

    private boolean isSuppressed(int offset) {
        for (int[] range : suppressed) {
            if (offset >= range[0] && offset <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** True once a report was dropped for the limit. */
    boolean truncated() {
        return truncated;
    }

    boolean hasReportedAt(int start) {
        return starts.contains(start);
    }

    List<SyntaxDiagnostic> result() {
        List<SyntaxDiagnostic> sorted = new ArrayList<>(diagnostics);
        sorted.sort(java.util.Comparator.comparingInt(SyntaxDiagnostic::start));
        if (truncated) {
            sorted.add(new SyntaxDiagnostic(lastOffset, lastOffset,
                    "more than " + LIMIT + " syntax errors: the rest are not shown"));
        }
        return sorted;
    }
}
