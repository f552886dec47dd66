package io.carveout.lsp;

import io.carveout.preprocess.SourceSpan;
import io.carveout.text.LineIndex;
import io.carveout.text.PositionEncoding;
import io.carveout.text.TextChange;
import io.carveout.text.TextDocument;
import io.carveout.text.TextEdit;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Finding;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Settings;
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
import java.util.function.Function;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state and its one analysis thread. Every notification and request is
 * handed to that thread, in arrival order, so the protocol reader never waits and the
 * engine is never used from two threads. Diagnostics are published at once after a lone
 * edit, a short while after the last keystroke of a burst, and only for the version they
 * were computed from.
 */
final class Session {
    static final long DEBOUNCE_MILLIS = 150;

    private final long debounceMillis;
    private final Analysis analysis;

    /**
     * What the editor shows for a file, read in its board in context alone or in every board;
     * the project's report, or a failing one in tests.
     */
    @FunctionalInterface
    interface Analysis {
        FileReport report(Project project, Path file, boolean inContext);
    }

    /** The project's own reports. */
    static final Analysis PROJECT = (project, file, inContext) -> inContext ? project.reportInContext(file) : project.report(file);

    Session(long debounceMillis) {
        this(debounceMillis, PROJECT);
    }

    Session(long debounceMillis, Analysis analysis) {
        this.debounceMillis = debounceMillis;
        this.analysis = analysis;
    }

    /**
     * An open document: the URIs the client opened it under and its current text and
     * version. URIs that name one file (".../board.dts", "..././board.dts", "%2E", "//")
     * are one document; each keeps the diagnostics it asked for, under its own spelling.
     */
    record Open(List<String> uris, TextDocument document) {
        Open {
            uris = List.copyOf(uris);
        }

        /** The URI the client opened first, for edits and locations that name the file. */
        String uri() {
            return uris.get(0);
        }

        Open withDocument(TextDocument next) {
            return new Open(uris, next);
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("carveout-analysis"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("carveout-debounce"));
    private final OpenDocuments documents = new OpenDocuments();
    private final Map<Path, Open> open = new HashMap<>();
    private final Map<Path, Set<Path>> dependsOn = new HashMap<>();
    private final Map<Path, ScheduledFuture<?>> pending = new HashMap<>();
    /** When each open document was last edited (System.nanoTime), to tell a lone edit from typing. */
    private final Map<Path, Long> lastEdit = new HashMap<>();
    private final Set<String> logged = new HashSet<>();
    private final Map<Path, Set<Path>> publishedFor = new HashMap<>();
    /** Line indexes of files that are not open, the few most recently used. */
    private final Map<Path, LineIndex> diskLines = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, LineIndex> eldest) {
            return size() > 32;
        }
    };
    private Project project = new Project(null, documents);
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

