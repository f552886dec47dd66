package io.carveout.workspace;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.SourceProvider;
import io.carveout.text.CommonEnds;
import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import io.carveout.text.TextChange;
import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The workspace at one moment: the open documents' texts, the settings, and the edits of
 * numbers that led there. Immutable; its queries (a file's syntax, a board, what the editor
 * shows for a file) compute what they need and remember it by content in the workspace's
 * memos, so a later snapshot reuses whatever it did not change, and any thread may query a
 * snapshot while the next one is made.
 */
public final class Snapshot {
    /** One edit made in place: the file's text before and after, and the edit between them. */
    record EditStep(String before, String after, InPlaceEdit edit) {
    }

    /**
     * How a board is read besides its own text, as the command line can ask: overlays applied on
     * top, files the user named whose folders may be read, and a git revision to take the
     * firmware baseline from. The editor reads every board plainly.
     */
    public record Variant(List<Path> overlays, List<Path> named, Optional<GitRevision> baseline, boolean fixes) {
        /** The editor's diagnostics: every board plainly, no fixes worked out. */
        public static final Variant PLAIN = new Variant(List.of(), List.of(), Optional.empty(), false);
        /** What a code action asks: the same, with the fixes. */
        public static final Variant FIXES = PLAIN.withFixes();

        public Variant {
            overlays = overlays.stream().map(Snapshot::norm).toList();
            named = named.stream().map(Snapshot::norm).toList();
        }

        /** The command line's: the findings with their fixes, which it prints. */
        public Variant(List<Path> overlays, List<Path> named, Optional<GitRevision> baseline) {
            this(overlays, named, baseline, true);
        }

        public Variant withFixes() {
            return new Variant(overlays, named, baseline, true);
        }
    }

    /**
     * What the command line sets over every settings file: rule levels ({@code --rule}) and extra
     * include paths ({@code -I}).
     */
    public record Overrides(Map<String, String> rules, List<Path> includePaths) {
        public static final Overrides NONE = new Overrides(Map.of(), List.of());

        public Overrides {
            rules = Map.copyOf(rules);
            includePaths = List.copyOf(includePaths);
        }

        Settings over(Settings settings) {
            if (rules.isEmpty() && includePaths.isEmpty()) {
                return settings;
            }
            Map<String, String> levels = new java.util.LinkedHashMap<>(settings.rules());
            levels.putAll(rules);
            List<Path> paths = new ArrayList<>(includePaths);
            paths.addAll(settings.includePaths());
            return new Settings(paths, settings.defines(), settings.pageSize(), settings.boundaryAlignment(),
                    settings.cmaAlignment(), settings.cmaAreas(), settings.dram(), settings.baseline(), levels,
                    settings.boards(), settings.format());
        }
    }

    /** Edit steps kept per file: a key typed per step, more than a burst of typing between analyses. */
    static final int EDIT_STEPS_KEPT = 64;

    private final Workspace workspace;
    private final long revision;
    private final Map<Path, String> open;
    private final Settings settings;
    private final Overrides overrides;
    private final Map<Path, List<EditStep>> editSteps;
    /** The board each .dtsi is read in, where the user chose one. */
    private final Map<Path, Path> boardChoices;
    private final SourceProvider sources;
    private final BoardCompiler compiler;
    /** Each file's settings as read from its .carveout.json: asked for on every board looked up. */
    private final Map<Path, SettingsFile.Read> settingsRead = new java.util.concurrent.ConcurrentHashMap<>();

    Snapshot(Workspace workspace, long revision, Map<Path, String> open, Settings settings, Overrides overrides,
            Map<Path, List<EditStep>> editSteps, Map<Path, Path> boardChoices) {
        this.workspace = workspace;
        this.revision = revision;
        this.open = Map.copyOf(open);
        this.settings = settings;
        this.overrides = overrides;
        this.editSteps = Map.copyOf(editSteps);
        this.boardChoices = Map.copyOf(boardChoices);
        this.sources = workspace.documents().over(this.open);
        this.compiler = workspace.compiler().over(sources);
    }

    long revision() {
        return revision;
    }

    Map<Path, String> openTexts() {
        return open;
    }

