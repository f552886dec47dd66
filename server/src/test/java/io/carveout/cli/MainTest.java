package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void cleanFileExitsZeroAndPrintsNothing() throws IOException {
        Path file = write("ok.dts", "/dts-v1/;\n/ {\n\tmodel = \"x\";\n};\n");
        Run run = run("parse", file.toString());
        assertEquals(0, run.status());
        assertEquals("", run.out());
    }

    @Test
    void syntaxErrorsPrintAsACompilerDoesAndExitOne() throws IOException {
        Path file = write("bad.dts", "/dts-v1/;\n/ {\n\treg = <0x1000>\n\tstatus = \"okay\";\n};\n");
        Run run = run("parse", file.toString());
        assertEquals(1, run.status());
        assertEquals(file + ":3:16: error: expected ';'\n", run.out().replace("\r\n", "\n"));
    }

    @Test
    void unreadableFileExitsTwoAndTheOthersAreStillChecked() throws IOException {
        Path good = write("bad.dts", "/ { a = <1> };");
        Run run = run("parse", dir.resolve("missing.dts").toString(), good.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("missing.dts: error: cannot read file: no such file"), run.err());
        assertTrue(run.out().contains("bad.dts:1:12: error: expected ';'"), run.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("parse").status());
        assertEquals(2, run("no-such-command").status());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("parse") && help.out().contains("lsp"), help.out());
        Run version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("carveout "), version.out());
    }
}
