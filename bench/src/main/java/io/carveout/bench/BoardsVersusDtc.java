package io.carveout.bench;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.TokenCache;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every arm64 board of the corpus evaluated in this JVM, against the kernel's own
 * {@code cpp} + {@code dtc -O dtb} run over the same boards, one after the other on one
 * core each. A wall-clock workload of about a minute: long enough that JMH's machinery
 * adds nothing, so it is timed directly and printed side by side with the ratio.
 */
final class BoardsVersusDtc {
    private BoardsVersusDtc() {
    }

    static void run() throws IOException, InterruptedException {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path qcom = linux.resolve("arch/arm64/boot/dts/qcom");
        List<Path> boards;
        try (Stream<Path> files = Files.list(qcom)) {
            boards = files.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        System.out.printf("boards: %d arm64 boards under %s%n", boards.size(), qcom);

        long oursCold = timeOurs(boards);
        long oursWarm = timeOurs(boards);
        long dtc = timeCppDtc(boards, linux);

        System.out.println();
        System.out.printf("%-44s %10s %12s%n", "", "wall time", "per board");
        System.out.printf("%-44s %9.2fs %10.1fms%n", "carveout, one JVM, first pass (cold JIT)", oursCold / 1e9,
                oursCold / 1e6 / boards.size());
        System.out.printf("%-44s %9.2fs %10.1fms%n", "carveout, one JVM, second pass (fresh caches)", oursWarm / 1e9,
                oursWarm / 1e6 / boards.size());
        System.out.printf("%-44s %9.2fs %10.1fms%n", "cpp + dtc -O dtb, one process pair per board", dtc / 1e9,
                dtc / 1e6 / boards.size());
        System.out.printf("ratio carveout/cpp+dtc: %.3f (first pass), %.3f (second pass)%n",
                (double) oursCold / dtc, (double) oursWarm / dtc);
    }

    private static long timeOurs(List<Path> boards) {
        long start = System.nanoTime();
        BoardCompiler compiler = new BoardCompiler(new FileSystemSources().memoized(), new TokenCache(), new ParseCache());
        int regions = 0;
        for (Path board : boards) {
            regions += compiler.compile(board, List.of(), FrontEndSettings.DEFAULT).tree().root().children().size();
        }
        long elapsed = System.nanoTime() - start;
        if (regions == 0) {
            throw new IllegalStateException("nothing evaluated");
        }
        return elapsed;
    }

    private static long timeCppDtc(List<Path> boards, Path linux) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("carveout-bench");
        // The corpus keeps include-prefixes as plain files; cpp needs real links.
        Path prefixes = work.resolve("include-prefixes");
        Files.createDirectories(prefixes);
        Files.createSymbolicLink(prefixes.resolve("arm"), linux.resolve("arch/arm/boot/dts"));
        Files.createSymbolicLink(prefixes.resolve("arm64"), linux.resolve("arch/arm64/boot/dts"));
        Files.createSymbolicLink(prefixes.resolve("dt-bindings"), linux.resolve("include/dt-bindings"));
        Path pre = work.resolve("board.pre.dts");
        Path blob = work.resolve("board.dtb");
        long start = System.nanoTime();
        int failures = 0;
        for (Path board : boards) {
            int cpp = KernelDtc.exec(List.of("cpp", "-nostdinc", "-undef", "-D__DTS__", "-x", "assembler-with-cpp",
                    "-I", linux.resolve("include").toString(), "-I", linux.resolve("arch/arm64/boot/dts").toString(),
                    "-I", prefixes.toString(), "-o", pre.toString(), board.toString()));
            int dtc = cpp != 0 ? cpp : KernelDtc.exec(List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-b", "0",
                    "-i", board.getParent().toString(), "-i", prefixes.toString(), "-o", blob.toString(), pre.toString()));
            if (dtc != 0) {
                failures++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (failures > 0) {
            System.out.printf("note: cpp + dtc failed on %d boards%n", failures);
        }
        return elapsed;
    }
}
