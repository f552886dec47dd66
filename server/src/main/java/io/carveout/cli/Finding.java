package io.carveout.cli;

import io.carveout.memory.Diagnostic;
import io.carveout.memory.Fix;
import io.carveout.memory.Related;
import io.carveout.preprocess.PpDiagnostic;
import io.carveout.preprocess.SourceSpan;
import io.carveout.tree.TreeDiagnostic;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code carveout check}'s output, whatever stage found it: a memory rule, the
 * preprocessor or the tree. Severity is "error", "warning" or "info".
 */
record Finding(SourceSpan at, String severity, String rule, String message, List<Related> related, List<Fix> fixes) {

    static Finding of(Diagnostic d) {
        return new Finding(d.at(), d.severity().label(), d.rule(), d.message(), d.related(), d.fixes());
    }

    static Finding of(PpDiagnostic d) {
        return new Finding(d.span(), d.isError() ? "error" : "warning",
                d.code().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.message(), List.of(), List.of());
    }

    static Finding of(TreeDiagnostic d) {
        return new Finding(d.origin(), d.severity().name().toLowerCase(Locale.ROOT), d.code(), d.message(), List.of(),
                List.of());
    }

    boolean isError() {
        return severity.equals("error");
    }

    /** True when the finding or one of its related places is in {@code file}. */
    boolean touches(java.nio.file.Path file) {
        return (at != null && at.file().equals(file)) || related.stream().anyMatch(r -> r.at().file().equals(file));
    }
}
