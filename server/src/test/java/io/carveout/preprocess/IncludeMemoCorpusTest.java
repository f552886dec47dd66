package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every qcom board of the corpus preprocessed with one include memo shared by all, as the
 * language server and {@code carveout check} do, against a plain run: the results must be the
 * same in every part, and most includes must come from the memo.
 */
class IncludeMemoCorpusTest {

    @Test
    void replayedIncludesGiveWhatReadingThemGives() throws Exception {
        Path linux = CppConformanceTest.LINUX.toAbsolutePath().normalize();
        CppConformanceTest.require(Files.isDirectory(linux), "corpus not found at " + linux);
        List<Path> boards = new ArrayList<>();
        for (String arch : List.of("arm64", "arm")) {
            try (Stream<Path> files = Files.list(linux.resolve("arch/" + arch + "/boot/dts/qcom"))) {
                files.filter(p -> p.getFileName().toString().endsWith(".dts")).sorted().forEach(boards::add);
            }
        }
        assertTrue(boards.size() > 300, "expected the corpus's qcom boards, found " + boards.size());
        SourceProvider sources = new FileSystemSources().memoized();
        TokenCache tokens = new TokenCache();
        IncludeMemo memo = new IncludeMemo();
        List<String> differences = new ArrayList<>();
        long plainNanos = 0;
        long memoNanos = 0;
        for (Path board : boards) {
            IncludeSearch search = IncludePaths.discover(board, List.of()).search();
            long t0 = System.nanoTime();
            PreprocessResult plain = new Preprocessor(sources, search, Map.of(), tokens).preprocess(board);
            long t1 = System.nanoTime();
            PreprocessResult replayed = new Preprocessor(sources, search, Map.of(), tokens, memo).preprocess(board);
            long t2 = System.nanoTime();
            plainNanos += t1 - t0;
            memoNanos += t2 - t1;
            String difference = MemoAssertions.difference(plain, replayed);
            if (difference != null) {
                differences.add(linux.relativize(board) + ": " + difference);
            }
        }
        System.out.printf("include memo over %d boards: %d hits, %d misses, %d files kept; plain %.1f s, memoized %.1f s%n",
                boards.size(), memo.hits(), memo.misses(), memo.size(), plainNanos / 1e9, memoNanos / 1e9);
        differences.stream().limit(20).forEach(d -> System.out.println("  DIFFERS " + d));
        assertEquals(List.of(), differences.stream().limit(5).toList(), differences.size() + " boards differ");
        assertTrue(memo.hits() > memo.misses(), "most includes should replay");
    }
}
