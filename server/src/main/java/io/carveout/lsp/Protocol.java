package io.carveout.lsp;

import io.carveout.text.LineIndex;
import io.carveout.text.SourceSpan;
import io.carveout.text.TextEdit;
import io.carveout.text.TextRange;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Conversions between the engine's values (paths, offsets) and LSP4J's (URIs, positions). */
final class Protocol {
    private Protocol() {
    }

    static Position toPosition(io.carveout.text.Position position) {
        return new Position(position.line(), position.character());
    }

    /**
     * The engine's position for a client's. LSP positions are unsigned; a negative one is
     * read as the nearest place in the text: a line before the first is the start of the
     * text, a column before the first is the start of its line. Huge values are kept: the
     * line index clamps them to the end of the line or of the text.
     */
    static io.carveout.text.Position fromPosition(Position position) {
        if (position == null) {
            throw invalidParams("a position is missing");
        }
        if (position.getLine() < 0) {
            return new io.carveout.text.Position(0, 0);
        }
        return new io.carveout.text.Position(position.getLine(), Math.max(0, position.getCharacter()));
    }

    /** The error a request with missing or malformed params answers: InvalidParams, never an internal error. */
    static ResponseErrorException invalidParams(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }

    static Range range(LineIndex lines, int start, int end) {
        return new Range(toPosition(lines.positionOf(start)), toPosition(lines.positionOf(end)));
    }

    static TextEdit toEdit(TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return TextEdit.replaceAll(change.getText());
        }
        io.carveout.text.Position start = fromPosition(change.getRange().getStart());
        io.carveout.text.Position end = fromPosition(change.getRange().getEnd());
        if (end.compareTo(start) < 0) {
            io.carveout.text.Position swap = start;
            start = end;
            end = swap;
        }
        return new TextEdit(new TextRange(start, end), change.getText());
    }

    /**
     * The file a URI names, when it is a file: URI; the one place where the client's URIs
     * become the engine's keys. Spellings of one file are one path: "." and ".." segments,
     * their escapes ("%2E"), doubled slashes, the scheme's case and the host "localhost".
     */
    static Optional<Path> path(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        try {
            URI parsed = URI.create(uri);
            if (!"file".equalsIgnoreCase(parsed.getScheme())) {
                return Optional.empty();
            }
            String host = parsed.getAuthority();
            if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                return Optional.empty(); // a file on another machine (a UNC share) is not this one's
            }
            URI local = new URI("file", null, parsed.getPath(), null);
            return Optional.of(Path.of(local).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.net.URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    static String uri(Path path) {
        return path.toAbsolutePath().normalize().toUri().toString();
    }

    static Location location(SourceSpan span, LineIndex lines) {
        return new Location(uri(span.file()), range(lines, span.start(), span.end()));
    }
}
