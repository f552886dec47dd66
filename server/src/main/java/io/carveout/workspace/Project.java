package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.ConfinedSources;
import io.carveout.preprocess.IncludeLines;
import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.IncludeSearch;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.text.SourceSpan;
import io.carveout.text.TextChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One workspace as the editor changes it, in the manner of an analysis host: every change
 * (a document opened, edited or closed, a file changed on disk, new settings) makes a new
 * immutable {@link Snapshot}, and every question is asked of a snapshot. Making a snapshot is
 * cheap (the texts of the open documents, the settings, the numbers just edited); the work is
 * done by the queries, remembered by content, so a snapshot answers from whatever an earlier
 * one computed and the change did not touch. Changes come from one thread at a time; snapshots
 * may be queried from any thread.
 */
public final class Project {
    private final Workspace workspace;
    private final OpenDocuments documents;
    private volatile Snapshot current;
    /** The board the user chose for each file it is read in: state of the workspace, as its texts are. */
    private Map<Path, Path> boardChoices = Map.of();
    /** The include lines of each open document when it was last analysed, to tell an edit of them. */
    private final Map<Path, List<IncludeLines.Include>> includeLinesSeen = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each file's include lines as resolved: the index reads a file once for all the boards that include it. */
    record Scanned(String text, List<Path> included) {
    }

    /** Boards of one tree share their scans: the same search through the same readable roots. */
    private record ScanKey(IncludeSearch search, List<Path> roots) {
    }

    /** @param root the workspace folder whose boards are indexed; null for none */
    public Project(Path root, OpenDocuments documents) {
        this(root, documents, new TokenCache(), new ParseCache());
    }

    /** A project sharing caches keyed by content (safe to share: equal texts give equal results). */
    public Project(Path root, OpenDocuments documents, TokenCache tokens, ParseCache parses) {
        Path folder = root == null ? null : root.toAbsolutePath().normalize();
        this.documents = documents;
        this.workspace = new Workspace(folder, documents, tokens, parses);
        this.current = new Snapshot(workspace, documents.revision(), documents.openTexts(), Settings.DEFAULT,
                Snapshot.Overrides.NONE, Map.of(), Map.of());
    }

    /**
     * The workspace as it is now. Texts opened or changed in the documents without a word to the
     * project (tests, benchmarks) make a new snapshot here; the language server announces each
     * change and takes the snapshot on the thread that made it.
     */
    public Snapshot snapshot() {
        Snapshot now = current;
        if (now.revision() != documents.revision()) {
            now = next(now.editorSettings(), now.overrides(), now.editSteps());
        }
        return now;
    }

    private Snapshot next(Settings settings, Snapshot.Overrides overrides, Map<Path, List<Snapshot.EditStep>> steps) {
        long revision = documents.revision();
        Snapshot made = new Snapshot(workspace, revision, documents.openTexts(), settings, overrides, steps,
                boardChoices);
        current = made;
        return made;
    }

    public OpenDocuments documents() {
        return documents;
    }

    public Optional<Path> root() {
        return Optional.ofNullable(workspace.root());
    }

    /** Settings from the editor, under those of the nearest .carveout.json. */
    public void setSettings(Settings editorSettings) {
        next(editorSettings, current.overrides(), current.editSteps());
    }

    /** What the command line sets over every settings file (--rule, -I). */
    public void setOverrides(Snapshot.Overrides overrides) {
        next(current.editorSettings(), overrides, current.editSteps());
    }

    public Settings settingsFor(Path file) {
        return snapshot().settingsFor(file);
    }

    /**
     * The user chose the board a file is read in (hover, definition, completion, hints, the memory
     * map, the first diagnostics): the next snapshot reads it there. The caller checks that the
     * board includes the file.
     */
    public void chooseBoard(Path file, Path board) {
        Map<Path, Path> choices = new HashMap<>(boardChoices);
        choices.put(Snapshot.norm(file), Snapshot.norm(board));
        boardChoices = Map.copyOf(choices);
        next(current.editorSettings(), current.overrides(), current.editSteps());
    }

