package io.carveout.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.carveout.text.LineIndex;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.MemoryMapDrawing;
import io.carveout.workspace.MemoryMapJson;
import io.carveout.workspace.MemoryMapView;
import io.carveout.workspace.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom request {@code carveout/memoryMap}: params {@code {"textDocument": {"uri": ...}}};
 * the answer is the memory-map document of the board the document belongs to, the one
 * {@code carveout map --format json} prints, with the document's {@code uri} and every board
 * that includes it (README, "The memory-map document"). And {@code carveout/memoryMapDrawing},
 * the same with {@code "format": "svg"} or {@code "html"}: that document drawn, as
 * {@code carveout map --format svg|html} writes it, or, given {@code "width"} (pixels), the SVG
 * with its labels broken over lines to fit a view that wide.
 */
final class MemoryMapRequest {
    private MemoryMapRequest() {
    }

    /** A JSON string's value; anything else (missing, null, a number, an object) is no URI at all. */
    private static String string(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }

    static JsonElement answer(View session, JsonObject params) {
        String uri = params != null && params.has("textDocument") && params.get("textDocument").isJsonObject()
                ? string(params.getAsJsonObject("textDocument").get("uri"))
                : params != null ? string(params.get("uri")) : null;
        Optional<Path> path = uri == null ? Optional.empty() : Protocol.path(uri);
        if (path.isEmpty()) {
            throw Protocol.invalidParams("carveout/memoryMap needs {\"textDocument\": {\"uri\": \"file:...\"}}"
                    + (uri == null ? "" : "; not a file: URI: " + uri));
        }
        FileReport report = session.snapshot().inContext(path.get());
        JsonObject out = new JsonObject();
        out.addProperty("uri", uri);
        JsonArray boards = new JsonArray();
        List<Path> including = Project.isBoard(path.get()) ? List.of() : session.snapshot().boardsIncluding(path.get());
        if (including.isEmpty()) {
            including = report.boards().stream().map(CompiledBoard::file).toList();
        }
        including.forEach(b -> boards.add(Protocol.uri(b)));
        out.add("boards", boards);
        if (report.boards().isEmpty()) {
            out.add("board", JsonNull.INSTANCE);
            return out;
        }
        CompiledBoard board = report.boards().get(0);
        MemoryMapView view = MemoryMapView.of(board, session.snapshot().memoryReport(board));
        // places as the client knows them: its URI for an open file, and the text it is editing
        MemoryMapJson.Places places = new MemoryMapJson.Places() {
            @Override
            public String uri(Path file) {
                return session.uriOf(file);
            }

            @Override
            public LineIndex lines(Path file) {
                return session.lines(file);
            }
        };
        for (Map.Entry<String, JsonElement> entry : MemoryMapJson.of(view, places).entrySet()) {
            out.add(entry.getKey(), entry.getValue());
        }
        return out;
    }

    static JsonElement drawing(View session, JsonObject params) {
        JsonElement requested = params == null ? null : params.get("format");
        String format = requested == null || requested.isJsonNull() ? "svg" : string(requested);
        if (!"svg".equals(format) && !"html".equals(format)) {
            throw Protocol.invalidParams("carveout/memoryMapDrawing draws as \"svg\" or \"html\", not " + requested);
        }
        JsonObject document = (JsonObject) answer(session, params);
        JsonObject out = new JsonObject();
        for (String key : List.of("uri", "boards", "board")) {
            out.add(key, document.get(key));
        }
        out.addProperty("format", format);
        // the width of the client's view, for the SVG's labels to be broken over lines to fit it
        JsonElement width = params.get("width");
        int room = width != null && width.isJsonPrimitive() && width.getAsJsonPrimitive().isNumber() ? width.getAsInt() : 0;
        if (!document.get("board").isJsonNull()) {
            out.addProperty("drawing", format.equals("html") ? MemoryMapDrawing.html(document)
                    : MemoryMapDrawing.svg(document, room));
        }
        return out;
    }
}
