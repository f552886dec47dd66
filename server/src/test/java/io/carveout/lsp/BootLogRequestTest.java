package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.carveout.testing.ResourceFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** carveout/bootLog answers for the open board what {@code carveout map --boot-log} prints. */
class BootLogRequestTest {

    @Test
    void theLogOfABootWhereTheBootloaderMovedARegion() throws Exception {
        Path dir = ResourceFixtures.folder("bootlog");
        Path board = dir.resolve("board.dts");
        String log = Files.readString(dir.resolve("v6.9-bootloader-moved.log"));
        try (LspHarness lsp = new LspHarness()) {
            lsp.initialize(dir, null);
            String uri = lsp.open(board);
            lsp.awaitVersion(uri, 1);
            JsonObject params = LspHarness.documentParams(uri);
            params.addProperty("log", log);
            JsonObject answer = lsp.server.bootLog(params).get(60, TimeUnit.SECONDS);
            assertEquals(uri, answer.get("board").getAsString());
            assertTrue(answer.get("everyRegionLogged").getAsBoolean());
            assertFalse(answer.get("agrees").getAsBoolean());
            List<JsonObject> lines = answer.getAsJsonArray("lines").asList().stream().map(JsonElement::getAsJsonObject)
                    .toList();
            assertEquals(List.of("same", "differs", "elsewhere", "unknown"),
                    lines.stream().map(l -> l.get("verdict").getAsString()).toList());
            JsonObject moved = lines.get(1);
            assertTrue(moved.get("text").getAsString().endsWith("(moved by +0x700000)"), moved.toString());
            assertEquals(2, moved.get("logLine").getAsInt());
            JsonObject location = moved.getAsJsonObject("location");
            assertEquals(uri, location.get("uri").getAsString());
            // the reg of rmtfs@9c900000, line 27 (0-based 26)
            assertEquals(26, location.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
            assertFalse(lines.get(3).has("location"), "a region only the log has has no place in the sources");
        }
    }
}
