package io.carveout.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ./carveout reached through links on PATH, as a user installs it and as
 * Neovim's set-up starts it by default ({'carveout', 'lsp'}): a relative link on PATH to an
 * absolute link to the script. It must find the checkout where the script really is; before
 * the fix it looked for server/ beside the first link and tried to build there. A stand-in
 * for Maven on PATH makes any build attempt fail, so the test never builds.
 */
class LauncherOnPathIT {
    private static final Path LAUNCHER = Path.of("carveout");
    private static final Path JAR = Path.of("server", "target", "carveout.jar");

    @TempDir
    Path dir;

    @Test
    void aLinkOnPathRunsTheCheckoutsServer() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR.toAbsolutePath());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createSymbolicLink(lib.resolve("carveout"), LAUNCHER.toAbsolutePath().normalize());
        Files.createSymbolicLink(bin.resolve("carveout"), Path.of("..", "lib", "carveout"));
        Path mvn = Files.writeString(bin.resolve("mvn"),
                "#!/bin/sh\necho 'the stand-in for Maven: the launcher must not build here' >&2\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", "cd / && carveout --version"))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "carveout --version did not finish");
        String printed = Files.readString(output);
        assertEquals(0, process.exitValue(), "carveout --version through the links printed:\n" + printed);
        assertTrue(printed.matches("carveout \\d+\\.\\d+\\.\\d+\\S*\\s*"), printed);
    }
}
