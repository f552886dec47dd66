package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor's settings as the bytes on the pipe carry them. The server asks for them with
 * workspace/configuration at start and whenever the editor says they changed without sending
 * them (VS Code's extension sends {"settings": null}); each item of the request must be a
 * ConfigurationItem with its section, since editors read it: vscode-languageclient reads
 * item.scopeUri and Neovim item.section. Before the fix the request was {"items":[null]}, both
 * editors failed on it, and a changed setting reached the server only after a restart. The
 * answer at start, the same settings as the initializationOptions, checks nothing again.
 */
class SettingsOnTheWireTest {
    private static final JsonObject CARVEOUT_SECTION = JsonParser.parseString("{\"section\":\"carveout\"}").getAsJsonObject();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static String message(String method, int id, String params) {
        return RawServer.frame("{\"jsonrpc\":\"2.0\"" + (id > 0 ? ",\"id\":" + id : "") + ",\"method\":\"" + method
                + "\",\"params\":" + params + "}");
    }

    private static boolean is(String method, String body) {
        return body.contains("\"method\":\"" + method + "\"");
    }

    /** The next workspace/configuration request: its items must name the section. */
    private static JsonObject configurationRequest(RawServer server) throws Exception {
        JsonObject request = JsonParser.parseString(server.next(body -> is("workspace/configuration", body))).getAsJsonObject();
        JsonArray items = request.getAsJsonObject("params").getAsJsonArray("items");
        assertEquals(1, items.size(), request.toString());
        assertEquals(CARVEOUT_SECTION, items.get(0), "each item is a ConfigurationItem with its section: " + request);
        return request;
    }

    /** The answer to a workspace/configuration request: one settings object. */
    private static void answer(RawServer server, JsonObject request, String settings) throws Exception {
        server.send(RawServer.frame("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":[" + settings + "]}"));
    }

    /** The diagnostics the server next publishes for a document, as their messages. */
    private static String diagnostics(RawServer server, String uri) throws Exception {
        String body = server.next(b -> is("textDocument/publishDiagnostics", b) && b.contains("\"uri\":\"" + uri + "\""));
        return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("params").getAsJsonArray("diagnostics").toString();
    }

    @Test
    void settingsAreAskedForByTheirSectionAndApplied() throws Exception {
        Path board = Files.writeString(dir.resolve("board.dts"), "/dts-v1/;\n/ {\n\tsize = <SOC_SIZE>;\n};\n");
        String root = dir.toUri().toString();
        String uri = LspHarness.uri(board);
        RawServer server = new RawServer(threads);
        String settings = "{\"defines\":{\"SOC_SIZE\":\"0x200\"}}";
        server.send(message("initialize", 1, "{\"capabilities\":{\"workspace\":{\"configuration\":true},"
                + "\"window\":{\"workDoneProgress\":true}},"
                + "\"initializationOptions\":" + settings + ","
                + "\"workspaceFolders\":[{\"uri\":\"" + root + "\",\"name\":\"root\"}]}"));
        assertTrue(server.answer().contains("\"id\":1"));
        server.send(message("initialized", 0, "{}"));
        JsonObject atStart = configurationRequest(server);
        // the workspace indexed before the document opens: the index, once done, publishes the
        // open documents again, which is not what the test looks for
        server.next(body -> is("$/progress", body) && body.contains("\"kind\":\"end\""));
        String text = Files.readString(board).replace("\n", "\\n").replace("\t", "\\t");
        server.send(message("textDocument/didOpen", 0, "{\"textDocument\":{\"uri\":\"" + uri
                + "\",\"languageId\":\"dts\",\"version\":1,\"text\":\"" + text + "\"}}"));
        assertEquals("[]", diagnostics(server, uri), "SOC_SIZE is defined by the initializationOptions");
        // at start the server asks for the settings the editor holds: the same as its
        // initializationOptions, which check nothing again (the document is not published again)
        answer(server, atStart, settings);
        List<String> after = server.within(2_000);
        assertTrue(after.stream().noneMatch(b -> is("textDocument/publishDiagnostics", b)),
                "the same settings again re-checked the open document: " + after);

        // a setting changed in the editor: the notification says so, the server asks again
        server.send(message("workspace/didChangeConfiguration", 0, "{\"settings\":null}"));
        answer(server, configurationRequest(server), "{}");
        String again = diagnostics(server, uri);
        assertTrue(again.contains("SOC_SIZE"), "the define removed in the editor is gone from the server: " + again);

        server.send(message("shutdown", 2, "null"));
        server.next(body -> body.contains("\"id\":2"));
        server.toServer.close();
        assertEquals(0, server.status.get(30, java.util.concurrent.TimeUnit.SECONDS), server.log.toString());
    }
}
