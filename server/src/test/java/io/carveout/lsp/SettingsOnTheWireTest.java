package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * editors failed on it, and a changed setting reached the server only after a restart.
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

    /** The next workspace/configuration request: its items must name the section; the answer is one settings object. */
    private static void answerConfiguration(RawServer server, String settings) throws Exception {
        JsonObject request = JsonParser.parseString(server.next(body -> is("workspace/configuration", body))).getAsJsonObject();
        JsonArray items = request.getAsJsonObject("params").getAsJsonArray("items");
        assertEquals(1, items.size(), request.toString());
        assertEquals(CARVEOUT_SECTION, items.get(0), "each item is a ConfigurationItem with its section: " + request);
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
        server.send(message("initialize", 1, "{\"capabilities\":{\"workspace\":{\"configuration\":true}},"
                + "\"workspaceFolders\":[{\"uri\":\"" + root + "\",\"name\":\"root\"}]}"));
        assertTrue(server.answer().contains("\"id\":1"));
        server.send(message("initialized", 0, "{}"));
        // at start: the settings the editor holds
        answerConfiguration(server, "{\"defines\":{\"SOC_SIZE\":\"0x200\"}}");
        String text = Files.readString(board).replace("\n", "\\n").replace("\t", "\\t");
        server.send(message("textDocument/didOpen", 0, "{\"textDocument\":{\"uri\":\"" + uri
                + "\",\"languageId\":\"dts\",\"version\":1,\"text\":\"" + text + "\"}}"));
        String first = diagnostics(server, uri);
        assertEquals("[]", first, "SOC_SIZE is defined by the editor's settings");

        // a setting changed in the editor: the notification says so, the server asks again
        server.send(message("workspace/didChangeConfiguration", 0, "{\"settings\":null}"));
        answerConfiguration(server, "{}");
        String again = diagnostics(server, uri);
        assertTrue(again.contains("SOC_SIZE"), "the define removed in the editor is gone from the server: " + again);

        server.send(message("shutdown", 2, "null"));
        server.next(body -> body.contains("\"id\":2"));
        server.toServer.close();
        assertEquals(0, server.status.get(30, java.util.concurrent.TimeUnit.SECONDS), server.log.toString());
    }
}
