package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar started as a process, spoken to in raw JSON-RPC over its stdin and
 * stdout, as an editor does: initialize, open a file with a syntax error, receive its
 * diagnostics, shut down and exit with status 0.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("server", "target", "carveout.jar");

    @Test
    void speaksJsonRpcOverStdio() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the shaded jar is built before integration tests: " + JAR.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "lsp", "--stdio"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            OutputStream in = process.getOutputStream();
            InputStream out = process.getInputStream();
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":null,\"capabilities\":{}}}");
            JsonObject initialized = readUntil(out, m -> m.has("id") && m.get("id").getAsInt() == 1);
            assertEquals("Incremental".length() > 0, initialized.getAsJsonObject("result").has("capabilities"));
            assertEquals(2, initialized.getAsJsonObject("result").getAsJsonObject("capabilities")
                    .getAsJsonObject("textDocumentSync").get("change").getAsInt());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
            String text = "/dts-v1/;\\n/ {\\n\\treg = <0x1000>\\n\\tstatus = \\\"okay\\\";\\n};\\n";
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                    + "{\"uri\":\"file:///tmp/carveout-it/board.dts\",\"languageId\":\"dts\",\"version\":1,\"text\":\""
                    + text + "\"}}}");
            JsonObject diagnostics = readUntil(out, m -> m.has("method")
                    && m.get("method").getAsString().equals("textDocument/publishDiagnostics"));
            var list = diagnostics.getAsJsonObject("params").getAsJsonArray("diagnostics");
            assertEquals(1, list.size(), list.toString());
            assertEquals("expected ';'", list.get(0).getAsJsonObject().get("message").getAsString());
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\",\"params\":null}");
            readUntil(out, m -> m.has("id") && m.get("id").getAsInt() == 2);
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\",\"params\":null}");
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits after exit");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    private static void send(OutputStream in, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        in.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in.write(body);
        in.flush();
    }

    private static JsonObject readUntil(InputStream out, java.util.function.Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject message = read(out);
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no such message within a minute");
    }

    private static JsonObject read(InputStream out) throws IOException {
        int length = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = out.read();
            if (b < 0) {
                throw new IOException("the server closed its output");
            }
            if (b == '\n') {
                String header = line.toString(StandardCharsets.US_ASCII).trim();
                line.reset();
                if (header.isEmpty()) {
                    break;
                }
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            } else {
                line.write(b);
            }
        }
        byte[] body = out.readNBytes(length);
        return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
