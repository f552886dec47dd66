package io.carveout.lsp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A test client connected to the real server through LSP4J's launchers over piped
 * streams: it records what the server publishes and sends what an editor sends.
 */
final class LspHarness implements AutoCloseable {
    final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
    final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    /** Every publish, in order. */
    final List<PublishDiagnosticsParams> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BlockingQueue<MessageParams> logs = new LinkedBlockingQueue<>();
    final BlockingQueue<ProgressParams> progress = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();
    final CarveoutServerApi server;
    final CarveoutLanguageServer impl;
    final org.eclipse.lsp4j.jsonrpc.RemoteEndpoint endpoint;
    final OutputStream toServer;
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    /** What the server answered to initialize. */
    volatile InitializeResult initialized;

    LspHarness() throws IOException {
        this(0);
    }

    LspHarness(long debounceMillis) throws IOException {
        this(debounceMillis, Session.PROJECT);
    }

    /** @param analysis what the server shows for a file (a test may make it fail) */
    LspHarness(long debounceMillis, Session.Analysis analysis) throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        impl = new CarveoutLanguageServer("test", exitStatus::complete, debounceMillis, analysis);
        Launcher<LanguageClient> serverLauncher = LSPLauncher.createServerLauncher(impl, serverIn, serverOut);
        impl.connect(serverLauncher.getRemoteProxy());
        serverLauncher.startListening();
        Launcher<CarveoutServerApi> clientLauncher = new Launcher.Builder<CarveoutServerApi>()
                .setLocalService(new Client()).setRemoteInterface(CarveoutServerApi.class)
                .setInput(clientIn).setOutput(toServer).create();
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
        endpoint = clientLauncher.getRemoteEndpoint();
    }

    InitializeResult initialize(Path root, Object initializationOptions) throws Exception {
        InitializeParams params = new InitializeParams();
        ClientCapabilities capabilities = new ClientCapabilities();
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        capabilities.setWindow(window);
        capabilities.setWorkspace(new WorkspaceClientCapabilities());
        params.setCapabilities(capabilities);
        if (root != null) {
            params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toAbsolutePath().normalize().toUri().toString(), "root")));
        }
        params.setInitializationOptions(initializationOptions);
        InitializeResult result = server.initialize(params).get(30, TimeUnit.SECONDS);
        initialized = result;
        server.initialized(new InitializedParams());
        return result;
    }

    /** The params of carveout's document requests: {@code {"textDocument": {"uri": uri}}}. */
    static com.google.gson.JsonObject documentParams(String uri) {
        com.google.gson.JsonObject params = new com.google.gson.JsonObject();
        com.google.gson.JsonObject document = new com.google.gson.JsonObject();
        document.addProperty("uri", uri);
        params.add("textDocument", document);
        return params;
    }

    String open(Path file) throws IOException {
        return open(file, Files.readString(file));
    }

    String open(Path file, String text) {
        String uri = uri(file);
        versions.put(uri, 1);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dts", 1, text)));
        return uri;
    }

    int change(String uri, TextDocumentContentChangeEvent... changes) {
        int version = versions.merge(uri, 1, Integer::sum);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
        return version;
    }

    /** Waits for diagnostics of a document that satisfy a condition (the latest ones). */
    PublishDiagnosticsParams awaitDiagnostics(String uri, Predicate<PublishDiagnosticsParams> condition)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            PublishDiagnosticsParams latest = diagnostics.get(uri);
            if (latest != null && condition.test(latest)) {
                return latest;
            }
            published.poll(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no diagnostics for " + uri + " as expected; latest: " + diagnostics.get(uri));
    }

    /** Waits for the diagnostics of a given version of a document. */
    PublishDiagnosticsParams awaitVersion(String uri, int version) throws InterruptedException {
        return awaitDiagnostics(uri, p -> p.getVersion() != null && p.getVersion() == version);
    }

    static String uri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            exitStatus.get(10, TimeUnit.SECONDS);
        } finally {
            toServer.close();
        }
    }

    private final class Client implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.put(params.getUri(), params);
            history.add(params);
            published.add(params);
        }

        @Override
        public void showMessage(MessageParams params) {
            logs.add(params);
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
            logs.add(params);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams params) {
            progress.add(params);
        }

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<List<Object>> configuration(org.eclipse.lsp4j.ConfigurationParams params) {
            return CompletableFuture.completedFuture(List.of());
        }
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
}
