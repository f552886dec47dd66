package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.Level;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs every rule of the table over one analysis, gives each diagnostic the level the user
 * set for its rule, and drops the ones a {@code carveout-ignore} comment silences.
 */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    public static MemoryReport run(Analysis analysis) {
        List<Finding> out = new ArrayList<>();
        Suppressions suppressions = new Suppressions(analysis.sources());
        for (Rule rule : RuleTable.RULES) {
            Optional<Level> level = analysis.settings().level(rule.id());
            if (level.equals(Optional.of(Level.OFF))) {
                continue;
            }
            List<Finding> found = new ArrayList<>();
            try {
                rule.check(analysis, found::add);
            } catch (RuntimeException e) {
                // a rule that trips over a strange tree must not take the other rules down with it
                found.clear();
                found.add(new Finding(new SourceSpan(analysis.checkedFile(), 0, 0), Severity.WARNING, rule.id(),
                        "carveout could not run the rule " + rule.id() + " on this tree (" + e
                        + "); please report it with the file"));
            }
            for (Finding d : found) {
                Finding leveled = level.map(l -> withLevel(d, rule, l)).orElse(d);
                if (!suppressions.silences(leveled)) {
                    out.add(leveled);
                }
            }
        }
        out.sort(Comparator.comparing((Finding d) -> d.where().file().toString())
                .thenComparingInt(d -> d.where().start())
                .thenComparing(Finding::code));
        return new MemoryReport(analysis, out);
    }

    // A rule's notes (info findings of a rule that is not itself info) stay notes whatever
    // level the rule is given: "firmware-region": "warning" must not turn moves into warnings.
    private static Finding withLevel(Finding d, Rule rule, Level level) {
        if (d.severity() == Severity.INFO && rule.defaultSeverity() != Severity.INFO) {
            return d;
        }
        return d.withSeverity(level.severity().orElseThrow());
    }
}
