package io.carveout.lsp;

import io.carveout.finding.Finding;
import io.carveout.text.PositionEncoding;
import io.carveout.text.TextChange;
import io.carveout.text.TextDocument;
import io.carveout.text.TextEdit;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Settings;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state and its threads. Notifications (documents opened, edited, closed, files
 * changed, settings) are applied in arrival order on the state thread, where each makes a new
 * snapshot of the workspace; that thread does nothing slow. A request takes the snapshot of
 * the moment it arrived there and is answered on the request thread; diagnostics are computed
 * on the analysis thread. So a hover never waits for diagnostics, and an edit never waits for
 * either: work for a version already replaced stops at the next board. Diagnostics are
 * published at once after a lone edit, a short while after the last keystroke of a burst (the
 * board in context brought up to date meanwhile, key by key), and only for the version they
 * were computed from.
 */
final class Session {
    static final long DEBOUNCE_MILLIS = 150;

    private final long debounceMillis;
    private final Analysis analysis;

    /**
     * What the editor shows for a file, read in its board in context alone or in every board;
     * the snapshot's report, or a failing one in tests.
     */
    @FunctionalInterface
    interface Analysis {
        FileReport report(Snapshot snapshot, Path file, boolean inContext, java.util.function.BooleanSupplier cancelled);
    }

    /** The snapshot's own reports. */
    static final Analysis PROJECT = (snapshot, file, inContext, cancelled) -> inContext
            ? snapshot.reportInContext(file, cancelled) : snapshot.report(file, cancelled);

    Session(long debounceMillis) {
        this(debounceMillis, PROJECT);
    }

    Session(long debounceMillis, Analysis analysis) {
        this.debounceMillis = debounceMillis;
        this.analysis = analysis;
    }

