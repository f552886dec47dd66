package io.carveout.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The LSP4J entry point: lifecycle requests, and the document and workspace services. */
public final class CarveoutLanguageServer implements LanguageServer, LanguageClientAware {
    private final String version;
    private final Documents documents = new Documents();
    private final Workspace workspace = new Workspace();
    private volatile boolean shutdownRequested;
    private final IntConsumer exit;

    /** @param exit ends the process with a status; tests pass their own. */
    public CarveoutLanguageServer(String version, IntConsumer exit) {
        this.version = version;
        this.exit = exit;
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        return CompletableFuture.completedFuture(
                new InitializeResult(capabilities, new ServerInfo("carveout", version)));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        documents.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        // LSP: exit code 0 after shutdown, 1 when the client exits without asking first.
        documents.close();
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
