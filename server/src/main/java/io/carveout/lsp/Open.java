package io.carveout.lsp;

import io.carveout.text.TextDocument;
import java.util.List;

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
