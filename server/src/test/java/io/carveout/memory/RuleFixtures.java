package io.carveout.memory;

import io.carveout.finding.Edit;
import io.carveout.finding.Finding;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.text.LineIndex;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CheckedFile;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.SettingsFile;
import io.carveout.workspace.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule fixtures under src/test/resources/rules: one folder per rule id, each holding small
 * boards (.dts, checked) and the files they include, with the expected diagnostics written in
 * a comment on the line they hit:
 * <pre>
 *   reg = &lt;0x0 0x80100000 0x0 0x100000&gt;;   // expect: overlap error
 *   // expect@+1: unit-address warning, boundary-alignment warning "0x80080000"
 * </pre>
 * Each expectation is a rule id and a severity, optionally a quoted piece of the message;
 * {@code @+N} / {@code @-N} moves it N lines. A line {@code // near-miss: why} marks a case
 * that must not fire. A folder's {@code .carveout.json} applies to its boards.
 * <pre>
 *   // fixes: "move b@80300000 to 0x80400000, after a@80000000"
 *   // fixes@-1: none
 * </pre>
 * lists, in order, the titles of every quick-fix of the diagnostics on a line (none: no fix);
 * a line without it may have any.
 */
final class RuleFixtures {
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect(@([+-]\\d+))?:\\s*(.*)$");
    private static final Pattern FIXES = Pattern.compile("//\\s*fixes(@([+-]\\d+))?:\\s*(.*)$");
    private static final Pattern TITLE = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ONE = Pattern.compile("([a-z0-9-]+)\\s+(error|warning|info)(\\s+\"([^\"]*)\")?");

    private RuleFixtures() {
    }

    /** One expected diagnostic. */
    record Expected(Path file, int line, String rule, String severity, String fragment) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + ": " + rule + " " + severity
                    + (fragment == null ? "" : " \"" + fragment + "\"");
        }
    }

    static Path root() {
        try {
            return Path.of(RuleFixtures.class.getResource("/rules").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> folders() {
        try (Stream<Path> list = Files.list(root())) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> boards(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A comment of a fixture: the line it is about (its own, or moved by @+N / @-N), its own line, and its text. */
    private record Comment(int line, int written, String text) {
    }

    // Each comment of the pattern's kind ("// expect: ...", "// fixes: ...") in a file's text.
    private static List<Comment> comments(Pattern kind, String text) {
        List<Comment> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = kind.matcher(lines[i]);
            if (m.find()) {
                out.add(new Comment(i + 1 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2))), i + 1,
                        m.group(3).strip()));
            }
        }
        return out;
    }

    /** The expectations written in a file. */
    static List<Expected> expectations(Path file, String text) {
        List<Expected> out = new ArrayList<>();
        for (Comment comment : comments(EXPECT, text)) {
            String list = comment.text();
            Matcher one = ONE.matcher(list);
            int at = 0;
            while (at < list.length()) {
                if (!one.find(at) || !list.substring(at, one.start()).matches("[\\s,]*")) {
                    throw new IllegalArgumentException(file + ":" + comment.written() + ": bad expectation '" + list + "'");
                }
                out.add(new Expected(file, comment.line(), one.group(1), one.group(2), one.group(4)));
                at = one.end();
                if (list.substring(at).isBlank()) {
                    break;
                }
            }
        }
        return out;
    }

    /** The quick-fix titles expected on one line. */
    record ExpectedFixes(Path file, int line, List<String> titles) {
    }

    /** The fix lists written in a file. */
    static List<ExpectedFixes> fixExpectations(Path file, String text) {
        List<ExpectedFixes> out = new ArrayList<>();
        for (Comment comment : comments(FIXES, text)) {
            List<String> titles = new ArrayList<>();
            Matcher title = TITLE.matcher(comment.text());
            while (title.find()) {
                titles.add(title.group(1));
            }
            if (titles.isEmpty() != comment.text().equals("none")) {
                throw new IllegalArgumentException(file + ":" + comment.written() + ": bad fix list '" + comment.text()
                        + "'");
            }
            out.add(new ExpectedFixes(file, comment.line(), titles));
        }
        return out;
    }

    /** A board checked: what the checker found, read through the given sources. */
    record Run(CheckedFile checked, SourceProvider sources) {
        MemoryReport report() {
            return checked.report();
        }

        int line(Finding d) {
            String text = sources.read(d.where().file()).orElse("");
            return new LineIndex(text).positionOf(d.where().start()).line() + 1;
        }
    }

    static Run check(Path board, Map<Path, String> edited) {
        SourceProvider disk = new FileSystemSources();
        Map<Path, String> copy = new HashMap<>();
        edited.forEach((p, t) -> copy.put(p.toAbsolutePath().normalize(), t));
        SourceProvider sources = path -> Optional.ofNullable(copy.get(path.toAbsolutePath().normalize()))
                .or(() -> disk.read(path));
        SettingsFile.Read read = SettingsFile.find(board, Settings.DEFAULT);
        if (!read.problems().isEmpty()) {
            throw new IllegalStateException(read.problems().toString());
        }
        BoardCheck checker = new BoardCheck(sources, new BoardCompiler(sources, new TokenCache(), new ParseCache()));
        CheckedFile checked = checker.check(new BoardCheck.Request(board, Optional.empty(), List.of(),
                read.settings(), read.file().map(Path::getParent), Optional.empty()));
        return new Run(checked, sources);
    }

    /** The texts after applying a fix's edits (each file's edits from the end, so offsets hold). */
    static Map<Path, String> apply(List<Edit> edits, SourceProvider sources) {
        Map<Path, List<Edit>> byFile = new HashMap<>();
        for (Edit edit : edits) {
            byFile.computeIfAbsent(edit.span().file(), f -> new ArrayList<>()).add(edit);
        }
        Map<Path, String> out = new HashMap<>();
        byFile.forEach((file, list) -> {
            list.sort((a, b) -> Integer.compare(b.span().start(), a.span().start()));
            StringBuilder text = new StringBuilder(sources.read(file).orElseThrow());
            int limit = Integer.MAX_VALUE;
            for (Edit edit : list) {
                if (edit.span().end() > limit) {
                    throw new IllegalStateException("overlapping edits in " + file + ": " + list);
                }
                text.replace(edit.span().start(), edit.span().end(), edit.newText());
                limit = edit.span().start();
            }
            out.put(file, text.toString());
        });
        return out;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
