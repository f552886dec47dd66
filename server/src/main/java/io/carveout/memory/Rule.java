package io.carveout.memory;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import java.util.function.Consumer;

/**
 * One check of RULES.md: a stable id, a default severity, and the code that finds its
 * diagnostics in an {@link Analysis}. Each rule is one small class; the table lists them all.
 */
public interface Rule {
    /** The id used in diagnostics, settings and on the command line, e.g. {@code overlap}. */
    String id();

    Severity defaultSeverity();

    /** One line saying what the rule checks, for help texts and SARIF: its code's meaning in the table of codes. */
    default String summary() {
        return Code.byId(id()).map(Code::meaning)
                .orElseThrow(() -> new IllegalStateException("rule " + id() + " is not a registered code"));
    }

    void check(Analysis analysis, Consumer<Finding> report);
}
