package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carveout format}: in place, --check with a diff for CI, --stdout, settings and flags. */
class FormatCommandTest {
    private static final String UNFORMATTED = "/dts-v1/;\n/ {\n  model=\"x\";\n  node@10 { reg = <0x10 0x4>; };\n};\n";
    private static final String FORMATTED = "/dts-v1/;\n\n/ {\n\tmodel = \"x\";\n\n\tnode@10 {\n\t\treg = <0x10 0x4>;\n"
            + "\t};\n};\n";

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void formatsInPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("board.dts"), UNFORMATTED);
        CliRun run = run("format", file.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(FORMATTED, Files.readString(file));
        assertEquals("", run.out());
    }

    @Test
    void checkPrintsAUnifiedDiffAndExitsOneWithoutWriting() throws IOException {
        Path file = Files.writeString(dir.resolve("board.dts"), UNFORMATTED);
        Path clean = Files.writeString(dir.resolve("clean.dts"), FORMATTED);
        CliRun run = run("format", "--check", file.toString(), clean.toString());
        assertEquals(1, run.status(), run.err());
        assertEquals(UNFORMATTED, Files.readString(file));
        String name = file.toString().replace('\\', '/');
        assertEquals("--- a/" + name + "\n+++ b/" + name + "\n"
                + "@@ -1,5 +1,9 @@\n"
                + " /dts-v1/;\n"
                + "+\n"
                + " / {\n"
                + "-  model=\"x\";\n"
                + "-  node@10 { reg = <0x10 0x4>; };\n"
                + "+\tmodel = \"x\";\n"
                + "+\n"
                + "+\tnode@10 {\n"
                + "+\t\treg = <0x10 0x4>;\n"
                + "+\t};\n"
                + " };\n", run.out());
        assertEquals(0, run("format", "--check", clean.toString()).status());
    }

    @Test
    void stdoutPrintsWithoutWriting() throws IOException {
        Path file = Files.writeString(dir.resolve("board.dts"), UNFORMATTED);
        CliRun run = run("format", "--stdout", file.toString());
        assertEquals(0, run.status());
        assertEquals(FORMATTED, run.out());
        assertEquals(UNFORMATTED, Files.readString(file));
    }

    @Test
    void indentationFromTheSettingsFileAndTheFlag() throws IOException {
        Files.writeString(dir.resolve(".carveout.json"), "{\"format\": {\"indent\": 4}}");
        Path file = Files.writeString(dir.resolve("board.dts"), UNFORMATTED);
        assertTrue(run("format", "--stdout", file.toString()).out().contains("\n    node@10 {\n        reg"));
        assertTrue(run("format", "--stdout", "--indent", "tab", file.toString()).out().contains("\n\tnode@10 {\n\t\treg"));
        assertEquals(2, run("format", "--indent", "many", file.toString()).status());
    }

    @Test
    void aSyntaxErrorIsLeftAsWrittenAndSaid() throws IOException {
        String text = "/ {\n  a = <1>;\n};\n&x {\n  b = <1 2;\n};\n";
        Path file = Files.writeString(dir.resolve("broken.dts"), text);
        CliRun run = run("format", "--stdout", file.toString());
        assertEquals("/ {\n\ta = <1>;\n};\n&x {\n  b = <1 2;\n};\n", run.out());
        assertTrue(run.err().contains("broken.dts: warning: 1 item has syntax errors and was left as written"), run.err());
    }

    @Test
    void anUnreadableFileExitsTwo() {
        assertEquals(2, run("format", dir.resolve("missing.dts").toString()).status());
    }
}
