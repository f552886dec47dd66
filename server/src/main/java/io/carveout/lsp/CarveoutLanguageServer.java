package io.carveout.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.carveout.workspace.Settings;
import io.carveout.workspace.SettingsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The LSP4J entry point: lifecycle, the capabilities the server really has, settings
 * (initializationOptions, then workspace/configuration, section "carveout"), the indexing
 * of the workspace's boards with progress, and the custom request carveout/memoryMap.
 */
public final class CarveoutLanguageServer implements LanguageServer, LanguageClientAware {
    private static final int INDEX_BATCH = 8;

    private final String version;
    private final Session session;
    private final Documents documents;
    private final WorkspaceNotifications workspace;
    private final IntConsumer exit;
    private volatile boolean shutdownRequested;
    private volatile InitializeParams initializeParams;

    /** @param exit ends the process with a status; tests pass their own. */
    public CarveoutLanguageServer(String version, IntConsumer exit) {
        this(version, exit, Session.DEBOUNCE_MILLIS);
    }

    /** @param debounceMillis how long after a keystroke diagnostics are computed (tests and benchmarks use 0) */
    public CarveoutLanguageServer(String version, IntConsumer exit, long debounceMillis) {
        this(version, exit, debounceMillis, Session.PROJECT);
    }

    /** @param analysis what the editor shows for a file (tests make it fail) */
    CarveoutLanguageServer(String version, IntConsumer exit, long debounceMillis, Session.Analysis analysis) {
        this.version = version;
        this.exit = exit;
        this.session = new Session(debounceMillis, analysis);
        this.documents = new Documents(session);
        this.workspace = new WorkspaceNotifications(session, this);
    }

    /** The text the server holds for a document; for tests. */
    CompletableFuture<String> documentText(String uri) {
        return session.request((view, cancel) -> Protocol.path(uri).flatMap(view::open).map(o -> o.document().text())
                .orElse(null));
    }

