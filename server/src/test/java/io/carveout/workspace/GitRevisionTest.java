package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a repository at a revision, read from its object database. */
class GitRevisionTest {
    @TempDir
    Path dir;

    @Test
    void eachFileIsReadFromTheRepositoryHoldingItAtTheRevision() throws IOException {
        Tools.require("git");
        Path outer = Files.createDirectory(dir.resolve("outer"));
        Files.createDirectory(outer.resolve("sub"));
        Files.writeString(outer.resolve("board.dts"), "old board\n");
        Files.writeString(outer.resolve("sub/soc.dtsi"), "soc\n");
        Files.writeString(outer.resolve("lacked.dtsi"), "never fetched\n");
        Files.createSymbolicLink(outer.resolve("link.dtsi"), Path.of("board.dts"));
        git(outer, "init", "-q");
        commit(outer);
        Files.writeString(outer.resolve("board.dts"), "new board\n");
        Files.writeString(outer.resolve("lacked.dtsi"), "fetched\n");
        Files.writeString(outer.resolve("added.dtsi"), "added\n");
        commit(outer);
        // a nested repository, with a history of its own
        Path vendor = Files.createDirectory(outer.resolve("vendor"));
        Files.writeString(vendor.resolve("vendor.dtsi"), "old vendor\n");
        git(vendor, "init", "-q");
        commit(vendor);
        Files.writeString(vendor.resolve("vendor.dtsi"), "new vendor\n");
        commit(vendor);
        Files.writeString(dir.resolve("loose.dtsi"), "loose\n");
        // the lacked file's blob at HEAD~1 is not in the object database (a partial clone's)
        String lacked = output(outer, "rev-parse", "HEAD~1:lacked.dtsi").strip();
        Files.delete(outer.resolve(".git/objects/" + lacked.substring(0, 2) + "/" + lacked.substring(2)));

        Map<String, Optional<String>> expected = new LinkedHashMap<>();
        expected.put("outer/board.dts", Optional.of("old board\n"));
        expected.put("outer/sub/soc.dtsi", Optional.of("soc\n"));
        expected.put("outer/sub/../board.dts", Optional.of("old board\n"));
        expected.put("outer/added.dtsi", Optional.empty()); // not yet at the revision
        expected.put("outer/lacked.dtsi", Optional.empty()); // missing, and not fetched
        expected.put("outer/link.dtsi", Optional.empty()); // a link's blob is the name it points at
        expected.put("outer/sub", Optional.empty()); // a folder
        expected.put("outer/vendor/vendor.dtsi", Optional.of("old vendor\n")); // the nested repository's HEAD~1
        expected.put("loose.dtsi", Optional.empty()); // in no repository

        try (GitRevision revision = new GitRevision("HEAD~1")) {
            Map<String, Optional<String>> actual = new LinkedHashMap<>();
            expected.keySet().forEach(file -> actual.put(file, revision.read(dir.resolve(file))));
            assertEquals(expected, actual);
            assertEquals(Optional.empty(), revision.problem(outer.resolve("board.dts")));
            assertEquals(Optional.empty(), revision.problem(vendor.resolve("vendor.dtsi")));
            assertEquals(Optional.of(dir.resolve("loose.dtsi") + " is not in a git repository"),
                    revision.problem(dir.resolve("loose.dtsi")));
        }
        try (GitRevision revision = new GitRevision("no-such-rev")) {
            assertEquals(Optional.of("no revision no-such-rev in " + outer),
                    revision.problem(outer.resolve("board.dts")));
            assertEquals(Optional.empty(), revision.read(outer.resolve("board.dts")));
        }
        try (GitRevision revision = new GitRevision("HEAD~5")) {
            assertEquals(Optional.of("no revision HEAD~5 in " + outer), revision.problem(outer.resolve("board.dts")));
        }
    }

    private static void commit(Path repository) {
        git(repository, "add", "-A");
        git(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "change");
    }

    private static void git(Path repository, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(repository, command);
        assertEquals(0, result.status(), result.stderr());
    }

    private static String output(Path repository, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), String.join(" ", command));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
