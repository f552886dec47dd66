package io.carveout.lsp;

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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running server on raw byte streams, as an editor's process pipes reach it: what the test
 * sends is framed by hand, and what the server writes is read as the bytes of each message,
 * never through LSP4J (which would read a malformed message the way the server wrote it).
 */
final class RawServer {
    final PipedOutputStream toServer = new PipedOutputStream();
    final PipedInputStream fromServer = new PipedInputStream(1 << 16);
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** The server's exit status once it ends. */
    final Future<Integer> status;
    private final ExecutorService threads;

    RawServer(ExecutorService threads) throws IOException {
        this.threads = threads;
        InputStream in = new PipedInputStream(toServer, 1 << 16);
        OutputStream out = new PipedOutputStream(fromServer);
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> exited = new CompletableFuture<>();
        status = threads.submit(() -> LanguageServerLauncher.serve(in, out, "test", logStream, exited::complete));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String frame(String body) {
        return "Content-Length: " + bytes(body).length + "\r\n\r\n" + body;
    }

    void send(String text) throws IOException {
        toServer.write(bytes(text));
        toServer.flush();
    }

    /** The body of the next message the server writes that satisfies a condition; the others are passed over. */
    String next(Predicate<String> wanted) throws Exception {
        return threads.submit(() -> {
            while (true) {
                StringBuilder header = new StringBuilder();
                while (!header.toString().endsWith("\r\n\r\n")) {
                    int b = fromServer.read();
                    if (b < 0) {
                        throw new IOException("the server closed its output; it logged: " + log);
                    }
                    header.append((char) b);
                }
                int length = Integer.parseInt(header.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                String body = new String(fromServer.readNBytes(length), StandardCharsets.UTF_8);
                if (wanted.test(body)) {
                    return body;
                }
            }
        }).get(30, TimeUnit.SECONDS);
    }

    /** The bodies of the messages the server writes within a time, as they come. */
    java.util.List<String> within(long millis) throws Exception {
        java.util.List<String> bodies = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (fromServer.available() > 0) {
                bodies.add(next(body -> true));
            } else {
                Thread.sleep(20);
            }
        }
        return bodies;
    }

    /** The body of the next response the server writes (its notifications are passed over). */
    String answer() throws Exception {
        return next(body -> body.contains("\"id\""));
    }
}
