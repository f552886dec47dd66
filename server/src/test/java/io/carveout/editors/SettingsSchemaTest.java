package io.carveout.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.workspace.Settings;
import io.carveout.workspace.SettingsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The editors' settings against the server's: the JSON schema of .carveout.json that the VS
 * Code extension contributes its settings from (vscode-client/schemas/carveout.schema.json)
 * names exactly the keys SettingsFile reads, and every default and example in it is read
 * without a problem.
 */
class SettingsSchemaTest {
    private static final Path SCHEMA = Path.of("vscode-client", "schemas", "carveout.schema.json");
    private static final Path PACKAGE = Path.of("vscode-client", "package.json");
    private static final Path READER = Path.of("server", "src", "main", "java", "io", "carveout", "workspace", "SettingsFile.java");

    private static JsonObject properties() throws Exception {
        return JsonParser.parseString(Files.readString(SCHEMA)).getAsJsonObject().getAsJsonObject("properties");
    }

    @Test
    void schemaNamesTheKeysTheServerReads() throws Exception {
        // the keys of SettingsFile.apply's switch, read from its source
        List<String> read = new ArrayList<>();
        Matcher m = Pattern.compile("case \"(\\w+)\" ->").matcher(Files.readString(READER));
        while (m.find()) {
            read.add(m.group(1));
        }
        assertTrue(read.size() >= 10, read.toString());
        assertEquals(read.stream().sorted().toList(), properties().keySet().stream().sorted().toList());
    }

    @Test
    void everyDefaultAndExampleIsReadWithoutProblems() throws Exception {
        for (Map.Entry<String, JsonElement> property : properties().entrySet()) {
            JsonObject definition = property.getValue().getAsJsonObject();
            List<JsonElement> values = new ArrayList<>();
            values.add(definition.get("default"));
            definition.getAsJsonArray("examples").forEach(values::add);
            for (JsonElement value : values) {
                JsonObject settings = new JsonObject();
                settings.add(property.getKey(), value);
                SettingsFile.Read result = SettingsFile.apply(settings, Path.of("/project"), Settings.DEFAULT);
                assertEquals(List.of(), result.problems(), property.getKey() + " = " + value);
            }
        }
    }

    @Test
    void schemaDefaultsAreTheServerDefaults() throws Exception {
        JsonObject p = properties();
        assertEquals(Settings.DEFAULT.pageSize(), p.getAsJsonObject("pageSize").get("default").getAsLong());
        assertEquals(Settings.DEFAULT.boundaryAlignment(), p.getAsJsonObject("boundaryAlignment").get("default").getAsLong());
        assertEquals(Settings.DEFAULT.cmaAlignment(), p.getAsJsonObject("cmaAlignment").get("default").getAsLong());
        assertEquals(Settings.DEFAULT.cmaAreas(), p.getAsJsonObject("cmaAreas").get("default").getAsInt());
    }

    @Test
    void vsCodeContributesEveryKeyUnderCarveout() throws Exception {
        JsonObject contributed = JsonParser.parseString(Files.readString(PACKAGE)).getAsJsonObject()
                .getAsJsonObject("contributes").getAsJsonObject("configuration").getAsJsonObject("properties");
        for (String key : properties().keySet()) {
            assertTrue(contributed.has("carveout." + key), "package.json lacks carveout." + key);
        }
    }
}
