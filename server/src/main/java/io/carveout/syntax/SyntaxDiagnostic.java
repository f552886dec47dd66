package io.carveout.syntax;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.text.SourceSpan;

/**
 * A problem found while reading a text: its offset range and a message for the user. A parse of
 * a text knows no file; whoever knows where the text came from places it with {@link #toFinding}.
 */
public record SyntaxDiagnostic(int start, int end, String message) {
    public SyntaxDiagnostic {
        if (end < start) {
            end = start;
        }
    }

    /** This problem as a finding, at {@code where}: the place in a file its offsets stand for. */
    public Finding toFinding(SourceSpan where) {
        return new Finding(where, Severity.ERROR, Code.SYNTAX.id(), message);
    }
}