    Settings editorSettings() {
        return settings;
    }

    Overrides overrides() {
        return overrides;
    }

    Map<Path, List<EditStep>> editSteps() {
        return editSteps;
    }

    /** The board the user chose to read a file in, if any (see {@link #boardInContext}). */
    public Optional<Path> chosenBoard(Path file) {
        return Optional.ofNullable(boardChoices.get(norm(file)));
    }

    /** The files as this snapshot sees them. */
    public SourceProvider sources() {
        return sources;
    }

    public boolean isOpen(Path file) {
        return open.containsKey(norm(file));
    }

    public Settings settingsFor(Path file) {
        return settingsRead(file).settings();
    }

    // A snapshot is made whenever a file changes, a settings file included: reading each once per snapshot holds.
    SettingsFile.Read settingsRead(Path file) {
        return settingsRead.computeIfAbsent(norm(file), f -> {
            SettingsFile.Read read = SettingsFile.find(f, settings);
            return new SettingsFile.Read(overrides.over(read.settings()), read.problems(), read.file());
        });
    }

    /** The file's own lossless syntax tree (an edited document's is derived from its last one). */
    public SyntaxTree syntax(Path file) {
        return workspace.parses().parse(sources.read(norm(file)).orElse(""));
    }

    /** A board compiled with this snapshot's texts: remembered, brought up to date by edits made in place (numbers, blanks), or compiled. */
    public CompiledBoard board(Path board) {
        return held(norm(board), Variant.PLAIN).board();
    }

    /** A board read as the command line asks (overlays, named files). */
    public CompiledBoard board(Path board, Variant variant) {
        return held(norm(board), variant).board();
    }

    /**
     * The files a board reads: itself, what {@code #include} and dtc's {@code /include/} bring in,
     * at any depth (not the files it looked for and did not find).
     */
    public Set<Path> filesOf(Path board, Variant variant) {
        Set<Path> files = new LinkedHashSet<>();
        held(norm(board), variant).reads().forEach((file, text) -> {
            if (text.isPresent()) {
                files.add(file);
            }
        });
        return files;
    }

    private BoardMemo.Held held(Path key) {
        return held(key, Variant.PLAIN);
    }

    private BoardMemo.Held held(Path key, Variant variant) {
        return held(key, variant, () -> false);
    }

    private BoardMemo.Held held(Path key, Variant variant, BooleanSupplier cancelled) {
        FrontEndSettings front = settingsFor(key).frontEnd(false);
        BoardMemo.Key memoKey = new BoardMemo.Key(key, front, variant.overlays(),
                readableBesides(key, variant.named()));
        return workspace.boards().obtain(memoKey, revision, found -> found.changedIn(sources).isEmpty(),
                found -> reuse(memoKey, found),
                (earlier, othersWaiting) -> compile(memoKey, earlier,
                        () -> cancelled.getAsBoolean() && !othersWaiting.getAsBoolean()));
    }

    // A held board good for this snapshot: read the same texts, or differs in one file by
    // numbers or blanks edited in place, which are then made in it (on copies: others may read it).
    // The named files whose own tree the board could not read anyway: a file in the board's tree
    // adds nothing, and the files checked inside one board then share one compile of it.
    private static List<Path> readableBesides(Path board, List<Path> named) {
        if (named.isEmpty()) {
            return named;
        }
        Path own = IncludePaths.ownTree(board);
        return named.stream().filter(f -> !IncludePaths.ownTree(f).equals(own)).toList();
    }

