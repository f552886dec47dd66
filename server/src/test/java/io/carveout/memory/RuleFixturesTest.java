package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.memory.check.RuleTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule fixture (see {@link RuleFixtures}): each board's diagnostics must be exactly
 * the ones its files announce, and every rule of the table has a folder with a case that
 * fires and a near miss.
 */
class RuleFixturesTest {

    @Test
    void everyRuleHasAFixtureThatFiresAndANearMiss() {
        Set<String> folders = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : RuleFixtures.folders()) {
            String rule = folder.getFileName().toString();
            folders.add(rule);
            if (RuleTable.byId(rule).isEmpty()) {
                problems.add(rule + ": no such rule in the table");
                continue;
            }
            boolean fires = false;
            boolean nearMiss = false;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(p -> p.toString().matches(".*\\.dtsi?$")).toList()) {
                    String text = RuleFixtures.read(file);
                    fires |= RuleFixtures.expectations(file, text).stream().anyMatch(e -> e.rule().equals(rule));
                    nearMiss |= text.contains("near-miss:");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (!fires) {
                problems.add(rule + ": no case expects the rule to fire");
            }
            if (!nearMiss) {
                problems.add(rule + ": no near-miss case");
            }
        }
        for (var rule : RuleTable.RULES) {
            if (!folders.contains(rule.id())) {
                problems.add(rule.id() + ": no fixture folder");
            }
        }
        assertEquals(List.of(), problems);
    }

    @TestFactory
    Stream<DynamicTest> fixtures() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : RuleFixtures.folders()) {
            for (Path board : RuleFixtures.boards(folder)) {
                tests.add(DynamicTest.dynamicTest(folder.getFileName() + "/" + board.getFileName(), () -> run(board)));
            }
        }
        assertTrue(tests.size() >= RuleTable.RULES.size());
        return tests.stream();
    }

    private static void run(Path board) {
        RuleFixtures.Run run = RuleFixtures.check(board, java.util.Map.of());
        List<RuleFixtures.Expected> expected = new ArrayList<>();
        Set<Path> files = new HashSet<>();
        files.add(board.toAbsolutePath().normalize());
        run.checked().compiled().preprocessed().inclusions().forEach(i -> files.add(i.included()));
        for (Path file : files) {
            if (file.startsWith(board.getParent().toAbsolutePath().normalize())) {
                expected.addAll(RuleFixtures.expectations(file, RuleFixtures.read(file)));
            }
        }
        List<RuleFixtures.Expected> unmet = new ArrayList<>(expected);
        // A fixture may expect a front-end finding (the tree's, where a rule that needs the
        // reference resolved stays silent); any other front-end error means the fixture is wrong.
        List<String> frontEndErrors = new ArrayList<>();
        for (Finding d : frontEnd(run)) {
            RuleFixtures.Expected match = d.where() == null ? null : match(unmet, d, run.line(d));
            if (match != null) {
                unmet.remove(match);
            } else if (d.isError()) {
                frontEndErrors.add(d.toString());
            }
        }
        assertEquals(List.of(), frontEndErrors, "the fixture itself does not compile cleanly");
        List<String> unexpected = new ArrayList<>();
        for (Finding d : run.report().diagnostics()) {
            int line = run.line(d);
            RuleFixtures.Expected match = match(unmet, d, line);
            if (match != null) {
                unmet.remove(match);
            } else {
                unexpected.add(d.where().file().getFileName() + ":" + line + ": " + d.code() + " " + d.severity().label()
                        + ": " + d.message());
            }
        }
        assertEquals(List.of(), unmet, "expected diagnostics that did not appear; found: " + unexpected);
        assertEquals(List.of(), unexpected, "diagnostics no comment expects");
        for (Path file : files) {
            if (!file.startsWith(board.getParent().toAbsolutePath().normalize())) {
                continue;
            }
            for (RuleFixtures.ExpectedFixes fixes : RuleFixtures.fixExpectations(file, RuleFixtures.read(file))) {
                List<String> titles = run.report().diagnostics().stream()
                        .filter(d -> d.where().file().equals(file) && run.line(d) == fixes.line())
                        .flatMap(d -> d.fixes().stream()).map(io.carveout.finding.Fix::title).toList();
                assertEquals(fixes.titles(), titles, "the fixes of " + file.getFileName() + ":" + fixes.line());
            }
        }
    }

    private static RuleFixtures.Expected match(List<RuleFixtures.Expected> unmet, Finding d, int line) {
        return unmet.stream().filter(e -> e.file().equals(d.where().file()) && e.line() == line
                && e.rule().equals(d.code()) && e.severity().equals(d.severity().label())
                && (e.fragment() == null || d.message().contains(e.fragment()))).findFirst().orElse(null);
    }

    static List<String> frontEndErrors(RuleFixtures.Run run) {
        return frontEnd(run).stream().filter(Finding::isError).map(Finding::toString).toList();
    }

    private static List<Finding> frontEnd(RuleFixtures.Run run) {
        List<Finding> out = new ArrayList<>(run.checked().compiled().preprocessDiagnostics());
        out.addAll(run.checked().compiled().treeDiagnostics());
        return out;
    }
}
