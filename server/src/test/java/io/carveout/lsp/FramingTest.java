package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server on raw byte streams, as an editor's process pipes reach it. A message that is
 * not framed as LSP asks makes the server say why on stderr, in one line, and end with a
 * non-zero status (clients restart a server that exits); a well-framed one is answered.
 * Before the fix a wrong Content-Length left the server up and silent forever: every case
 * below would time out.
 */
class FramingTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
            + "\"params\":{\"capabilities\":{},\"clientInfo\":{\"name\":\"{[\\\"}\\\"]} é\"}}}";

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void wellFramedMessagesAreAnswered() throws Exception {
        RawServer server = new RawServer(threads);
        // a blank line between messages, a Content-Type, a body split across writes, braces in strings
        String body = INITIALIZE;
        server.send("\r\nContent-Length: " + RawServer.bytes(body).length + "\r\nContent-Type: application/vscode-jsonrpc; "
                + "charset=utf-8\r\n\r\n" + body.substring(0, 40));
        Thread.sleep(100);
        server.send(body.substring(40));
        String first = server.answer();
        assertTrue(first.contains("\"id\":1"), "initialize is answered: " + first);
        server.send(RawServer.frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"));
        assertTrue(server.answer().contains("\"id\":2"), "shutdown is answered");
        server.toServer.close();
        assertEquals(0, server.status.get(30, TimeUnit.SECONDS), "the input ended: " + server.log);
    }

    @Test
    void aWronglyFramedMessageEndsTheServerWithOneLineOnStderr() throws Exception {
        String good = RawServer.frame(INITIALIZE);
        int length = RawServer.bytes(INITIALIZE).length;
        String[][] cases = {
            // what the client sends, what the line on stderr says
            {"Content-Length: " + (length + 10) + "\r\n\r\n" + INITIALIZE, "before its Content-Length"},
            {"Content-Length: " + (length + 10) + "\r\n\r\n" + INITIALIZE + good, "longer than its JSON"},
            {"Content-Length: " + (length - 10) + "\r\n\r\n" + INITIALIZE + good, "longer than its Content-Length"},
            {"Content-Length: 2147483647\r\n\r\n" + INITIALIZE, "over the 256 MiB"},
            {"Content-Length: twelve\r\n\r\n" + INITIALIZE, "not a number"},
            {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "not \"Name: value\""},
            {"Content-Type: application/json\r\n\r\n" + INITIALIZE, "without a Content-Length"},
            {"Content-Length: 5\r\n\r\nhello" + good, "not a JSON object"},
            {"\u0000\u0001garbage without any line break at all ".repeat(400), "longer than 8192 bytes"},
        };
        for (String[] c : cases) {
            RawServer server = new RawServer(threads);
            server.send(good);
            assertTrue(server.answer().contains("\"id\":1"), "a good message first is answered");
            server.send(c[0]);
            int status = server.status.get(30, TimeUnit.SECONDS);
            String log = server.log.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, "exit status after " + c[1] + ": " + log);
            assertEquals(1, log.lines().count(), "one line: " + log);
            assertTrue(log.startsWith("carveout lsp: framing error") && log.contains(c[1]), log);
            server.toServer.close();
        }
    }
}
