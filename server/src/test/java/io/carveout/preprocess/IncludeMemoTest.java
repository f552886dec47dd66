package io.carveout.preprocess;

import static io.carveout.preprocess.PpFixtures.MAIN;
import static io.carveout.preprocess.PpFixtures.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The include memo as data: main texts preprocessed one after the other with one memo, each
 * result the same as a plain run's, and the includes replayed where (and only where) what the
 * included file read from outside is as when it was recorded.
 */
class IncludeMemoTest {

    /**
     * @param boards main texts, run in order with one memo
     * @param hits per board, the includes replayed
     * @param others files as (path under /t, text) pairs
     */
    record Case(String name, List<String> boards, List<Integer> hits, String... others) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, List<String> boards, List<Integer> hits, String... others) {
        return new Case(name, boards, hits, others);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("an include met again in the same unit replays",
                        List.of("#include \"a.h\"\n#include \"a.h\"\n"), List.of(1), "a.h", "a\n"),
                c("a macro defined otherwise before the include misses",
                        List.of("#define X 1\n#include \"x.h\"\n", "#define X 2\n#include \"x.h\"\n",
                                "#define X 1\n#include \"x.h\"\n"),
                        List.of(0, 0, 1), "x.h", "X\n"),
                c("a macro that a later include defines",
                        List.of("#include \"a.h\"\n#include \"b.h\"\n#include \"a.h\"\n"), List.of(0),
                        "a.h", "FOO\n", "b.h", "#define FOO foo\n"),
                c("#ifdef reads only whether it is defined",
                        List.of("#define X 1\n#include \"x.h\"\n", "#define X 2\n#include \"x.h\"\n", "#include \"x.h\"\n"),
                        List.of(0, 1, 0), "x.h", "#ifdef X\nyes\n#endif\n#if defined(X)\nyes\n#endif\n"),
                c("a macro the file defines before using it is not read from outside",
                        List.of("#define X 1\n#include \"x.h\"\n", "#include \"x.h\"\n"),
                        List.of(0, 1), "x.h", "#undef X\n#define X 3\nX\n"),
                c("a redefinition warning depends on the definition before",
                        List.of("#define X 1\n#include \"r.h\"\n", "#include \"r.h\"\n", "#define X 1\n#include \"r.h\"\n"),
                        List.of(0, 0, 1), "r.h", "#define X 2\nX\n"),
                c("a function-like name at the end of an include takes no arguments from the includer",
                        List.of("#include \"f.h\"\n(1)\n", "#include \"f.h\"\n(2)\n#define F(x) [x]\n#include \"f.h\"\n(3)\n"),
                        List.of(0, 1), "f.h", "#define F(x) [x]\nF\n"),
                c("unterminated arguments at the end of an include",
                        List.of("#define F(x) x\n#include \"u.h\"\n)\n#include \"u.h\"\n)\n"), List.of(1),
                        "u.h", "F(1\n"),
                c("include guard and the multiple-include optimization",
                        List.of("#include \"g.h\"\n#include \"g.h\"\nG\n", "#include \"g.h\"\nG\n",
                                "#define G_H\n#include \"g.h\"\n"),
                        List.of(0, 1, 0), "g.h", "#ifndef G_H\n#define G_H\n#define G g\ng\n#endif\n"),
                c("a header included inside another replays inside it",
                        List.of("#include \"outer.h\"\n", "#include \"inner.h\"\n#include \"outer.h\"\n",
                                "#include \"outer.h\"\n#include \"inner.h\"\n"),
                        List.of(0, 1, 1), "outer.h", "o\n#include \"inner.h\"\nI o\n",
                        "inner.h", "#ifndef INNER\n#define INNER\n#define I i\ni\n#endif\n"),
                c("#pragma once carries over",
                        List.of("#include \"o.h\"\n#include \"o.h\"\n", "#include \"p.h\"\n#include \"o.h\"\n"),
                        List.of(0, 1), "o.h", "#pragma once\no\n", "p.h", "#include \"o.h\"\np\n"),
                c("__COUNTER__ is never replayed",
                        List.of("#include \"c.h\"\n#include \"c.h\"\n", "#include \"c.h\"\n"), List.of(0, 0),
                        "c.h", "__COUNTER__\n"),
                c("__INCLUDE_LEVEL__ and __BASE_FILE__ are never replayed",
                        List.of("#include \"l.h\"\n#include \"l.h\"\n"), List.of(0), "l.h", "__INCLUDE_LEVEL__ __BASE_FILE__\n"),
                c("__LINE__ and __FILE__ replay",
                        List.of("#include \"l.h\"\n\n\n#include \"l.h\"\n"), List.of(1), "l.h", "\n__LINE__ __FILE__\n#line 40\n__LINE__\n"),
                c("diagnostics of an include replay",
                        List.of("#include \"e.h\"\n#include \"e.h\"\n"), List.of(1),
                        "e.h", "#warning careful\n#if 1/0\n#endif\n#include \"none.h\"\nF(\n#if 1\n"),
                c("macro uses and definitions replay",
                        List.of("#include \"m.h\"\nA B\n", "#define C c\n#include \"m.h\"\nA B C\n"), List.of(0, 1),
                        "m.h", "#define A a\n#define B(x) x A\nB(A) A\n", "inc/q.h", "q\n"),
                c("an include without a final newline",
                        List.of("x\n#include \"n.h\"\ny\n#include \"n.h\"\n  z\n"), List.of(1), "n.h", "a"),
                c("an empty include and one that prints only padding",
                        List.of("#define E\nE\n#include \"e.h\"\n  z\n#include \"p.h\"\n  y\n#include \"p.h\"\n  x E\n#include \"e.h\"\n"),
                        List.of(2), "e.h", "", "p.h", "E E\n"),
                c("an include on the includer's last line",
                        List.of("#include \"a.h\"\n#include \"a.h\""), List.of(1), "a.h", "a b"),
                c("include_next continues after the root the file was found in",
                        List.of("#include <n.h>\n#include <n.h>\n"), List.of(1),
                        "inc/n.h", "first\n#include_next <n.h>\n", "inc2/n.h", "second\n"),
                c("__has_include reads the file system",
                        List.of("#include \"h.h\"\n#include \"h.h\"\n"), List.of(1),
                        "h.h", "#if __has_include(\"z.h\") && !__has_include(<none.h>)\nz\n#endif\n", "z.h", ""),
                c("an include cycle is never replayed",
                        List.of("#include \"a.h\"\n", "#include \"a.h\"\n"), List.of(0, 0),
                        "a.h", "#include \"b.h\"\n", "b.h", "#include \"a.h\"\n"),
                c("#undef in an include replays",
                        List.of("#define X 1\n#include \"u.h\"\nX\n", "#define X 1\n#include \"u.h\"\nX\n"), List.of(0, 1),
                        "u.h", "#undef X\n"),
                c("a paste at the start of an include's output",
                        List.of("#define P(a,b) a##b\n#define Q P(x,\n#include \"p.h\"\n#include \"p.h\"\n"), List.of(1),
                        "p.h", "P(1,2)P(a,)-\n+P(,)+\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replaysOnlyWhereReadingGivesTheSame(Case c) {
        Map<Path, String> files = new HashMap<>();
        for (int i = 0; i + 1 < c.others().length; i += 2) {
            files.put(ROOT.resolve(c.others()[i]), c.others()[i + 1]);
        }
        IncludeSearch search = IncludeSearch.of(List.of(PpFixtures.INCLUDE, Path.of("/t/inc2")));
        SourceProvider sources = SourceProvider.of(files);
        IncludeMemo memo = new IncludeMemo();
        List<Integer> hits = new ArrayList<>();
        for (String board : c.boards()) {
            PreprocessResult plain = new Preprocessor(sources, search, Map.of(), new TokenCache()).preprocess(MAIN, board);
            long before = memo.hits();
            PreprocessResult memoized = new Preprocessor(sources, search, Map.of(), new TokenCache(), memo)
                    .preprocess(MAIN, board);
            MemoAssertions.assertSame(plain, memoized, board);
            hits.add((int) (memo.hits() - before));
        }
        assertEquals(c.hits(), hits, "includes replayed per board");
    }

    /** Files in memory that a test may change between runs, as an editor's buffers change. */
    private static final class Files implements SourceProvider {
        final Map<Path, String> texts = new HashMap<>();

        @Override
        public Optional<String> read(Path path) {
            return Optional.ofNullable(texts.get(path.normalize()));
        }

        void put(String path, String text) {
            texts.put(ROOT.resolve(path), text);
        }
    }

    private static int hitsOf(Files files, IncludeMemo memo, String board) {
        IncludeSearch search = IncludeSearch.of(List.of(PpFixtures.INCLUDE));
        PreprocessResult plain = new Preprocessor(files, search, Map.of(), new TokenCache()).preprocess(MAIN, board);
        long before = memo.hits();
        PreprocessResult memoized = new Preprocessor(files, search, Map.of(), new TokenCache(), memo).preprocess(MAIN, board);
        MemoAssertions.assertSame(plain, memoized, board);
        return (int) (memo.hits() - before);
    }

    @Test
    void anEditedFileOrOneItIncludesMisses() {
        Files files = new Files();
        files.put("soc.dtsi", "#include \"h.h\"\nsoc { v = <V>; };\n");
        files.put("h.h", "#define V 1\n");
        IncludeMemo memo = new IncludeMemo();
        String board = "#include \"soc.dtsi\"\n";
        assertEquals(0, hitsOf(files, memo, board));
        assertEquals(1, hitsOf(files, memo, board));
        files.put("h.h", "#define V 2\n");
        assertEquals(0, hitsOf(files, memo, board), "a header it includes changed");
        assertEquals(1, hitsOf(files, memo, board));
        files.put("soc.dtsi", "#include \"h.h\"\nsoc { v = <V V>; };\n");
        assertEquals(1, hitsOf(files, memo, board), "the file changed; the header it includes replays");
        assertEquals(1, hitsOf(files, memo, board));
    }

    @Test
    void aFileThatAppearsChangesWhatHasIncludeAndSearchesFound() {
        Files files = new Files();
        files.put("a.h", "#if __has_include(\"z.h\")\nz\n#endif\n#include \"y.h\"\n");
        files.put("inc/y.h", "y\n");
        IncludeMemo memo = new IncludeMemo();
        String board = "#include \"a.h\"\n";
        assertEquals(0, hitsOf(files, memo, board));
        assertEquals(1, hitsOf(files, memo, board));
        files.put("z.h", "");
        assertEquals(1, hitsOf(files, memo, board), "z.h appeared: only y.h, which a.h includes, replays");
        files.put("y.h", "own folder\n");
        assertEquals(0, hitsOf(files, memo, board), "y.h is now found beside a.h");
        assertEquals(1, hitsOf(files, memo, board));
    }

    @Test
    void aMemoWithNoRoomKeepsNothingAndChangesNothing() {
        Files files = new Files();
        files.put("a.h", "#define A 1\nA\n");
        IncludeMemo memo = new IncludeMemo(1);
        String board = "#include \"a.h\"\n#include \"a.h\"\n";
        assertEquals(0, hitsOf(files, memo, board));
        assertEquals(0, hitsOf(files, memo, board));
        assertEquals(0, memo.size());
    }

    @Test
    void oneMemoServesUnitsOnSeveralThreads() throws Exception {
        Files files = new Files();
        files.put("soc.dtsi", "#include \"h.h\"\n#define F(x) <x V>\nsoc { v = F(1) F(F(2)); };\n");
        files.put("h.h", "#ifndef H\n#define H\n#define V 1\n#endif\n");
        IncludeMemo memo = new IncludeMemo();
        IncludeSearch search = IncludeSearch.of(List.of(PpFixtures.INCLUDE));
        String board = "#include \"h.h\"\n#include \"soc.dtsi\"\nF(3)\n";
        PreprocessResult plain = new Preprocessor(files, search, Map.of(), new TokenCache()).preprocess(MAIN, board);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        MemoAssertions.assertSame(plain,
                                new Preprocessor(files, search, Map.of(), new TokenCache(), memo).preprocess(MAIN, board), "run");
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        assertTrue(memo.hits() > 0);
    }
}
