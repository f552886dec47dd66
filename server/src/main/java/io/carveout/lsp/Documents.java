package io.carveout.lsp;

import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.LineIndex;
import io.carveout.text.TextDocument;
import io.carveout.text.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * Open documents as the editor holds them, and their syntax diagnostics. Analysis runs
 * on one worker thread so the protocol reader never waits for it, and a result computed
 * for a version that is no longer current is dropped.
 */
final class Documents implements TextDocumentService {
    private final Map<String, TextDocument> open = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "carveout-analysis");
        thread.setDaemon(true);
        return thread;
    });
    private volatile LanguageClient client;

    void connect(LanguageClient client) {
        this.client = client;
    }

    void close() {
        worker.shutdownNow();
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var item = params.getTextDocument();
        TextDocument document = new TextDocument(item.getUri(), item.getVersion(), item.getText());
        open.put(item.getUri(), document);
        schedule(document);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        TextDocument current = open.get(uri);
        if (current == null) {
            log(MessageType.Warning, "carveout: change to a document that is not open: " + uri);
            return;
        }
        List<TextEdit> edits = new ArrayList<>();
        for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
            edits.add(Protocol.toEdit(change));
        }
        Integer version = params.getTextDocument().getVersion();
        TextDocument next = current.apply(edits, version == null ? current.version() + 1 : version);
        open.put(uri, next);
        schedule(next);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        LanguageClient c = client;
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
        }
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
    }

    private void schedule(TextDocument document) {
        worker.execute(() -> {
            if (open.get(document.uri()) != document) {
                return; // a newer version is queued
            }
            SyntaxTree tree = SyntaxTree.parse(document.text());
            LineIndex lines = document.lineIndex();
            List<Diagnostic> diagnostics = new ArrayList<>();
            for (SyntaxDiagnostic d : tree.diagnostics()) {
                Diagnostic diagnostic = new Diagnostic(
                        new Range(Protocol.toPosition(lines.positionOf(d.start())),
                                Protocol.toPosition(lines.positionOf(d.end()))),
                        d.message(), DiagnosticSeverity.Error, "carveout");
                diagnostic.setCode("syntax");
                diagnostics.add(diagnostic);
            }
            LanguageClient c = client;
            if (c != null && open.get(document.uri()) == document) {
                PublishDiagnosticsParams published = new PublishDiagnosticsParams(document.uri(), diagnostics);
                published.setVersion(document.version());
                c.publishDiagnostics(published);
            }
        });
    }

    private void log(MessageType type, String message) {
        LanguageClient c = client;
        if (c != null) {
            c.logMessage(new MessageParams(type, message));
        }
    }

}
