package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.testing.Corpus;
import io.carveout.text.LineIndex;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CheckedFile;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every error-level finding that the checker gives on the corpus (every board of every
 * architecture) is one that docs/triage/errors.md accounts for: the table
 * src/test/resources/triage/errors.tsv lists each one (rule, cause, file, line, a board that
 * shows it, message) and the cause it belongs to, and the document says why the kernel hits
 * it at boot. A finding placed in a file several boards include counts once, as
 * {@code carveout check} reports it. A new error, or one that vanished, fails with its board,
 * place and message: a change to a rule that moves the corpus's errors must change the triage.
 */
class ErrorTriageTest {

    /** One line of the triage. */
    record Entry(String rule, String cause, String file, int line, String board, String message) {
        String key() {
            return rule + "\t" + file + "\t" + line + "\t" + message;
        }

        String tsv() {
            return String.join("\t", rule, cause, file, Integer.toString(line), board, message);
        }
    }

    @Test
    void everyErrorOfTheCorpusIsTriaged() throws IOException {
        Path corpus = Corpus.require().toAbsolutePath().normalize();
        List<Path> boards;
        try (Stream<Path> walk = Files.walk(corpus.resolve("linux/arch"))) {
            boards = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        assertTrue(boards.size() > 2500, boards.size() + " boards");

        // one source provider and one set of caches for every board, as one carveout check does
        SourceProvider sources = new FileSystemSources().memoized();
        BoardCheck checker = new BoardCheck(sources, new BoardCompiler(sources, new TokenCache(), new ParseCache()));
        Map<Path, LineIndex> lines = new HashMap<>();
        Map<String, Entry> actual = new LinkedHashMap<>();
        for (Path board : boards) {
            CheckedFile checked = checker.check(new BoardCheck.Request(board, Optional.empty(), List.of(),
                    Settings.DEFAULT, Optional.empty(), Optional.empty()));
            List<Finding> all = new ArrayList<>(checked.compiled().preprocessDiagnostics());
            all.addAll(checked.compiled().treeDiagnostics());
            all.addAll(checked.report().diagnostics());
            for (Finding f : all) {
                if (!f.isError() || f.where() == null) {
                    continue;
                }
                Path file = f.where().file().toAbsolutePath().normalize();
                LineIndex index = lines.computeIfAbsent(file, p -> new LineIndex(sources.read(p).orElse("")));
                Entry e = new Entry(f.code(), "?", corpus.relativize(file).toString(),
                        index.positionOf(f.where().start()).line() + 1, corpus.relativize(board).toString(),
                        f.message().replace('\n', ' ').replace('\t', ' '));
                actual.putIfAbsent(e.key(), e);
            }
        }

        Map<String, Entry> triaged = new LinkedHashMap<>();
        for (Entry e : triage()) {
            triaged.put(e.key(), e);
        }
        List<String> failures = new ArrayList<>();
        // every cause is a section of the document that says why the kernel hits it
        Path doc = Files.isRegularFile(Path.of("docs/triage/errors.md")) ? Path.of("docs/triage/errors.md")
                : Path.of("../docs/triage/errors.md");
        String document = Files.readString(doc);
        triaged.values().stream().map(Entry::cause).distinct()
                .filter(cause -> !document.contains("\n### " + cause + " ("))
                .forEach(cause -> failures.add("cause " + cause + " has no section in " + doc));
        actual.forEach((key, e) -> {
            if (!triaged.containsKey(key)) {
                failures.add("new error in " + e.board() + ": " + e.file() + ":" + e.line() + ": " + e.rule() + ": "
                        + e.message());
            }
        });
        triaged.forEach((key, e) -> {
            if (!actual.containsKey(key)) {
                failures.add("triaged error gone (" + e.cause() + ", seen in " + e.board() + "): " + e.file() + ":"
                        + e.line() + ": " + e.rule() + ": " + e.message());
            }
        });
        Map<String, Integer> perCause = new TreeMap<>();
        triaged.values().stream().filter(e -> actual.containsKey(e.key()))
                .forEach(e -> perCause.merge(e.rule() + " / " + e.cause(), 1, Integer::sum));
        System.out.println("error-level findings over the corpus, per rule and cause:");
        perCause.forEach((cause, n) -> System.out.printf("  %4d  %s%n", n, cause));
        if (!failures.isEmpty()) {
            // the table as the corpus gives it now, causes kept where known, to edit into the triage
            Path now = Path.of("server", "target").toFile().isDirectory() ? Path.of("server", "target", "triage-errors-now.tsv")
                    : Path.of("target", "triage-errors-now.tsv");
            List<String> rows = new ArrayList<>();
            actual.values().forEach(e -> rows.add(new Entry(e.rule(), Optional.ofNullable(triaged.get(e.key()))
                    .map(Entry::cause).orElse("?"), e.file(), e.line(), e.board(), e.message()).tsv()));
            Files.createDirectories(now.getParent());
            Files.write(now, rows, StandardCharsets.UTF_8);
        }
        assertEquals("", String.join("\n", failures.subList(0, Math.min(40, failures.size()))),
                failures.size() + " error-level findings differ from the triage (the corpus's table now: "
                        + "server/target/triage-errors-now.tsv)");
    }

    /** The triage table: tab-separated, '#' starts a comment line. */
    static List<Entry> triage() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = ErrorTriageTest.class.getResourceAsStream("/triage/errors.tsv")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException("errors.tsv: not 6 columns: " + line);
                }
                out.add(new Entry(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4], f[5]));
            }
        }
        return out;
    }
}