    private BoardMemo.Held reuse(BoardMemo.Key key, BoardMemo.Held found) {
        if (found == null) {
            return null;
        }
        List<Path> changed = found.changedIn(sources);
        if (changed.isEmpty()) {
            return found;
        }
        if (changed.size() != 1) {
            return null;
        }
        Path file = changed.get(0);
        Optional<String> from = found.reads().get(file);
        Optional<String> to = sources.read(file);
        if (from.isEmpty() || to.isEmpty()) {
            return null;
        }
        List<EditStep> chain = chain(file, from.get(), to.get());
        if (chain.isEmpty()) {
            return null;
        }
        CompiledBoard board = found.board();
        boolean memoryUnchanged = true;
        InPlaceEdit.Evaluator evaluator = (preprocessed, earlier, move) -> compiler.over(sources)
                .fromPreprocessed(key.board(), key.settings(), key.named(), preprocessed, earlier, move);
        for (EditStep step : chain) {
            Optional<InPlaceEdit.Update> update = step.edit().applyTo(board, evaluator);
            if (update.isEmpty()) {
                return null;
            }
            if (update.get().evaluated()) {
                workspace.boards().evaluatedAgain();
            }
            board = update.get().board();
            memoryUnchanged &= update.get().memoryUnchanged();
        }
        workspace.boards().madeSteps(chain.size());
        Map<Path, Optional<String>> reads = new HashMap<>(found.reads());
        reads.put(file, to);
        BoardMemo.Held updated = memoryUnchanged
                ? new BoardMemo.Held(board, Map.copyOf(reads), new java.util.concurrent.ConcurrentHashMap<>(found.reports()))
                : new BoardMemo.Held(board, reads);
        workspace.boards().replace(key, found, updated);
        return updated;
    }

    // The steps that lead a file from one text to another, in order; empty when none do. The
    // shortest run that ends with the latest step to the text: a text comes back (a space typed
    // then deleted, an undo), and a run from its first occurrence would make every edit since.
    private List<EditStep> chain(Path file, String from, String to) {
        List<EditStep> steps = editSteps.getOrDefault(file, List.of());
        for (int last = steps.size() - 1; last >= 0; last--) {
            if (!same(steps.get(last).after(), to)) {
                continue;
            }
            for (int first = last; first >= 0; first--) {
                if (first < last && !same(steps.get(first).after(), steps.get(first + 1).before())) {
                    break;
                }
                if (same(steps.get(first).before(), from)) {
                    return steps.subList(first, last + 1);
                }
            }
        }
        return List.of();
    }

    /**
     * What a compile takes from the board held before, when it read the same texts but one
     * file's, which differs in one stretch: an edit no update in place could make (a key typed in
     * a string still open, a line that changes what cpp does). Every statement of the same text
     * written at the place the edit moved it to builds what it built, and is taken.
     */
    private BoardCompiler.Earlier takenFrom(BoardMemo.Held earlier) {
        if (earlier == null) {
            return BoardCompiler.Earlier.KEEP;
        }
        List<Path> changed = earlier.changedIn(sources);
        if (changed.size() != 1) {
            return BoardCompiler.Earlier.KEEP;
        }
        Path file = changed.get(0);
        Optional<String> from = earlier.reads().get(file);
        Optional<String> to = sources.read(file);
        if (from == null || from.isEmpty() || to.isEmpty()) {
            return BoardCompiler.Earlier.KEEP;
        }
        TextChange edit = CommonEnds.of(from.get(), to.get()).change(from.get(), to.get());
        return new BoardCompiler.Earlier(earlier.board().tree(), SpanMove.blanks(file, edit.start(), edit.end(),
                edit.replacement().length() - (edit.end() - edit.start())));
    }

    private static boolean same(String a, String b) {
        return a == b || a.equals(b);
    }

    private BoardMemo.Held compile(BoardMemo.Key key, BoardMemo.Held earlier, BooleanSupplier cancelled) {
        Path board = key.board();
        ReadLog log = new ReadLog(sources);
        // while documents are open, the next edit may be evaluated in place: what is built is kept for it
        CompiledBoard result = compiler.over(log).compile(board, key.overlays(), key.settings(), key.named(),
                cancelled, open.isEmpty() ? null : takenFrom(earlier));
        // an include replayed from the memo read its files there: make sure each is in the log
        result.preprocessed().sourceMap().files().forEach(log::read);
        // what the board really read corrects the index: #include and dtc's /include/ alike
        Set<Path> included = new LinkedHashSet<>();
        log.reads().forEach((file, text) -> {
            if (text.isPresent() && !file.equals(board)) {
                included.add(file);
            }
        });
        if (key.overlays().isEmpty() && key.named().isEmpty()) {
            workspace.index().record(board, included);
        }
        return new BoardMemo.Held(result, log.reads());
    }

