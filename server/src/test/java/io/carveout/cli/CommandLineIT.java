package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar run as a user runs it, under a pseudo-terminal that {@code script} opens: a
 * check of several boards shows its progress on the terminal's stderr, and none once stderr is
 * sent to a file.
 */
class CommandLineIT {
    private static final Path JAR = Path.of("server", "target", "carveout.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void progressShowsOnATerminalAndNotInAFile() throws Exception {
        Tools.require("script");
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR);
        String board = "/dts-v1/;\n/ {\n\tmodel = \"x\";\n};\n";
        Files.writeString(dir.resolve("first.dts"), board);
        Files.writeString(dir.resolve("second.dts"), board);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String check = "'" + java + "' -jar '" + JAR + "' check first.dts second.dts";

        String terminal = underTerminal(check);
        assertTrue(terminal.contains("checking 1/2 boards: first.dts"), terminal);
        assertTrue(terminal.contains("\rchecking 2/2 boards: second.dts"), terminal);

        String redirected = underTerminal(check + " 2>progress.txt");
        assertFalse(redirected.contains("checking"), redirected);
        assertEquals("", Files.readString(dir.resolve("progress.txt")));
    }

    /**
     * The build leaves a troff man page per command in server/target/man, each naming every
     * option of its command; carveout.1 names every command.
     */
    @Test
    void theBuildMakesAManPagePerCommand() throws IOException {
        Path man = Path.of("server", "target", "man");
        List<picocli.CommandLine> todo = new java.util.ArrayList<>(List.of(new picocli.CommandLine(new Main(false))));
        boolean root = true;
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.remove(0);
            todo.addAll(command.getSubcommands().values());
            Path page = man.resolve(root ? "carveout.1" : "carveout-" + command.getCommandName() + ".1");
            assertTrue(Files.isRegularFile(page), "no man page " + page.toAbsolutePath());
            // troff writes a hyphen as \-
            String text = Files.readString(page).replace("\\-", "-");
            assertTrue(text.startsWith("'\\\" t") && text.contains(".TH "), page + " is not troff");
            for (var option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    assertTrue(text.contains(name), page + " does not name " + name);
                }
            }
            for (String sub : command.getSubcommands().keySet()) {
                assertTrue(text.contains(sub), page + " does not name " + sub);
            }
            root = false;
        }
    }

    // What a terminal shows of a shell command run in it.
    private String underTerminal(String command) throws IOException, InterruptedException {
        Path shown = dir.resolve("terminal.txt");
        Process process = new ProcessBuilder(List.of("script", "-qec", command, "/dev/null"))
                .directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(shown.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, process.exitValue(), Files.readString(shown));
        return Files.readString(shown);
    }
}
