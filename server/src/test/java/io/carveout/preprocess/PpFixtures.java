package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small in-memory source trees for preprocessor tests: a main file under /t plus any others. */
final class PpFixtures {

    static final Path ROOT = Path.of("/t");
    static final Path MAIN = ROOT.resolve("main.dts");
    /** The one search root of the fixtures, as a {@code -I} folder. */
    static final Path INCLUDE = ROOT.resolve("inc");

    private PpFixtures() {}

    /** The main text plus pairs of (path relative to /t, text). */
    static Map<Path, String> files(String main, String... others) {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(MAIN, main);
        for (int i = 0; i + 1 < others.length; i += 2) {
            files.put(ROOT.resolve(others[i]), others[i + 1]);
        }
        return files;
    }

    static PreprocessResult run(Map<Path, String> files) {
        return run(files, Map.of());
    }

    /**
     * Preprocesses the main file, and checks on the way that the include memo changes nothing:
     * a run that records every include and a run that replays them give what a plain run gives.
     */
    static PreprocessResult run(Map<Path, String> files, Map<String, String> defines) {
        return run(files, defines, List.of(INCLUDE));
    }

    static PreprocessResult run(Map<Path, String> files, Map<String, String> defines, List<Path> roots) {
        IncludeSearch search = IncludeSearch.of(roots);
        SourceProvider sources = SourceProvider.of(files);
        TokenCache tokens = new TokenCache();
        PreprocessResult plain = new Preprocessor(sources, search, defines, tokens).preprocess(MAIN);
        IncludeMemo memo = new IncludeMemo();
        Preprocessor memoized = new Preprocessor(sources, search, defines, tokens, memo);
        MemoAssertions.assertSame(plain, memoized.preprocess(MAIN), "recording run");
        MemoAssertions.assertSame(plain, memoized.preprocess(MAIN), "replaying run");
        return plain;
    }

    static PreprocessResult run(String main, String... others) {
        return run(files(main, others));
    }

    /** The tokens of a text, newlines dropped: what the comparisons with cpp look at. */
    static List<String> tokens(String text) {
        return CppConformanceTest.tokens(text);
    }

    static String joined(String text) {
        return String.join(" ", tokens(text));
    }

    static List<String> lines(String... lines) {
        return new ArrayList<>(List.of(lines));
    }
}