    /** The boards of the workspace that include a file, directly or not. */
    public List<Path> boardsIncluding(Path file) {
        return workspace.index().boardsIncluding(norm(file));
    }

    /**
     * The boards a file is read in: itself when it is one; for a .dtsi the boards that include it,
     * limited to those the {@code boards} setting names (all of them when it names none), with
     * the board the user chose first.
     */
    public List<Path> boardsOf(Path file) {
        Path key = norm(file);
        if (Project.isBoard(key)) {
            return List.of(key);
        }
        List<Path> including = boardsIncluding(key);
        List<Path> named = namedBoards(key, including);
        List<Path> boards = new ArrayList<>(named.isEmpty() ? including : named);
        Optional<Path> chosen = chosenBoard(key).filter(including::contains);
        chosen.ifPresent(board -> {
            boards.remove(board);
            boards.add(0, board);
        });
        return List.copyOf(boards);
    }

    // The boards of a file the boards setting names, in the order of its globs (the first is the
    // board in context); empty when the setting is empty or names none of them.
    private List<Path> namedBoards(Path key, List<Path> including) {
        SettingsFile.Read read = settingsRead(key);
        List<String> globs = read.settings().boards();
        if (globs.isEmpty() || including.isEmpty()) {
            return List.of();
        }
        Optional<Path> folder = read.file().map(Path::getParent).or(() -> Optional.ofNullable(workspace.root()));
        Set<Path> named = new LinkedHashSet<>();
        for (java.util.function.Predicate<Path> glob : PathGlobs.each(globs, folder)) {
            including.stream().filter(glob).forEach(named::add);
        }
        return List.copyOf(named);
    }

