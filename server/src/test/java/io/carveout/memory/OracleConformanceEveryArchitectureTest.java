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
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The engine against the ground truth on every architecture: for every board of
 * oracle-out/tree/SUMMARY.tsv whose merged tree has /reserved-memory (every architecture and
 * vendor of the corpus besides the Qualcomm boards {@link OracleConformanceTest} covers), the
 * table the engine reads equals the one cpp + dtc produced, every column and the /memory and
 * /memreserve/ lines included. A board that differs is reported with its first differing line.
 * Whether a board has /reserved-memory at all is checked for every board in
 * {@code FrontEndCorpusTest}.
 */
class OracleConformanceEveryArchitectureTest {

    /**
     * Boards the oracle's dtc (Debian's 1.6.1) rejects, so that the corpus has no table for them,
     * though they have /reserved-memory, each with the reason. Their table is compared with the
     * one the oracle made of the same source written so that dtc 1.6.1 reads it
     * (src/test/resources/oracle-label-path). The test fails when an entry is no longer true; a
     * board the oracle rejects that has /reserved-memory and is not listed fails too.
     */
    private static final Map<String, String> REJECTED_BY_THE_ORACLE = Map.of(
            "arch/arm/boot/dts/st/stm32mp133c-prihmb.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151c-mecio1r0.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp153c-mecio1r1.dts", "&{label/path}: dtc 1.6.1 cannot parse it");

    @Test
    void everyBoardWithReservedMemoryMatchesTheOracle() throws IOException, URISyntaxException {
        Path corpus = Corpus.require();
        Path linux = corpus.resolve("linux");
        Path tables = corpus.resolve("oracle-out/tree");
        Path rewritten = Path.of(getClass().getResource("/oracle-label-path").toURI());
        List<String> rows = Files.readAllLines(tables.resolve("SUMMARY.tsv"));
        ParseCache parses = new ParseCache();
        BoardCompiler compiler = new BoardCompiler(new FileSystemSources().memoized(), new TokenCache(), parses);
        FrontEndSettings settings = FrontEndSettings.DEFAULT.withSymbols(true);
        List<String> failures = new ArrayList<>();
        Map<String, int[]> perArchitecture = new TreeMap<>(); // compared, equal
        int rejectedCompared = 0;
        int rejectedEqual = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t");
            String board = cells[0];
            String status = cells[1];
            String reason = REJECTED_BY_THE_ORACLE.get(board);
            Path expectedFile;
            if (reason != null) {
                if (!status.equals("2")) {
                    failures.add(board + ": listed (" + reason + ") but the oracle's status is " + status
                            + ": take it off the list");
                    continue;
                }
                expectedFile = rewritten.resolve(Path.of(board).getFileName().toString().replaceFirst("\\.dts$", ".txt"));
            } else if (status.equals("2")) {
                CompiledBoard compiled = compiler.compile(linux.resolve(board), List.of(), FrontEndSettings.DEFAULT);
                if (compiled.tree().root().child("reserved-memory").isPresent()) {
                    failures.add(board + ": has /reserved-memory and the oracle rejects it: list it with why");
                }
                continue;
            } else if (status.equals("0") && cells[2].equals("yes")) {
                expectedFile = tables.resolve(board.replaceFirst("\\.dts$", ".txt"));
            } else {
                continue;
            }
            if (!Files.exists(expectedFile)) {
                failures.add(board + ": no oracle table " + expectedFile);
                continue;
            }
            List<String> expected = Files.readAllLines(expectedFile).stream()
                    .filter(l -> !l.startsWith("# source:") && !l.startsWith("# dtc:")).toList();
            CompiledBoard compiled = compiler.compile(linux.resolve(board), List.of(), settings);
            List<String> actual = OracleTable.render(MemoryMap.of(compiled.tree()), compiled.tree().root());
            String difference = OracleTable.firstDifference(expected, actual);
            boolean equal = false;
            if (difference != null) {
                failures.add(board + ": " + difference);
            } else if (compiled.hasErrors()) {
                failures.add(board + ": the engine reports errors cpp + dtc do not: "
                        + compiled.preprocessDiagnostics().stream().filter(d -> d.isError()).limit(2).toList()
                        + compiled.treeDiagnostics().stream().limit(2).toList());
            } else {
                equal = true;
            }
            if (reason != null) {
                rejectedCompared++;
                rejectedEqual += equal ? 1 : 0;
            } else {
                int[] counts = perArchitecture.computeIfAbsent(architecture(board), a -> new int[2]);
                counts[0]++;
                counts[1] += equal ? 1 : 0;
            }
        }
        int compared = perArchitecture.values().stream().mapToInt(c -> c[0]).sum();
        StringBuilder figures = new StringBuilder("oracle tables on every architecture, equal / compared:");
        perArchitecture.forEach((arch, c) -> figures.append(' ').append(arch).append(' ').append(c[1]).append('/')
                .append(c[0]));
        System.out.println(figures);
        System.out.printf("oracle tables compared: %d, differing: %d; boards the oracle rejects, equal to its table"
                + " of the source written for dtc 1.6.1: %d/%d; parses: %d%n", compared, failures.size(),
                rejectedEqual, rejectedCompared, parses.parseCount());
        assertTrue(compared > 500, compared + " boards with /reserved-memory");
        assertEquals(REJECTED_BY_THE_ORACLE.size(), rejectedCompared, "listed boards found in SUMMARY.tsv");
        assertEquals("", String.join("\n", failures.subList(0, Math.min(40, failures.size()))),
                failures.size() + " of " + (compared + rejectedCompared) + " boards differ from the oracle");
    }

    /** arch/arm64/boot/dts/apple/x.dts is arm64/apple; arch/riscv/boot/dts/sifive/x.dts is riscv. */
    private static String architecture(String board) {
        String[] parts = board.split("/");
        boolean vendors = (parts[1].equals("arm") || parts[1].equals("arm64")) && parts.length > 5;
        return vendors ? parts[1] + "/" + parts[4] : parts[1];
    }
}
