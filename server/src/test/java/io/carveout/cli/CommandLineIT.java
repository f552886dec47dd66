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
