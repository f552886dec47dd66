package io.carveout.bench;

import com.google.gson.JsonObject;
import io.carveout.lsp.CarveoutLanguageServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The real server in this JVM behind LSP4J pipes, with a client that waits for published
 * diagnostics (and notes when each version's first one arrived) and for the end of the
 * workspace index, which the server reports as work-done progress.
 */
final class InProcessServer implements AutoCloseable {
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    /** Per URI and version, System.nanoTime when the first publishDiagnostics of that version arrived. */
    private final Map<String, Map<Integer, Long>> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, Integer> publishCount = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> indexed = new CompletableFuture<>();
    private final BlockingQueue<PublishDiagnosticsParams> events = new LinkedBlockingQueue<>();
    final LanguageServer server;
    private final PipedOutputStream toServer;

    InProcessServer(Path root) throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        // The server as shipped, its debounce included.
        CarveoutLanguageServer impl = new CarveoutLanguageServer("bench", status -> { });
        Launcher<LanguageClient> serverLauncher = LSPLauncher.createServerLauncher(impl, serverIn, serverOut);
        impl.connect(serverLauncher.getRemoteProxy());
        serverLauncher.startListening();
        Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(), clientIn, toServer);
        client.startListening();
        server = client.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        ClientCapabilities capabilities = new ClientCapabilities();
        // with progress the server says when its index of the workspace's boards is complete
        WindowClientCapabilities window = new WindowClientCapabilities();
        window.setWorkDoneProgress(true);
        capabilities.setWindow(window);
        params.setCapabilities(capabilities);
        if (root != null) {
            params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "root")));
        }
        server.initialize(params).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dts", 1, text)));
    }

    void change(String uri, int version, TextDocumentContentChangeEvent change) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(change)));
    }

    void close(String uri) {
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
    }

    CompletableFuture<Hover> hover(String uri, Position at) {
        return server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), at));
    }

    /**
     * Waits for diagnostics of {@code version} or a later one; returns when (System.nanoTime)
     * the first of them arrived at the client.
     */
    long awaitVersion(String uri, int version) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 600_000;
        while (published.getOrDefault(uri, -1) < version) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no diagnostics for " + uri + " version " + version);
            }
            events.poll(50, TimeUnit.MILLISECONDS);
        }
        return firstArrival.get(uri).entrySet().stream().filter(e -> e.getKey() >= version)
                .mapToLong(Map.Entry::getValue).min().orElseThrow();
    }

    /** How many versions from {@code first} to {@code last} had diagnostics published. */
    int versionsPublished(String uri, int first, int last) {
        return (int) firstArrival.getOrDefault(uri, Map.of()).keySet().stream().filter(v -> v >= first && v <= last).count();
    }

    /** How many publishDiagnostics the client received for a URI so far. */
    int publishCount(String uri) {
        return publishCount.getOrDefault(uri, 0);
    }

    /** Waits until the server's background index of the workspace's boards is complete. */
    void awaitIndexed() throws Exception {
        indexed.get(600, TimeUnit.SECONDS);
    }

    /**
     * Waits until the analysis thread has done everything queued so far (a .dtsi's other
     * boards after its first publish, say): it answers requests in arrival order. Twice: a
     * request can arrive while the task that published is still running and is about to queue
     * the other boards behind it; the second arrives after that task has ended.
     */
    void awaitIdle(String uri) throws Exception {
        hover(uri, new Position(0, 0)).get(600, TimeUnit.SECONDS);
        hover(uri, new Position(0, 0)).get(600, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        toServer.close();
    }

    private final class Client implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            long now = System.nanoTime();
            publishCount.merge(params.getUri(), 1, Integer::sum);
            if (params.getVersion() != null) {
                firstArrival.computeIfAbsent(params.getUri(), u -> new ConcurrentHashMap<>())
                        .putIfAbsent(params.getVersion(), now);
                published.merge(params.getUri(), params.getVersion(), Math::max);
            }
            events.add(params);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void notifyProgress(ProgressParams params) {
            Object value = params.getValue().isLeft() ? params.getValue().getLeft() : params.getValue().getRight();
            if (value instanceof WorkDoneProgressEnd
                    || value instanceof JsonObject o && o.has("kind") && o.get("kind").getAsString().equals("end")) {
                indexed.complete(null);
            }
        }

        @Override
        public void showMessage(MessageParams params) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {
        }
    }

}
