package io.carveout.bench;

import io.carveout.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code carveout check} over every arm64 Qualcomm board of the corpus in this one process
 * (wall time, peak heap, peak resident memory) beside the kernel's own cpp + dtc over the same
 * boards, one board after the other as a build does, with the ratio. Not JMH: one cold run of
 * each, as a CI job would see them.
 */
final class CheckVersusDtc {
    private CheckVersusDtc() {
    }

    static void run() throws IOException, InterruptedException {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path qcom = linux.resolve("arch/arm64/boot/dts/qcom");
        List<Path> boards;
        try (Stream<Path> list = Files.list(qcom)) {
            boards = list.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        boards.forEach(b -> args.add(b.toString()));

        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()));
        double carveoutSeconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }

        Path includePrefixes = includePrefixes(linux);
        int failures = 0;
        start = System.nanoTime();
        for (Path board : boards) {
            ProcessBuilder cpp = new ProcessBuilder("cpp", "-nostdinc", "-undef", "-D__DTS__", "-x",
                    "assembler-with-cpp", "-I", linux.resolve("include").toString(), "-I",
                    linux.resolve("arch/arm64/boot/dts").toString(), "-I", includePrefixes.toString(),
                    board.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
            ProcessBuilder dtc = new ProcessBuilder("dtc", "-@", "-I", "dts", "-O", "dtb", "-b", "0", "-i",
                    qcom.toString(), "-i", includePrefixes.toString(), "-o", "/dev/null", "-")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            List<Process> pipeline = ProcessBuilder.startPipeline(List.of(cpp, dtc));
            boolean failed = false;
            for (Process p : pipeline) {
                failed |= p.waitFor() != 0;
            }
            failures += failed ? 1 : 0;
        }
        double dtcSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nboards: %d arm64 qcom boards of the corpus%n", boards.size());
        System.out.printf("%-44s %10s %14s %14s%n", "", "wall", "peak heap", "peak RSS");
        System.out.printf("%-44s %9.2fs %11.0f MiB %11s%n", "carveout check (one process, every rule)",
                carveoutSeconds, peakHeap / 1048576.0, rss());
        System.out.printf("%-44s %9.2fs %14s %14s%n", "cpp + dtc, one board after the other", dtcSeconds, "-", "-");
        System.out.printf("ratio carveout / (cpp + dtc): %.2f (exit status of check: %d; boards cpp + dtc failed: %d)%n",
                carveoutSeconds / dtcSeconds, status, failures);
    }

    // The corpus keeps scripts/dtc/include-prefixes/{arm,arm64,dt-bindings} as plain files naming
    // their targets (a copy cannot hold symlinks); cpp needs the real links, as in a kernel tree.
    private static Path includePrefixes(Path linux) throws IOException {
        Path dir = Files.createTempDirectory("carveout-include-prefixes");
        Files.createSymbolicLink(dir.resolve("arm"), linux.resolve("arch/arm/boot/dts"));
        Files.createSymbolicLink(dir.resolve("arm64"), linux.resolve("arch/arm64/boot/dts"));
        Files.createSymbolicLink(dir.resolve("dt-bindings"), linux.resolve("include/dt-bindings"));
        for (String link : List.of("arm", "arm64", "dt-bindings")) {
            dir.resolve(link).toFile().deleteOnExit();
        }
        dir.toFile().deleteOnExit();
        return dir;
    }

    // VmHWM of /proc/self/status: the peak resident set of this JVM, including the JVM itself.
    private static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%.0f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return "-";
    }
}
