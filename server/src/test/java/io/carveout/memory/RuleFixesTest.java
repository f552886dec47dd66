package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import io.carveout.finding.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every quick-fix the rule fixtures offer, applied and checked again: the rule no longer fires
 * on the regions the diagnostic was about (a note of lower severity may stay: restoring the size
 * of a relocated firmware region leaves the note that it moved), and no error appears that was
 * not there before
 * (regions are compared by name without unit address, since fixes rename them).
 */
class RuleFixesTest {

    @TestFactory
    Stream<DynamicTest> everyFixFixesWithoutNewErrors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : RuleFixtures.folders()) {
            for (Path board : RuleFixtures.boards(folder)) {
                RuleFixtures.Run before = RuleFixtures.check(board, Map.of());
                for (Finding d : before.report().diagnostics()) {
                    for (Fix fix : d.fixes()) {
                        String name = folder.getFileName() + "/" + board.getFileName() + ":" + before.line(d) + " "
                                + d.code() + ": " + fix.title();
                        tests.add(DynamicTest.dynamicTest(name, () -> check(board, before, d, fix)));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 15, "only " + tests.size() + " fixes in the fixtures");
        return tests.stream();
    }

    private static void check(Path board, RuleFixtures.Run before, Finding diagnostic, Fix fix) {
        assertTrue(!fix.edits().isEmpty(), "a fix without edits");
        RuleFixtures.Run after = RuleFixtures.check(board, RuleFixtures.apply(fix.edits(), before.sources()));
        assertEquals(List.of(), RuleFixturesTest.frontEndErrors(after), "the fix breaks the source");
        Set<String> touched = names(diagnostic.regions());
        List<String> still = after.report().diagnostics().stream()
                .filter(d -> d.code().equals(diagnostic.code()) && d.severity().compareTo(diagnostic.severity()) <= 0
                        && !java.util.Collections.disjoint(names(d.regions()), touched))
                .map(Finding::message).toList();
        assertEquals(List.of(), still, "the rule still fires on " + touched);
        Set<String> errorsBefore = errors(before);
        List<String> newErrors = errors(after).stream().filter(e -> !errorsBefore.contains(e)).toList();
        assertEquals(List.of(), newErrors, "the fix makes new errors");
    }

    private static Set<String> errors(RuleFixtures.Run run) {
        return run.report().diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code() + " " + names(d.regions())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(List<String> paths) {
        Set<String> out = new TreeSet<>();
        for (String path : paths) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            out.add(path.endsWith("/") ? path : last.contains("@") ? last.substring(0, last.indexOf('@')) : last);
        }
        return out;
    }
}
