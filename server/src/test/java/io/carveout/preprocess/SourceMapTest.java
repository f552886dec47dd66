package io.carveout.preprocess;

import static io.carveout.preprocess.PpFixtures.MAIN;
import static io.carveout.preprocess.PpFixtures.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where output text maps back to, as data: a source, a token of the output (its first occurrence,
 * or the n-th with "#n"), and the text and file it must map to.
 */
class SourceMapTest {

    record Case(String name, String main, String outputToken, String expectedFile, String expectedText,
            int expectedOccurrence, String... others) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case m(String name, String main, String outputToken, String expectedText, String... others) {
        return new Case(name, main, outputToken, "main.dts", expectedText, 1, others);
    }

    static Stream<Case> cases() {
        return Stream.of(
                m("plain text maps to itself", "a = <1>;\nreg = <0x80>;", "0x80", "0x80"),
                m("object-like expansion maps to the macro name", "#define SIZE 0x1000\nreg = <0 SIZE>;", "0x1000", "SIZE"),
                m("function-like body maps to the macro name", "#define REG(a) a 0x10\nreg = <REG(0x5)>;", "0x10", "REG"),
                m("an argument maps to where it was typed", "#define REG(a) a 0x10\nreg = <REG(0x5)>;", "0x5", "0x5"),
                m("nested expansion maps to the outermost name", "#define B 7\n#define A (B + 1)\nx = <A>;", "7", "A"),
                m("macro inside an argument maps to its own name", "#define K 9\n#define F(x) [x]\nF(K)", "9", "K"),
                m("stringified argument maps to the macro name", "#define S(x) #x\nS(abc)", "\"abc\"", "S"),
                m("pasted token maps to its left side", "#define C(a,b) a##b\nC(ab,cd)", "abcd", "ab"),
                m("macro from a header maps to the use in the board", "#include \"h.h\"\nreg = <BASE>;", "0x8000", "BASE",
                        "h.h", "#define BASE 0x8000\n"),
                new Case("use inside a header maps into the header", "#include \"h.h\"\nz", "0x8000", "h.h", "BASE", 1,
                        "h.h", "#define BASE 0x8000\nv = <BASE>;\n"),
                m("text after an include maps to the board", "#include \"h.h\"\nafter", "after", "after", "h.h", "inside\n"),
                m("token with a splice maps to all of it", "ab\\\ncd", "abcd", "ab\\\ncd"),
                m("second use maps to the second name", "#define S 1\nx = <S>;\ny = <S>;", "1#2", "S#2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsBack(Case c) {
        Map<Path, String> files = PpFixtures.files(c.main(), c.others());
        PreprocessResult result = PpFixtures.run(files);
        String out = result.text();
        int at = nth(out, c.outputToken());
        SourceSpan span = result.sourceMap().origin(at, at + strip(c.outputToken()).length()).orElseThrow();
        Path file = ROOT.resolve(c.expectedFile());
        assertEquals(file, span.file());
        String text = files.get(file);
        int expectedStart = nth(withoutDirectives(text), c.expectedText());
        assertEquals(expectedStart, span.start(), "start in " + text);
        assertEquals(expectedStart + strip(c.expectedText()).length(), span.end(), "end in " + text);
    }

    /** Offset of "token" or of its n-th occurrence for "token#n", as a whole word. */
    private static int nth(String text, String spec) {
        String token = strip(spec);
        int n = spec.contains("#") && !spec.startsWith("#") ? Integer.parseInt(spec.substring(spec.lastIndexOf('#') + 1)) : 1;
        int from = 0;
        for (;;) {
            int i = text.indexOf(token, from);
            if (i < 0) {
                throw new AssertionError("'" + token + "' not in: " + text);
            }
            boolean word = (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                    && (i + token.length() >= text.length() || !Character.isLetterOrDigit(text.charAt(i + token.length())));
            if (word && --n == 0) {
                return i;
            }
            from = i + 1;
        }
    }

    /** The text with directive lines blanked, so a name is found where it is used, not defined. */
    private static String withoutDirectives(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append(line.startsWith("#") ? " ".repeat(line.length()) : line).append('\n');
        }
        return sb.substring(0, text.length());
    }

    private static String strip(String spec) {
        int hash = spec.lastIndexOf('#');
        return hash > 0 && spec.substring(hash + 1).matches("\\d+") ? spec.substring(0, hash) : spec;
    }

    /**
     * Blanks that end a line are dropped from the output; changing them leaves the output as it
     * is and moves what follows: the changed map gives every output character the origin a fresh
     * run of the new text gives it (the edit is where the two texts differ).
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a space typed at a line's end        | `a = <1>;\nb;`        | `a = <1>; \nb;`
            blanks deleted at a line's end       | `a;  \t\nb;`         | `a;\nb;`
            a tab typed on a line of blanks      | `a;\n\t\nb;`        | `a;\n\t\t\nb;`
            a space in a macro's arguments' line | `#define F(x, y) x y\nF(1, \n2);\nc;` | `#define F(x, y) x y\nF(1,   \n2);\nc;`
            """)
    void droppedBlanksChangedMapAsAFreshRun(String name, String before, String after) {
        before = before.replace("\\n", "\n").replace("\\t", "\t");
        after = after.replace("\\n", "\n").replace("\\t", "\t");
        int start = 0;
        while (start < Math.min(before.length(), after.length()) && before.charAt(start) == after.charAt(start)) {
            start++;
        }
        int delta = after.length() - before.length();
        int end = start + Math.max(0, -delta);
        PreprocessResult changed = PpFixtures.run(before).withDroppedTextChanged(MAIN, start, end, delta,
                span -> span == null ? null : span.movedBy(MAIN, end, delta)).orElseThrow();
        PreprocessResult fresh = PpFixtures.run(after);
        assertEquals(fresh.text(), changed.text());
        for (int i = 0; i < fresh.text().length(); i++) {
            assertEquals(fresh.sourceMap().at(i), changed.sourceMap().at(i), name + ": output offset " + i);
        }
    }

    @Test
    void blanksTheOutputHoldsAreNotChangedAsDropped() {
        PreprocessResult result = PpFixtures.run("a = < 1>;\n");
        assertTrue(result.withDroppedTextChanged(MAIN, 5, 6, -1, span -> span).isEmpty());
    }

    @Test
    void everyOutputCharacterMapsIntoAUserFile() {
        PreprocessResult result = PpFixtures.run("#include \"h.h\"\n#define F(x) <x A>\nn { p = F(1); };\n",
                "h.h", "#define A 0xa\n/* c */ q = <A>;\n");
        for (int i = 0; i < result.text().length(); i++) {
            SourceSpan s = result.sourceMap().at(i).orElseThrow(() -> new AssertionError("unmapped"));
            assertTrue(s.file().equals(MAIN) || s.file().equals(ROOT.resolve("h.h")), s.toString());
        }
    }

    @Test
    void plainTextIsOneSegment() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("\tnode").append(i).append(" { reg = <0x").append(Integer.toHexString(i)).append(">; };\n");
        }
        PreprocessResult result = PpFixtures.run(sb.toString());
        assertEquals(sb.toString(), result.text());
        assertEquals(1, result.sourceMap().segmentCount());
    }

    @Test
    void segmentsStayFewWithMacros() {
        StringBuilder sb = new StringBuilder("#define R(a, s) <0 a 0 s>\n");
        for (int i = 0; i < 1000; i++) {
            sb.append("r").append(i).append(" { reg = R(0x").append(Integer.toHexString(i * 0x1000)).append(", 0x1000); };\n");
        }
        PreprocessResult result = PpFixtures.run(sb.toString());
        // a handful per expansion, not one per character
        assertTrue(result.sourceMap().segmentCount() < 12 * 1000, "segments: " + result.sourceMap().segmentCount());
        assertTrue(result.sourceMap().segmentCount() < result.text().length() / 3);
    }

    @Test
    void macroUsesAndDefinitionsAreRecorded() {
        PreprocessResult result = PpFixtures.run("#define SZ(x) ((x) << 20)\nsize = <SZ(4)>;\n");
        MacroDefinition def = result.definitions().stream().filter(d -> d.name().equals("SZ")).findFirst().orElseThrow();
        assertEquals("SZ(x) ((x) << 20)", def.signature());
        assertEquals(List.of("x"), def.parameters());
        MacroUse use = result.uses().stream().filter(u -> u.definition() == def).findFirst().orElseThrow();
        String text = "#define SZ(x) ((x) << 20)\nsize = <SZ(4)>;\n";
        assertEquals("SZ", text.substring(use.nameSpan().start(), use.nameSpan().end()));
        assertEquals(8, def.nameSpan().orElseThrow().start());
    }

    @Test
    void inclusionsAreRecorded() {
        PreprocessResult result = PpFixtures.run("#include \"a.dtsi\"\n", "a.dtsi", "#include <b.h>\n", "inc/b.h", "");
        assertEquals(List.of(ROOT.resolve("a.dtsi"), ROOT.resolve("inc/b.h")),
                result.inclusions().stream().map(Inclusion::included).toList());
        assertEquals(ROOT.resolve("a.dtsi"), result.inclusions().get(1).includer());
        assertEquals(List.of(MAIN, ROOT.resolve("a.dtsi"), ROOT.resolve("inc/b.h")),
                result.sourceMap().files());
    }
}
