package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.HostileInputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code carveout check} and {@code map} on inputs that once overflowed the stack or ran for
 * minutes: one clear diagnostic at the hostile text (or none where the input is merely big),
 * the region after it still found, no trace, and an answer within the 5 seconds.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Stream<HostileInputs.Case> cases() {
        return HostileInputs.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithOneDiagnosticAndReadsTheRest(HostileInputs.Case c) throws Exception {
        Path board = dir.resolve("board.dts");
        Files.writeString(board, c.text());

        Run check = run("check", board.toString());
        assertEquals("", check.err(), c.name());
        List<String> problems = check.out().lines()
                .filter(l -> l.startsWith(board.toString() + ":") || l.startsWith("board.dts:")).toList();
        if (c.diagnostic() == null) {
            assertEquals(List.of(), problems, c.name());
            assertEquals(0, check.status(), check.out());
        } else {
            assertEquals(1, problems.size(), check.out());
            String only = problems.get(0);
            assertTrue(only.contains("board.dts:" + c.line() + ":"), "at the hostile text: " + only);
            assertTrue(only.contains("error: " + c.diagnostic()), only);
            assertEquals(1, check.status());
        }

        Run map = run("map", board.toString());
        assertFalse(map.err().contains("\tat "), map.err());
        assertTrue(map.out().contains(HostileInputs.AFTER_REGION), map.out());
        if (c.mapLine() != null) {
            assertTrue(map.out().contains(c.mapLine()), map.out());
        }
    }

    /**
     * Runs the CLI on a thread with the JVM's default 1 MiB worker stack, bounded by the 5
     * seconds the issue asks for (the inputs once took from 12 s to minutes).
     */
    private static Run run(String... args) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
                result.set(new Run(status, out.toString().replace("\r\n", "\n"), err.toString()));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "cli", 1024 * 1024);
        thread.setDaemon(true);
        thread.start();
        thread.join(5_000);
        assertFalse(thread.isAlive(), "carveout " + args[0] + " did not answer within 5 s");
        if (result.get() instanceof Throwable t) {
            throw new AssertionError("carveout " + args[0] + " threw " + t, t);
        }
        return (Run) result.get();
    }
}
