package io.carveout.syntax;

/** A problem found while reading a file: its offset range and a message for the user. */
public record SyntaxDiagnostic(int start, int end, String message) {
    public SyntaxDiagnostic {
        if (end < start) {
            end = start;
        }
    }
}
