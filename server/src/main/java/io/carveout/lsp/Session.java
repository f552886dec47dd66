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

    Session(long debounceMillis) {
        this.debounceMillis = debounceMillis;
    }

    /** An open document: the client's URI for it and its current text and version. */
    record Open(String uri, TextDocument document) {
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
            } catch (RuntimeException | StackOverflowError e) {
                log(MessageType.Error, "carveout: internal error: " + e);
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
        open.put(path, new Open(uri, new TextDocument(uri, version, text)));
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
        open.put(path, new Open(current.uri(), document));
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

    void closed(Path path) {
        Open was = open.remove(path);
        lastEdit.remove(path);
        documents.close(path);
        project.changed(path);
        dependsOn.remove(path);
        if (was != null && client != null) {
            client.publishDiagnostics(new PublishDiagnosticsParams(was.uri(), List.of()));
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
        publish(path, current, c, version, otherBoards ? project.reportInContext(path) : project.report(path));
        if (otherBoards) {
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
        publish(path, current, c, version, project.report(path));
    }

    private void publish(Path path, Open current, LanguageClient c, int version, FileReport report) {
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
            return; // computed for an older version: a newer publish is on its way
        }
        PublishDiagnosticsParams params = new PublishDiagnosticsParams(current.uri(), diagnostics);
        params.setVersion(version);
        c.publishDiagnostics(params);
        publishIncludedFiles(path, report, c);
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
        return new LineIndex(documents.read(path).orElse(""));
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

    void log(MessageType type, String message) {
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(type, message));
        }
    }
}
