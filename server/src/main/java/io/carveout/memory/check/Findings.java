package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import java.util.List;
import java.util.Optional;

/** Builds a rule's diagnostics: the rule's id and default severity unless told otherwise. */
final class Findings {
    private Findings() {
    }

    static Finding of(Rule rule, SourceSpan at, String message, List<Related> related, List<Fix> fixes,
            List<String> regions) {
        return new Finding(at, rule.defaultSeverity(), rule.id(), message, related, fixes, regions, List.of());
    }

    static Finding of(Rule rule, Severity severity, SourceSpan at, String message, List<Related> related,
            List<Fix> fixes, List<String> regions) {
        return new Finding(at, severity, rule.id(), message, related, fixes, regions, List.of());
    }

    /** The fixes that exist, in order. */
    @SafeVarargs
    static List<Fix> fixes(Optional<Fix>... candidates) {
        return java.util.Arrays.stream(candidates).flatMap(Optional::stream).toList();
    }
}
