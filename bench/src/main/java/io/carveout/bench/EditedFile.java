package io.carveout.bench;

import io.carveout.text.TextChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** A file open in the server, edited as an editor does: one didChange per change, the text kept in step. */
final class EditedFile {
    final String uri;
    private final InProcessServer lsp;
    private String text;
    private int version = 1;

    EditedFile(InProcessServer lsp, Path file) throws IOException {
        this.lsp = lsp;
        this.uri = file.toUri().toString();
        this.text = Files.readString(file);
        lsp.open(uri, text);
    }

    /** Opens the file and waits for its first diagnostics and for everything the server does after them. */
    static EditedFile openSettled(InProcessServer lsp, Path file) throws Exception {
        EditedFile edited = new EditedFile(lsp, file);
        lsp.awaitVersion(edited.uri, 1);
        lsp.awaitIdle(edited.uri);
        return edited;
    }

    String text() {
        return text;
    }

    int version() {
        return version;
    }

    /** Sends the change as the next version; returns when it was sent (System.nanoTime). */
    long type(TextChange change) {
        Range range = new Range(ServerFigures.position(text, change.start()), ServerFigures.position(text, change.end()));
        text = change.applyTo(text);
        long sent = System.nanoTime();
        lsp.change(uri, ++version, new TextDocumentContentChangeEvent(range, change.replacement()));
        return sent;
    }
}