    private final ExecutorService state = Executors.newSingleThreadExecutor(daemon("carveout-state"));
    private final ExecutorService analyses = Executors.newSingleThreadExecutor(daemon("carveout-analysis"));
    /**
     * A .dtsi's other boards, after its board in context: on a thread of their own, so that the
     * next edit's first publish starts at once rather than behind the board they are at (they stop
     * at the next one). Publishing itself is ordered by {@link #publishing}.
     */
    private final ExecutorService background = Executors.newSingleThreadExecutor(daemon("carveout-other-boards"));
    /**
     * Held while a publish checks that its version is still current and sends it: so that no
     * publish of a replaced version reaches the editor after one of the version replacing it.
     */
    private final Object publishing = new Object();
    private final ExecutorService requests = Executors.newSingleThreadExecutor(daemon("carveout-requests"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("carveout-debounce"));
    private final OpenDocuments documents = new OpenDocuments();
    /** The open documents; changed on the state thread only, read elsewhere through a {@link View}. */
    private final Map<Path, Open> open = new HashMap<>();
    /** Each open document's version, for the other threads to tell their work is stale. */
    private final Map<Path, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, Set<Path>> dependsOn = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Path, ScheduledFuture<?>> pending = new HashMap<>();
    /** When each open document was last edited (System.nanoTime), to tell a lone edit from typing. */
    private final Map<Path, Long> lastEdit = new HashMap<>();
    private final Set<String> logged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<Path, Set<Path>> publishedFor = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Project project = new Project(null, documents);
    private Settings editorSettings = Settings.DEFAULT;
    private volatile LanguageClient client;

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    LanguageClient client() {
        return client;
    }

    /** Runs on the state thread, in arrival order; an exception is logged, never thrown at the reader. */
    void run(Runnable task) {
        state.execute(guarded(task));
    }

    /** Runs on the analysis thread (diagnostics, the workspace index). */
    void analyse(Runnable task) {
        analyses.execute(guarded(task));
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // OutOfMemoryError and StackOverflowError included: the thread must live on,
                // or no document would ever be analysed again
                logOnce(MessageType.Error, "carveout: internal error: " + e);
            }
        };
    }

    /**
     * A request answered on the request thread over the workspace as it was when the request
     * arrived (every notification before it applied); cancellable by $/cancelRequest.
     */
    <T> CompletableFuture<T> request(java.util.function.BiFunction<View, CancelChecker, T> work) {
        CompletableFuture<View> taken = CompletableFuture.supplyAsync(this::view, state);
        return CompletableFutures.computeAsync(requests, cancel -> work.apply(taken.join(), cancel));
    }

    void shutdown() {
        timer.shutdownNow();
        state.shutdownNow();
        analyses.shutdownNow();
        background.shutdownNow();
        requests.shutdownNow();
    }

    /** The workspace as the state thread holds it now: its snapshot and the open documents. */
    private View view() {
        return new View(project.snapshot(), Map.copyOf(open));
    }

    // ---------------------------------------------------------------- state (state thread only)

    Project project() {
        return project;
    }

    void useRoot(Path root) {
        project = new Project(root, documents);
        project.setSettings(editorSettings);
    }

    void useSettings(Settings settings) {
        // the editor's answer to workspace/configuration at start repeats its initializationOptions:
        // the same settings check nothing again (and redraw no view)
        if (settings.equals(editorSettings)) {
            return;
        }
        editorSettings = settings;
        project.setSettings(settings);
        for (Path path : new ArrayList<>(open.keySet())) {
            schedulePublish(path, 0);
        }
    }

    Optional<Open> open(Path path) {
        return Optional.ofNullable(open.get(path));
    }

    Map<Path, Open> openDocuments() {
        return open;
    }

    void opened(Path path, String uri, int version, String text) {
        Open before = open.get(path);
        List<String> uris = new ArrayList<>(before == null ? List.of() : before.uris());
        if (!uris.contains(uri)) {
            uris.add(uri);
        }
        open.put(path, new Open(uris, new TextDocument(uris.get(0), version, text)));
        versions.put(path, version);
        documents.open(path, text);
        changed(path, 0);
    }

    void edited(Path path, Integer version, List<TextEdit> edits) {
        Open current = open.get(path);
        if (current == null) {
            log(MessageType.Warning, "carveout: a change to a document that is not open was ignored: " + path);
            return;
        }
        int next = version == null ? current.document().version() + 1 : version;
        if (version != null && version <= current.document().version()) {
            log(MessageType.Warning, "carveout: a change with stale version " + version + " (document is at "
                    + current.document().version() + ") was ignored: " + path);
            return;
        }
        // Each edit's range is read against the text the previous edits left, as LSP says;
        // its offsets there let the project re-parse only what the edits touched.
        TextDocument document = current.document();
        List<TextChange> changes = new ArrayList<>(edits.size());
        for (TextEdit edit : edits) {
            changes.add(document.change(edit, PositionEncoding.UTF16));
            document = document.apply(List.of(edit), next, PositionEncoding.UTF16);
        }
        open.put(path, current.withDocument(document));
        versions.put(path, next);
        documents.open(path, document.text());
        project.edited(path, changes); // forgets (or updates) what depended on the old text
        long delay = delayAfterEdit(path);
        schedulePublish(path, delay);
        republishDependents(path, delay);
        if (delay > 0) {
            View now = view();
            analyse(() -> prepare(path, now, next));
        }
    }

    /**
     * While keys come, the publish waits for them to pause, but the file's board in context is
     * brought up to date for each version at once (stopped by the next key between stages): the
     * publish after the pause then finds it done, and a hover meanwhile waits for the compile
     * already running rather than starting one. Failures are left to the publish to report.
     */
    private void prepare(Path path, View view, int version) {
        if (!current(path, version)) {
            return;
        }
        try {
            analysis.report(view.snapshot(), path, true, () -> !current(path, version));
        } catch (RuntimeException | Error e) {
            // Cancelled by the next key, or failed: the publish that follows says why
        }
    }

    /**
     * The first edit after a pause is analysed at once: a lone change (a digit of a base
     * address) gets its diagnostics as soon as they are computed. Edits that follow it
     * closely are typing: each waits the debounce, so only the last of a burst is analysed.
     */
    private long delayAfterEdit(Path path) {
        long now = System.nanoTime();
        Long previous = lastEdit.put(path, now);
        boolean typing = previous != null && now - previous < TimeUnit.MILLISECONDS.toNanos(debounceMillis);
        return typing ? debounceMillis : 0;
    }

    /** The client closed the document it opened under a URI; the file stays open while another URI holds it. */
    void closed(Path path, String uri) {
        Open held = open.get(path);
        if (held != null && held.uris().size() > 1 && held.uris().contains(uri)) {
            List<String> rest = new ArrayList<>(held.uris());
            rest.remove(uri);
            open.put(path, new Open(rest, held.document()));
            if (client != null) {
                client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
            return;
        }
        closed(path);
    }

    void closed(Path path) {
        Open was = open.remove(path);
        versions.remove(path);
        lastEdit.remove(path);
        documents.close(path);
        project.changed(path);
        dependsOn.remove(path);
        if (was != null && client != null) {
            was.uris().forEach(uri -> client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of())));
            for (Path shown : publishedFor.getOrDefault(path, Set.of())) {
                if (!open.containsKey(shown)) {
                    client.publishDiagnostics(new PublishDiagnosticsParams(Protocol.uri(shown), List.of()));
                }
            }
        }
        publishedFor.remove(path);
        republishDependents(path, debounceMillis);
        // an include line edited and not saved is gone with the text: the index reads the file again
        Project indexed = project;
        analyse(() -> republishReindexed(indexed.reindexEditedIncludes(path)));
    }

    /** A file changed on disk (saved by another program, created, deleted). */
    void changedOnDisk(Path path, Project.DiskChange change) {
        if (!open.containsKey(path)) {
            documents.changedOnDisk(path);
        }
        project.changed(path);
        if (Project.isSettingsFile(path)) {
            // a .carveout.json decides the include paths, defines and rule levels of every
            // board below it: re-check every open document, as a change of the editor's settings does
            for (Path document : new ArrayList<>(open.keySet())) {
                schedulePublish(document, debounceMillis);
            }
            return;
        }
        republishDependents(path, debounceMillis);
        // a board come, gone or with other include lines changes which boards include which file;
        // learnt on the analysis thread, as the index at start-up is
        Project indexed = project;
        analyse(() -> republishReindexed(indexed.diskChanged(path, change)));
    }

    // The open documents among files whose boards changed are analysed in their new boards.
    private void republishReindexed(Set<Path> files) {
        if (!files.isEmpty()) {
            run(() -> files.stream().filter(open::containsKey).forEach(file -> schedulePublish(file, 0)));
        }
    }

    /**
     * The user chose the board a .dtsi is read in: it must be one of the boards that include it.
     * The file is published again, in that board first.
     */
    CompletableFuture<Object> chooseBoard(Path file, Path board) {
        return CompletableFuture.supplyAsync(() -> {
            List<Path> including = project.snapshot().boardsIncluding(file);
            if (!including.contains(board)) {
                throw Protocol.invalidParams(board + " does not include " + file.getFileName() + (including.isEmpty()
                        ? "; no board of the workspace includes it"
                        : "; the boards that do: " + String.join(", ", including.stream().map(Path::toString).toList())));
            }
            project.chooseBoard(file, board);
            if (open.containsKey(file)) {
                schedulePublish(file, 0);
            }
            return null;
        }, state);
    }

    private void changed(Path path, long delay) {
        project.changed(path);
        schedulePublish(path, delay);
        republishDependents(path, delay);
    }

    private void republishDependents(Path path, long delay) {
        for (Map.Entry<Path, Set<Path>> entry : dependsOn.entrySet()) {
            if (!entry.getKey().equals(path) && entry.getValue().contains(path) && open.containsKey(entry.getKey())) {
                schedulePublish(entry.getKey(), delay);
            }
        }
    }

    void schedulePublish(Path path, long delay) {
        ScheduledFuture<?> previous = pending.remove(path);
        if (previous != null) {
            previous.cancel(false);
        }
        // the snapshot is taken on the state thread, after every change before this publish
        pending.put(path, timer.schedule(() -> run(() -> {
            View view = view();
            analyse(() -> publish(path, view));
        }), delay, TimeUnit.MILLISECONDS));
    }

    /** Whether the document's version is still the one a piece of work was started for. */
    private boolean current(Path path, int version) {
        Integer now = versions.get(path);
        return now != null && now == version;
    }

    private void publish(Path path, View view) {
        Open document = view.open().get(path);
        LanguageClient c = client;
        if (document == null || c == null) {
            return;
        }
        int version = document.document().version();
        if (!current(path, version)) {
            return; // replaced before it started
        }
        republishReindexed(project.reindexEditedIncludes(path));
        view.snapshot().boardsSettingUnmatched(path).ifPresent(message -> logOnce(MessageType.Warning, message));
        // A .dtsi read in several boards is answered from its board in context first; the
        // others follow as a task of their own, behind whatever arrived meanwhile, and stop
        // at the next board once an edit replaced the version they were for.
        boolean otherBoards = view.snapshot().hasOtherBoards(path);
        if (publish(path, view, document, c, version, true) && otherBoards) {
            background.execute(guarded(() -> publish(path, view, document, c, version, false)));
        }
    }

    // Publishes the file's findings (read in its board in context alone, or in every board);
    // false when the analysis failed and the failure was published instead, or was stale.
    private boolean publish(Path path, View view, Open document, LanguageClient c, int version, boolean inContext) {
        if (!current(path, version)) {
            return false;
        }
        FileReport report;
        try {
            report = analysis.report(view.snapshot(), path, inContext, () -> !current(path, version));
        } catch (Snapshot.Cancelled e) {
            return false; // an edit replaced the version this was for; its own publish follows
        } catch (RuntimeException | Error e) {
            // Whatever failed (an OutOfMemoryError on a huge include, a bug), the file says so
            // in place of the findings that could not be computed, and the server goes on.
            logOnce(MessageType.Error, "carveout: internal error while analysing " + path + ": " + e);
            synchronized (publishing) {
                if (current(path, version)) {
                    publishFailure(document, version, e, c);
                }
            }
            return false;
        }
        Set<Path> files = new HashSet<>();
        report.boards().forEach(b -> files.addAll(b.preprocessed().sourceMap().files()));
        files.addAll(report.boards().stream().map(b -> b.file()).toList());
        dependsOn.put(path, files);
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Finding finding : report.findings()) {
            diagnostics.add(view.diagnostic(finding));
            if (finding.code().equals("missing-include") && logged.add(finding.message())) {
                log(MessageType.Warning, "carveout: " + finding.message() + " (in "
                        + view.snapshot().describe(finding.where())
                        + "); set includePaths in .carveout.json if it lives elsewhere");
            }
        }
        synchronized (publishing) {
            if (!current(path, version)) {
                return false; // computed for an older version: a newer publish is on its way
            }
            for (String uri : document.uris()) {
                PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
                params.setVersion(version);
                c.publishDiagnostics(params);
            }
            publishIncludedFiles(path, view, report, c);
        }
        return true;
    }

    private static void publishFailure(Open document, int version, Throwable failure, LanguageClient c) {
        Diagnostic diagnostic = new Diagnostic(new org.eclipse.lsp4j.Range(new org.eclipse.lsp4j.Position(0, 0),
                new org.eclipse.lsp4j.Position(0, 0)), "carveout could not analyse this file: " + failure
                + "; the server goes on, and this version of the file has no other diagnostics",
                DiagnosticSeverity.Error, "carveout");
        diagnostic.setCode("internal-error");
        for (String uri : document.uris()) {
            PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, List.of(diagnostic));
            params.setVersion(version);
            c.publishDiagnostics(params);
        }
    }

    // A board's findings in the files it includes (an overlap decided in the SoC .dtsi) are
    // shown on those files while they are not open themselves; an open file shows its own.
    private void publishIncludedFiles(Path board, View view, FileReport report, LanguageClient c) {
        Map<Path, List<Diagnostic>> byFile = new HashMap<>();
        if (Project.isBoard(board) && !report.boards().isEmpty()) {
            for (Finding finding : view.snapshot().findingsOf(report.boards().get(0))) {
                Path file = finding.where() == null ? null : finding.where().file();
                if (file != null && !file.equals(board) && !versions.containsKey(file)) {
                    Finding shown = finding.withBoards(List.of(board.getFileName().toString()));
                    byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(view.diagnostic(shown));
                }
            }
        }
        Set<Path> before = publishedFor.getOrDefault(board, Set.of());
        for (Path stale : before) {
            if (!byFile.containsKey(stale) && !versions.containsKey(stale)) {
                c.publishDiagnostics(new PublishDiagnosticsParams(Protocol.uri(stale), List.of()));
            }
        }
        byFile.forEach((file, list) -> c.publishDiagnostics(new PublishDiagnosticsParams(Protocol.uri(file), list)));
        publishedFor.put(board, byFile.keySet());
    }

    /** Logs a message the first time it occurs: a failure that repeats on every keystroke is said once. */
    void logOnce(MessageType type, String message) {
        if (logged.add(message)) {
            log(type, message);
        }
    }

    void log(MessageType type, String message) {
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(type, message));
        }
    }
}
