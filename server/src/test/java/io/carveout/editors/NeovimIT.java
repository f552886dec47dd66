package io.carveout.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Corpus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Neovim set-up of editors/neovim in Debian's Neovim, headless, against the shaded jar:
 * editors/neovim/test/headless.lua opens a corpus board, reached through a symbolic link,
 * through the set-up's FileType autocommand, waits for diagnostics, asks for a hover, changes
 * a setting, draws a map with 64-bit addresses, and applies a code action when the server
 * offers them. Without nvim the test skips with a printed reason; under CI (CI=true) that
 * is a failure.
 */
class NeovimIT {
    private static final Path JAR = Path.of("server", "target", "carveout.jar");
    private static final Path NEOVIM = Path.of("editors", "neovim");
    private static final String BOARD = "arch/arm64/boot/dts/qcom/sc7280-herobrine-evoker-lte.dts";

    static Path nvim() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "nvim");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = "nvim is not installed (apt-get install neovim): the Neovim set-up is not tested";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI this is a failure");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        return null;
    }

    @Test
    void boardInHeadlessNeovim() throws Exception {
        Path nvim = nvim();
        Path corpus = Corpus.require().toAbsolutePath().normalize();
        Path real = corpus.resolve("linux").resolve(BOARD);
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR.toAbsolutePath());
        // the files the test edits in buffers, which it must never write
        List<Path> edited = List.of(real.resolveSibling("sc7280-herobrine-lte-sku.dtsi"), real.resolveSibling("kodiak.dtsi"));
        List<byte[]> before = new java.util.ArrayList<>();
        for (Path file : edited) {
            before.add(Files.readAllBytes(file));
        }
        Path report = Files.createTempFile("carveout-neovim", ".txt");
        Path home = Files.createTempDirectory("carveout-neovim-home");
        Path log = home.resolve("nvim-output.txt");
        // The board is opened through a symbolic link to the corpus, as ../shared often is on a
        // developer's machine: Neovim names buffers by their real path, the link's path differs.
        Files.createSymbolicLink(home.resolve("corpus"), corpus.toRealPath());
        Path board = home.resolve("corpus").resolve("linux").resolve(BOARD);
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(nvim.toString(), "--headless", "-u", "NONE", "-i", "NONE",
                    "-n", "--cmd", "set rtp^=" + NEOVIM.toAbsolutePath(),
                    "-c", "luafile " + NEOVIM.resolve("test").resolve("headless.lua").toAbsolutePath()))
                    .redirectErrorStream(true)
                    // nvim's own output, kept out of the forked test JVM's channel to Maven
                    .redirectOutput(log.toFile());
            builder.environment().put("CARVEOUT_JAR", JAR.toAbsolutePath().toString());
            builder.environment().put("CARVEOUT_BOARD", board.toString());
            builder.environment().put("CARVEOUT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            builder.environment().put("CARVEOUT_REPORT", report.toString());
            // Neovim's log and state go to a temporary home, not the user's
            builder.environment().put("XDG_STATE_HOME", home.toString());
            builder.environment().put("XDG_CACHE_HOME", home.toString());
            builder.environment().put("XDG_DATA_HOME", home.toString());
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                Assertions.fail("nvim did not finish within 5 minutes:\n" + Files.readString(report) + Files.readString(log));
            }
            String lines = Files.readString(report);
            System.out.print(lines);
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), "headless Neovim reported a failure; it printed:\n" + output);
            for (String expected : List.of("PASS lsp/carveout.lua: init_options from the settings; root_markers find",
                    "PASS server started by the FileType autocommand",
                    "PASS the server asked for section carveout (workspace/configuration) and Neovim answered",
                    "PASS diagnostics published",
                    "PASS hover: 0x000000009c900000..0x000000009d0fffff (8192 KiB) nomap non-reusable rmtfs@9c900000",
                    "PASS :CarveoutBoard:", "PASS diagnostic \"expected ';'\"",
                    "PASS setting rules.boundary-alignment = off, changed while the server runs, removed its findings",
                    "PASS :CarveoutMemoryMap orders 0xffffffff00000000 before 0xffffffff00000400", "ALL PASSED")) {
                assertTrue(lines.contains(expected), "missing \"" + expected + "\" in:\n" + lines);
            }
            // code actions came with the memory rules: the overlap must be fixed by one
            assertTrue(lines.contains("PASS code action") && lines.contains("PASS no overlap left"), lines);
            for (int i = 0; i < edited.size(); i++) {
                assertTrue(java.util.Arrays.equals(before.get(i), Files.readAllBytes(edited.get(i))),
                        edited.get(i) + " was written; the test edits buffers only");
            }
        } finally {
            Files.deleteIfExists(report);
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
