package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carveout check --baseline REV} in a repository whose own configuration names commands
 * (issue 11, class 6): reading the revision runs none of them, fetches nothing, and still
 * compares the board against the blobs the repository has.
 */
class BaselineRepositoryTest {
    @TempDir
    Path dir;

    /**
     * A command a repository can configure: the settings that arm it (MARK stands for a command
     * that records the trap's name) and a git command that trips it, to show the trap is real.
     */
    record Trap(String name, List<String> settings, List<String> trippedBy) {
    }

    private static final List<String> LAZY_FETCH = List.of("cat-file", "-p", "HEAD~1:fw.dtsi");

    private static final List<Trap> TRAPS = List.of(
            // a partial clone fetches a blob it lacks from its promisor remote, over ssh
            new Trap("sshCommand", List.of("core.repositoryformatversion=1", "extensions.partialClone=origin",
                    "remote.origin.url=ssh://git@example.invalid/golden.git", "remote.origin.promisor=true",
                    "core.sshCommand=MARK"), LAZY_FETCH),
            // ... or from a second promisor remote, through a command as transport
            new Trap("ext", List.of("remote.vendor.url=ext::MARK", "remote.vendor.promisor=true",
                    "protocol.ext.allow=always"), LAZY_FETCH),
            new Trap("fsmonitor", List.of("core.fsmonitor=MARK"), List.of("status")),
            new Trap("smudge", List.of("filter.trap.smudge=MARK"),
                    List.of("cat-file", "--filters", "HEAD~1:soc.dtsi")),
            new Trap("textconv", List.of("diff.trap.textconv=MARK"),
                    List.of("cat-file", "--textconv", "HEAD~1:soc.dtsi")),
            new Trap("external", List.of("diff.external=MARK"), List.of("diff")),
            new Trap("hook", List.of("core.hooksPath=HOOKS"), List.of("checkout", "-q", "-B", "trap")));

    private static final String SOC = """
            / {
            	#address-cells = <2>;
            	#size-cells = <2>;

            	reserved-memory {
            		#address-cells = <2>;
            		#size-cells = <2>;
            		ranges;

            		tz_mem: tz@80000000 {
            			reg = <0x0 0x80000000 0x0 0x400000>;
            			no-map;
            		};
            	};
            };
            """;

    private static final String FW = """
            / {
            	reserved-memory {
            		fw@81000000 {
            			reg = <0x0 0x81000000 0x0 0x200000>;
            			no-map;
            		};
            	};
            };
            """;

    private static final String BOARD = """
            /dts-v1/;

            #include "soc.dtsi"
            #include "fw.dtsi"
            """;

    @Test
    void theRevisionIsReadWithoutRunningWhatTheRepositoryConfigures() throws IOException {
        Tools.require("git");
        Path repository = Files.createDirectory(dir.resolve("vendor"));
        Path marks = Files.createDirectory(dir.resolve("marks"));
        Path mark = dir.resolve("mark.sh");
        Files.writeString(mark, "#!/bin/sh\n: > \"" + marks + "/$1\"\nexit 1\n");
        assertTrue(mark.toFile().setExecutable(true));
        Path hooks = Files.createDirectory(dir.resolve("hooks"));
        for (String hook : List.of("post-checkout", "reference-transaction", "pre-commit", "post-index-change")) {
            Path script = Files.writeString(hooks.resolve(hook), "#!/bin/sh\nexec " + mark + " hook\n");
            assertTrue(script.toFile().setExecutable(true));
        }

        Files.writeString(repository.resolve("board.dts"), BOARD);
        Files.writeString(repository.resolve("soc.dtsi"), SOC);
        Files.writeString(repository.resolve("fw.dtsi"), FW);
        Files.writeString(repository.resolve(".gitattributes"), "*.dtsi filter=trap diff=trap\n");
        git(repository, "init", "-q");
        commit(repository, "golden map");
        String lackedBlob = blobId(FW);
        // HEAD shrinks fw; the working tree also shrinks tz
        Files.writeString(repository.resolve("fw.dtsi"), FW.replace("0x0 0x200000>", "0x0 0x100000>"));
        commit(repository, "fw gives memory back");
        Files.writeString(repository.resolve("soc.dtsi"), SOC.replace("0x0 0x400000>", "0x0 0x200000>"));
        // the golden fw.dtsi is a blob this partial clone never fetched
        Files.delete(repository.resolve(".git/objects/" + lackedBlob.substring(0, 2) + "/" + lackedBlob.substring(2)));
        for (Trap trap : TRAPS) {
            for (String setting : trap.settings()) {
                int eq = setting.indexOf('=');
                git(repository, "config", setting.substring(0, eq), setting.substring(eq + 1)
                        .replace("MARK", mark + " " + trap.name()).replace("HOOKS", hooks.toString()));
            }
        }

        CliRun golden = run("check", "--baseline", "HEAD~1", repository.resolve("board.dts").toString());
        assertEquals(List.of(), marked(marks), "commands the repository configures ran");
        assertEquals(1, golden.status(), golden.out() + golden.err());
        assertEquals("", golden.err());
        assertTrue(golden.out().contains("soc.dtsi:11:"), golden.out());
        assertTrue(golden.out().contains("smaller than revision HEAD~1's no-map 0x80000000..0x803fffff (4 MiB)"),
                golden.out());
        assertFalse(golden.out().contains("fw@81000000"), "fw.dtsi is absent at HEAD~1, not fetched: "
                + golden.out());

        // the traps are real: git itself springs each one
        List<String> unsprung = new ArrayList<>();
        for (Trap trap : TRAPS) {
            List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
            command.addAll(trap.trippedBy());
            Tools.run(repository, command);
            if (!Files.exists(marks.resolve(trap.name()))) {
                unsprung.add(trap.name());
            }
        }
        assertEquals(List.of(), unsprung, "traps git did not spring");
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static List<String> marked(Path marks) throws IOException {
        try (Stream<Path> files = Files.list(marks)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The id git gives a blob: SHA-1 of its header and bytes. */
    private static String blobId(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void commit(Path repository, String message) {
        git(repository, "add", "-A");
        git(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", message);
    }

    private static void git(Path repository, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(repository, command);
        assertEquals(0, result.status(), result.stderr());
    }
}
