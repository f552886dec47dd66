package io.carveout.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.carveout.memory.check.BootLogCheck;
import io.carveout.text.LineIndex;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FileReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The custom request {@code carveout/bootLog}: params {@code {"textDocument": {"uri": ...},
 * "log": "the log's text"}}; the answer compares the kernel's reserved-memory lines of the log
 * with the prediction for the board the document belongs to, as {@code carveout map --boot-log}
 * prints it: {@code {"board": uri, "everyRegionLogged": bool, "agrees": bool, "lines": [{"verdict",
 * "text", "logLine" (1-based, 0 none), "location" {"uri", "range"} when the sources have a place}]}}.
 */
final class BootLogRequest {
    private BootLogRequest() {
    }

    static JsonElement answer(View session, JsonObject params) {
        JsonElement document = params == null ? null : params.get("textDocument");
        JsonElement uriElement = document != null && document.isJsonObject() ? document.getAsJsonObject().get("uri") : null;
        JsonElement logElement = params == null ? null : params.get("log");
        Optional<Path> path = text(uriElement).flatMap(Protocol::path);
        Optional<String> log = text(logElement);
        if (path.isEmpty() || log.isEmpty()) {
            throw Protocol.invalidParams("carveout/bootLog needs {\"textDocument\": {\"uri\": \"file:...\"}, "
                    + "\"log\": \"the text of a kernel log\"}");
        }
        FileReport report = session.snapshot().inContext(path.get());
        JsonObject out = new JsonObject();
        if (report.boards().isEmpty()) {
            out.add("board", com.google.gson.JsonNull.INSTANCE);
            return out;
        }
        CompiledBoard board = report.boards().get(0);
        BootLogCheck.Result result = BootLogCheck.compare(session.snapshot().memoryReport(board), log.get());
        out.addProperty("board", session.uriOf(board.file()));
        out.addProperty("everyRegionLogged", result.everyRegionLogged());
        out.addProperty("agrees", result.agrees());
        JsonArray lines = new JsonArray();
        for (BootLogCheck.Line line : result.lines()) {
            JsonObject item = new JsonObject();
            item.addProperty("verdict", line.verdict().name());
            item.addProperty("text", line.text());
            item.addProperty("logLine", line.logLine());
            if (line.place() != null) {
                LineIndex index = session.lines(line.place().file());
                JsonObject location = new JsonObject();
                location.addProperty("uri", session.uriOf(line.place().file()));
                location.add("range", new com.google.gson.Gson().toJsonTree(
                        Protocol.range(index, line.place().start(), line.place().end())));
                item.add("location", location);
            }
            lines.add(item);
        }
        out.add("lines", lines);
        return out;
    }

    private static Optional<String> text(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? Optional.of(element.getAsString()) : Optional.empty();
    }
}
