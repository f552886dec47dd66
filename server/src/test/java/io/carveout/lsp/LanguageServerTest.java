package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the real server through LSP4J's launchers over piped streams. */
class LanguageServerTest {
    private final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
    private final BlockingQueue<MessageParams> logs = new LinkedBlockingQueue<>();
    private LanguageServer server;
    private final CompletableFuture<Integer> exitStatus = new CompletableFuture<>();

    @BeforeEach
    void start() throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);

        CarveoutLanguageServer impl = new CarveoutLanguageServer("test", exitStatus::complete);
        Launcher<LanguageClient> serverLauncher = LSPLauncher.createServerLauncher(impl, serverIn, serverOut);
        impl.connect(serverLauncher.getRemoteProxy());
        serverLauncher.startListening();

        Launcher<LanguageServer> clientLauncher = LSPLauncher.createClientLauncher(new TestClient(), clientIn, clientOut);
        clientLauncher.startListening();
        server = clientLauncher.getRemoteProxy();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown().get(10, TimeUnit.SECONDS);
        server.exit();
        assertEquals(0, exitStatus.get(10, TimeUnit.SECONDS), "exit after shutdown ends with status 0");
    }

    @Test
    void initializeAnnouncesIncrementalSync() throws Exception {
        InitializeResult result = server.initialize(new InitializeParams()).get(10, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        assertEquals(TextDocumentSyncKind.Incremental, result.getCapabilities().getTextDocumentSync().getLeft());
        assertEquals("carveout", result.getServerInfo().getName());
    }

    @Test
    void syntaxErrorsArePublishedAndClearedByAnIncrementalEdit() throws Exception {
        server.initialize(new InitializeParams()).get(10, TimeUnit.SECONDS);
        String uri = "file:///board.dts";
        String text = "/dts-v1/;\n/ {\n\treg = <0x1000>\n\tstatus = \"okay\";\n};\n";
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "dts", 1, text)));
        PublishDiagnosticsParams first = diagnostics.poll(10, TimeUnit.SECONDS);
        assertEquals(uri, first.getUri());
        assertEquals(1, first.getDiagnostics().size());
        assertEquals("expected ';'", first.getDiagnostics().get(0).getMessage().getLeft());
        assertEquals(new Position(2, 15), first.getDiagnostics().get(0).getRange().getStart());

        TextDocumentContentChangeEvent insert = new TextDocumentContentChangeEvent(
                new Range(new Position(2, 15), new Position(2, 15)), ";");
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, 2), List.of(insert)));
        PublishDiagnosticsParams second = diagnostics.poll(10, TimeUnit.SECONDS);
        assertEquals(2, second.getVersion());
        assertTrue(second.getDiagnostics().isEmpty(), second.getDiagnostics().toString());
    }

    @Test
    void aChangeToADocumentThatIsNotOpenIsLoggedAndTheServerGoesOn() throws Exception {
        server.initialize(new InitializeParams()).get(10, TimeUnit.SECONDS);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier("file:///never-opened.dts", 3),
                List.of(new TextDocumentContentChangeEvent("x"))));
        MessageParams log = logs.poll(10, TimeUnit.SECONDS);
        assertTrue(log.getMessage().contains("not open"), log.getMessage());
        assertEquals("carveout", server.initialize(new InitializeParams()).get(10, TimeUnit.SECONDS)
                .getServerInfo().getName());
    }

    private final class TestClient implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
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
    }
}
