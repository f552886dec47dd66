package io.carveout.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh server rooted at the whole corpus (every architecture, some 2,600 boards): the time from
 * starting the process to the first diagnostics of one opened board, and its resident memory then,
 * beside {@code carveout check} on the same board from a cold start, both as processes of the
 * shaded jar, interleaved, median of three runs each.
 */
final class FirstAnswer {
    private static final String BOARD = "arch/arm64/boot/dts/qcom/qcm6490-idp.dts";
    private static final int RUNS = 3;

    private FirstAnswer() {
    }

    static void run() throws IOException, InterruptedException {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path board = linux.resolve(BOARD);
        Path jar = Path.of("server/target/carveout.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("build the server jar first (mvn -B -q -DskipTests install): " + jar);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Double> check = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(java, "-jar", jar.toString(), "check", board.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
            check.add((System.nanoTime() - start) / 1e9);
            long[] answer = firstDiagnostics(java, jar, linux, board);
            server.add(answer[0] / 1e9);
            rss.add(answer[1]);
        }
        Collections.sort(check);
        Collections.sort(server);
        Collections.sort(rss);
        double c = check.get(RUNS / 2);
        double s = server.get(RUNS / 2);
        System.out.printf("%nfirst answer, workspace = the whole corpus (%s), board %s, median of %d%n", linux,
                board.getFileName(), RUNS);
        System.out.printf("%-62s %8.2f s%n", "carveout check BOARD, cold process", c);
        System.out.printf("%-62s %8.2f s   RSS then %d MiB%n", "carveout lsp: start, initialize, didOpen -> first diagnostics",
                s, rss.get(RUNS / 2) >> 20);
        System.out.printf("ratio server / check: %.2f%n", s / c);
    }

    // {nanoseconds from start to the board's first publishDiagnostics, resident bytes then}
    private static long[] firstDiagnostics(String java, Path jar, Path root, Path board)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "lsp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream out = p.getOutputStream();
            InputStream in = p.getInputStream();
            JsonObject init = new JsonObject();
            init.addProperty("processId", ProcessHandle.current().pid());
            init.addProperty("rootUri", root.toUri().toString());
            init.add("capabilities", new JsonObject());
            send(out, request(1, "initialize", init));
            send(out, notification("initialized", new JsonObject()));
            String uri = board.toUri().toString();
            JsonObject item = new JsonObject();
            item.addProperty("uri", uri);
            item.addProperty("languageId", "dts");
            item.addProperty("version", 1);
            item.addProperty("text", Files.readString(board));
            JsonObject open = new JsonObject();
            open.add("textDocument", item);
            send(out, notification("textDocument/didOpen", open));
            while (true) {
                JsonObject message = read(in);
                if (message == null) {
                    throw new IOException("the server ended before publishing diagnostics");
                }
                if (message.has("method") && message.get("method").getAsString().equals("textDocument/publishDiagnostics")) {
                    JsonObject params = message.getAsJsonObject("params");
                    if (params.get("uri").getAsString().equals(uri)) {
                        long elapsed = System.nanoTime() - start;
                        return new long[] {elapsed, residentBytes(p.pid())};
                    }
                } else if (message.has("id") && message.has("method")) {
                    // a request from the server (configuration, progress, registration): answer it
                    JsonObject reply = new JsonObject();
                    reply.addProperty("jsonrpc", "2.0");
                    reply.add("id", message.get("id"));
                    reply.add("result", message.get("method").getAsString().equals("workspace/configuration")
                            ? new JsonArray() : null);
                    send(out, reply);
                }
            }
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static JsonObject request(int id, String method, JsonElement params) {
        JsonObject m = notification(method, params);
        m.addProperty("id", id);
        return m;
    }

    private static JsonObject notification(String method, JsonElement params) {
        JsonObject m = new JsonObject();
        m.addProperty("jsonrpc", "2.0");
        m.addProperty("method", method);
        m.add("params", params);
        return m;
    }

    private static void send(OutputStream out, JsonObject message) throws IOException {
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    // One framed message, or null at the end of the stream.
    private static JsonObject read(InputStream in) throws IOException {
        int length = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String header = line.toString(StandardCharsets.US_ASCII).strip();
                line.reset();
                if (header.isEmpty()) {
                    break;
                }
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                }
            } else {
                line.write(b);
            }
        }
        byte[] body = in.readNBytes(length);
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
