package io.carveout.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every board of every architecture in the corpus against the oracle's exit status
 * (oracle-out/tree/SUMMARY.tsv, cpp + dtc with the kernel's flags): a board the oracle compiles
 * compiles here with no front-end error (missing include, undefined macro or label, syntax) and
 * has /reserved-memory in its merged tree exactly when the oracle's has (the tables are compared
 * in OracleConformanceEveryArchitectureTest); a board whose preprocessing fails (status 1) gets a
 * front-end error here too. A board dtc rejects (status 2) is listed below with why, and the test
 * fails when the list is no longer true.
 */
class FrontEndCorpusTest {

    /**
     * Boards the oracle's dtc (Debian's 1.6.1) rejects and carveout compiles, each with the reason.
     * dtc 1.6.1 has no &{label/path} reference, which later dtc and the kernel's own build accept
     * (stm32mp151a-prtt1l.dtsi:72 writes &{ethernet0_rmii_pins_a/pins1}).
     */
    private static final Map<String, String> ACCEPTED_THOUGH_THE_ORACLE_REJECTS = Map.of(
            "arch/arm/boot/dts/st/stm32mp133c-prihmb.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151a-prtt1a.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151a-prtt1c.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151a-prtt1s.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151c-mecio1r0.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp151c-mect1s.dts", "&{label/path}: dtc 1.6.1 cannot parse it",
            "arch/arm/boot/dts/st/stm32mp153c-mecio1r1.dts", "&{label/path}: dtc 1.6.1 cannot parse it");

    @Test
    void everyBoardCompilesAsTheOracleDid() throws IOException {
        Path corpus = Corpus.require();
        Path linux = corpus.resolve("linux").toAbsolutePath().normalize();
        List<String> rows = Files.readAllLines(corpus.resolve("oracle-out/tree/SUMMARY.tsv"));
        SourceProvider sources = new FileSystemSources().memoized();
        BoardCompiler compiler = new BoardCompiler(sources, new TokenCache(), new ParseCache());
        List<String> wrong = new ArrayList<>();
        Map<String, int[]> perArch = new TreeMap<>(); // boards, clean
        int rejected = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\t");
            String board = cells[0];
            int status = Integer.parseInt(cells[1]);
            CompiledBoard compiled = compiler.compile(linux.resolve(board), List.of(), FrontEndSettings.DEFAULT);
            Optional<String> error = firstError(compiled);
            int[] counts = perArch.computeIfAbsent(board.split("/")[1], a -> new int[2]);
            counts[0]++;
            if (error.isEmpty()) {
                counts[1]++;
            }
            boolean reservedMemory = compiled.tree().root().child("reserved-memory").isPresent();
            if (status == 0 && error.isPresent()) {
                wrong.add(board + ": the oracle compiles it, carveout says " + error.get());
            } else if (status == 0 && reservedMemory != cells[2].equals("yes")) {
                wrong.add(board + ": /reserved-memory " + (reservedMemory ? "present" : "absent")
                        + " here, the oracle's merged tree says " + cells[2]);
            } else if (status == 1 && error.isEmpty()) {
                wrong.add(board + ": cpp fails on it, carveout reports no error");
            } else if (status == 2) {
                rejected++;
                if (error.isEmpty() && !ACCEPTED_THOUGH_THE_ORACLE_REJECTS.containsKey(board)) {
                    wrong.add(board + ": dtc rejects it, carveout reports no error");
                } else if (error.isPresent() && ACCEPTED_THOUGH_THE_ORACLE_REJECTS.containsKey(board)) {
                    wrong.add(board + ": listed as accepted, now says " + error.get() + ": take it off the list");
                }
            }
        }
        assertTrue(rows.size() > 2000, rows.size() + " boards");
        assertEquals(ACCEPTED_THOUGH_THE_ORACLE_REJECTS.size(), rejected, "boards the oracle's dtc rejects");
        StringBuilder figures = new StringBuilder("front end over every corpus board, clean / boards per architecture:");
        perArch.forEach((arch, c) -> figures.append(' ').append(arch).append(' ').append(c[1]).append('/').append(c[0]));
        System.out.println(figures);
        assertEquals(List.of(), wrong);
    }

    private static Optional<String> firstError(CompiledBoard board) {
        for (Finding d : board.preprocessDiagnostics()) {
            if (d.isError()) {
                return Optional.of(d.code() + " " + d.message() + " at " + d.where());
            }
        }
        for (Finding d : board.treeDiagnostics()) {
            if (d.isError()) {
                return Optional.of(d.code() + " " + d.message() + " at " + d.where());
            }
        }
        return Optional.empty();
    }
}
