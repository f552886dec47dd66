package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.carveout.memory.Rule;
import io.carveout.memory.check.RuleTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * carveout check's SARIF is valid against the SARIF 2.1.0 schema (the OASIS file under
 * src/test/resources/sarif, see its NOTICE.txt), describes every rule as dashboards show it
 * (summary, full description, help in text and Markdown, the README's section on the rule), and
 * names files under the working directory relative to %SRCROOT%, which the run resolves.
 */
class SarifSchemaTest {

    private static String sarif(String... files) {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(files));
        StringWriter out = new StringWriter();
        Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(new StringWriter()));
        return out.toString();
    }

    private static Schema schema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(text, InputFormat.JSON);
        }
    }

    @Test
    void theExampleAndASharedFileAreValidSarif() throws IOException {
        Schema schema = schema();
        java.nio.file.Path corpus = io.carveout.testing.Corpus.require().resolve("linux/arch/arm64/boot/dts/qcom");
        for (String log : List.of(sarif("examples/board.dts"), sarif("examples/soc.dtsi", "examples/board.dts"),
                sarif(corpus.resolve("qcs6490-rb3gen2.dts").toString(), corpus.resolve("sc7280-idp.dts").toString()))) {
            List<Error> errors = schema.validate(log, InputFormat.JSON,
                    context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
            assertEquals(List.of(), errors.stream().map(Error::toString).toList());
        }
        // the schema is read: a log it must refuse is refused
        JsonObject broken = JsonParser.parseString(sarif("examples/board.dts")).getAsJsonObject();
        broken.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject()
                .addProperty("level", "fatal");
        assertTrue(!schema.validate(broken.toString(), InputFormat.JSON).isEmpty(), "an unknown level passes");
    }

    @Test
    void everyRuleHasHelpAndTheReadmeItsSection() throws IOException {
        JsonObject run = JsonParser.parseString(sarif("examples/board.dts")).getAsJsonObject()
                .getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
        String readme = Files.readString(Path.of("README.md"));
        for (Rule rule : RuleTable.RULES) {
            JsonObject descriptor = null;
            for (JsonElement r : rules) {
                if (r.getAsJsonObject().get("id").getAsString().equals(rule.id())) {
                    descriptor = r.getAsJsonObject();
                }
            }
            assertTrue(descriptor != null, rule.id());
            String full = descriptor.getAsJsonObject("fullDescription").get("text").getAsString();
            // the README's row of the rule table, as text
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| <a id=\"rule-" + rule.id()
                    + "\"></a>`" + rule.id() + "` \\| [^|]+ \\| (.+) \\|\n").matcher(readme);
            assertTrue(row.find(), "the README's rule table has no anchored row for " + rule.id());
            assertEquals(row.group(1).replace("`", ""), full, rule.id());
            JsonObject help = descriptor.getAsJsonObject("help");
            assertTrue(help.get("text").getAsString().contains("--rule " + rule.id() + "=LEVEL"), help.toString());
            assertTrue(help.get("markdown").getAsString().contains("`/* carveout-ignore " + rule.id()), help.toString());
            String uri = descriptor.get("helpUri").getAsString();
            assertTrue(uri.endsWith("README.md#rule-" + rule.id()), uri);
        }
        JsonObject location = run.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("locations")
                .get(0).getAsJsonObject().getAsJsonObject("physicalLocation").getAsJsonObject("artifactLocation");
        assertEquals("examples/board.dts", location.get("uri").getAsString());
        assertEquals("%SRCROOT%", location.get("uriBaseId").getAsString());
        String root = run.getAsJsonObject("originalUriBaseIds").getAsJsonObject("%SRCROOT%").get("uri").getAsString();
        assertEquals(Path.of("").toAbsolutePath().toUri().toString(), root);
        assertTrue(root.endsWith("/"), root);
    }
}
