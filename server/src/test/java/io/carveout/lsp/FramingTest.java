package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String frame(String body) {
        return "Content-Length: " + bytes(body).length + "\r\n\r\n" + body;
    }

    /** A running server: what it writes, what it logs, and its exit status once it ends. */
    private final class Running {
        final PipedOutputStream toServer = new PipedOutputStream();
        final PipedInputStream fromServer = new PipedInputStream(1 << 16);
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final Future<Integer> status;

        Running() throws IOException {
            InputStream in = new PipedInputStream(toServer, 1 << 16);
            OutputStream out = new PipedOutputStream(fromServer);
            PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
            CompletableFuture<Integer> exited = new CompletableFuture<>();
            status = threads.submit(() -> LanguageServerLauncher.serve(in, out, "test", logStream, exited::complete));
        }

        void send(String text) throws IOException {
            toServer.write(bytes(text));
            toServer.flush();
        }

        /** The body of the next response the server writes (its notifications are passed over). */
        String answer() throws Exception {
            return threads.submit(() -> {
                while (true) {
                    StringBuilder header = new StringBuilder();
                    while (!header.toString().endsWith("\r\n\r\n")) {
                        header.append((char) fromServer.read());
                    }
                    int length = Integer.parseInt(header.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                    String body = new String(fromServer.readNBytes(length), StandardCharsets.UTF_8);
                    if (body.contains("\"id\"")) {
                        return body;
                    }
                }
            }).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void wellFramedMessagesAreAnswered() throws Exception {
        Running server = new Running();
        // a blank line between messages, a Content-Type, a body split across writes, braces in strings
        String body = INITIALIZE;
        server.send("\r\nContent-Length: " + bytes(body).length + "\r\nContent-Type: application/vscode-jsonrpc; "
                + "charset=utf-8\r\n\r\n" + body.substring(0, 40));
        Thread.sleep(100);
        server.send(body.substring(40));
        String first = server.answer();
        assertTrue(first.contains("\"id\":1"), "initialize is answered: " + first);
        server.send(frame("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}"));
        assertTrue(server.answer().contains("\"id\":2"), "shutdown is answered");
        server.toServer.close();
        assertEquals(0, server.status.get(30, TimeUnit.SECONDS), "the input ended: " + server.log);
    }

    @Test
    void aWronglyFramedMessageEndsTheServerWithOneLineOnStderr() throws Exception {
        String good = frame(INITIALIZE);
        int length = bytes(INITIALIZE).length;
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
            Running server = new Running();
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
