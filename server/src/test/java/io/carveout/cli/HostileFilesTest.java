package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.HostileFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, classes 2 and 5: {@code carveout map} and {@code carveout check} on boards that name
 * files outside their tree (absolute, {@code ../}, a link out of the tree, {@code /proc/self/environ})
 * or huge ones: the boards of {@link HostileFiles}, none of which may print a byte of the files outside.
 */
class HostileFilesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void lay() throws IOException {
        HostileFiles.lay(dir);
    }

    static List<String> boards() {
        return HostileFiles.boards();
    }

    record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the bound: each hostile input answers within 5 s
        int status = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> Main.run(args, new PrintWriter(out), new PrintWriter(err)));
        return new Run(status, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    @ParameterizedTest(name = "map {0}")
    @MethodSource("boards")
    void mapKeepsToTheTreeAndReadsOnlyTheSlice(String name) {
        Path board = dir.resolve("tree").resolve(name);
        Run run = run("map", board.toString());
        assertAsExpected(board, run, run.err(), true);
    }

    @ParameterizedTest(name = "check {0}")
    @MethodSource("boards")
    void checkKeepsToTheTree(String name) {
        Path board = dir.resolve("tree").resolve(name);
        Run run = run("check", board.toString());
        // check reports findings, not the map: only the diagnostics are compared
        assertAsExpected(board, run, run.out() + run.err(), false);
    }

    /** A huge file named on the command line: one line, exit 2, nothing read. */
    @ParameterizedTest(name = "{0} huge.dtsi")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"parse", "check", "map"})
    void aHugeFileNamedOnTheCommandLineIsRefusedFromItsSize(String command) {
        Path huge = dir.resolve("tree/huge.dtsi");
        Run run = run(command, huge.toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(huge + ": error: cannot read file: larger than the 16 MiB limit: not read\n", run.err());
    }

    private static void assertAsExpected(Path board, Run run, String diagnostics, boolean map) {
        String all = run.out() + run.err() + diagnostics;
        for (String secret : HostileFiles.SECRETS) {
            assertFalse(all.contains(secret), "a file outside the tree reached the output:\n" + all);
        }
        assertFalse(all.contains("Exception") || all.contains("Error:"), all);
        for (HostileFiles.Expectation e : HostileFiles.expectations(board)) {
            if (e.out()) {
                assertTrue(!map || run.out().contains(e.text()), "expected output «" + e.text() + "»:\n" + all);
            } else {
                String at = board + ":" + e.line() + ":";
                assertTrue(diagnostics.lines().anyMatch(l -> l.startsWith(at) && l.contains(e.text())),
                        "expected at " + at + " «" + e.text() + "»:\n" + all);
            }
        }
    }
}
