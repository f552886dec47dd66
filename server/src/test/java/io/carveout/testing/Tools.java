package io.carveout.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside tools the conformance tests compare with (dtc, cpp). Absent on a user's machine
 * they skip the test with a printed reason; under CI (CI=true) their absence fails it.
 */
public final class Tools {
    private Tools() {
    }

    public static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        String reason = tool + " is not installed (the test compares with it; apt-get install "
                + (tool.equals("dtc") ? "device-tree-compiler" : tool) + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI this is a failure");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** The result of running a tool. */
    public record Result(int status, String stderr) {
    }

    public static Result run(Path directory, List<String> command) {
        return run(directory, command, 120);
    }

    public static Result run(Path directory, List<String> command, int timeoutSeconds) {
        try {
            Path err = Files.createTempFile("carveout-tool", ".err");
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            return new Result(process.exitValue(), stderr);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
