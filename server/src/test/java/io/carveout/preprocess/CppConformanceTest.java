package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every qcom board of the corpus through the real cpp, with the kernel's flags, and through ours;
 * the two outputs must agree token for token (white space and line markers aside).
 */
class CppConformanceTest {

    static final Path CORPUS = io.carveout.testing.Corpus.ROOT;
    static final Path LINUX = CORPUS.resolve("linux");
    static final Path CPP = Path.of("/usr/bin/cpp");
    private static final Pattern LINE_MARKER = Pattern.compile("^# \\d+ \"[^\"]*\"( \\d+)*$");

    static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    /** Skips with a printed reason, except on CI where a missing prerequisite is a failure. */
    static void require(boolean present, String reason) {
        if (!present) {
            if (ci()) {
                fail(reason + " (CI=true, so this fails instead of skipping)");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    @Test
    void everyQcomBoardMatchesCpp() throws Exception {
        require(Files.isDirectory(LINUX), "corpus not found at " + CORPUS.toAbsolutePath().normalize());
        require(Files.isExecutable(CPP), "cpp not found at " + CPP);
        long started = System.nanoTime();
        Path linux = LINUX.toAbsolutePath().normalize();
        List<Path> boards = new ArrayList<>();
        for (String arch : List.of("arm64", "arm")) {
            try (Stream<Path> files = Files.list(linux.resolve("arch/" + arch + "/boot/dts/qcom"))) {
                files.filter(p -> p.getFileName().toString().endsWith(".dts")).sorted().forEach(boards::add);
            }
        }
        assertTrue(boards.size() > 300, "expected the corpus's qcom boards, found " + boards.size());

        Path prefixes = linuxIncludePrefixes(linux);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> cppOutputs = new ArrayList<>();
        try {
            for (Path board : boards) {
                cppOutputs.add(pool.submit(() -> runCpp(linux, prefixes, board)));
            }
            TokenCache cache = new TokenCache();
            // as the CLI and the server run it: included files replayed where they apply
            IncludeMemo memo = new IncludeMemo();
            SourceProvider sources = new FileSystemSources().memoized();
            List<String> mismatches = new ArrayList<>();
            long oursNanos = 0;
            for (int i = 0; i < boards.size(); i++) {
                Path board = boards.get(i);
                long t0 = System.nanoTime();
                IncludeSearch search = IncludePaths.discover(board, List.of()).search();
                PreprocessResult ours = new Preprocessor(sources, search, Map.of(), cache, memo).preprocess(board);
                oursNanos += System.nanoTime() - t0;
                String expected = cppOutputs.get(i).get(5, TimeUnit.MINUTES);
                String name = linux.relativize(board).toString();
                String problem = compare(expected, ours.text());
                if (problem != null) {
                    mismatches.add(name + ": " + problem);
                } else if (ours.hasErrors()) {
                    mismatches.add(name + ": matches cpp but reports " + ours.diagnostics());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("cpp conformance: %d boards compared, %d mismatches, %.1f s total (ours %.1f s)%n",
                    boards.size(), mismatches.size(), seconds, oursNanos / 1e9);
            mismatches.stream().limit(20).forEach(m -> System.out.println("  MISMATCH " + m));
            assertEquals(List.of(), mismatches.stream().limit(5).toList(),
                    mismatches.size() + " of " + boards.size() + " boards differ from cpp");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The include-prefixes folder for cpp. The corpus copy holds its links as small text files
     * naming the target, which cpp cannot follow; then links with the kernel's targets are made in a
     * temporary folder, which is the kernel's layout without copying any corpus file.
     */
    static Path linuxIncludePrefixes(Path linux) throws IOException {
        Path own = linux.resolve("scripts/dtc/include-prefixes");
        if (Files.isDirectory(own.resolve("arm64")) && Files.isDirectory(own.resolve("dt-bindings"))) {
            return own;
        }
        Path temp = Files.createTempDirectory("include-prefixes");
        temp.toFile().deleteOnExit();
        for (Map.Entry<String, String> link : Map.of(
                "arm", "arch/arm/boot/dts",
                "arm64", "arch/arm64/boot/dts",
                "dt-bindings", "include/dt-bindings").entrySet()) {
            Path p = Files.createSymbolicLink(temp.resolve(link.getKey()), linux.resolve(link.getValue()));
            p.toFile().deleteOnExit();
        }
        return temp;
    }

    static String runCpp(Path linux, Path prefixes, Path board) throws IOException, InterruptedException {
        String arch = linux.relativize(board).getName(1).toString();
        ProcessBuilder pb = new ProcessBuilder(CPP.toString(), "-nostdinc", "-undef", "-D__DTS__",
                "-x", "assembler-with-cpp", "-I", "include", "-I", "arch/" + arch + "/boot/dts",
                "-I", prefixes.toString(), linux.relativize(board).toString());
        pb.directory(linux.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = p.waitFor();
        if (exit != 0) {
            return "\u0000cpp failed with exit " + exit;
        }
        return output;
    }

    /** Null when both texts hold the same tokens in the same order; else where they part. */
    static String compare(String cppOutput, String ours) {
        if (cppOutput.startsWith("\u0000")) {
            return cppOutput.substring(1);
        }
        StringBuilder withoutMarkers = new StringBuilder(cppOutput.length());
        for (String line : cppOutput.split("\n", -1)) {
            if (!LINE_MARKER.matcher(line).matches()) {
                withoutMarkers.append(line).append('\n');
            }
        }
        List<String> expected = tokens(withoutMarkers.toString());
        List<String> actual = tokens(ours);
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "token " + i + ": cpp has '" + expected.get(i) + "', ours '" + actual.get(i) + "'"
                        + "\n    cpp:  " + context(expected, i) + "\n    ours: " + context(actual, i);
            }
        }
        if (expected.size() != actual.size()) {
            return "cpp has " + expected.size() + " tokens, ours " + actual.size()
                    + "\n    cpp:  " + context(expected, n) + "\n    ours: " + context(actual, n);
        }
        return null;
    }

    static List<String> tokens(String text) {
        TokenizedText tt = TokenizedText.of(text);
        List<String> result = new ArrayList<>(tt.size());
        for (int i = 0; i < tt.size(); i++) {
            if (tt.kind(i) != PpTokenKind.NEWLINE) {
                String s = tt.spelling(i);
                // an unmatched quote runs to the line end; cpp and we may space its tail differently
                result.add(tt.kind(i) == PpTokenKind.OTHER ? s.replaceAll("\\s+", " ") : s);
            }
        }
        return result;
    }

    private static String context(List<String> tokens, int at) {
        int from = Math.max(0, at - 8);
        int to = Math.min(tokens.size(), at + 8);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == at ? ">>" : "").append(tokens.get(i)).append(i == at ? "<< " : " ");
        }
        return sb.toString().trim();
    }
}
