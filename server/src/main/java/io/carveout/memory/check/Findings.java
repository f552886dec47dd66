package io.carveout.memory.check;

import io.carveout.memory.Diagnostic;
import io.carveout.memory.Fix;
import io.carveout.memory.Related;
import io.carveout.memory.Rule;
import io.carveout.memory.Severity;
import io.carveout.text.SourceSpan;
import java.util.List;
import java.util.Optional;

/** Builds a rule's diagnostics: the rule's id and default severity unless told otherwise. */
final class Findings {
    private Findings() {
    }

    static Diagnostic of(Rule rule, SourceSpan at, String message, List<Related> related, List<Fix> fixes,
            List<String> regions) {
        return new Diagnostic(rule.id(), rule.defaultSeverity(), message, at, related, fixes, regions);
    }

    static Diagnostic of(Rule rule, Severity severity, SourceSpan at, String message, List<Related> related,
            List<Fix> fixes, List<String> regions) {
        return new Diagnostic(rule.id(), severity, message, at, related, fixes, regions);
    }

    /** The fixes that exist, in order. */
    @SafeVarargs
    static List<Fix> fixes(Optional<Fix>... candidates) {
        return java.util.Arrays.stream(candidates).flatMap(Optional::stream).toList();
    }
}
