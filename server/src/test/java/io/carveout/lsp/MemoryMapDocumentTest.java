package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.cli.Main;
import io.carveout.testing.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One memory-map document: {@code carveout map --format json} prints what the request
 * {@code carveout/memoryMap} answers (less the request's {@code uri} and {@code boards}), on the
 * example and on real boards with /reserved-memory; and the overlaps in it are the overlap
 * rule's, so the rule set to off leaves none.
 */
class MemoryMapDocumentTest {

    @ParameterizedTest
    @MethodSource("io.carveout.testing.Corpus#memoryMapBoards")
    void theCommandPrintsWhatTheRequestAnswers(Path board) throws Exception {
        JsonObject printed = cli(board);
        assertTrue(printed.getAsJsonArray("regions").size() > 0, board + " has no /reserved-memory region");
        JsonObject answered = request(board, null);
        assertEquals(List.of(), differences("", printed, answered), board.toString());
        assertEquals(printed, answered);
    }

    @Test
    void theDrawingRequestAnswersWhatTheCommandWrites() throws Exception {
        Path board = Path.of("examples/board.dts");
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(null, null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            for (String format : List.of("svg", "html")) {
                JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"format\": \""
                        + format + "\"}").getAsJsonObject();
                JsonObject answer = lsp.server.memoryMapDrawing(params).get(60, TimeUnit.SECONDS);
                assertEquals(uri, answer.get("board").getAsString());
                assertEquals(format, answer.get("format").getAsString());
                StringWriter out = new StringWriter();
                Main.run(new String[] {"map", "--format", format, board.toString()}, new PrintWriter(out),
                        new PrintWriter(new StringWriter()));
                assertEquals(out.toString(), answer.get("drawing").getAsString(), format);
            }
            JsonObject wrong = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"format\": \"png\"}")
                    .getAsJsonObject();
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> lsp.server.memoryMapDrawing(wrong).get(60, TimeUnit.SECONDS));
            assertTrue(String.valueOf(refused.getMessage()).contains("\"svg\" or \"html\""), refused.getMessage());
        }
    }

    @Test
    void theOverlapsAreTheOverlapRulesFindings() throws Exception {
        Path board = Path.of("examples/board.dts");
        JsonObject printed = cli(board);
        JsonArray overlaps = printed.getAsJsonArray("overlaps");
        assertEquals(1, overlaps.size(), overlaps.toString());
        JsonObject overlap = overlaps.get(0).getAsJsonObject();
        JsonArray between = overlap.getAsJsonArray("regions");
        // the finding is on the reported region, about both: each region's diagnostics have it
        for (JsonElement side : between) {
            String path = side.getAsJsonObject().get("path").getAsString();
            JsonObject region = regionAt(printed, path);
            assertTrue(codes(region.getAsJsonArray("diagnostics")).contains("overlap"), region.toString());
        }
        assertEquals(1, codes(printed.getAsJsonArray("diagnostics")).stream().filter("overlap"::equals).count());
    }

    @Test
    void theOverlapRuleOffInTheSettingsLeavesNoOverlap(@TempDir Path dir) throws Exception {
        for (String file : List.of("board.dts", "soc.dtsi")) {
            Files.copy(Path.of("examples", file), dir.resolve(file));
        }
        Path board = dir.resolve("board.dts");
        assertEquals(1, cli(board).getAsJsonArray("overlaps").size(), "the example's overlap, before the rule is off");
        Files.writeString(dir.resolve(".carveout.json"), "{\"rules\": {\"overlap\": \"off\"}}");
        JsonObject printed = cli(board);
        assertNoOverlap(printed);
        JsonObject answered = request(board, dir);
        assertNoOverlap(answered);
        assertEquals(printed, answered);
    }

    @Test
    void theOverlapRuleOffOnTheCommandLineLeavesNoOverlap() {
        Path board = Corpus.linux().resolve("arch/arm64/boot/dts/qcom/sc7280-herobrine-evoker-lte.dts");
        assertFalse(cli(board).getAsJsonArray("overlaps").isEmpty(), "rmtfs over adsp-rpc-remote-heap");
        assertNoOverlap(cli(board, "--rule", "overlap=off"));
    }

    private static void assertNoOverlap(JsonObject document) {
        assertEquals(0, document.getAsJsonArray("overlaps").size(), document.get("overlaps").toString());
        assertFalse(codes(document.getAsJsonArray("diagnostics")).contains("overlap"));
        for (JsonElement region : document.getAsJsonArray("regions")) {
            assertFalse(codes(region.getAsJsonObject().getAsJsonArray("diagnostics")).contains("overlap"));
        }
    }

    private static JsonObject cli(Path board, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("map", "--format", "json"));
        args.addAll(List.of(options));
        args.add(board.toString());
        Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertTrue(out.toString().startsWith("{"), "no document for " + board + ":\n" + out + err);
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    // The board opened in an editor whose workspace is `root` (none: the file alone), as it is on disk.
    private static JsonObject request(Path board, Path root) throws Exception {
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(root, null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            JsonObject params = JsonParser.parseString("{\"textDocument\": {\"uri\": \"" + uri + "\"}}")
                    .getAsJsonObject();
            JsonObject answer = lsp.server.memoryMap(params).get(60, TimeUnit.SECONDS);
            assertEquals(uri, answer.remove("uri").getAsString());
            assertEquals(List.of(uri), answer.remove("boards").getAsJsonArray().asList().stream()
                    .map(JsonElement::getAsString).toList());
            return answer;
        }
    }

    private static JsonObject regionAt(JsonObject document, String path) {
        for (JsonElement region : document.getAsJsonArray("regions")) {
            if (region.getAsJsonObject().get("path").getAsString().equals(path)) {
                return region.getAsJsonObject();
            }
        }
        throw new AssertionError("no region " + path);
    }

    private static List<String> codes(JsonArray diagnostics) {
        return diagnostics.asList().stream().map(d -> d.getAsJsonObject().get("code").getAsString()).toList();
    }

    // Where two documents differ, as JSON paths with both values: readable when they do.
    private static List<String> differences(String at, JsonElement a, JsonElement b) {
        List<String> out = new ArrayList<>();
        if (a.isJsonObject() && b.isJsonObject()) {
            var keys = new java.util.LinkedHashSet<>(a.getAsJsonObject().keySet());
            keys.addAll(b.getAsJsonObject().keySet());
            for (String key : keys) {
                JsonElement x = a.getAsJsonObject().get(key);
                JsonElement y = b.getAsJsonObject().get(key);
                if (x == null || y == null) {
                    out.add(at + "." + key + ": " + x + " / " + y);
                } else {
                    out.addAll(differences(at + "." + key, x, y));
                }
            }
        } else if (a.isJsonArray() && b.isJsonArray() && a.getAsJsonArray().size() == b.getAsJsonArray().size()) {
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                out.addAll(differences(at + "[" + i + "]", a.getAsJsonArray().get(i), b.getAsJsonArray().get(i)));
            }
        } else if (!a.equals(b)) {
            out.add(at + ": " + a + " / " + b);
        }
        return out.size() > 20 ? out.subList(0, 20) : out;
    }
}