    /**
     * Why a .dtsi is read in every board that includes it although the {@code boards} setting is
     * set: none of those boards matches its globs. Empty when the setting applies, or is empty.
     */
    public Optional<String> boardsSettingUnmatched(Path file) {
        Path key = norm(file);
        if (Project.isBoard(key)) {
            return Optional.empty();
        }
        List<Path> including = boardsIncluding(key);
        List<String> globs = settingsFor(key).boards();
        if (globs.isEmpty() || including.isEmpty() || !namedBoards(key, including).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("carveout: the boards setting " + globs + " names none of the " + including.size()
                + " boards that include " + key.getFileName() + "; it is read in every one of them");
    }

    /**
     * What the editor shows for a file: a board is analysed as itself; a .dtsi inside
     * every board that includes it (a finding only some boards have names them), or on
     * its own when no board of the workspace includes it.
     */
    public FileReport report(Path file) {
        return report(file, () -> false);
    }

    /** The same, read as asked (with fixes, for a code action). */
    public FileReport report(Path file, Variant variant) {
        Path key = norm(file);
        return report(key, boardsOf(key), variant, () -> false);
    }

    /**
     * The same, stopped (by {@link Cancelled}) before the next board once {@code cancelled} says
     * the answer is no longer wanted: an edit made it stale.
     */
    public FileReport report(Path file, BooleanSupplier cancelled) {
        Path key = norm(file);
        return report(key, boardsOf(key), Variant.PLAIN, cancelled);
    }

    /**
     * The findings {@code carveout check} reports for a file: a board's, wherever they are placed
     * (what the editor shows on the board and on the files it includes); a .dtsi's own, read in
     * the board given, or alone; exactly what the editor shows for the same file in the same board.
     */
    public List<Finding> check(Path file, Optional<Path> board, Variant variant) {
        Path key = norm(file);
        if (board.isPresent()) {
            return report(key, List.of(norm(board.get())), variant, () -> false).findings();
        }
        if (Project.isBoard(key)) {
            return findingsOf(held(key, variant).board(), variant);
        }
        return report(key, List.of(), variant, () -> false).findings();
    }

    /**
     * Problems of the settings file a file is checked with, each at its place in the file (the
     * levels of {@code --rule} are checked where they are given).
     */
    public List<SettingsFile.Problem> settingsProblems(Path file) {
        return settingsRead(file).problems();
    }

    /** Work stopped because its answer is no longer wanted. */
    public static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /**
     * What the editor shows for a file read in its board in context only (see {@link #boardInContext}):
     * the first answer for a .dtsi, before its other boards are analysed.
     */
    public FileReport reportInContext(Path file) {
        return reportInContext(file, () -> false);
    }

    /** The same, stopped (by {@link Cancelled}) between stages once the answer is no longer wanted. */
    public FileReport reportInContext(Path file, BooleanSupplier cancelled) {
        Path key = norm(file);
        Path board = boardInContext(key);
        return report(key, board.equals(key) && !Project.isBoard(key) ? List.of() : List.of(board), Variant.PLAIN,
                cancelled);
    }

    /**
     * A file's syntax and its board in context compiled, without the findings: what hover,
     * definition, completion, inlay hints and the memory map read (the memory rules are the
     * diagnostics' work, and a request must not wait for them).
     */
    public FileReport inContext(Path file) {
        Path key = norm(file);
        SyntaxTree syntax = syntax(key);
        if (syntax.unparsed()) {
            return new FileReport(key, syntax, List.of(), List.of());
        }
        if (Project.isBoard(key)) {
            workspace.setLastBoard(key);
        }
        return new FileReport(key, syntax, List.of(held(boardInContext(key)).board()), List.of());
    }

    /**
     * The board a file is read in when one answer is wanted (hover, definition, completion, hints,
     * the first diagnostics): a board itself; for a .dtsi the board the user chose, else the first
     * the {@code boards} setting names, else the board last analysed that includes it, else an
     * open one, else the first the index found; the file alone when none includes it.
     */
    public Path boardInContext(Path file) {
        Path key = norm(file);
        if (Project.isBoard(key)) {
            return key;
        }
        List<Path> boards = boardsIncluding(key);
        if (boards.isEmpty()) {
            return key;
        }
        Optional<Path> chosen = chosenBoard(key).filter(boards::contains);
        if (chosen.isPresent()) {
            return chosen.get();
        }
        List<Path> named = namedBoards(key, boards);
        if (!named.isEmpty()) {
            return named.get(0);
        }
        Path last = workspace.lastBoard();
        if (last != null && boards.contains(last)) {
            return last;
        }
        return boards.stream().filter(this::isOpen).findFirst().orElse(boards.get(0));
    }

    /** Whether a file is read in more boards than its board in context. */
    public boolean hasOtherBoards(Path file) {
        Path key = norm(file);
        return !Project.isBoard(key) && boardsOf(key).size() > 1;
    }

    private FileReport report(Path key, List<Path> boardsOfFile, Variant variant, BooleanSupplier cancelled) {
        SyntaxTree syntax = syntax(key);
        if (Project.isBoard(key)) {
            workspace.setLastBoard(key);
        }
        List<Finding> findings = new ArrayList<>();
        for (SyntaxDiagnostic d : syntax.diagnostics()) {
            findings.add(d.toFinding(new SourceSpan(key, d.start(), d.end())));
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
        workspace.boards().keepBoardsOf(all.isEmpty() ? Set.of(key) : Set.copyOf(all));
        List<CompiledBoard> results = new ArrayList<>();
        Map<Finding, List<String>> byFinding = new LinkedHashMap<>();
        for (Path boardFile : boards) {
            if (cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            BoardMemo.Held held = held(boardFile, variant, cancelled);
            if (cancelled.getAsBoolean()) {
                throw new Cancelled(); // compiled for others asking too; the rules are this answer's alone
            }
            results.add(held.board());
            List<Finding> found = new ArrayList<>(findings(held.board(), key, !syntax.diagnostics().isEmpty(), alone));
            for (Finding d : memoryReport(held, key, variant).diagnostics()) {
                if (d.where() != null && d.where().file().equals(key)) {
                    found.add(d);
                }
            }
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
        return findingsOf(board, Variant.PLAIN);
    }

    /** The same, read as asked (with fixes, for a code action). */
    public List<Finding> findingsOf(CompiledBoard board, Variant variant) {
        Set<Path> files = new LinkedHashSet<>(board.preprocessed().sourceMap().files());
        List<Finding> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(findings(board, file, false, false));
        }
        all.addAll(memoryReport(board, variant).diagnostics());
        return all;
    }

    // The front end's findings placed in one file. Alone, a .dtsi cannot resolve the labels
    // its boards define, so those findings would only be noise.
    private static List<Finding> findings(CompiledBoard board, Path file, boolean fileHasSyntaxErrors, boolean alone) {
        List<Finding> out = new ArrayList<>();
        for (Finding d : board.preprocessDiagnostics()) {
            if (d.where() != null && d.where().file().equals(file)) {
                out.add(d);
            }
        }
        for (Finding d : board.treeDiagnostics()) {
            if (d.where() == null || !d.where().file().equals(file)) {
                continue;
            }
            if (d.code().equals(Code.SYNTAX.id()) && fileHasSyntaxErrors) {
                continue; // the file's own parse already reports it
            }
            if (alone && !Project.isBoard(file) && (d.code().equals(Code.LABEL_NOT_FOUND.id())
                    || d.code().equals(Code.PHANDLE_REFERENCES.id()) || d.code().equals(Code.PATH_REFERENCES.id()))) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    /** The memory rules over a compiled board, checked as the board itself (what its memory map shows). */
    public MemoryReport memoryReport(CompiledBoard board) {
        return memoryReport(board, Variant.PLAIN);
    }

    /** The same, for a board read as the command line asks. */
    public MemoryReport memoryReport(CompiledBoard board, Variant variant) {
        BoardMemo.Held held = held(board.file(), variant);
        return held.board() == board ? memoryReport(held, board.file(), variant)
                : analyse(board, board.file(), settingsRead(board.file()), variant);
    }

    /**
     * The memory rules over a held board, checked as {@code file} with this snapshot's settings;
     * kept with the board, so that one keystroke's publish (the file's findings, then those
     * shown on its includes) runs the rules once.
     */
    private MemoryReport memoryReport(BoardMemo.Held held, Path file, Variant variant) {
        SettingsFile.Read read = settingsRead(file);
        List<Object> key = List.of(file, read.settings(), read.file().map(Path::getParent).map(Object.class::cast)
                .orElse(""), variant.baseline().map(GitRevision::revision).orElse(""), variant.fixes());
        return held.reports().computeIfAbsent(key, k -> analyse(held.board(), file, read, variant));
    }

    private MemoryReport analyse(CompiledBoard board, Path file, SettingsFile.Read read, Variant variant) {
        return new BoardCheck(sources, compiler).analyse(board, file, read.settings(), read.file().map(Path::getParent),
                variant.baseline(), variant.fixes());
    }


    /** A span as people read it: the file name and the 1-based line. */
    public String describe(SourceSpan span) {
        if (span == null) {
            return "?";
        }
        int line = lines(span.file()).lineOf(span.start()) + 1;
        return span.file().getFileName() + ":" + line;
    }

    /** A file's line index, made once per snapshot: a hover describes several places of a large .dtsi. */
    public io.carveout.text.LineIndex lines(Path file) {
        return workspace.lines(sources.read(norm(file)).orElse(""));
    }

    /** A board's memory map (regions, /memory, /memreserve/), read once per merged tree. */
    public io.carveout.memory.MemoryMap memoryMap(CompiledBoard board) {
        return workspace.memoryMap(board.tree());
    }

    static Path norm(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The texts a compilation read, and the files it looked for and did not find. */
    private static final class ReadLog implements SourceProvider {
        private final SourceProvider sources;
        private final Map<Path, Optional<String>> reads = new java.util.concurrent.ConcurrentHashMap<>();

        ReadLog(SourceProvider sources) {
            this.sources = sources;
        }

        @Override
        public Optional<String> read(Path path) {
            Optional<String> text = sources.read(path);
            reads.putIfAbsent(norm(path), text);
            return text;
        }

        @Override
        public Optional<FileFacts> facts(Path path) {
            return sources.facts(path);
        }

        @Override
        public Optional<byte[]> bytes(Path path, long offset, int length) {
            return sources.bytes(path, offset, length);
        }

        @Override
        public Optional<String> refusal(Path path) {
            return sources.refusal(path);
        }

        Map<Path, Optional<String>> reads() {
            return reads;
        }
    }
}