    /**
     * An open document was edited: these changes, in order, each in offsets of the text the
     * previous one left (the documents already hold the text after them). The edited tree is
     * derived from the last one (a splice costs microseconds), so that an edit that only gives
     * a number a new value, only changes the blanks between tokens, or only changes text cpp
     * copies as written, is told apart from the rest: the boards that read the file are then
     * brought up to date (the last kind evaluated from their edited preprocessed text) rather
     * than compiled again, when a query next asks for them.
     */
    public void edited(Path file, List<TextChange> changes) {
        Path key = Snapshot.norm(file);
        Snapshot before = current;
        Map<Path, List<Snapshot.EditStep>> steps = new HashMap<>(before.editSteps());
        List<Snapshot.EditStep> ofFile = new ArrayList<>(steps.getOrDefault(key, List.of()));
        steps.remove(key);
        String oldText = before.openTexts().get(key);
        String newText = documents.read(key).orElse("");
        ChangedSpan batch = null;
        for (TextChange change : changes) {
            batch = batch == null ? ChangedSpan.of(change) : batch.then(change);
        }
        if (oldText != null && changes.size() == 1) {
            workspace.linesEdited(oldText, changes.get(0), newText);
        }
        Optional<SyntaxTree> last = oldText == null ? Optional.empty() : workspace.parses().cached(oldText);
        if (last.isPresent() && batch != null && !isSettingsFile(key)) {
            SyntaxTree after = derived(last.get(), batch, newText);
            if (after != null) {
                workspace.parses().remember(after, last.get());
                ChangedSpan span = batch;
                Optional<InPlaceEdit> inPlace = NumberEdit.of(key, last.get(), after, span).map(InPlaceEdit.class::cast)
                        .or(() -> BlankEdit.of(key, last.get(), after, span))
                        .or(() -> CopiedTextEdit.of(key, last.get(), after, span));
                if (inPlace.isPresent()) {
                    ofFile.add(new Snapshot.EditStep(oldText, newText, inPlace.get()));
                    if (ofFile.size() > Snapshot.EDIT_STEPS_KEPT) {
                        ofFile.remove(0);
                    }
                    steps.put(key, List.copyOf(ofFile));
                }
            }
        }
        next(before.editorSettings(), before.overrides(), steps);
    }

    // The tree of text derived from a tree of the text before a span of edits; null when the
    // edits reported do not lead to that text (one was missed), or no body around them could be
    // re-parsed alone: then the text is parsed when asked for.
    private static SyntaxTree derived(SyntaxTree tree, ChangedSpan span, String text) {
        String before = tree.text();
        if (span.oldEnd() > before.length() || span.newEnd() > text.length()
                || before.length() - span.oldEnd() != text.length() - span.newEnd()) {
            return null;
        }
        // No whole parse is made here, on the thread that applies edits in order: a whole parse
        // of a large file (a comment opened) would hold up every request's snapshot; the tree is
        // then parsed by whoever asks for it first. A brace typed that leaves a node open is
        // parsed reading the untouched items whole, a millisecond or two.
        return tree.editSpliced(span.start(), span.oldEnd(), text.substring(span.start(), span.newEnd()))
                .flatMap(derived -> derived.over(text)).orElse(null);
    }

    /** A file's text changed (opened, closed, saved, or changed on disk): the next snapshot reads it anew. */
    public void changed(Path file) {
        Map<Path, List<Snapshot.EditStep>> steps = new HashMap<>(current.editSteps());
        steps.remove(Snapshot.norm(file));
        next(current.editorSettings(), current.overrides(), steps);
    }

    public ParseCache parseCache() {
        return workspace.parses();
    }

    /** How many boards were compiled from scratch (not found, nor brought up to date in place), for tests. */
    public long compileCount() {
        return workspace.boards().compiles() + workspace.boards().evaluations();
    }

    /**
     * Of {@link #compileCount}, the boards whose tree was evaluated again from preprocessed text an
     * edit made in place, without preprocessing: for tests and benchmarks.
     */
    public long evaluatedInPlaceCount() {
        return workspace.boards().evaluations();
    }

    /** How many edit steps brought held boards up to date in place, for tests. */
    public long stepsMadeInPlace() {
        return workspace.boards().stepsMade();
    }

