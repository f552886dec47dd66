package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.blob.FdtReader;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.testing.Corpus;
import io.carveout.testing.Tools;
import io.carveout.workspace.BlobCheck;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every corpus board with /reserved-memory, made into a blob by the installed cpp and dtc with
 * the kernel's flags (as the oracle does), gives the same {@code carveout map} as its sources:
 * /memory, /memreserve/, every region as the boot log prints it with its labels and users, the
 * predicted placements, each region's findings and the gaps. Only the places differ (node paths
 * for the blob, lines for the sources), and the firmware-region rule is off on both sides: its
 * baseline is the .dtsi files a blob no longer has.
 */
class BlobCorpusTest {
    private static final Settings SETTINGS = new Settings(List.of(), Map.of(), 4096, 1 << 20, 4 << 20, 8, List.of(),
            List.of(), Map.of("firmware-region", "off"), List.of(), io.carveout.format.FormatOptions.DEFAULT);

    @Test
    void everyBoardsBlobGivesTheMapOfItsSources() throws IOException {
        Tools.require("dtc");
        Tools.require("cpp");
        Path corpus = Corpus.require().toAbsolutePath().normalize();
        Path linux = corpus.resolve("linux");
        List<String> boards = new ArrayList<>();
        for (String row : Files.readAllLines(corpus.resolve("oracle-out/SUMMARY.tsv"))) {
            boardWithReservedMemory(row).ifPresent(b -> boards.add("arch/arm64/boot/dts/qcom/" + b));
        }
        for (String row : Files.readAllLines(corpus.resolve("oracle-out/arm/SUMMARY.tsv"))) {
            boardWithReservedMemory(row).ifPresent(b -> boards.add("arch/arm/boot/dts/qcom/" + b));
        }
        for (String row : Files.readAllLines(corpus.resolve("oracle-out/tree/SUMMARY.tsv"))) {
            String[] cells = row.split("\t");
            if (cells.length >= 3 && cells[1].equals("0") && cells[2].equals("yes")) {
                boards.add(cells[0]);
            }
        }
        SourceProvider sources = new FileSystemSources().memoized();
        BoardCompiler compiler = new BoardCompiler(sources, new TokenCache(), new ParseCache());
        Path work = Files.createTempDirectory("carveout-blobs");
        Path prefixes = includePrefixes(linux, work);
        Map<String, int[]> perArchitecture = new TreeMap<>(); // compared, equal
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (String board : boards) {
            Path source = linux.resolve(board);
            Path blob = work.resolve(source.getFileName() + ".dtb");
            Optional<String> made = compile(linux, prefixes, source, blob);
            int[] counts = perArchitecture.computeIfAbsent(architecture(board), a -> new int[2]);
            counts[0]++;
            if (made.isPresent()) {
                failures.add(board + ": " + made.get());
                continue;
            }
            FdtReader.Result read = FdtReader.read(blob, Files.readAllBytes(blob));
            if (read instanceof FdtReader.Refused refused) {
                failures.add(board + ": " + refused.problem().message(blob.toString()));
                continue;
            }
            var parsed = ((FdtReader.Read) read).blob();
            CompiledBoard compiled = compiler.compile(source, List.of(), FrontEndSettings.DEFAULT);
            MemoryReport fromSources = new BoardCheck(sources, compiler).analyse(compiled, source, SETTINGS,
                    Optional.empty(), Optional.empty(), false);
            MemoryReport fromBlob = BlobCheck.analyse(parsed, SETTINGS, new ArrayList<>());
            SourceLocations locations = new SourceLocations(sources);
            locations.add(parsed);
            String difference = firstDifference(table(fromSources, locations), table(fromBlob, locations));
            if (difference != null) {
                failures.add(board + ": " + difference);
            } else {
                counts[1]++;
            }
            Files.delete(blob);
        }
        StringBuilder figures = new StringBuilder("blob maps equal to their sources', equal / compared:");
        perArchitecture.forEach((arch, c) -> figures.append(' ').append(arch).append(' ').append(c[1]).append('/')
                .append(c[0]));
        System.out.println(figures + String.format(" (%.0f s)", (System.nanoTime() - started) / 1e9));
        assertTrue(boards.size() > 900, boards.size() + " boards with /reserved-memory");
        assertEquals("", String.join("\n", failures.subList(0, Math.min(30, failures.size()))),
                failures.size() + " of " + boards.size() + " blobs give another map than their sources");
    }

