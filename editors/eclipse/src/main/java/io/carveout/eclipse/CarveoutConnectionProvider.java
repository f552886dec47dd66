package io.carveout.eclipse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.eclipse.lsp4e.server.StreamConnectionProvider;

/**
 * Starts the carveout language server for LSP4E: {@code java -jar carveout.jar lsp} on
 * stdio, with the jar bundled in this plugin ({@code server/carveout.jar}). Plain Java on
 * purpose: besides LSP4E's interface it needs no Eclipse API, so it builds with Maven alone.
 *
 * <p>Java: the system property {@code carveout.java.home} (a line {@code -Dcarveout.java.home=...}
 * in eclipse.ini), else the JVM Eclipse runs on when it is 17 or newer, else {@code JAVA_HOME}.
 * The jar: the system property {@code carveout.jar}, else the bundled one.
 */
public final class CarveoutConnectionProvider implements StreamConnectionProvider {
    static final String BUNDLED_JAR = "/server/carveout.jar";

    private Process process;

    @Override
    public void start() throws IOException {
        Path jar = jar();
        List<String> command = List.of(java().toString(), "-jar", jar.toString(), "lsp", "--stdio");
        // stderr to a file: a pipe nobody drains would stop the server once it is full
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(errorLog(jar).toFile()))
                .start();
    }

    /** Where the server's stderr goes: beside the jar copy, or the temporary folder. */
    static Path errorLog(Path jar) {
        Path folder = jar.getParent() != null && Files.isWritable(jar.getParent())
                ? jar.getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        return folder.resolve("carveout-server.log");
    }

    /** The java executable that runs the server. */
    static Path java() throws IOException {
        String configured = System.getProperty("carveout.java.home");
        if (configured != null && !configured.isBlank()) {
            return executable(Path.of(configured), "-Dcarveout.java.home");
        }
        if (Runtime.version().feature() >= 17) {
            return executable(Path.of(System.getProperty("java.home")), "the JVM Eclipse runs on");
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            return executable(Path.of(javaHome), "JAVA_HOME");
        }
        throw new IOException("carveout needs Java 17 or newer: Eclipse runs on Java " + Runtime.version().feature()
                + " and JAVA_HOME is not set; add -Dcarveout.java.home=/path/to/jdk-17 to eclipse.ini");
    }

    private static Path executable(Path home, String source) throws IOException {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        Path java = home.resolve("bin").resolve(windows ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new IOException("carveout: no Java at " + java + " (from " + source + ")");
        }
        return java;
    }

    /**
     * The server jar. A jar inside a jar cannot be run, so the bundled one is copied once
     * per plugin build to the temporary folder, named by its size and time so that an
     * update of the plugin brings a new copy.
     */
    static Path jar() throws IOException {
        String configured = System.getProperty("carveout.jar");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        var resource = CarveoutConnectionProvider.class.getResource(BUNDLED_JAR);
        if (resource == null) {
            throw new IOException("carveout: the plugin holds no " + BUNDLED_JAR);
        }
        var connection = resource.openConnection();
        String stamp = connection.getContentLengthLong() + "-" + connection.getLastModified();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "carveout-eclipse-" + stamp, "carveout.jar");
        if (!Files.isRegularFile(target)) {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "carveout", ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    @Override
    public InputStream getInputStream() {
        return process == null ? null : process.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return process == null ? null : process.getOutputStream();
    }

    /** Null, as LSP4E expects when the error output is redirected (to {@link #errorLog}). */
    @Override
    public InputStream getErrorStream() {
        return null;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }

    // LSP4E keeps one connection per provider that equals another: one server for carveout.
    @Override
    public boolean equals(Object other) {
        return other instanceof CarveoutConnectionProvider;
    }

    @Override
    public int hashCode() {
        return Objects.hash(CarveoutConnectionProvider.class.getName());
    }

    @Override
    public String toString() {
        return "carveout language server";
    }
}
