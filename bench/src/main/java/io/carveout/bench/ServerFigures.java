package io.carveout.bench;

import io.carveout.text.TextChange;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Position;

/**
 * Two figures of the language server, measured side by side in one run: the time from a
 * one-character didChange to its publishDiagnostics against a full re-analysis of the
 * same file from scratch; and the heap retained with every board of the corpus open,
 * against the bytes of source the server holds.
 */
final class ServerFigures {
    private ServerFigures() {
    }

    /** One kind of lone edit, made again and again: the change for round {@code i} of the text as it is. */
    interface EditKind {
        TextChange change(String text, int at, int round);
    }

    /** The pause before each lone edit: a digit of a base changed, not a burst of typing. */
    static final long LONE_EDIT_PAUSE_MILLIS = 300;

    /** The digit at {@code at} typed over, alternating between two values. */
    static final EditKind DIGIT_TYPED_OVER = (text, at, round) ->
            new TextChange(at, at + 1, text.charAt(at) == '0' ? "1" : "0");

    /** A digit typed after the one at {@code at}, then deleted again. */
    static final EditKind DIGIT_TYPED_THEN_DELETED = (text, at, round) -> round % 2 == 0
            ? new TextChange(at + 1, at + 1, "0") : new TextChange(at + 1, at + 2, "");

    /** Not a number: a space typed after the property's ';', then deleted (the boards are compiled again). */
    static final EditKind SPACE_TYPED_THEN_DELETED = (text, at, round) -> {
        int semicolon = text.indexOf(';', at) + 1;
        return round % 2 == 0 ? new TextChange(semicolon, semicolon, " ")
                : new TextChange(semicolon, semicolon + 1, "");
    };

    /** Edits near a digit of a reg value in /reserved-memory of the largest .dtsi, through the server, vs a fresh project. */
    static void latency() throws Exception {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path soc = LargestDtsi.find(linux);
        String original = Files.readString(soc);
        int at = LargestDtsi.editOffset(original);
        String uri = soc.toUri().toString();
        int rounds = 20;
        Map<String, EditKind> kinds = new LinkedHashMap<>();
        kinds.put("a digit typed over (same width)", DIGIT_TYPED_OVER);
        kinds.put("a digit typed, then deleted", DIGIT_TYPED_THEN_DELETED);
        kinds.put("a space typed, then deleted", SPACE_TYPED_THEN_DELETED);
        Map<String, Double> medians = new LinkedHashMap<>();
        try (InProcessServer lsp = new InProcessServer(linux)) {
            EditedFile edited = new EditedFile(lsp, soc);
            lsp.awaitVersion(uri, 1);
            for (Map.Entry<String, EditKind> kind : kinds.entrySet()) {
                List<Long> incremental = new ArrayList<>();
                for (int i = 0; i < rounds * 2; i++) {
                    TextChange change = kind.getValue().change(edited.text(), at, i);
                    Thread.sleep(LONE_EDIT_PAUSE_MILLIS);
                    long start = edited.type(change);
                    lsp.awaitVersion(uri, edited.version());
                    if (i >= rounds) {
                        incremental.add(System.nanoTime() - start);
                    }
                }
                medians.put(kind.getKey(), median(incremental) / 1e6);
            }
            String text = edited.text();
            List<Path> boards = boardsIncluding(linux, soc);
            List<Long> full = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                OpenDocuments documents = new OpenDocuments();
                documents.open(soc, text);
                Project fresh = new Project(linux, documents);
                for (Path board : boards) {
                    fresh.indexBoard(board);
                }
                fresh.report(soc);
                full.add(System.nanoTime() - start);
            }
            double whole = median(full) / 1e6;
            System.out.printf("%nfile: %s (%d bytes), edits at offset %d, inside /reserved-memory; analysed in %d boards%n",
                    soc.getFileName(), text.length(), at, boards.size());
            System.out.printf("full re-analysis from scratch of the same file (median of %d): %8.1f ms%n", rounds, whole);
            for (Map.Entry<String, Double> kind : medians.entrySet()) {
                System.out.printf("didChange -> publishDiagnostics, %-32s (median of %d): %8.1f ms, ratio %.3f (1/%.1f)%n",
                        kind.getKey(), rounds, kind.getValue(), kind.getValue() / whole, whole / kind.getValue());
            }
        }
    }

    /** The boards of the corpus that include a file, as a fresh index of the whole corpus finds them. */
    static List<Path> boardsIncluding(Path linux, Path soc) throws Exception {
        OpenDocuments documents = new OpenDocuments();
        Project index = new Project(linux, documents);
        index.index((done, total) -> { });
        return index.boardsIncluding(soc);
    }

    /** Every board of the corpus open in the server: heap retained after GC vs the bytes of source held. */
    static void heap() throws Exception {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        List<Path> boards;
        try (Stream<Path> files = Files.walk(linux)) {
            boards = files.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        long before = retained();
        try (InProcessServer lsp = new InProcessServer(linux)) {
            for (Path board : boards) {
                lsp.open(board.toUri().toString(), Files.readString(board));
            }
            for (Path board : boards) {
                lsp.awaitVersion(board.toUri().toString(), 1);
            }
            long after = retained();
            long source = sourceBytes(linux);
            System.out.printf("%nboards open: %d; source under %s: %.1f MB (every .dts, .dtsi, .dtso, .h)%n",
                    boards.size(), linux, source / 1e6);
            System.out.printf("heap retained by the server after GC: %.1f MB%n", (after - before) / 1e6);
            System.out.printf("ratio heap/source: %.1fx (target 10x)%n", (double) (after - before) / source);
            if (Boolean.getBoolean("histogram")) {
                printHistogram();
            }
        }
    }

    // What holds the heap, largest first (-Dhistogram=true): the JDK's own class histogram.
    private static void printHistogram() throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        // Read to the end: jcmd blocks on a full pipe (closing the Stream of lines would
        // not close the reader), and waitFor would then never return.
        try (var reader = jcmd.inputReader()) {
            List<String> lines = reader.lines().toList();
            lines.stream().limit(40).forEach(System.out::println);
        }
        jcmd.waitFor();
    }

    private static long sourceBytes(Path linux) throws Exception {
        try (Stream<Path> files = Files.walk(linux)) {
            return files.filter(p -> p.toString().matches(".*\\.(dts|dtsi|dtso|h)$")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static long retained() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The LSP position (UTF-16 columns) of an offset in a text. */
    static Position position(String text, int offset) {
        int line = 0;
        int start = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new Position(line, offset - start);
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
