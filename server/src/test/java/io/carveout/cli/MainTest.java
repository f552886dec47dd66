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

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void cleanFileExitsZeroAndPrintsNothing() throws IOException {
        Path file = write("ok.dts", "/dts-v1/;\n/ {\n\tmodel = \"x\";\n};\n");
        CliRun run = run("parse", file.toString());
        assertEquals(0, run.status());
        assertEquals("", run.out());
    }

    @Test
    void syntaxErrorsPrintAsACompilerDoesAndExitOne() throws IOException {
        Path file = write("bad.dts", "/dts-v1/;\n/ {\n\treg = <0x1000>\n\tstatus = \"okay\";\n};\n");
        CliRun run = run("parse", file.toString());
        assertEquals(1, run.status());
        assertEquals(file + ":3:16: error: expected ';'\n", run.out().replace("\r\n", "\n"));
    }

    @Test
    void unreadableFileExitsTwoAndTheOthersAreStillChecked() throws IOException {
        Path good = write("bad.dts", "/ { a = <1> };");
        CliRun run = run("parse", dir.resolve("missing.dts").toString(), good.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("missing.dts: error: cannot read file: no such file"), run.err());
        assertTrue(run.out().contains("bad.dts:1:12: error: expected ';'"), run.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("parse").status());
        assertEquals(2, run("no-such-command").status());
    }

    /**
     * Bare {@code carveout} is a usage error as an unknown command is: the usage on stderr, exit 2
     * (it printed the usage on stdout and exited 0, which a script takes for success).
     */
    @Test
    void bareCarveoutIsAUsageError() {
        CliRun bare = run();
        assertEquals(2, bare.status());
        assertEquals("", bare.out());
        assertTrue(bare.err().contains("Usage: carveout"), bare.err());
    }

    /**
     * Every command's one-line summary and description are whole sentences: picocli lists a
     * command by its first line, which cut the check and map summaries mid-sentence ("...CMA
     * pools, the"). Each exit status is listed in the help of every command that reads sources.
     */
    @Test
    void helpSummariesAndDescriptionsAreWholeSentences() {
        picocli.CommandLine main = new picocli.CommandLine(new Main(false));
        java.util.List<picocli.CommandLine> commands = new java.util.ArrayList<>(main.getSubcommands().values());
        commands.add(main);
        String list = run("--help").out();
        for (picocli.CommandLine command : commands) {
            var usage = command.getCommandSpec().usageMessage();
            String name = command.getCommandName();
            if (name.equals("help") || name.equals("generate-completion")) {
                continue; // picocli's own
            }
            assertEquals(1, usage.header().length, name + ": a one-line summary");
            assertTrue(usage.header()[0].endsWith("."), name + ": " + usage.header()[0]);
            for (String paragraph : usage.description()) {
                assertTrue(paragraph.endsWith("."), name + ": " + paragraph);
            }
            if (command != main) {
                // the list of commands shows the whole summary, wrapped
                String shown = list.substring(list.indexOf("  " + name + " ")).split("\\n  [a-z]")[0];
                assertEquals(usage.header()[0], shown.substring(name.length() + 2).replaceAll("\\s+", " ").strip());
            }
            if (!name.equals("lsp")) {
                String help = command == main ? list : run(name, "--help").out();
                assertTrue(help.contains("Exit status:") && help.contains("  0 ") && help.contains("  1 ")
                        && help.contains("  2 "), name + ":\n" + help);
            }
        }
    }

    /**
     * A check of several boards says on stderr how far it has come, one line rewritten with a
     * carriage return and wiped at the end, when stderr is a terminal; with stderr a pipe or a
     * file (as here, and in CI) nothing. {@code CommandLineIT} runs the jar under a terminal.
     */
    @Test
    void progressOnlyOnATerminal() throws IOException {
        String board = "/dts-v1/;\n/ {\n\tmodel = \"x\";\n};\n";
        Path first = write("first.dts", board);
        Path second = write("second.dts", board);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new String[] {"check", first.toString(), second.toString()}, new PrintWriter(out),
                new PrintWriter(err), true));
        String one = "checking 1/2 boards: first.dts";
        String two = "checking 2/2 boards: second.dts";
        assertEquals("\r" + one + "\r" + two + "\r" + " ".repeat(two.length()) + "\r", err.toString());
        assertEquals("", out.toString());
        CliRun plain = run("check", first.toString(), second.toString());
        assertEquals("", plain.err());
    }

    @Test
    void helpAndVersion() {
        CliRun help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("parse") && help.out().contains("lsp"), help.out());
        CliRun version = run("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("carveout "), version.out());
    }

    /**
     * A binary file given to parse or check is refused in one line with exit status 2, as
     * PRODUCT.md asks of bad input; before the fix a 200 KB one gave 201 syntax errors and
     * exit 1. A NUL byte in the first 8000 bytes decides it, as git decides it, unless it is
     * inside a string literal (dtc reads those); text with other control or non-UTF-8 bytes
     * is still read as text.
     */
    @Test
    void aBinaryFileIsOneLineAndExitTwo() throws IOException {
        byte[] random = new byte[200 * 1024];
        new java.util.Random(7).nextBytes(random);
        random[10] = 0;
        byte[] dtb = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed}, 0, dtb, 0, 4);
        byte[] lateNul = ("/dts-v1/;\n/ {\n};\n" + "/* padding */\n".repeat(600)).getBytes();
        byte[] withNulLate = java.util.Arrays.copyOf(lateNul, lateNul.length + 1);
        Object[][] cases = {
            // file name, bytes, binary?
            {"random.dts", random, true},
            {"board.dtb", dtb, true},
            {"latin1.dts", "/dts-v1/;\n/ {\n\tmodel = \"caf\u00e9\u0001\";\n};\n".getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1), false},
            {"nul-after-8000.dts", withNulLate, false},
            // dtc reads a raw NUL inside a string (its tests embedded_nul.dts, nul-in-escape.dts)
            {"nul-in-string.dts", "/dts-v1/;\n/ {\n\tx = \"a\u0000b\";\n\ty = \"\\\u0000\";\n};\n".getBytes(), false},
            {"nul-after-string.dts", "/dts-v1/;\n/ {\n\tx = \"a\";\u0000\n};\n".getBytes(), true},
        };
        for (Object[] c : cases) {
            Path file = Files.write(dir.resolve((String) c[0]), (byte[]) c[1]);
            for (String command : new String[] {"parse", "check"}) {
                CliRun run = run(command, file.toString());
                if ((boolean) c[2]) {
                    assertEquals(2, run.status(), command + " " + c[0] + ": " + run.err());
                    assertEquals(file + ": binary file: not a devicetree source\n", run.err().replace("\r\n", "\n"),
                            command + " " + c[0]);
                    assertEquals("", run.out(), command + " " + c[0]);
                } else {
                    assertTrue(run.status() < 2, command + " " + c[0] + " is read as text: " + run.err());
                    assertTrue(!run.err().contains("binary"), run.err());
                }
            }
        }
    }
}