    /** A board of the qcom tables (board, status, seconds, warnings, regions, ...) that has regions; no overlays. */
    private static Optional<String> boardWithReservedMemory(String row) {
        String[] cells = row.split("\t");
        return cells.length >= 5 && cells[1].equals("0") && !cells[0].contains("+") && !cells[4].equals("0")
                ? Optional.of(cells[0] + ".dts") : Optional.empty();
    }

    /** cpp and dtc with the flags of scripts/Makefile.dtbs, as the corpus's oracle.sh runs them. */
    private static Optional<String> compile(Path linux, Path prefixes, Path source, Path blob) {
        Path preprocessed = Path.of(blob + ".pre.dts");
        Tools.Result cpp = Tools.run(linux, List.of("cpp", "-nostdinc", "-undef", "-D__DTS__", "-x",
                "assembler-with-cpp", "-I", "include", "-I", "arch/arm64/boot/dts", "-I",
                prefixes.toString(), "-o", preprocessed.toString(), source.toString()), 60);
        if (cpp.status() != 0) {
            return Optional.of("cpp failed: " + cpp.stderr().lines().findFirst().orElse(""));
        }
        Tools.Result dtc = Tools.run(linux, List.of("dtc", "-@", "-q", "-I", "dts", "-O", "dtb", "-b", "0", "-i",
                source.getParent().toString(), "-i", prefixes.toString(), "-o", blob.toString(),
                preprocessed.toString()), 60);
        try {
            Files.deleteIfExists(preprocessed);
        } catch (IOException e) {
            // a temporary file left behind
        }
        return dtc.status() == 0 ? Optional.empty()
                : Optional.of("dtc failed: " + dtc.stderr().lines().findFirst().orElse(""));
    }

    /**
     * The kernel's include-prefixes links. The corpus copy holds each link as a small text file
     * naming its target, which cpp cannot follow: real links are made in {@code work}.
     */
    private static Path includePrefixes(Path linux, Path work) throws IOException {
        Path own = linux.resolve("scripts/dtc/include-prefixes");
        Path links = Files.createDirectories(work.resolve("include-prefixes"));
        try (var listing = Files.list(own)) {
            for (Path entry : listing.toList()) {
                Path target = Files.isSymbolicLink(entry) ? Files.readSymbolicLink(entry)
                        : Path.of(Files.readString(entry).trim());
                Files.createSymbolicLink(links.resolve(entry.getFileName()), own.resolve(target).normalize());
            }
        }
        return links;
    }

    /**
     * The map as {@code carveout map} prints it, without the places; a region's findings sorted,
     * since they come in the order of their places, which are lines on one side and blob offsets
     * on the other.
     */
    private static List<String> table(MemoryReport report, SourceLocations locations) {
        StringWriter text = new StringWriter();
        MapCommand.table(report, locations, new PrintWriter(text));
        List<String> lines = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (String line : text.toString().lines().map(l -> l.replaceFirst("  \\S+:\\S+$", "")).toList()) {
            if (line.matches("    (error|warning|info): .*")) {
                findings.add(line);
                continue;
            }
            findings.sort(null);
            lines.addAll(findings);
            findings.clear();
            lines.add(line);
        }
        findings.sort(null);
        lines.addAll(findings);
        return lines;
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                return "line " + (i + 1) + ": sources '" + e + "', blob '" + a + "'";
            }
        }
        return null;
    }

    private static String architecture(String board) {
        String[] parts = board.split("/");
        return parts[1].equals("arm") || parts[1].equals("arm64") ? parts[1] + "/" + parts[4] : parts[1];
    }
}