    @Override
    public void connect(LanguageClient client) {
        session.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        initializeParams = params;
        Path root = root(params);
        JsonObject options = params.getInitializationOptions() instanceof JsonObject o ? o : null;
        session.run(() -> {
            session.useRoot(root);
            if (options != null) {
                applySettingsNow(options);
            }
        });
        ServerCapabilities capabilities = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(true);
        capabilities.setCodeActionProvider(new org.eclipse.lsp4j.CodeActionOptions(
                List.of(org.eclipse.lsp4j.CodeActionKind.QuickFix)));
        capabilities.setInlayHintProvider(true);
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setFoldingRangeProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setDocumentRangeFormattingProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setReferencesProvider(true);
        capabilities.setRenameProvider(new RenameOptions(true));
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of("&", "\"", "<")));
        capabilities.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(
                new SemanticTokensLegend(Documents.TOKEN_TYPES, Documents.TOKEN_MODIFIERS), true));
        capabilities.setExecuteCommandProvider(new org.eclipse.lsp4j.ExecuteCommandOptions(
                List.of(WorkspaceNotifications.SET_BOARD_IN_CONTEXT)));
        capabilities.setExperimental(Map.of("memoryMapProvider", true, "bootLogProvider", true));
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("carveout", version)));
    }

    private static Path root(InitializeParams params) {
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            return Protocol.path(params.getWorkspaceFolders().get(0).getUri()).orElse(null);
        }
        @SuppressWarnings("deprecation")
        String rootUri = params.getRootUri();
        return rootUri == null ? null : Protocol.path(rootUri).orElse(null);
    }

    @Override
    public void initialized(InitializedParams params) {
        requestConfiguration();
        registerFileWatchers();
        indexBoards();
    }

    private boolean clientSupports(java.util.function.Predicate<org.eclipse.lsp4j.ClientCapabilities> test) {
        InitializeParams params = initializeParams;
        try {
            return params != null && params.getCapabilities() != null && test.test(params.getCapabilities());
        } catch (NullPointerException e) {
            return false;
        }
    }

    void requestConfiguration() {
        LanguageClient client = session.client();
        if (client == null || !clientSupports(c -> Boolean.TRUE.equals(c.getWorkspace().getConfiguration()))) {
            return;
        }
        // a plain instance: Gson writes an anonymous subclass (double-brace initialisation) as null
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("carveout");
        client.configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
            if (values != null && !values.isEmpty() && values.get(0) instanceof JsonObject object) {
                applySettings(object);
            }
        });
    }

    void applySettings(JsonObject object) {
        session.run(() -> applySettingsNow(object));
    }

    private void applySettingsNow(JsonObject object) {
        SettingsFile.Read read = SettingsFile.apply(object, null, Settings.DEFAULT);
        read.problems().forEach(p -> session.log(MessageType.Warning, "carveout settings: " + p));
        session.useSettings(read.settings());
    }

    private void registerFileWatchers() {
        LanguageClient client = session.client();
        if (client == null || !clientSupports(c -> Boolean.TRUE.equals(
                c.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration()))) {
            return;
        }
        List<FileSystemWatcher> watchers = List.of(
                new FileSystemWatcher(Either.forLeft("**/*.{dts,dtsi,dtso,overlay,h}")),
                new FileSystemWatcher(Either.forLeft("**/.carveout.json")));
        client.registerCapability(new RegistrationParams(List.of(new Registration("carveout-watch",
                "workspace/didChangeWatchedFiles", new DidChangeWatchedFilesRegistrationOptions(watchers)))));
    }

    // Learns which boards include which .dtsi, a few boards per task on the analysis thread,
    // so that diagnostics keep being published while it runs (requests have a thread of their
    // own); with progress when the client shows it.
    private void indexBoards() {
        LanguageClient client = session.client();
        boolean progress = client != null && clientSupports(c -> Boolean.TRUE.equals(c.getWindow().getWorkDoneProgress()));
        String token = "carveout-index";
        session.run(() -> {
            io.carveout.workspace.Project project = session.project();
            session.analyse(() -> {
                List<Path> boards = project.boardsToIndex();
                if (boards.isEmpty()) {
                    return;
                }
                if (progress) {
                    client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).exceptionally(e -> null);
                    WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
                    begin.setTitle("carveout: indexing boards");
                    begin.setPercentage(0);
                    begin.setCancellable(false);
                    client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(begin)));
                }
                indexBatch(project, boards, 0, progress, token);
            });
        });
    }

    // One batch of the index, then the next is queued behind whatever arrived meanwhile: a
    // document opened while a large tree is indexed is answered after one batch, not after all.
    private void indexBatch(io.carveout.workspace.Project project, List<Path> boards, int from, boolean progress,
            String token) {
        LanguageClient client = session.client();
        List<Path> batch = boards.subList(from, Math.min(boards.size(), from + INDEX_BATCH));
        int done = from + batch.size();
        batch.forEach(project::indexBoard);
        if (progress) {
            WorkDoneProgressReport report = new WorkDoneProgressReport();
            report.setPercentage(done * 100 / boards.size());
            report.setMessage(done + "/" + boards.size() + " boards");
            client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(report)));
        }
        if (done < boards.size()) {
            session.analyse(() -> indexBatch(project, boards, done, progress, token));
            return;
        }
        if (progress) {
            WorkDoneProgressEnd end = new WorkDoneProgressEnd();
            end.setMessage(boards.size() + " boards indexed");
            client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(end)));
        }
        // a .dtsi opened early is now analysed inside its boards
        session.run(() -> session.openDocuments().keySet().forEach(p -> session.schedulePublish(p, 0)));
    }

    /** carveout/memoryMap: the memory map of the board a document belongs to, for the client's picture. */
    @JsonRequest("carveout/memoryMap")
    public CompletableFuture<JsonElement> memoryMap(JsonObject params) {
        return session.request((view, cancel) -> MemoryMapRequest.answer(view, params));
    }

    /** carveout/memoryMapDrawing: that memory map drawn as SVG or HTML, for the client's view and its export. */
    @JsonRequest("carveout/memoryMapDrawing")
    public CompletableFuture<JsonElement> memoryMapDrawing(JsonObject params) {
        return session.request((view, cancel) -> MemoryMapRequest.drawing(view, params));
    }

    /** carveout/bootLog: a kernel log's reserved-memory lines against the prediction for the board of a document. */
    @JsonRequest("carveout/bootLog")
    public CompletableFuture<JsonElement> bootLog(JsonObject params) {
        return session.request((view, cancel) -> BootLogRequest.answer(view, params));
    }

    @Override
    public void setTrace(SetTraceParams params) {
        // the server writes no trace of its own; accepted so clients can send it
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // LSP: exit code 0 after shutdown, 1 when the client exits without asking first.
        session.shutdown();
        exit.accept(shutdownRequested ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }
}
