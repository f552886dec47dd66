package io.carveout.bench;

import io.carveout.cli.Main;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
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
 * {@code carveout check} over boards of the corpus in this one process (wall time, peak heap,
 * peak resident memory) beside the kernel's own cpp + dtc over the same boards, one board after
 * the other as a build does, with the ratio: the arm64 Qualcomm boards, or every board of every
 * architecture together with the server's index of them. Not JMH: one cold run of each, as a
 * CI job would see them.
 */
final class CheckVersusDtc {
    private CheckVersusDtc() {
    }

    /** The arm64 Qualcomm boards. */
    static void run() throws IOException, InterruptedException {
        Path linux = linux();
        List<Path> boards;
        try (Stream<Path> list = Files.list(linux.resolve("arch/arm64/boot/dts/qcom"))) {
            boards = list.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        Checked check = check(boards);
        KernelDtc.Run dtc = KernelDtc.run(linux, boards);
        System.out.printf("%nboards: %d arm64 qcom boards of the corpus%n", boards.size());
        printTable(check, dtc);
    }

    /**
     * Every board of the corpus, every architecture: the check, and the index the server builds
     * at start ({@link Project#indexBoard} over every board of the root, first, as in a fresh
     * process), each against cpp + dtc over all of them.
     */
    static void everyBoard() throws IOException, InterruptedException {
        Path linux = linux();
        long start = System.nanoTime();
        Project project = new Project(linux, new OpenDocuments());
        List<Path> boards = project.boardsToIndex();
        boards.forEach(project::indexBoard);
        double index = (System.nanoTime() - start) / 1e9;
        Checked check = check(boards);
        KernelDtc.Run dtc = KernelDtc.run(linux, boards);
        System.out.printf("%nboards: every board of the corpus, %d of every architecture under %s%n", boards.size(),
                linux.resolve("arch"));
        printTable(check, dtc);
        System.out.printf("%-44s %9.2fs%n", "server index (Project.indexBoard, every board)", index);
        System.out.printf("ratio index / (cpp + dtc): %.3f (%d boards indexed)%n", index / dtc.seconds(),
                boards.size());
    }

    private static Path linux() {
        return CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
    }

    /** One run of carveout check: its wall time, exit status, and the heap's peak during it. */
    private record Checked(double seconds, int status, String peakHeap) {
    }

    // carveout check --format json (every rule) over the boards, its output dropped.
    private static Checked check(List<Path> boards) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
        boards.forEach(b -> args.add(b.toString()));
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        int status = Main.run(args.toArray(String[]::new), new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return new Checked(seconds, status, String.format("%.0f MiB", peak / 1048576.0));
    }

    private static void printTable(Checked check, KernelDtc.Run dtc) {
        System.out.printf("%-44s %10s %14s %14s%n", "", "wall", "peak heap", "peak RSS");
        System.out.printf("%-44s %9.2fs %14s %14s%n", "carveout check (one process, every rule)", check.seconds(),
                check.peakHeap(), rss());
        System.out.printf("%-44s %9.2fs %14s %14s%n", "cpp + dtc, one board after the other", dtc.seconds(), "-", "-");
        System.out.printf("ratio carveout / (cpp + dtc): %.2f (exit status of check: %d; boards cpp + dtc failed: %d)%n",
                check.seconds() / dtc.seconds(), check.status(), dtc.failures());
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
