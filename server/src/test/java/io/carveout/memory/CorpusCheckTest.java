package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.memory.check.RuleTable;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.testing.Corpus;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CheckedFile;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checker over every arm64 Qualcomm board of the corpus and every overlay composition
 * the oracle ran: it never fails, every {@code # overlap:} pair of the cpp + dtc oracle is an
 * {@code overlap} diagnostic naming both regions and no other overlap is reported, and every
 * {@code # unit-address-mismatch} is a {@code unit-address} diagnostic. Prints what each rule
 * found over the corpus.
 */
class CorpusCheckTest {

    private record Case(String name, Path board, List<Path> overlays, Path oracle) {
    }

    @Test
    void everyArm64BoardAgreesWithTheOracleOnOverlapsAndUnitAddresses() throws IOException {
        Path corpus = Corpus.require();
        Path arm64 = corpus.resolve("linux/arch/arm64/boot/dts/qcom");
        Path oracle = corpus.resolve("oracle-out");
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> boards = Files.list(arm64)) {
            for (Path board : boards.filter(p -> p.toString().endsWith(".dts")).sorted().toList()) {
                String name = board.getFileName().toString().replaceFirst("\\.dts$", "");
                cases.add(new Case(name, board, List.of(), oracle.resolve(name + ".txt")));
            }
        }
        try (Stream<Path> overlays = Files.list(oracle.resolve("overlays"))) {
            for (Path expected : overlays.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String name = expected.getFileName().toString().replaceFirst("\\.txt$", "");
                if (name.endsWith(".standalone")) {
                    Path overlay = arm64.resolve(name.replaceFirst("\\.standalone$", "") + ".dtso");
                    cases.add(new Case(name, overlay, List.of(), expected));
                } else {
                    String[] parts = name.split("\\+");
                    cases.add(new Case(name, arm64.resolve(parts[0] + ".dts"),
                            Arrays.stream(parts).skip(1).map(p -> arm64.resolve(p + ".dtso")).toList(), expected));
                }
            }
        }
        assertTrue(cases.size() > 350, "found " + cases.size() + " cases");

        SourceProvider sources = new FileSystemSources().memoized();
        BoardCheck checker = new BoardCheck(sources, new BoardCompiler(sources, new TokenCache(), new ParseCache()));
        Map<String, int[]> perRule = new TreeMap<>();
        RuleTable.RULES.forEach(r -> perRule.put(r.id(), new int[3]));
        List<String> failures = new ArrayList<>();
        int oraclePairs = 0;
        int oracleUnit = 0;
        int boardsWithOverlap = 0;
        for (Case c : cases) {
            CheckedFile checked;
            try {
                checked = checker.check(new BoardCheck.Request(c.board(), Optional.empty(), c.overlays(),
                        Settings.DEFAULT, Optional.empty(), Optional.empty()));
            } catch (RuntimeException e) {
                failures.add(c.name() + ": the checker failed: " + e);
                continue;
            }
            for (Finding d : checked.report().diagnostics()) {
                perRule.get(d.code())[d.severity().ordinal()]++;
                if (d.message().startsWith("carveout could not run")) {
                    failures.add(c.name() + ": " + d.message());
                }
            }
            List<String> lines = Files.readAllLines(c.oracle());
            Set<String> expected = new TreeSet<>();
            for (String line : lines) {
                if (line.startsWith("# overlap: ")) {
                    String[] words = line.substring("# overlap: ".length()).split(" ");
                    expected.add(pair(words[0], words[3]));
                }
            }
            oraclePairs += expected.size();
            boardsWithOverlap += expected.isEmpty() ? 0 : 1;
            Set<String> actual = new TreeSet<>();
            for (Finding d : checked.report().diagnostics()) {
                if (d.code().equals("overlap")) {
                    actual.add(pair(name(d.regions().get(0)), name(d.regions().get(1))));
                }
            }
            if (!expected.equals(actual)) {
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(actual);
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                failures.add(c.name() + ": overlap pairs differ; oracle only " + missing + ", carveout only " + extra);
            }
            for (String line : lines) {
                if (!line.startsWith("# unit-address-mismatch: ")) {
                    continue;
                }
                oracleUnit++;
                String node = line.substring("# unit-address-mismatch: ".length()).split(" ")[0];
                boolean found = checked.report().diagnostics().stream()
                        .anyMatch(d -> d.code().equals("unit-address") && d.regions().stream().anyMatch(
                                p -> p.equals("/reserved-memory/" + node)));
                if (!found) {
                    failures.add(c.name() + ": no unit-address diagnostic for " + node);
                }
            }
        }
        System.out.printf("corpus check: %d cases, oracle overlap pairs %d (on %d cases), unit-address mismatches %d%n",
                cases.size(), oraclePairs, boardsWithOverlap, oracleUnit);
        System.out.println("diagnostics per rule over the corpus (error / warning / info):");
        perRule.forEach((rule, n) -> System.out.printf("  %-22s %6d %6d %6d%n", rule, n[0], n[1], n[2]));
        assertTrue(oraclePairs > 0, "the oracle lists overlaps; none were compared");
        assertEquals("", String.join("\n", failures.subList(0, Math.min(30, failures.size()))),
                failures.size() + " of " + cases.size() + " cases disagree");
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " & " + b : b + " & " + a;
    }
}
