package io.carveout.memory.check;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.Level;
import io.carveout.memory.Rule;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every rule of the table over one analysis, in the table's order, where its prerequisites
 * have not fired; gives each finding the level the user set for its rule, and drops the ones a
 * {@code carveout-ignore} comment silences.
 */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    public static MemoryReport run(Analysis analysis) {
        List<Finding> out = new ArrayList<>();
        Suppressions suppressions = new Suppressions(analysis.sources());
        // What fired, by code: the tree's findings, then each rule's as it runs. A prerequisite
        // counts as it fired, whatever level the user gives it or a comment that silences it:
        // the kernel skips a node with an unreadable reg whether or not anyone is told.
        Map<String, List<Finding>> fired = new HashMap<>();
        for (Finding f : analysis.tree().diagnostics()) {
            fired.computeIfAbsent(f.code(), c -> new ArrayList<>()).add(f);
        }
        for (RuleTable.Entry entry : RuleTable.TABLE) {
            Rule rule = entry.rule();
            Optional<Level> level = analysis.settings().level(rule.id());
            boolean off = level.equals(Optional.of(Level.OFF));
            if (off && !RuleTable.isPrerequisite(rule.id())) {
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
            found.removeIf(d -> entry.prerequisites().stream()
                    .anyMatch(p -> fired.getOrDefault(p.id(), List.of()).stream().anyMatch(e -> about(e, p, d))));
            fired.put(rule.id(), found);
            if (off) {
                continue;
            }
            for (Finding d : found) {
                Finding leveled = level.map(l -> withLevel(d, rule, l)).orElse(d);
                if (!suppressions.silences(leveled)) {
                    // without fixes asked for, none at all: the findings then do not depend on
                    // which of a rule's fixes were cheap enough to make anyway
                    out.add(analysis.fixes() ? leveled : leveled.withFixes(List.of()));
                }
            }
        }
        out.sort(Comparator.comparing((Finding d) -> d.where().file().toString())
                .thenComparingInt(d -> d.where().start())
                .thenComparing(Finding::code));
        return new MemoryReport(analysis, out);
    }

    /**
     * Whether {@code earlier}, a finding of the prerequisite {@code code}, is about what
     * {@code finding} is about: a memory rule's finding about one of its regions, or a tree
     * finding at its place (the reference the tree could not resolve is the cell the rule reads).
     */
    private static boolean about(Finding earlier, Code code, Finding finding) {
        if (code.layers().contains(Code.Layer.MEMORY)) {
            return !Collections.disjoint(earlier.regions(), finding.regions());
        }
        return earlier.where() != null && finding.where() != null && finding.where().contains(earlier.where());
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
