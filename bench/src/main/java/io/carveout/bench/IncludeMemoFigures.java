package io.carveout.bench;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.IncludeMemo;
import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.IncludeSearch;
import io.carveout.preprocess.Inclusion;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.preprocess.Preprocessor;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the include memo saves when a SoC {@code .dtsi} is edited: the boards that include it
 * preprocessed (and compiled) again after a one-character edit, with a memo warmed on the
 * unedited corpus as the language server's is, beside the same without a memo. Each round makes
 * a new edit, so the edited file itself is read once per round. Not JMH: rounds after a warm-up,
 * the median reported. {@code -Dsoc=NAME.dtsi} picks the file (default hamoa.dtsi).
 */
final class IncludeMemoFigures {
    private static final int WARMUP_ROUNDS = 5;
    private static final int ROUNDS = 15;

    private IncludeMemoFigures() {
    }

    /** The files on disk, with one of them replaced by an edited text, as an editor's buffer is. */
    private static final class Edited implements SourceProvider {
        final SourceProvider disk = new FileSystemSources().memoized();
        final Map<Path, String> buffers = new HashMap<>();

        @Override
        public Optional<String> read(Path path) {
            String buffer = buffers.get(path);
            return buffer != null ? Optional.of(buffer) : disk.read(path);
        }
    }

    static void run() throws IOException {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path qcom = linux.resolve("arch/arm64/boot/dts/qcom");
        Path soc = qcom.resolve(System.getProperty("soc", "hamoa.dtsi"));
        String original = Files.readString(soc);
        Edited sources = new Edited();
        TokenCache tokens = new TokenCache();
        List<Path> all;
        try (Stream<Path> list = Files.list(qcom)) {
            all = list.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        List<Path> boards = new ArrayList<>();
        Map<Path, IncludeSearch> searches = new HashMap<>();
        for (Path board : all) {
            IncludeSearch search = IncludePaths.discover(board, List.of()).search();
            PreprocessResult r = new Preprocessor(sources, search, Map.of(), tokens).preprocess(board);
            if (r.inclusions().stream().map(Inclusion::included).anyMatch(soc::equals)) {
                boards.add(board);
                searches.put(board, search);
            }
        }
        IncludeMemo memo = new IncludeMemo(Long.getLong("memoBytes", IncludeMemo.DEFAULT_MAX_BYTES));
        long heapBefore = usedHeap();
        for (Path board : all) {
            IncludeSearch search = IncludePaths.discover(board, List.of()).search();
            new Preprocessor(sources, search, Map.of(), tokens, memo).preprocess(board);
        }
        long heapAfter = usedHeap();
        System.out.printf("include memo after preprocessing all %d boards: %d files, %.1f MiB estimated, %.1f MiB more heap in use"
                + " (%d replayed, %d read)%n", all.size(), memo.size(), memo.estimatedBytes() / 1048576.0,
                (heapAfter - heapBefore) / 1048576.0, memo.hits(), memo.misses());
        // as carveout check runs: every board once, the memo starting empty
        double[] plainAll = new double[5];
        double[] memoAll = new double[5];
        for (int round = 0; round < 2 + plainAll.length; round++) {
            long t0 = System.nanoTime();
            for (Path board : all) {
                new Preprocessor(sources, IncludePaths.discover(board, List.of()).search(), Map.of(), tokens)
                        .preprocess(board);
            }
            long t1 = System.nanoTime();
            IncludeMemo fresh = new IncludeMemo();
            for (Path board : all) {
                new Preprocessor(sources, IncludePaths.discover(board, List.of()).search(), Map.of(), tokens, fresh)
                        .preprocess(board);
            }
            long t2 = System.nanoTime();
            if (round >= 2) {
                plainAll[round - 2] = (t1 - t0) / 1e6;
                memoAll[round - 2] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf("%npreprocess all %d arm64 qcom boards once, memo starting empty (median of %d after 2 warm-up)%n",
                all.size(), plainAll.length);
        System.out.printf("%-40s %14s %14s %10s%n", "", "no memo", "include memo", "per board");
        line("preprocess every board", plainAll, memoAll, all.size());

        FrontEndSettings settings = Settings.DEFAULT.frontEnd(false);
        ParseCache parses = new ParseCache();
        BoardCompiler plainCompiler = new BoardCompiler(sources, tokens, null, parses);
        BoardCompiler memoCompiler = new BoardCompiler(sources, tokens, memo, parses);
        for (Path board : boards) {
            memoCompiler.compile(board, List.of(), settings);
        }

        int at = original.indexOf("0x", original.indexOf("reg = <", original.indexOf("memory@"))) + 2;
        double[] plainPp = new double[ROUNDS];
        double[] memoPp = new double[ROUNDS];
        double[] plainCompile = new double[ROUNDS];
        double[] memoCompile = new double[ROUNDS];
        long hitsBefore = 0;
        long missesBefore = 0;
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            if (round == WARMUP_ROUNDS) {
                hitsBefore = memo.hits();
                missesBefore = memo.misses();
            }
            char digit = (char) ('1' + round % 9);
            sources.buffers.put(soc, original.substring(0, at) + digit + original.substring(at + 1));
            long t0 = System.nanoTime();
            for (Path board : boards) {
                new Preprocessor(sources, searches.get(board), Map.of(), tokens).preprocess(board);
            }
            long t1 = System.nanoTime();
            for (Path board : boards) {
                new Preprocessor(sources, searches.get(board), Map.of(), tokens, memo).preprocess(board);
            }
            long t2 = System.nanoTime();
            // the compile rounds get an edit of their own, so the memo has not seen it yet
            sources.buffers.put(soc, original.substring(0, at) + (char) ('a' + round % 6) + original.substring(at + 1));
            long t3 = System.nanoTime();
            for (Path board : boards) {
                plainCompiler.compile(board, List.of(), settings);
            }
            long t4 = System.nanoTime();
            sources.buffers.put(soc, original.substring(0, at) + (char) ('A' + round % 6) + original.substring(at + 1));
            long t5 = System.nanoTime();
            for (Path board : boards) {
                memoCompiler.compile(board, List.of(), settings);
            }
            long t6 = System.nanoTime();
            if (round >= WARMUP_ROUNDS) {
                int i = round - WARMUP_ROUNDS;
                plainPp[i] = (t1 - t0) / 1e6;
                memoPp[i] = (t2 - t1) / 1e6;
                plainCompile[i] = (t4 - t3) / 1e6;
                memoCompile[i] = (t6 - t5) / 1e6;
            }
        }
        System.out.printf("%n%d boards include %s; one character edited per round, median of %d rounds after %d warm-up%n",
                boards.size(), soc.getFileName(), ROUNDS, WARMUP_ROUNDS);
        System.out.printf("%-40s %14s %14s %10s%n", "", "no memo", "include memo", "per board");
        line("preprocess every board", plainPp, memoPp, boards.size());
        line("compile every board (BoardCompiler)", plainCompile, memoCompile, boards.size());
        System.out.printf("include memo during the measured rounds: %d includes replayed, %d read; %d files kept%n",
                memo.hits() - hitsBefore, memo.misses() - missesBefore, memo.size());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void line(String what, double[] plain, double[] memo, int boards) {
        double a = median(plain);
        double b = median(memo);
        System.out.printf("%-40s %11.1f ms %11.1f ms %5.2f -> %.2f ms  (x%.1f)%n", what, a, b, a / boards, b / boards, a / b);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
