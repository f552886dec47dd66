package io.carveout.preprocess;

import static io.carveout.preprocess.PpFixtures.files;
import static io.carveout.preprocess.PpFixtures.joined;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preprocessor's features as data: an input, and the tokens cpp gives for it. Every case is
 * also run through the real cpp when it is installed, so an expectation cannot drift from cpp.
 */
class ExpansionTest {

    /** One fixture: a main text, other files as (path under /t, text) pairs, and cpp's tokens. */
    record Case(String name, String main, String expected, String... others) {
        Map<Path, String> fileMap() {
            return files(main, others);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String main, String expected, String... others) {
        return new Case(name, main, expected, others);
    }

    /** {@code #if expr} as a case whose expected output is yes or no. */
    static Case cond(String expr, boolean expected) {
        return c("#if " + expr, "#if " + expr + "\nyes\n#else\nno\n#endif\n", expected ? "yes" : "no");
    }

    static Stream<Case> cases() {
        return Stream.of(
                // object-like and function-like macros
                c("object-like", "#define A 1\nA A", "1 1"),
                c("empty object-like", "#define E\n-E-", "- -"),
                c("function-like", "#define F(x) [x]\nF(1) F( a b )", "[ 1 ] [ a b ]"),
                c("function-like name alone", "#define F(x) x\nF + F;", "F + F ;"),
                c("paren on a later line", "#define F(x) <x>\nF\n\n(1)", "< 1 >"),
                c("arguments across lines", "#define F(a,b) a+b\nF(1,\n 2)", "1 + 2"),
                c("nested parentheses", "#define F(a,b) {a|b}\nF((1,2),(3))", "{ ( 1 , 2 ) | ( 3 ) }"),
                c("empty argument", "#define F(x) [x]\n#define G() g\nF() G() G( )", "[ ] g g"),
                c("macro names its neighbour", "#define G F\n#define F(x) f x\nG(2)", "f 2"),
                c("argument pre-expanded", "#define X 5\n#define F(a) #a a\nF(X)", "\"X\" 5"),
                c("stringify", "#define S(x) #x\nS(  a  +   \"b\\n\"  'c' ) S() S(a\n b)",
                        "\"a + \\\"b\\\\n\\\" 'c'\" \"\" \"a b\""),
                c("stringify after expansion", "#define S(x) #x\n#define XS(x) S(x)\n#define V (1 << 2)\nXS(V) S(V)",
                        "\"(1 << 2)\" \"V\""),
                c("stringify backslash", "#define S(x) #x\nS(a\\b) S(\\)", "\"a\\b\" \"\""),
                c("hash without parameter is kept (assembler)", "#define H(x) #y x\nH(1)", "# y 1"),
                c("paste", "#define C(a,b) a##b\nC(x,y) C(1,2) C(,y) C(x,) C(,) C(0x,10)", "xy 12 y x 0x10"),
                c("paste makes a macro name", "#define xy 42\n#define C(a,b) a ## b\nC(x,y)", "42"),
                c("failed paste is silent", "#define C(a,b) a##b\nC(.,.) C(/,/) C(a,$) C(-,>*)", ". . / / a $ -> *"),
                c("paste in object-like", "#define P x ## y\nP", "xy"),
                c("chained paste", "#define C3(a,b,c) a##b##c\nC3(1,2,3) C3(a,,c)", "123 ac"),
                c("variadic", "#define V(...) f(__VA_ARGS__)\nV() V(1) V(1, 2)", "f ( ) f ( 1 ) f ( 1 , 2 )"),
                c("named variadic", "#define N(a, rest...) a: rest\nN(1) N(1,2,3)", "1 : 1 : 2 , 3"),
                c("GNU comma elision", "#define E(f, ...) g(f, ## __VA_ARGS__)\nE(1) E(1,) E(1,2)",
                        "g ( 1 ) g ( 1 , ) g ( 1 , 2 )"),
                c("__VA_OPT__", "#define O(a,...) a __VA_OPT__(+ __VA_ARGS__) end\nO(1) O(1,2)", "1 end 1 + 2 end"),
                c("self reference", "#define foo foo + 1\nfoo", "foo + 1"),
                c("mutual reference", "#define a b\n#define b a\na b", "a b"),
                c("painted stays painted", "#define f(a) a*g\n#define g(a) f(a)\nf(2)(9)", "2 * 9 * g"),
                c("painted argument", "#define q(x) x q\nq(q)(1)", "q q ( 1 )"),
                c("undef", "#define A 1\n#undef A\nA", "A"),
                c("redefinition wins", "#define A 1\n#define A 2\nA", "2"),
                c("directive inside arguments", "#define F(x) [x]\nF(1\n#define Y 2\nY)", "[ 1 2 ]"),
                c("line splice", "#define L 1 \\\n + 2\nL ab\\\ncd", "1 + 2 abcd"),
                c("comments are white space", "a /* c */ b // d\nc/**/d", "a b c d"),
                c("comment across lines unmakes a directive", "a /*\n*/ #define X 1\nX", "a # define X 1 X"),
                c("__LINE__", "a\n__LINE__\n#define L __LINE__\n\nL", "a 2 5"),
                c("__STDC__ and __DTS__", "__DTS__ __STDC__ __ASSEMBLER__ __GNUC__ linux", "1 1 1 __GNUC__ linux"),
                c("__COUNTER__", "__COUNTER__ __COUNTER__", "0 1"),
                c("__INCLUDE_LEVEL__", "__INCLUDE_LEVEL__\n#include \"a.h\"\n", "0 1", "a.h", "__INCLUDE_LEVEL__\n"),
                // devicetree text and assembler-mode quirks
                c("property names starting with #", "#address-cells = <2>;\n#size-cells = <0>;",
                        "# address - cells = < 2 > ; # size - cells = < 0 > ;"),
                c("macro inside a # line", "#define cells CELLS\n#size-cells", "# size - CELLS"),
                c("# number is not a line marker", "# 123 foo", "# 123 foo"),
                c("unmatched apostrophe runs to the line end", "#define FOO x\na 'b FOO\nFOO", "a 'b FOO x"),
                c("unmatched quote runs to the line end", "#define FOO x\na \"b FOO\nFOO", "a \"b FOO x"),
                c("apostrophe in a comment", "#define FOO x\n/* don't */ FOO // it's\nFOO", "x x"),
                c("digit separators are not C23", "#define M m\n1'000 M\nM", "1 '000 M m"),
                c("dollar is not part of a name", "#define FOO bar\nFOO$ $FOO a$b", "bar $ $ bar a $ b"),
                c("pp-numbers swallow signs after exponents", "#define M m\n0x1p-M 1e+M 0x1e+M 1.M", "0x1p-M 1e+M 0x1e+M 1.M"),
                c("dtc include passes through", "/include/ \"board.dtsi\"\n/ { };", "/ include / \"board.dtsi\" / { } ;"),
                c("labels and references", "#define ADDR 0x1000\nnode: n@1000 { reg = <ADDR 0x10>; p = <&node>; };",
                        "node : n @ 1000 { reg = < 0x1000 0x10 > ; p = < & node > ; } ;"),
                c("pragma and ident print nothing", "#pragma foo bar\n#ident \"x\"\na", "a"),
                c("push and pop macro", "#define M 1\n#pragma push_macro(\"M\")\n#undef M\nM\n#pragma pop_macro(\"M\")\nM",
                        "M 1"),
                // conditionals
                c("if elif else", "#if 0\na\n#elif 1\nb\n#elif 1\nc\n#else\nd\n#endif", "b"),
                c("else taken", "#if 0\na\n#elif 0\nb\n#else\nc\n#endif", "c"),
                c("nested skipped groups are not evaluated", "#if 0\n#if 1/0\nx\n#else\ny\n#endif\n#endif\nz", "z"),
                c("elif after a taken group is not evaluated", "#if 1\na\n#elif 1/0\nb\n#endif", "a"),
                c("ifdef and ifndef", "#define A\n#ifdef A\na\n#endif\n#ifndef A\nb\n#endif\n#ifndef B\nc\n#endif", "a c"),
                c("defined forms", "#define A\n#if defined A && defined(A) && !defined B && !defined(B)\nok\n#endif", "ok"),
                c("defined from a macro", "#define D defined(A)\n#define A\n#if D\nok\n#endif", "ok"),
                c("unknown directive skipped", "#if 0\n#bogus\n'x\n#endif\nz", "z"),
                // includes
                c("quote include from own folder", "#include \"sub/a.h\"\nmain", "A B main",
                        "sub/a.h", "A\n#include \"b.h\"\n", "sub/b.h", "B\n"),
                c("angled include from search root", "#include <x/y.h>\nY", "1", "inc/x/y.h", "#define Y 1\n"),
                c("quote include falls back to roots", "#include \"x.h\"\nX", "2", "inc/x.h", "#define X 2\n"),
                c("own folder before roots", "#include \"x.h\"\nX", "own", "x.h", "#define X own\n", "inc/x.h", "#define X root\n"),
                c("computed include", "#define H \"h.h\"\n#include H\nV", "3", "h.h", "#define V 3\n"),
                c("computed angled include", "#define H <h.h>\n#include H\nV", "4", "inc/h.h", "#define V 4\n"),
                c("include guard", "#include \"g.h\"\n#include \"g.h\"\nG", "g 1",
                        "g.h", "#ifndef G_H\n#define G_H\ng\n#define G 1\n#endif\n"),
                c("pragma once", "#include \"o.h\"\n#include \"o.h\"\n", "o", "o.h", "#pragma once\no\n"),
                c("include_next", "#include <n.h>\n", "first second",
                        "inc/n.h", "first\n#include_next <n.h>\n", "inc2/n.h", "second\n"),
                c("header name with commas and dashes", "#include <dt-bindings/clock/qcom,gcc-x.h>\nGCC",
                        "7", "inc/dt-bindings/clock/qcom,gcc-x.h", "#define GCC 7\n"),
                c("file without final newline", "#include \"n.h\"\nb", "a b", "n.h", "a"),
                c("function-like name at the end of an include", "#include \"f.h\"\n(1)", "F ( 1 )",
                        "f.h", "#define F(x) x\nF"),
                c("__has_include", "#if __has_include(\"a.h\") && __has_include(<b.h>) && !__has_include(<none.h>)\nyes\n#endif",
                        "yes", "a.h", "", "inc/b.h", ""),
                c("#line renumbers __LINE__", "#line 100\n__LINE__\n__LINE__", "100 101"),
                c("CRLF line ends", "#define A 1\r\n#if A\r\nyes\r\n#endif\r\nA\r\n", "yes 1"),
                c("conditional inside arguments", "#define F(x) [x]\nF(1\n#if 0\n2\n#else\n3\n#endif\n)", "[ 1 3 ]"),
                c("empty include", "a\n#include \"e.h\"\nb", "a b", "e.h", ""),
                c("#elifdef", "#define B\n#ifdef A\na\n#elifdef B\nb\n#endif", "b"),
                c("macro spelled across a splice", "#define LONG_NAME 5\nLONG_\\\nNAME", "5"),
                // #if arithmetic, cpp's intmax_t / uintmax_t rules
                cond("-1 > 0u", true),
                cond("-1 > 0", false),
                cond("0x7fffffffffffffff + 1 < 0", true),
                cond("18446744073709551615 == -1", true),
                cond("(1 << 63) < 0", true),
                cond("(1 << 64) == 0", true),
                cond("-16 >> 2 == -4", true),
                cond("-1 >> 70 == -1", true),
                cond("(1 >> -1) == 2", true),
                cond("10 / 3 == 3 && -7 / 2 == -3 && -7 % 2 == -1", true),
                cond("0 && 1/0", false),
                cond("1 || 1/0", true),
                cond("1 ? 2 : 1/0", true),
                cond("(0 ? 1u : -1) > 0", true),
                cond("UNDEFINED_NAME == 0", true),
                cond("0b101 == 5 && 010 == 8 && 0x10 == 16 && 10ULL == 10 && 7l == 7", true),
                cond("!0 == 1 && ~0 == -1 && ~0u > 0", true),
                cond("(2 || 3) == 1 && (2 && 3) == 1", true),
                cond("'a' == 97 && '\\n' == 10 && '\\0' == 0 && '\\x41' == 65", true),
                cond("'\\377' < 0 && '\\xff' == -1", true),
                cond("'ab' == 24930", true),
                cond("L'\\xff' == 255", true),
                cond("1, 0", false),
                cond("(3 & 6) == 2 && (3 | 6) == 7 && (3 ^ 6) == 5", true),
                cond("5 - 7 * 2 + 12 / 4 % 2 == -8", true),
                cond("1 < 2 == 1 && 2 <= 2 && 3 >= 4 == 0", true),
                cond("-0x8000000000000000 / -1 == 0", true),
                cond("(-0x7fffffffffffffff - 1) / -1 < 0", true),
                cond("0xffffffffffffffff / 2 == 0x7fffffffffffffff", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsAsCppDoes(Case c) {
        Map<Path, String> fileMap = c.fileMap();
        List<Path> roots = fileMap.keySet().stream().anyMatch(p -> p.startsWith("/t/inc2"))
                ? List.of(PpFixtures.INCLUDE, Path.of("/t/inc2")) : List.of(PpFixtures.INCLUDE);
        PreprocessResult result = PpFixtures.run(fileMap, Map.of(), roots);
        assertEquals(List.of(), result.diagnostics().stream().filter(Finding::isError).toList(), "diagnostics");
        assertEquals(joined(c.expected()), joined(result.text()));
    }

    /** The expectations above, checked against the real cpp with the kernel's flags. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectationMatchesRealCpp(Case c) throws IOException, InterruptedException {
        CppConformanceTest.require(Files.isExecutable(CppConformanceTest.CPP), "cpp not found at " + CppConformanceTest.CPP);
        Path dir = Files.createTempDirectory("pp-case");
        try {
            for (Map.Entry<Path, String> file : c.fileMap().entrySet()) {
                Path target = dir.resolve(PpFixtures.ROOT.relativize(file.getKey()));
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Files.createDirectories(dir.resolve("inc"));
            Files.createDirectories(dir.resolve("inc2"));
            ProcessBuilder pb = new ProcessBuilder(CppConformanceTest.CPP.toString(), "-nostdinc", "-undef",
                    "-D__DTS__", "-x", "assembler-with-cpp", "-I", "inc", "-I", "inc2", "main.dts");
            pb.directory(dir.toFile());
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            p.waitFor();
            assertEquals(joined(c.expected()), joined(withoutLineMarkers(output)));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static String withoutLineMarkers(String cppOutput) {
        StringBuilder sb = new StringBuilder();
        for (String line : cppOutput.split("\n", -1)) {
            if (!line.matches("^# \\d+ \"[^\"]*\"( \\d+)*$")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