    /** Runs on the analysis thread; an exception is logged, never thrown at the reader. */
    void run(Runnable task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // OutOfMemoryError and StackOverflowError included: the thread must live on,
                // or no document would ever be analysed again
                logOnce(MessageType.Error, "carveout: internal error: " + e);
            }
        });
    }

    /** A request answered on the analysis thread; cancellable by $/cancelRequest before it starts. */
    <T> CompletableFuture<T> request(Function<CancelChecker, T> work) {
        return CompletableFutures.computeAsync(worker, work);
    }

    void shutdown() {
        timer.shutdownNow();
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- state (worker thread only)

    Project project() {
        return project;
    }

    void useRoot(Path root) {
        project = new Project(root, documents);
        project.setSettings(editorSettings);
    }

    void useSettings(Settings settings) {
        editorSettings = settings;
        project.setSettings(settings);
        for (Path path : new ArrayList<>(open.keySet())) {
            schedulePublish(path, 0);
        }
    }

    /** The text the server holds for a document, for tests that compare it with the client's. */
    Optional<String> text(Path path) {
        return Optional.ofNullable(open.get(path)).map(o -> o.document().text());
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
        documents.open(path, document.text());
        project.edited(path, changes); // forgets (or updates) what depended on the old text
        long delay = delayAfterEdit(path);
        schedulePublish(path, delay);
        republishDependents(path, delay);
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
    }

    /** A file changed on disk (saved by another program, created, deleted). */
    void changedOnDisk(Path path) {
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
        pending.put(path, timer.schedule(() -> run(() -> publish(path)), delay, TimeUnit.MILLISECONDS));
    }

    private void publish(Path path) {
        Open current = open.get(path);
        LanguageClient c = client;
        if (current == null || c == null) {
            return;
        }
        int version = current.document().version();
        // A .dtsi read in several boards is answered from its board in context first; the
        // others follow as a task of their own, behind whatever request arrived meanwhile.
        boolean otherBoards = project.hasOtherBoards(path);
        if (publish(path, current, c, version, otherBoards) && otherBoards) {
            run(() -> publishEveryBoard(path, version));
        }
    }

    // The findings of every board that includes the file, unless an edit made them stale first.
    private void publishEveryBoard(Path path, int version) {
        Open current = open.get(path);
        LanguageClient c = client;
        if (current == null || c == null || current.document().version() != version) {
            return;
        }
        publish(path, current, c, version, false);
    }

    // Publishes the file's findings (read in its board in context alone, or in every board);
    // false when the analysis failed and the failure was published instead.
    private boolean publish(Path path, Open current, LanguageClient c, int version, boolean inContext) {
        FileReport report;
        try {
            report = analysis.report(project, path, inContext);
        } catch (RuntimeException | Error e) {
            // Whatever failed (an OutOfMemoryError on a huge include, a bug), the file says so
            // in place of the findings that could not be computed, and the server goes on.
            logOnce(MessageType.Error, "carveout: internal error while analysing " + path + ": " + e);
            publishFailure(current, version, e, c);
            return false;
        }
        Set<Path> files = new HashSet<>();
        report.boards().forEach(b -> files.addAll(b.preprocessed().sourceMap().files()));
        files.addAll(report.boards().stream().map(b -> b.file()).toList());
        dependsOn.put(path, files);
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Finding finding : report.findings()) {
            diagnostics.add(diagnostic(finding));
            if (finding.code().equals("missing-include") && logged.add(finding.message())) {
                log(MessageType.Warning, "carveout: " + finding.message() + " (in " + project.describe(finding.where())
                        + "); set includePaths in .carveout.json if it lives elsewhere");
            }
        }
        Open now = open.get(path);
        if (now == null || now.document().version() != version) {
            return true; // computed for an older version: a newer publish is on its way
        }
        for (String uri : current.uris()) {
            PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
            params.setVersion(version);
            c.publishDiagnostics(params);
        }
        publishIncludedFiles(path, report, c);
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
    private void publishIncludedFiles(Path board, FileReport report, LanguageClient c) {
        Map<Path, List<Diagnostic>> byFile = new HashMap<>();
        if (Project.isBoard(board) && !report.boards().isEmpty()) {
            for (Finding finding : project.findingsOf(report.boards().get(0))) {
                Path file = finding.where() == null ? null : finding.where().file();
                if (file != null && !file.equals(board) && !open.containsKey(file)) {
                    Finding shown = finding.withBoards(List.of(board.getFileName().toString()));
                    byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(diagnostic(shown));
                }
            }
        }
        Set<Path> before = publishedFor.getOrDefault(board, Set.of());
        for (Path stale : before) {
            if (!byFile.containsKey(stale) && !open.containsKey(stale)) {
                c.publishDiagnostics(new PublishDiagnosticsParams(Protocol.uri(stale), List.of()));
            }
        }
        byFile.forEach((file, list) -> c.publishDiagnostics(new PublishDiagnosticsParams(Protocol.uri(file), list)));
        publishedFor.put(board, byFile.keySet());
    }

    /** The findings placed in a file: its own report when it is open, and what the open boards find in it. */
    List<Finding> findingsIn(Path path) {
        List<Finding> found = new ArrayList<>();
        if (open.containsKey(path)) {
            found.addAll(project.report(path).findings());
        }
        for (Path board : open.keySet()) {
            if (!board.equals(path) && Project.isBoard(board)) {
                for (Finding finding : project.findingsOf(project.board(board))) {
                    if (finding.where() != null && finding.where().file().equals(path)) {
                        found.add(finding);
                    }
                }
            }
        }
        return found;
    }

    Diagnostic diagnostic(Finding finding) {
        String message = finding.message();
        if (!finding.boards().isEmpty()) {
            message += " (only in " + String.join(", ", finding.boards()) + ")";
        }
        Diagnostic diagnostic = new Diagnostic(range(finding.where()), message, severity(finding.severity()), "carveout");
        diagnostic.setCode(finding.code());
        if (!finding.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (Finding.Related r : finding.related()) {
                related.add(new DiagnosticRelatedInformation(location(r.where()), r.message()));
            }
            diagnostic.setRelatedInformation(related);
        }
        return diagnostic;
    }

    private static DiagnosticSeverity severity(Finding.Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
        };
    }

    /** The line index of a file as the server holds it (open text, or disk). */
    LineIndex lines(Path path) {
        Open document = open.get(path);
        if (document != null) {
            return document.document().lineIndex();
        }
        // A board's findings in a large .dtsi it includes are placed one by one: the index of a
        // file that is not open is made once per text, not once per finding.
        String text = documents.read(path).orElse("");
        synchronized (diskLines) {
            LineIndex held = diskLines.get(path);
            if (held == null || held.text() != text) {
                held = new LineIndex(text);
                diskLines.put(path, held);
            }
            return held;
        }
    }

    org.eclipse.lsp4j.Range range(SourceSpan span) {
        return Protocol.range(lines(span.file()), span.start(), span.end());
    }

    org.eclipse.lsp4j.Location location(SourceSpan span) {
        return new org.eclipse.lsp4j.Location(uriOf(span.file()), range(span));
    }

    /** The URI the client uses for a file: the one it opened it with, or the file URI. */
    String uriOf(Path path) {
        Open document = open.get(path);
        return document != null ? document.uri() : Protocol.uri(path);
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
