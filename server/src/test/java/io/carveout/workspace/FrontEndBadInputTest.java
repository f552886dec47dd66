package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.text.LineIndex;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Bad input through the whole front end: each problem is one diagnostic at the place
 * the user can fix it (file and line), and nothing throws or hangs.
 */
class FrontEndBadInputTest {
    private static final Path DIR = Path.of("/virtual/board");

    /** Where a diagnostic landed: file name and 1-based line, and its message. */
    record Found(String file, int line, String message) {
    }

    private static List<Found> compile(Map<String, String> files) {
        Map<Path, String> byPath = new java.util.HashMap<>();
        files.forEach((name, text) -> byPath.put(DIR.resolve(name), text));
        SourceProvider sources = SourceProvider.of(byPath);
        BoardCompiler compiler = new BoardCompiler(sources, new TokenCache(), new ParseCache());
        CompiledBoard board = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> compiler.compile(DIR.resolve("board.dts"), List.of(), FrontEndSettings.DEFAULT));
        List<Found> found = new ArrayList<>();
        for (Finding d : board.preprocessDiagnostics()) {
            found.add(at(d.where(), d.message(), byPath));
        }
        for (Finding d : board.treeDiagnostics()) {
            found.add(at(d.where(), d.message(), byPath));
        }
        return found;
    }

    private static Found at(SourceSpan span, String message, Map<Path, String> files) {
        if (span == null) {
            return new Found("?", 0, message);
        }
        String text = files.getOrDefault(span.file(), "");
        return new Found(span.file().getFileName().toString(), new LineIndex(text).lineOf(span.start()) + 1, message);
    }

    private static void assertOne(List<Found> found, String file, int line, String words) {
        assertTrue(found.stream().anyMatch(f -> f.file().equals(file) && f.line() == line && f.message().contains(words)),
                "expected '" + words + "' at " + file + ":" + line + ", found " + found);
    }

    @Test
    void missingInclude() {
        List<Found> found = compile(Map.of("board.dts", "/dts-v1/;\n#include \"nowhere.dtsi\"\n/ { };\n"));
        assertOne(found, "board.dts", 2, "nowhere.dtsi");
    }

    @Test
    void includeCycle() {
        List<Found> found = compile(Map.of(
                "board.dts", "/dts-v1/;\n#include \"a.dtsi\"\n/ { };\n",
                "a.dtsi", "#include \"b.dtsi\"\n",
                "b.dtsi", "/ { x; };\n#include \"a.dtsi\"\n"));
        assertFalse(found.isEmpty(), "an include cycle is reported");
        assertTrue(found.stream().anyMatch(f -> f.message().toLowerCase().contains("include")), found.toString());
    }

    @Test
    void undefinedLabel() {
        List<Found> found = compile(Map.of("board.dts", "/dts-v1/;\n/ { };\n\n&nosuch {\n\tstatus = \"okay\";\n};\n"));
        assertOne(found, "board.dts", 4, "Label or path nosuch not found");
        List<Found> reference = compile(Map.of("board.dts", "/dts-v1/;\n/ {\n\tx = <&ghost>;\n};\n"));
        assertOne(reference, "board.dts", 3, "non-existent node or label \"ghost\"");
    }

    @Test
    void undefinedMacroIsReportedWhereItWasTyped() {
        List<Found> found = compile(Map.of("board.dts",
                "/dts-v1/;\n/ {\n\treg = <0x0 0x80000000 0x0 SZ_NOT_DEFINED>;\n};\n"));
        assertOne(found, "board.dts", 3, "SZ_NOT_DEFINED");
    }

    @Test
    void errorsInsideAMacroLandOnTheMacroUse() {
        List<Found> found = compile(Map.of(
                "board.dts", "/dts-v1/;\n#include \"sizes.h\"\n/ {\n\tsize = <BAD_SIZE>;\n};\n",
                "sizes.h", "#define BAD_SIZE (1 / 0)\n"));
        assertOne(found, "board.dts", 4, "Division by zero");
    }

    @Test
    void macroThatExpandsForeverStops() {
        List<Found> found = compile(Map.of("board.dts",
                "/dts-v1/;\n#define A(x) A(x) A(x)\n#define B A(B)\n/ {\n\tp = <B>;\n};\n"));
        assertFalse(found.isEmpty());
    }

    @Test
    void sixtyFourBitOverflowAndTruncation() {
        List<Found> literal = compile(Map.of("board.dts", "/dts-v1/;\n/ {\n\tp = /bits/ 64 <0x10000000000000000>;\n};\n"));
        assertOne(literal, "board.dts", 3, "out of range");
        List<Found> truncated = compile(Map.of("board.dts", "/dts-v1/;\n/ {\n\tp = <0x100000000>;\n};\n"));
        assertOne(truncated, "board.dts", 3, "truncated");
    }

    @Test
    void divisionByZero() {
        List<Found> found = compile(Map.of("board.dts", "/dts-v1/;\n/ {\n\tp = <(1 / 0)>;\n\tq = <(1 % 0)>;\n};\n"));
        assertOne(found, "board.dts", 3, "Division by zero");
        assertOne(found, "board.dts", 4, "Division by zero");
    }

    @Test
    void missingFileIsReported() {
        List<Found> found = compile(Map.of());
        assertEquals(1, found.stream().filter(f -> f.message().toLowerCase().contains("board.dts")
                || f.message().toLowerCase().contains("read")).count(), found.toString());
    }
}
