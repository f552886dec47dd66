package io.carveout.memory;

import io.carveout.text.SourceSpan;
import java.util.List;

/**
 * A finding of one rule: where it is (the place that decides the value), what it says (the
 * fact, the consequence at boot, what to do), the other places involved, the fixes, and the
 * node paths of the regions it is about.
 */
public record Diagnostic(String rule, Severity severity, String message, SourceSpan at, List<Related> related,
        List<Fix> fixes, List<String> regions) {

    public Diagnostic {
        related = List.copyOf(related);
        fixes = List.copyOf(fixes);
        regions = List.copyOf(regions);
    }

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(rule, newSeverity, message, at, related, fixes, regions);
    }
}
