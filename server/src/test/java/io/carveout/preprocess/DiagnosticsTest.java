package io.carveout.preprocess;

import static io.carveout.preprocess.PpFixtures.ROOT;
import static io.carveout.preprocess.PpFixtures.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each diagnostic as data: an input, the code expected, and the text its range must cover in
 * the file it names ("file: text"; the file is main.dts when not given).
 */
class DiagnosticsTest {

    record Case(String name, String main, Code code, String where, String message, String... others) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case d(String name, String main, Code code, String where, String message, String... others) {
        return new Case(name, main, code, where, message, others);
    }

    static Stream<Case> cases() {
        return Stream.of(
                d("missing include", "a\n#include \"nope.h\"\nb", Code.MISSING_INCLUDE,
                        "#include \"nope.h\"", "nope.h: No such file or directory"),
                d("missing angled include", "#include <dt-bindings/none.h>", Code.MISSING_INCLUDE,
                        "#include <dt-bindings/none.h>", "dt-bindings/none.h: No such file or directory"),
                d("include cycle", "#include \"a.h\"", Code.INCLUDE_CYCLE, "b.h: #include \"a.h\"", "include cycle: a.h -> b.h -> a.h",
                        "a.h", "#include \"b.h\"\n", "b.h", "#include \"a.h\"\n"),
                d("self include", "#include \"main.dts\"", Code.INCLUDE_CYCLE, "#include \"main.dts\"", "include cycle"),
                d("bad include", "#include nothing", Code.BAD_INCLUDE, "#include nothing", "expects"),
                d("#error", "#error board not supported: \"x\"", Code.ERROR_DIRECTIVE,
                        "#error board not supported: \"x\"", "#error board not supported: \"x\""),
                d("#warning", "#warning careful", Code.WARNING_DIRECTIVE, "#warning careful", "#warning careful"),
                d("#error in a skipped group is ignored, the next is not", "#if 0\n#error no\n#endif\n#error yes",
                        Code.ERROR_DIRECTIVE, "#error yes", "yes"),
                d("unterminated #if", "a\n#if 1\nb\n", Code.UNTERMINATED_CONDITIONAL, "#if 1", "unterminated #if"),
                d("unterminated #else in an include", "#include \"u.h\"\nz", Code.UNTERMINATED_CONDITIONAL,
                        "u.h: #else", "unterminated #else", "u.h", "#ifdef X\n#else\n"),
                d("#else without #if", "#else\n", Code.UNBALANCED_CONDITIONAL, "#else", "#else without #if"),
                d("#endif without #if", "a\n#endif\n", Code.UNBALANCED_CONDITIONAL, "#endif", "#endif without #if"),
                d("#elif without #if", "#elif 1\n", Code.UNBALANCED_CONDITIONAL, "#elif 1", "#elif without #if"),
                d("#elif after #else", "#if 0\n#else\n#elif 1\n#endif", Code.UNBALANCED_CONDITIONAL, "#elif 1",
                        "#elif after #else"),
                d("#else after #else", "#if 0\n#else\n#else\n#endif", Code.UNBALANCED_CONDITIONAL, "#else",
                        "#else after #else"),
                d("#endif of an includer's #if", "#if 1\n#include \"e.h\"\n#endif", Code.UNBALANCED_CONDITIONAL,
                        "e.h: #endif", "#endif without #if", "e.h", "#endif\n"),
                d("#if with no expression", "#if\n#endif", Code.BAD_EXPRESSION, "#if", "#if with no expression"),
                d("missing operand", "#if 1 +\n#endif", Code.BAD_EXPRESSION, "+", "has no right operand"),
                d("missing paren", "#if (1\n#endif", Code.BAD_EXPRESSION, "(", "missing ')'"),
                d("floating constant", "#if 1.0\n#endif", Code.BAD_EXPRESSION, "1.0", "floating constant"),
                d("string in #if", "#if \"s\"\n#endif", Code.BAD_EXPRESSION, "\"s\"", "not valid"),
                d("bad suffix", "#if 12abc\n#endif", Code.BAD_EXPRESSION, "12abc", "invalid suffix"),
                d("octal digit", "#if 09\n#endif", Code.BAD_EXPRESSION, "09", "invalid digit"),
                d("missing binary operator", "#if 1 2\n#endif", Code.BAD_EXPRESSION, "2", "missing binary operator"),
                d("defined without name", "#if defined\n#endif", Code.BAD_EXPRESSION, "defined", "requires an identifier"),
                d("bad expression through a macro", "#define BAD 1 +\n#if BAD\n#endif", Code.BAD_EXPRESSION, "BAD",
                        "has no right operand"),
                d("division by zero", "#if 1 / 0\n#endif", Code.DIVISION_BY_ZERO, "/", "division by zero in #if"),
                d("remainder by zero", "#if 4 % (2 - 2)\n#endif", Code.DIVISION_BY_ZERO, "%", "division by zero in #if"),
                d("unterminated arguments", "#define F(x) x\na F(1, 2\nb", Code.UNTERMINATED_ARGUMENTS, "F",
                        "unterminated argument list invoking macro \"F\""),
                d("unterminated arguments in an include", "#include \"f.h\"\n)", Code.UNTERMINATED_ARGUMENTS,
                        "f.h: F", "unterminated argument list", "f.h", "#define F(x) x\nF(1\n"),
                d("too many arguments", "#define F(x) x\nF(1, 2)", Code.WRONG_ARGUMENT_COUNT, "F",
                        "macro \"F\" passed 2 arguments, but takes just 1"),
                d("too few arguments", "#define F(x, y) x\nF(1)", Code.WRONG_ARGUMENT_COUNT, "F",
                        "macro \"F\" requires 2 arguments, but only 1 given"),
                d("macro name must be an identifier", "#define 3 x", Code.BAD_DEFINE, "3", "macro names must be identifiers"),
                d("no macro name", "#define\n", Code.BAD_DEFINE, "#define", "no macro name given"),
                d("defined is not a macro name", "#define defined 1", Code.BAD_DEFINE, "defined", "cannot be used as a macro name"),
                d("duplicate parameter", "#define F(x, x) x", Code.BAD_DEFINE, "x", "duplicate macro parameter"),
                d("unclosed parameter list", "#define F(x\n", Code.BAD_DEFINE, "#define F(x", "expected ')' before end of line"),
                d("## at the start", "#define P ## x", Code.BAD_DEFINE, "##", "'##' cannot appear at either end"),
                d("## at the end", "#define P x ##", Code.BAD_DEFINE, "#define P x ##", "'##' cannot appear at either end"),
                d("redefinition", "#define A 1\n#define A 2", Code.MACRO_REDEFINED, "A", "\"A\" redefined"),
                d("unterminated comment", "a /* never closed\nb", Code.UNTERMINATED_COMMENT, "/*", "unterminated comment"),
                d("#ifdef without name", "#ifdef\n#endif", Code.BAD_DEFINE, "#ifdef", "no macro name given in #ifdef"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhereItHappened(Case c) {
        Map<Path, String> fileMap = files(c.main(), c.others());
        PreprocessResult result = PpFixtures.run(fileMap);
        List<Finding> found = result.diagnostics().stream().filter(d -> d.code().equals(c.code().id())).toList();
        assertTrue(!found.isEmpty(), "no " + c.code() + " among " + result.diagnostics());
        Finding d = found.get(found.size() - 1);
        String where = c.where();
        Path file = PpFixtures.MAIN;
        int colon = where.indexOf(": ");
        if (colon > 0 && where.substring(0, colon).matches("[\\w.]+\\.(h|dts|dtsi)")) {
            file = ROOT.resolve(where.substring(0, colon));
            where = where.substring(colon + 2);
        }
        assertEquals(file, d.where().file(), "file of " + d);
        String text = fileMap.get(file);
        assertEquals(where, text.substring(d.where().start(), d.where().end()), "range of " + d);
        assertTrue(d.message().contains(c.message()), "message of " + d);
    }

    @Test
    void includeDepthIsCapped() {
        Map<Path, String> fileMap = new LinkedHashMap<>();
        fileMap.put(PpFixtures.MAIN, "#include \"d0.h\"\n");
        for (int i = 0; i < 250; i++) {
            fileMap.put(ROOT.resolve("d" + i + ".h"), "#include \"d" + (i + 1) + ".h\"\n");
        }
        fileMap.put(ROOT.resolve("d250.h"), "end\n");
        PreprocessResult result = PpFixtures.run(fileMap);
        Finding d = result.diagnostics().stream().filter(x -> x.code().equals(Code.INCLUDE_DEPTH.id())).findFirst().orElseThrow();
        assertTrue(d.message().contains("exceeds maximum of 200"), d.message());
        assertTrue(d.where().file().getFileName().toString().matches("d\\d+\\.h"));
    }

    @Test
    void macroThatExpandsWithoutEndStops() {
        StringBuilder src = new StringBuilder("#define A0 x x\n");
        for (int i = 1; i <= 60; i++) {
            src.append("#define A").append(i).append(" A").append(i - 1).append(" A").append(i - 1).append('\n');
        }
        src.append("before A60 after\n");
        PreprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PpFixtures.run(src.toString()));
        Finding d = result.diagnostics().stream().filter(x -> x.code().equals(Code.EXPANSION_LIMIT.id())).findFirst().orElseThrow();
        String text = src.toString();
        assertEquals("A60", text.substring(d.where().start(), d.where().end()));
        assertTrue(result.text().contains("after"), "the rest of the file is still read");
    }

    @Test
    void deeplyNestedArgumentsStop() {
        StringBuilder src = new StringBuilder("#define F(x) (x)\n");
        src.append("F(".repeat(5000)).append('1').append(")".repeat(5000)).append("\nafter\n");
        PreprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PpFixtures.run(src.toString()));
        assertTrue(result.diagnostics().stream().anyMatch(x -> x.code().equals(Code.EXPANSION_LIMIT.id())), result.diagnostics().toString());
        assertTrue(result.text().contains("after"));
    }

    @Test
    void deeplyNestedExpressionIsAnErrorNotACrash() {
        String src = "#if " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\nyes\n#endif\n";
        PreprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PpFixtures.run(src));
        assertTrue(result.diagnostics().stream().anyMatch(x -> x.code().equals(Code.BAD_EXPRESSION.id())));
    }

    @Test
    void missingMainFile() {
        PreprocessResult result = new Preprocessor(SourceProvider.of(Map.of()), IncludeSearch.of(List.of()))
                .preprocess(Path.of("/nowhere/board.dts"));
        assertEquals(Code.MISSING_FILE.id(), result.diagnostics().get(0).code());
        assertEquals("", result.text());
    }

    @Test
    void anyBytesAreSurvived() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "#define F(x) x ## # ( ) , \" ' \\ \n /* */ // include if else endif A B 0x1 ...";
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int i = 0; i < n; i++) {
                sb.append(random.nextBoolean() ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) random.nextInt(0x3000));
            }
            String text = sb.toString();
            PreprocessResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PpFixtures.run(text));
            for (Finding d : result.diagnostics()) {
                assertTrue(d.where().end() <= Math.max(text.length(), 1) || !d.where().file().equals(PpFixtures.MAIN), d.toString());
            }
        }
    }
}
