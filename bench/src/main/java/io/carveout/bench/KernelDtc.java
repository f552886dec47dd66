package io.carveout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The kernel's own cpp + dtc over boards, one board after the other as a build does, each
 * with the command line the corpus's oracle used ({@code oracle.sh -w}, see the corpus README):
 * cpp with the kernel's flags into a file, then {@code dtc -@ -O dtb} with the board's folder and
 * include-prefixes as include paths and the kernel's W=0 warning suppressions.
 */
final class KernelDtc {
    /** The kernel's W=0 suppressions; each is passed only when the dtc in use knows it, as the oracle does. */
    private static final List<String> W0_SUPPRESSED = List.of("unique_unit_address", "unit_address_vs_reg",
            "avoid_unnecessary_addr_size", "alias_paths", "graph_child_address", "simple_bus_reg");

    /** Wall time of the whole run, and how many boards cpp or dtc failed on. */
    record Run(double seconds, int failures) {
    }

    private KernelDtc() {
    }

    static Run run(Path linux, List<Path> boards) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("carveout-kernel-dtc");
        try {
            Path prefixes = includePrefixes(linux, work);
            List<String> suppressions = new ArrayList<>();
            for (String check : W0_SUPPRESSED) {
                if (dtcKnows(check, work)) {
                    suppressions.add("-Wno-" + check);
                }
            }
            Path pre = work.resolve("board.pre.dts");
            int failures = 0;
            long start = System.nanoTime();
            for (Path board : boards) {
                int status = exec(List.of("cpp", "-nostdinc", "-undef", "-D__DTS__", "-x", "assembler-with-cpp",
                        "-I", linux.resolve("include").toString(), "-I", linux.resolve("arch/arm64/boot/dts").toString(),
                        "-I", prefixes.toString(), "-o", pre.toString(), board.toString()));
                if (status == 0) {
                    List<String> dtc = new ArrayList<>(List.of("dtc", "-@", "-I", "dts", "-O", "dtb", "-b", "0",
                            "-i", board.getParent().toString(), "-i", prefixes.toString()));
                    dtc.addAll(suppressions);
                    dtc.addAll(List.of("-o", "/dev/null", pre.toString()));
                    status = exec(dtc);
                }
                failures += status == 0 ? 0 : 1;
            }
            return new Run((System.nanoTime() - start) / 1e9, failures);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // The corpus keeps scripts/dtc/include-prefixes/<arch> as plain files naming their targets
    // (a copy cannot hold symlinks); cpp needs the real links, as in a kernel tree.
    private static Path includePrefixes(Path linux, Path work) throws IOException {
        Path kept = linux.resolve("scripts/dtc/include-prefixes");
        Path links = Files.createDirectory(work.resolve("include-prefixes"));
        try (Stream<Path> entries = Files.list(kept)) {
            for (Path entry : entries.sorted().toList()) {
                Path target = Files.isRegularFile(entry)
                        ? kept.resolve(Files.readString(entry).strip()).normalize() : entry;
                Files.createSymbolicLink(links.resolve(entry.getFileName()), target);
            }
        }
        return links;
    }

    private static boolean dtcKnows(String check, Path work) throws IOException, InterruptedException {
        Path empty = work.resolve("empty.dts");
        Files.writeString(empty, "/dts-v1/; / { };\n");
        return exec(List.of("dtc", "-q", "-Wno-" + check, "-I", "dts", "-O", "dtb", "-o", "/dev/null",
                empty.toString())) == 0;
    }

    /** Runs a command, its output dropped; its exit status, or -1 when it ran over two minutes. */
    static int exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
