package io.carveout.tree;

import io.carveout.text.SourceSpan;

/**
 * A problem found while building the merged tree, placed in the file the user wrote.
 * {@code code} names the kind of problem, as dtc's check names do.
 */
public record TreeDiagnostic(SourceSpan origin, Severity severity, String code, String message) {
    /** How serious a problem is, from dtc's point of view: an error stops dtc, a warning does not. */
    public enum Severity { ERROR, WARNING, INFO }
}