    /** Whether a file is a settings file (.carveout.json), which every board below its folder reads. */
    public static boolean isSettingsFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equals(SettingsFile.NAME);
    }

    /** The boards under the root, to be indexed one by one with {@link #indexBoard}. */
    public List<Path> boardsToIndex() {
        Path root = workspace.root();
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
     *
     * @return the files whose boards changed
     */
    public Set<Path> indexBoard(Path board) {
        Path key = Snapshot.norm(board);
        // the index runs beside the thread that makes snapshots: it reads the last one made
        Snapshot snapshot = current;
        FrontEndSettings front = snapshot.settingsFor(key).frontEnd(false);
        IncludeSearch search = IncludePaths.discover(key, front.includePaths()).search();
        // the index reads through the same rule for files as a compilation of the board
        ConfinedSources sources = workspace.compiler().over(snapshot.sources()).sourcesFor(key, front, List.of(),
                List.of());
        Map<Path, Scanned> memo = workspace.scans().computeIfAbsent(new ScanKey(search, sources.roots()),
                k -> new java.util.concurrent.ConcurrentHashMap<>());
        Set<Path> reached = new LinkedHashSet<>();
        java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>(List.of(key));
        while (!todo.isEmpty()) {
            for (Path included : directIncludes(todo.pop(), search, sources, memo)) {
                if (reached.add(included)) {
                    todo.push(included);
                }
            }
        }
        return workspace.index().record(key, reached);
    }

    // The files one file's include lines name, each resolved as cpp or dtc would find it;
    // remembered per search while the file's text is the same.
    private static List<Path> directIncludes(Path file, IncludeSearch search, SourceProvider sources,
            Map<Path, Scanned> memo) {
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
                    .ifPresent(p -> included.add(Snapshot.norm(p)));
        }
        List<Path> result = List.copyOf(included);
        memo.put(file, new Scanned(text.get(), result));
        return result;
    }

    /** How a file changed on disk, as the editor's file watcher tells. */
    public enum DiskChange {
        CREATED, CHANGED, DELETED
    }

    /**
     * Brings the index up to date with a file changed on disk: a board under the root (or one
     * already known) is indexed again, a deleted one leaves the index, and for any other file
     * (a .dtsi, a header) the boards that include it are indexed again, since its include lines
     * may have changed.
     *
     * @return the files whose boards changed
     */
    public Set<Path> diskChanged(Path file, DiskChange change) {
        Path key = Snapshot.norm(file);
        if (change != DiskChange.CHANGED) {
            // a file come or gone may change which file an include line resolves to
            workspace.scans().clear();
        }
        if (isBoard(key)) {
            if (change == DiskChange.DELETED) {
                return workspace.index().forget(key);
            }
            Path root = workspace.root();
            boolean indexed = key.getFileName().toString().endsWith(".dts") && root != null && key.startsWith(root);
            return indexed || workspace.index().knows(key) ? indexBoard(key) : Set.of();
        }
        return indexBoardsIncluding(key);
    }

    /**
     * An open document is analysed: when its include lines are not those it had when last
     * analysed (an include added or removed in the editor), the boards concerned are indexed
     * again. A document closed is compared once more, with the text it goes back to.
     *
     * @return the files whose boards changed
     */
    public Set<Path> reindexEditedIncludes(Path file) {
        Path key = Snapshot.norm(file);
        if (isSettingsFile(key)) {
            return Set.of();
        }
        Snapshot snapshot = current;
        List<IncludeLines.Include> now = IncludeLines.scan(snapshot.sources().read(key).orElse(""));
        List<IncludeLines.Include> before = snapshot.isOpen(key) ? includeLinesSeen.put(key, now)
                : includeLinesSeen.remove(key);
        return before == null || before.equals(now) ? Set.of() : indexBoardsIncluding(key);
    }

    // A board, or the boards that include a file, indexed again.
    private Set<Path> indexBoardsIncluding(Path key) {
        if (isBoard(key)) {
            return indexBoard(key);
        }
        Set<Path> changed = new LinkedHashSet<>();
        for (Path board : workspace.index().boardsIncluding(key)) {
            changed.addAll(indexBoard(board));
        }
        return changed;
    }

    /** Learns which board includes which file; {@code progress} hears (done, total). */
    public void index(BiConsumer<Integer, Integer> progress) {
        List<Path> boards = boardsToIndex();
        int done = 0;
        for (Path board : boards) {
            indexBoard(board);
            progress.accept(++done, boards.size());
        }
    }

    // ---------------------------------------------------------------- the current snapshot's queries

    /** The file's own lossless syntax tree, as open or on disk (see {@link Snapshot#syntax}). */
    public SyntaxTree syntax(Path file) {
        return snapshot().syntax(file);
    }

    /** A board compiled with the current texts (see {@link Snapshot#board}). */
    public CompiledBoard board(Path board) {
        return snapshot().board(board);
    }

    public List<Path> boardsIncluding(Path file) {
        return snapshot().boardsIncluding(file);
    }

    public FileReport report(Path file) {
        return snapshot().report(file);
    }

    public FileReport reportInContext(Path file) {
        return snapshot().reportInContext(file);
    }

    public Path boardInContext(Path file) {
        return snapshot().boardInContext(file);
    }

    public boolean hasOtherBoards(Path file) {
        return snapshot().hasOtherBoards(file);
    }

    public List<Finding> findingsOf(CompiledBoard board) {
        return snapshot().findingsOf(board);
    }

    public io.carveout.memory.check.MemoryReport memoryReport(CompiledBoard board) {
        return snapshot().memoryReport(board);
    }

    public String describe(SourceSpan span) {
        return snapshot().describe(span);
    }

    public static boolean isBoard(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".dts") || name.endsWith(".dtso") || name.endsWith(".overlay");
    }
}
