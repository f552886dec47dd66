package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.TokenCache;
import io.carveout.testing.Corpus;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine against the ground truth: for every Qualcomm board of the corpus (arm64 and
 * arm) and every overlay composition the oracle ran, the /reserved-memory table the engine
 * reads from its merged tree equals the table that cpp + dtc (+ fdtoverlay) produce, every
 * column and the /memory and /memreserve/ lines included. A board that differs is reported
 * with its first differing line.
 */
class OracleConformanceTest {

    private record Case(String name, Path board, List<Path> overlays, Path expected) {
    }

    @Test
    void everyBoardMatchesTheOracle() throws IOException {
        Path corpus = Corpus.require();
        Path arm64 = corpus.resolve("linux/arch/arm64/boot/dts/qcom");
        Path arm = corpus.resolve("linux/arch/arm/boot/dts/qcom");
        Path oracle = corpus.resolve("oracle-out");
        List<Case> cases = new ArrayList<>();
        for (Path[] dirs : new Path[][] {{arm64, oracle}, {arm, oracle.resolve("arm")}}) {
            try (Stream<Path> boards = Files.list(dirs[0])) {
                for (Path board : boards.filter(p -> p.toString().endsWith(".dts")).sorted().toList()) {
                    String name = board.getFileName().toString().replaceFirst("\\.dts$", "");
                    cases.add(new Case(name, board, List.of(), dirs[1].resolve(name + ".txt")));
                }
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
                    List<Path> applied = Arrays.stream(parts).skip(1).map(p -> arm64.resolve(p + ".dtso")).toList();
                    cases.add(new Case(name, arm64.resolve(parts[0] + ".dts"), applied, expected));
                }
            }
        }
        assertTrue(cases.size() > 400, "found " + cases.size() + " cases");

        ParseCache parses = new ParseCache();
        BoardCompiler compiler = new BoardCompiler(new FileSystemSources().memoized(), new TokenCache(), parses);
        FrontEndSettings settings = FrontEndSettings.DEFAULT.withSymbols(true);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (Case c : cases) {
            if (!Files.exists(c.expected())) {
                failures.add(c.name() + ": no oracle table " + c.expected());
                continue;
            }
            List<String> expected = Files.readAllLines(c.expected()).stream()
                    .filter(l -> !l.startsWith("# source:") && !l.startsWith("# dtc:")).toList();
            CompiledBoard compiled = compiler.compile(c.board(), c.overlays(), settings);
            List<String> actual = OracleTable.render(MemoryMap.of(compiled.tree()), compiled.tree().root());
            compared++;
            String difference = OracleTable.firstDifference(expected, actual);
            if (difference != null) {
                failures.add(c.name() + ": " + difference);
            }
            if (compiled.hasErrors()) {
                failures.add(c.name() + ": the engine reports errors cpp + dtc do not: "
                        + compiled.preprocessDiagnostics().stream().filter(d -> d.isError()).limit(2).toList()
                        + compiled.treeDiagnostics().stream().limit(2).toList());
            }
        }
        System.out.printf("oracle tables compared: %d, differing: %d, parses: %d%n", compared, failures.size(),
                parses.parseCount());
        assertEquals("", String.join("\n", failures.subList(0, Math.min(40, failures.size()))),
                failures.size() + " of " + cases.size() + " cases differ from the oracle");
    }
}
