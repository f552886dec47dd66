package io.carveout.workspace;

import io.carveout.memory.Diagnostic;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.ConfinedSources;
import io.carveout.preprocess.IncludeLines;
import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.IncludeSearch;
import io.carveout.preprocess.Inclusion;
import io.carveout.preprocess.PpDiagnostic;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.SourceSpan;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.text.TextChange;
import io.carveout.tree.TreeDiagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The files, boards and settings of one workspace, with the caches that make
 * re-analysis cheap: file texts (open documents over disk), tokenizations, parses and
 * compiled boards, and the index of which boards include which file. Not thread-safe:
 * the language server uses it from one worker thread.
 */
public final class Project {
    private final Path root;
    private final OpenDocuments documents;
    private final TokenCache tokens;
    private final ParseCache parses;
    private final BoardCompiler compiler;
    private Settings settings = Settings.DEFAULT;
    /** Compiled boards, the most recently used few: a board is recompiled in tens of milliseconds, and a
     * workspace with hundreds of boards open would otherwise hold hundreds of merged trees. The boards
     * of the file being worked on are kept besides these (see workingSet), however many they are. */
    private static final int COMPILED_BOARDS_KEPT = 8;
    private final Map<Path, Compiled> compiled = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Compiled> eldest) {
            // Least recently used first, but never a board of the file being worked on.
            java.util.Iterator<Path> boards = keySet().iterator();
            while (size() > COMPILED_BOARDS_KEPT && boards.hasNext()) {
                if (!workingSet.contains(boards.next())) {
                    boards.remove();
                }
            }
            return false;
        }
    };
    /**
     * The boards of the file last reported: a .dtsi is analysed in every board that includes
     * it (27 boards for a large SoC file), and each keystroke in it updates those boards in
     * place (see {@link NumberEdit}) only while they are held; so they stay compiled whatever
     * their number, until another file is reported.
     */
    private Set<Path> workingSet = Set.of();
    private final Map<Path, Set<Path>> boardsByFile = new HashMap<>();
    private final Map<Path, Set<Path>> filesByBoard = new HashMap<>();
    /**
     * Per open document, the most recently used few: the last tree handed out, and where its
     * text changed since (null: nowhere known). An editor may hold hundreds of documents open
     * but types in a few; a document not held here has its next edit parsed whole, as a
     * board is (a few milliseconds), instead of every open document's tree staying alive.
     */
    private static final int LAST_TREES_KEPT = 16;
    private final Map<Path, LastTree> lastTrees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, LastTree> eldest) {
            return size() > LAST_TREES_KEPT;
        }
    };
    private boolean indexed;
    /** The board last reported: a .dtsi it includes is read in it first. */
    private Path lastBoard;
    /** Each file's include lines as resolved, per include search (boards of one tree share one). */
    private final Map<ScanKey, Map<Path, Scanned>> scans = new HashMap<>();

    /** Boards of one tree share their scans: the same search through the same readable roots. */
    private record ScanKey(IncludeSearch search, List<Path> roots) {
    }

    private record Scanned(String text, List<Path> included) {
    }

    /**
     * A compiled board and the memory reports made over it, by checked file. The reports live
     * and die with the board in the LRU: each holds the board's merged tree, so a cache of
     * its own would keep alive the trees the LRU let go.
     */
    private record Compiled(CompiledBoard board, Map<Path, MemoryReport> memoryReports) {
        Compiled(CompiledBoard board) {
            this(board, new HashMap<>(2));
        }
    }

    /** An open document's last tree, and the span of its text that edits changed since it was made. */
    private record LastTree(SyntaxTree tree, ChangedSpan changed) {
    }

    /** @param root the workspace folder whose boards are indexed; null for none */
    public Project(Path root, OpenDocuments documents) {
        this(root, documents, new TokenCache(), new ParseCache());
    }

    /** A project sharing caches keyed by content (safe to share: equal texts give equal results). */
    public Project(Path root, OpenDocuments documents, TokenCache tokens, ParseCache parses) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.documents = documents;
        this.tokens = tokens;
        this.parses = parses;
        this.compiler = new BoardCompiler(documents, tokens, parses,
                this.root == null ? List.of() : List.of(this.root));
    }

    public OpenDocuments documents() {
        return documents;
    }

    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** Settings from the editor, under those of the nearest .carveout.json. */
    public void setSettings(Settings editorSettings) {
        this.settings = editorSettings;
        compiled.clear();
    }

    public Settings settingsFor(Path file) {
        return SettingsFile.find(file, settings).settings();
    }

    public List<String> settingsProblems(Path file) {
        return SettingsFile.find(file, settings).problems();
    }

    /**
     * The file's own lossless syntax tree, as open or on disk. For an open document that
     * was edited since its last tree, the tree is derived from that one: only the node
     * body around the edits is parsed again.
     */
    public SyntaxTree syntax(Path file) {
        Path key = norm(file);
        String text = documents.read(key).orElse("");
        LastTree last = lastTrees.get(key);
        if (last != null && last.changed() != null && parses.cached(text).isEmpty()) {
            SyntaxTree derived = derived(last.tree(), last.changed(), text);
            if (derived != null) {
                parses.remember(derived);
            }
        }
        SyntaxTree tree = parses.parse(text);
        if (documents.isOpen(key)) {
            lastTrees.put(key, new LastTree(tree, null));
        } else {
            lastTrees.remove(key);
        }
        return tree;
    }

    // The tree of text derived from a tree of the text before a span of edits; null when the
    // edits reported do not lead to that text (one was missed): then the text is parsed whole.
    private static SyntaxTree derived(SyntaxTree tree, ChangedSpan span, String text) {
        String before = tree.text();
        if (span.oldEnd() > before.length() || span.newEnd() > text.length()
                || before.length() - span.oldEnd() != text.length() - span.newEnd()) {
            return null;
        }
        SyntaxTree derived = tree.edit(span.start(), span.oldEnd(), text.substring(span.start(), span.newEnd()));
        return derived.text().equals(text) ? derived : null;
    }

    // A number edited in place: each held board that reads the file takes the new value where
    // it can, and is compiled again otherwise.
    private void updateBoards(Path file, NumberEdit edit) {
        for (Path board : List.copyOf(compiled.keySet())) {
            Compiled held = compiled.get(board);
            CompiledBoard before = held.board();
            if (!reads(before, file)) {
                continue;
            }
            Optional<NumberEdit.Update> updated = edit.applyTo(before);
            if (updated.isEmpty()) {
                compiled.remove(board);
            } else if (updated.get().board() != before) {
                // the memory reports hold when the memory rules read nothing that changed
                compiled.put(board, updated.get().memoryUnchanged()
                        ? new Compiled(updated.get().board(), held.memoryReports())
                        : new Compiled(updated.get().board()));
            }
        }
    }

    /**
     * An open document was edited: these changes, in order, each in offsets of the text the
     * previous one left. Its next tree is derived from its last one rather than parsed whole.
     */
    public void edited(Path file, List<TextChange> changes) {
        Path key = norm(file);
        LastTree last = lastTrees.get(key);
        ChangedSpan batch = null;
        for (TextChange change : changes) {
            batch = batch == null ? ChangedSpan.of(change) : batch.then(change);
        }
        if (last != null && last.changed() == null && batch != null && !isSettingsFile(key)) {
            // The tree is kept current edit by edit (a splice costs microseconds), so that an
            // edit can be told apart from the text it changed.
            SyntaxTree before = last.tree();
            SyntaxTree after = derived(before, batch, documents.read(key).orElse(""));
            if (after != null) {
                parses.remember(after);
                lastTrees.put(key, new LastTree(after, null));
                Optional<NumberEdit> number = NumberEdit.of(key, before, after, batch);
                if (number.isPresent()) {
                    updateBoards(key, number.get());
                } else {
                    changed(key);
                }
                return;
            }
        }
        if (last != null) {
            ChangedSpan span = last.changed();
            for (TextChange change : changes) {
                span = span == null ? ChangedSpan.of(change) : span.then(change);
            }
            lastTrees.put(key, new LastTree(last.tree(), span));
        }
        changed(key);
    }

    public ParseCache parseCache() {
        return parses;
    }

    /** A board compiled with the current texts, from the cache when nothing it reads has changed. */
    public CompiledBoard board(Path board) {
        Path key = norm(board);
        Compiled cached = compiled.get(key);
        if (cached != null) {
            return cached.board();
        }
        CompiledBoard result = compiler.compile(key, List.of(), settingsFor(key).frontEnd(false));
        record(result);
        compiled.put(key, new Compiled(result));
        return result;
    }

    /** A file's text changed (typed, saved, or changed on disk): forget what depended on it. */
    public void changed(Path file) {
        if (isSettingsFile(file)) {
            compiled.clear(); // settings decide include paths, defines and the rules of every board
            return;
        }
        Path key = norm(file);
        if (!documents.isOpen(key)) {
            lastTrees.remove(key);
        }
        compiled.values().removeIf(held -> reads(held.board(), key));
    }

    /** Whether a file is a settings file (.carveout.json), which every board below its folder reads. */
    public static boolean isSettingsFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equals(SettingsFile.NAME);
    }

    // Whether a compiled board read a file: its own, or one it includes.
    private static boolean reads(CompiledBoard board, Path file) {
        return board.file().equals(file) || board.preprocessed().sourceMap().files().contains(file);
    }

    /** The boards of the workspace that include a file, directly or not. */
    public List<Path> boardsIncluding(Path file) {
        return List.copyOf(boardsByFile.getOrDefault(norm(file), Set.of()));
    }

    public boolean isIndexed() {
        return indexed;
    }

    /** The boards under the root, to be indexed one by one with {@link #indexBoard}. */
    public List<Path> boardsToIndex() {
        if (root == null) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".dts") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * Learns which files a board includes from their include lines alone, without preprocessing:
     * a kernel tree has thousands of boards, and the file the user opens must not wait for them.
     * A file under a conditional counts as included; compiling the board corrects its entry.
     */
    public void indexBoard(Path board) {
        Path key = norm(board);
        FrontEndSettings front = settingsFor(key).frontEnd(false);
        IncludeSearch search = IncludePaths.discover(key, front.includePaths()).search();
        // the index reads through the same rule for files as a compilation of the board
        ConfinedSources sources = compiler.sourcesFor(key, front, List.of(), List.of());
        Map<Path, Scanned> memo = scans.computeIfAbsent(new ScanKey(search, sources.roots()), k -> new HashMap<>());
        Set<Path> reached = new LinkedHashSet<>();
        java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>(List.of(key));
        while (!todo.isEmpty()) {
            for (Path included : directIncludes(todo.pop(), search, sources, memo)) {
                if (reached.add(included)) {
                    todo.push(included);
                }
            }
        }
        recordInclusions(key, reached);
    }

    // The files one file's include lines name, each resolved as cpp or dtc would find it;
    // remembered per search while the file's text is the same.
    private List<Path> directIncludes(Path file, IncludeSearch search, SourceProvider sources, Map<Path, Scanned> memo) {
        Optional<String> text = sources.read(file);
        if (text.isEmpty()) {
            return List.of();
        }
        Scanned held = memo.get(file);
        if (held != null && (held.text() == text.get() || held.text().equals(text.get()))) {
            return held.included();
        }
        List<Path> included = new ArrayList<>();
        for (IncludeLines.Include include : IncludeLines.scan(text.get())) {
            List<Path> candidates = include.dtc() ? search.dtcCandidates(include.name(), file)
                    : search.candidates(include.name(), include.angled(), file.getParent(), 0).stream()
                            .map(IncludeSearch.Candidate::path).toList();
            candidates.stream().filter(p -> sources.read(p).isPresent()).findFirst()
                    .ifPresent(p -> included.add(norm(p)));
        }
        List<Path> result = List.copyOf(included);
        memo.put(file, new Scanned(text.get(), result));
        return result;
    }

    /** Learns which board includes which file; {@code progress} hears (done, total). */
    public void index(BiConsumer<Integer, Integer> progress) {
        List<Path> boards = boardsToIndex();
        int done = 0;
        for (Path board : boards) {
            indexBoard(board);
            progress.accept(++done, boards.size());
        }
        indexed = true;
    }

    public void markIndexed() {
        indexed = true;
    }

    private void record(CompiledBoard board) {
        Set<Path> included = new LinkedHashSet<>();
        for (Inclusion inclusion : board.preprocessed().inclusions()) {
            included.add(norm(inclusion.included()));
        }
        recordInclusions(board.file(), included);
    }

    private void recordInclusions(Path board, Set<Path> included) {
        for (Path before : filesByBoard.getOrDefault(board, Set.of())) {
            Set<Path> boards = boardsByFile.get(before);
            if (boards != null) {
                boards.remove(board);
            }
        }
        filesByBoard.put(board, included);
        for (Path file : included) {
            boardsByFile.computeIfAbsent(file, k -> new LinkedHashSet<>()).add(board);
        }
    }

    /**
     * What the editor shows for a file: a board is analysed as itself; a .dtsi inside
     * every board that includes it (a finding only some boards have names them), or on
     * its own when no board of the workspace includes it.
     */
    public FileReport report(Path file) {
        Path key = norm(file);
        return report(key, boardsOf(key));
    }

    // The boards a file is read in: itself when it is one, else those that include it.
    private List<Path> boardsOf(Path key) {
        return isBoard(key) ? List.of(key) : boardsIncluding(key);
    }

    /**
     * What the editor shows for a file read in its board in context only (see {@link #boardInContext}):
     * the first answer for a .dtsi, before its other boards are analysed.
     */
    public FileReport reportInContext(Path file) {
        Path key = norm(file);
        Path board = boardInContext(key);
        return report(key, board.equals(key) && !isBoard(key) ? List.of() : List.of(board));
    }

    /**
     * The board a file is read in when one answer is wanted (hover, definition, completion, hints,
     * the first diagnostics): a board itself; for a .dtsi the board last analysed that includes
     * it, else an open one, else the first the index found; the file alone when none includes it.
     */
    public Path boardInContext(Path file) {
        Path key = norm(file);
        if (isBoard(key)) {
            return key;
        }
        List<Path> boards = boardsIncluding(key);
        if (boards.isEmpty()) {
            return key;
        }
        if (lastBoard != null && boards.contains(lastBoard)) {
            return lastBoard;
        }
        return boards.stream().filter(documents::isOpen).findFirst().orElse(boards.get(0));
    }

    /** Whether a file is read in more boards than its board in context. */
    public boolean hasOtherBoards(Path file) {
        Path key = norm(file);
        return !isBoard(key) && boardsIncluding(key).size() > 1;
    }

    private FileReport report(Path key, List<Path> boardsOfFile) {
        SyntaxTree syntax = syntax(key);
        if (isBoard(key)) {
            lastBoard = key;
        }
        List<Finding> findings = new ArrayList<>();
        for (SyntaxDiagnostic d : syntax.diagnostics()) {
            findings.add(new Finding(new SourceSpan(key, d.start(), d.end()), Finding.Severity.ERROR, "syntax",
                    d.message()));
        }
        if (syntax.unparsed()) {
            // too large or binary, decided from the text alone: its one diagnostic says so,
            // at once and on every edit, and no board is compiled from it
            return new FileReport(key, syntax, List.of(), findings);
        }
        List<Path> boards = boardsOfFile;
        boolean alone = boards.isEmpty();
        if (alone) {
            boards = List.of(key);
        }
        // every board of the file stays compiled, also while only the one in context is read
        List<Path> all = boardsOf(key);
        workingSet = all.isEmpty() ? Set.of(key) : Set.copyOf(all);
        List<CompiledBoard> results = new ArrayList<>();
        Map<Finding, List<String>> byFinding = new LinkedHashMap<>();
        for (Path boardFile : boards) {
            CompiledBoard board = board(boardFile);
            results.add(board);
            List<Finding> found = new ArrayList<>(findings(board, key, !syntax.diagnostics().isEmpty(), alone));
            found.addAll(ruleFindings(board, key));
            for (Finding finding : found) {
                byFinding.computeIfAbsent(finding, f -> new ArrayList<>()).add(boardFile.getFileName().toString());
            }
        }
        for (Map.Entry<Finding, List<String>> entry : byFinding.entrySet()) {
            boolean everyBoard = entry.getValue().size() == boards.size();
            findings.add(everyBoard || boards.size() == 1 ? entry.getKey() : entry.getKey().withBoards(entry.getValue()));
        }
        return new FileReport(key, syntax, results, findings);
    }

    /** Every finding of a compiled board, wherever it is placed. */
    public List<Finding> findingsOf(CompiledBoard board) {
        Set<Path> files = new LinkedHashSet<>(board.preprocessed().sourceMap().files());
        List<Finding> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(findings(board, file, false, false));
        }
        for (Diagnostic d : memoryReport(board, board.file()).diagnostics()) {
            all.add(finding(d));
        }
        return all;
    }

    // The front end's findings placed in one file. Alone, a .dtsi cannot resolve the labels
    // its boards define, so those findings would only be noise.
    private static List<Finding> findings(CompiledBoard board, Path file, boolean fileHasSyntaxErrors, boolean alone) {
        List<Finding> out = new ArrayList<>();
        for (PpDiagnostic d : board.preprocessDiagnostics()) {
            if (d.span() != null && d.span().file().equals(file)) {
                out.add(new Finding(d.span(), d.isError() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                        d.code().name().toLowerCase().replace('_', '-'), d.message()));
            }
        }
        for (TreeDiagnostic d : board.treeDiagnostics()) {
            if (d.origin() == null || !d.origin().file().equals(file)) {
                continue;
            }
            if (d.code().equals("syntax") && fileHasSyntaxErrors) {
                continue; // the file's own parse already reports it
            }
            if (alone && !isBoard(file) && (d.code().equals("label-not-found") || d.code().equals("phandle-references")
                    || d.code().equals("path-references"))) {
                continue;
            }
            Finding.Severity severity = switch (d.severity()) {
                case ERROR -> Finding.Severity.ERROR;
                case WARNING -> Finding.Severity.WARNING;
                case INFO -> Finding.Severity.INFO;
            };
            out.add(new Finding(d.origin(), severity, d.code(), d.message()));
        }
        return out;
    }

    // The memory rules' findings placed in one file, with their related places and fixes.
    private List<Finding> ruleFindings(CompiledBoard board, Path file) {
        List<Finding> out = new ArrayList<>();
        for (Diagnostic d : memoryReport(board, file).diagnostics()) {
            if (d.at() != null && d.at().file().equals(file)) {
                out.add(finding(d));
            }
        }
        return out;
    }

    /** The memory rules over a compiled board, checked as the board itself (what its memory map shows). */
    public MemoryReport memoryReport(CompiledBoard board) {
        return memoryReport(board, board.file());
    }

    /**
     * The memory rules over a compiled board, checked as {@code file}; kept with the board in
     * the LRU so that one keystroke's publish (the file's findings, then those shown on its
     * includes) runs the rules once. A board the LRU no longer holds (evicted, or recompiled
     * since) is checked without keeping the report: nothing would ever drop it.
     */
    private MemoryReport memoryReport(CompiledBoard board, Path file) {
        Compiled held = compiled.get(board.file());
        if (held == null || held.board() != board) {
            return analyse(board, file);
        }
        MemoryReport report = held.memoryReports().get(file);
        if (report == null) {
            report = analyse(board, file);
            held.memoryReports().put(file, report);
        }
        return report;
    }

    private MemoryReport analyse(CompiledBoard board, Path file) {
        SettingsFile.Read read = SettingsFile.find(file, settings);
        return new BoardCheck(documents, compiler).analyse(board, file, read.settings(), read.file().map(Path::getParent));
    }

    private static Finding finding(Diagnostic d) {
        Finding.Severity severity = switch (d.severity()) {
            case ERROR -> Finding.Severity.ERROR;
            case WARNING -> Finding.Severity.WARNING;
            case INFO -> Finding.Severity.INFO;
        };
        return new Finding(d.at(), severity, d.rule(), d.message(),
                d.related().stream().map(r -> new Finding.Related(r.at(), r.message())).toList(), List.of(), d.fixes());
    }
    public static boolean isBoard(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".dts") || name.endsWith(".dtso") || name.endsWith(".overlay");
    }

    private static Path norm(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** A span as people read it: the file name and the 1-based line. */
    public String describe(SourceSpan span) {
        if (span == null) {
            return "?";
        }
        String text = documents.read(span.file()).orElse("");
        int line = new io.carveout.text.LineIndex(text).lineOf(span.start()) + 1;
        return span.file().getFileName() + ":" + line;
    }
}
