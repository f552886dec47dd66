package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, classes 2 and 5: {@code carveout map} and {@code carveout check} on boards that name
 * files outside their tree (absolute, {@code ../}, a link out of the tree, {@code /proc/self/environ})
 * or huge ones. Each case is a board under {@code hostile-files/tree} with its expectations written
 * next to the line (see the README there); none may print a byte of the files outside.
 */
class HostileFilesTest {
    static final Path FIXTURES = fixtures();
    static final long HUGE = 3L << 30;
    static final long SLICE_AT = 1L << 30;
    /** What {@code huge.bin} holds at {@link #SLICE_AT}: a memory range 0x80000000 + 256 MiB, as two 64-bit cells. */
    static final byte[] SLICE = {0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
    static final Pattern EXPECT = Pattern.compile("//\\s*expect(-out)?:\\s*(.*)$");
    static final List<String> SECRETS = List.of("leaked", "5ec12e7");

    @TempDir
    static Path dir;

    @BeforeAll
    static void lay() throws IOException {
        lay(dir);
    }

    /** The fixtures, with what a resource cannot hold: links, sparse huge files, the absolute path. */
    static void lay(Path into) throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = into.resolve(FIXTURES.relativize(from).toString());
                Files.createDirectories(to.getParent());
                Files.writeString(to, Files.readString(from)
                        .replace("@OUTSIDE@", into.resolve("outside").toAbsolutePath().toString()));
            }
        }
        Path tree = into.resolve("tree");
        Files.createSymbolicLink(tree.resolve("link-out"), Path.of("../outside"));
        Files.createSymbolicLink(tree.resolve("inc-link"), Path.of("real-inc"));
        sparse(tree.resolve("huge.dtsi"), 0, new byte[0]);
        sparse(tree.resolve("huge.bin"), SLICE_AT, SLICE);
    }

    /** A file of {@link #HUGE} bytes that takes no disk: nothing but {@code bytes} at {@code at} is written. */
    private static void sparse(Path file, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(HUGE);
            raf.seek(at);
            raf.write(bytes);
        }
    }

    private static Path fixtures() {
        try {
            return Path.of(HostileFilesTest.class.getResource("/hostile-files").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Expectation(int line, boolean out, String text) {}

    static List<Expectation> expectations(Path board) {
        List<Expectation> result = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(board);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = EXPECT.matcher(lines.get(i));
                if (m.find()) {
                    result.add(new Expectation(i + 1, m.group(1) != null, m.group(2).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    static Stream<String> boards() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve("tree"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dts")).sorted().toList().stream();
        }
    }

    record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the issue's bound: each hostile input answers within 5 s
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

    private static void assertAsExpected(Path board, Run run, String diagnostics, boolean map) {
        String all = run.out() + run.err() + diagnostics;
        for (String secret : SECRETS) {
            assertFalse(all.contains(secret), "a file outside the tree reached the output:\n" + all);
        }
        assertFalse(all.contains("Exception") || all.contains("Error:"), all);
        for (Expectation e : expectations(board)) {
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
