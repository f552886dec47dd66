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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The VS Code extension, run from the project's test command once the shaded jar exists:
 * its own tests (types, settings schema, TextMate grammar, unit tests), the .vsix built
 * with the new jar, then the editor test that installs it into code-server and drives it
 * in headless Chromium (vscode-client/e2e/run.mjs). Needs what ./test and .ci/run install
 * (npm ci in vscode-client, e2e/install.sh, chromium); without it the test skips with a
 * printed reason, and under CI (CI=true) fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VsCodeIT {
    private static final Path CLIENT = Path.of("vscode-client");
    private static final Path JAR = Path.of("server", "target", "carveout.jar");
    private static final Path SCREENSHOTS = Path.of("server", "target", "editor-screenshots");

    private static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI this is a failure");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String what, List<String> command, int minutes) throws Exception {
        Path log = Files.createTempFile("carveout-vscode", ".log");
        try {
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            // the committed screenshots in vscode-client/test-output stay as they are
            builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toAbsolutePath().toString());
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                Assertions.fail(what + " did not finish within " + minutes + " minutes:\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            assertEquals(0, process.exitValue(), what + " failed:\n" + output);
            System.out.printf("%s: passed in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
            if (what.startsWith("editor test")) {
                System.out.print(output);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    @Order(1)
    void extensionTestsAndPackage() throws Exception {
        require(onPath("npm") && onPath("node"), "node and npm are not installed: the VS Code extension is not tested");
        require(Files.isDirectory(CLIENT.resolve("node_modules")),
                "vscode-client/node_modules is missing (run npm ci in vscode-client): the VS Code extension is not tested");
        Corpus.require();
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR.toAbsolutePath());
        run("npm test (types, settings schema, grammar, unit tests)", List.of("npm", "test"), 10);
        run("npm run package (.vsix with the new jar)", List.of("npm", "run", "package"), 10);
        assertTrue(Files.size(CLIENT.resolve("carveout.vsix")) > Files.size(JAR) / 2, "the .vsix holds the server jar");
        // the project's license travels in the extension, and its manifest names it
        try (java.util.zip.ZipFile vsix = new java.util.zip.ZipFile(CLIENT.resolve("carveout.vsix").toFile())) {
            // vsce packs the extension's LICENSE as LICENSE.txt
            var license = vsix.getEntry("extension/LICENSE.txt");
            assertTrue(license != null, "the .vsix holds extension/LICENSE.txt");
            try (var in = vsix.getInputStream(license)) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(Path.of("LICENSE")), in.readAllBytes()),
                        "the .vsix's LICENSE is the project's");
            }
            try (var in = vsix.getInputStream(vsix.getEntry("extension/package.json"))) {
                String manifest = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals("Apache-2.0", com.google.gson.JsonParser.parseString(manifest).getAsJsonObject()
                        .get("license").getAsString());
            }
        }
    }

    /**
     * The extension in the real editor (code-server in headless Chromium), with the .vsix the
     * test above built, when CARVEOUT_EDITOR_TEST=1 asks for it (./test then installs
     * code-server into vscode-client/e2e). It is not part of the CI job: it drives a browser
     * through timings (redraws, dialogs, menus) that a shared, loaded 2-core machine does not
     * keep reliably, and one missed redraw there would fail the whole job; it has its own
     * command (README, Editors).
     */
    @Test
    @Order(2)
    void theRealEditor() throws Exception {
        if (!"1".equals(System.getenv("CARVEOUT_EDITOR_TEST"))) {
            System.out.println("not run: the editor test in code-server runs with CARVEOUT_EDITOR_TEST=1 ./test,"
                    + " or on its own: cd vscode-client && npm run package && sh e2e/install.sh && npm run test:editor");
            return;
        }
        require(onPath("npm") && onPath("node"), "node and npm are not installed: the VS Code extension is not tested");
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR.toAbsolutePath());
        require(Files.isRegularFile(CLIENT.resolve("carveout.vsix")),
                "vscode-client/carveout.vsix is missing (the test above builds it): the editor test does not run");
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        require(Files.isExecutable(Path.of(chromium)), chromium + " is missing (apt-get install chromium): the editor test does not run");
        require(Files.isExecutable(CLIENT.resolve("e2e/node_modules/.bin/code-server")),
                "code-server is not installed (./test installs it, or sh vscode-client/e2e/install.sh): the editor test does not run");
        run("editor test in code-server + headless Chromium", List.of("node", "e2e/run.mjs"), 10);
        System.out.println("screenshots: " + SCREENSHOTS.toAbsolutePath());
    }
}
