package io.carveout.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The boards of issue 11's classes 2 and 5 (files outside the tree, huge files), under the test
 * resources {@code hostile-files}: laid out in a temporary folder with what a resource cannot
 * hold (links, sparse 3 GiB files, an absolute path), and the expectations written next to
 * their lines (see the README there).
 */
public final class HostileFiles {
    public static final long HUGE = 3L << 30;
    public static final long SLICE_AT = 1L << 30;
    /** What {@code huge.bin} holds at {@link #SLICE_AT}: a memory range 0x80000000 + 256 MiB, as two 64-bit cells. */
    static final byte[] SLICE = {0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0};
    /** Text of the files outside the tree: none of it may reach any output. */
    public static final List<String> SECRETS = List.of("leaked", "5ec12e7");
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect(-out)?:\\s*(.*)$");

    private HostileFiles() {}

    /** A line's expectation: a diagnostic there holding {@code text}, or (out) {@code carveout map} printing it. */
    public record Expectation(int line, boolean out, String text) {}

    private static Path fixtures() {
        try {
            return Path.of(HostileFiles.class.getResource("/hostile-files").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lays the fixtures out under {@code into}; the boards are in {@code into/tree}. */
    public static void lay(Path into) throws IOException {
        Path fixtures = fixtures();
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path from : files.filter(Files::isRegularFile).toList()) {
                Path to = into.resolve(fixtures.relativize(from).toString());
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

    /** The boards' file names. */
    public static List<String> boards() {
        try (Stream<Path> files = Files.list(fixtures().resolve("tree"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dts")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Expectation> expectations(Path board) {
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
}
