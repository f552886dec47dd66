package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carveout check}: the three formats, the exit status, --rule, --board and --baseline. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static final String SOC = """
            / {
            	#address-cells = <2>;
            	#size-cells = <2>;

            	reserved-memory {
            		#address-cells = <2>;
            		#size-cells = <2>;
            		ranges;

            		tz_mem: tz@80000000 {
            			reg = <0x0 0x80000000 0x0 0x400000>;
            			no-map;
            		};
            	};
            };
            """;

    private static final String BOARD = """
            /dts-v1/;

            #include "soc.dtsi"

            / {
            	reserved-memory {
            		extra@80400000 {
            			reg = <0x0 0x80400000 0x0 0x100000>;
            			no-map;
            		};
            	};
            };
            """;

    /** A Qualcomm SoC whose odd region breaks the 1 MiB vendor rule in every board that includes it. */
    private static final String SHARED_SOC = """
            / {
            	compatible = "qcom,example-soc";
            	#address-cells = <2>;
            	#size-cells = <2>;
            	reserved-memory {
            		#address-cells = <2>;
            		#size-cells = <2>;
            		ranges;
            		odd@80080000 {
            			reg = <0x0 0x80080000 0x0 0x100000>;
            		};
            		low: low@80400000 {
            			reg = <0x0 0x80400000 0x0 0x100000>;
            		};
            	};
            };
            """;

    @Test
    void theExampleFailsWithCompilerStyleLinesAndNotes() {
        CliRun run = run("check", "examples/board.dts");
        assertEquals(1, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("examples/board.dts:18:4: error: modem@86000000 "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" [overlap]"), lines.get(0));
        assertEquals("    examples/soc.dtsi:46:4: note: adsp@86100000 0x86100000..0x888fffff (40 MiB) is defined here",
                lines.get(1));
        for (String rule : List.of("overlap", "unit-address", "page-alignment", "boundary-alignment", "nomap-reusable",
                "firmware-region")) {
            assertTrue(run.out().contains("[" + rule + "]"), rule);
        }
        assertEquals("2 errors, 4 warnings, 0 notes", lines.get(lines.size() - 1));
    }

    /** map exits as check does: 0 with warnings at most, 1 with a finding at error level, 2 on bad input. */
    @Test
    void mapAndCheckShareTheirExitStatuses() throws IOException {
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        Files.writeString(dir.resolve("board.dts"), BOARD);
        for (String command : List.of("check", "map")) {
            assertEquals(0, run(command, dir.resolve("board.dts").toString()).status(), command);
            assertEquals(2, run(command, dir.resolve("nope.dts").toString()).status(), command);
            assertEquals(2, run(command, "--rule", "overlap=loud", dir.resolve("board.dts").toString()).status(),
                    command);
        }
        Files.writeString(dir.resolve("board.dts"), BOARD.replace("0x80400000 0x0", "0x80300000 0x0"));
        for (String command : List.of("check", "map")) {
            CliRun overlapping = run(command, dir.resolve("board.dts").toString());
            assertEquals(1, overlapping.status(), command + ": " + overlapping.out());
            assertTrue(overlapping.out().contains("overlaps tz@80000000"), overlapping.out());
            assertEquals(0, run(command, "--rule", "overlap=warning", dir.resolve("board.dts").toString()).status(),
                    command);
        }
    }

    @Test
    void aCleanFileExitsZeroSilentlyAndAMissingOneExitsTwo() throws IOException {
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        CliRun clean = run("check", dir.resolve("soc.dtsi").toString());
        assertEquals(0, clean.status(), clean.out() + clean.err());
        assertEquals("", clean.out());
        CliRun missing = run("check", dir.resolve("nope.dts").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.dts: error: cannot read file: no such file"), missing.err());
    }

    @Test
    void rulesCanBeSetFromTheCommandLine() {
        CliRun off = run("check", "--rule", "overlap=off", "--rule", "page-alignment=warning", "--rule",
                "nomap-reusable=info", "--rule", "firmware-region=off", "examples/board.dts");
        assertEquals(0, off.status(), off.out());
        assertFalse(off.out().contains("[overlap]"));
        assertTrue(off.out().contains(": warning: no-map region ipa-fw@8b700800"), off.out());
        assertEquals(2, run("check", "--rule", "no-such-rule=off", "examples/board.dts").status());
        assertEquals(2, run("check", "--rule", "overlap=loud", "examples/board.dts").status());
    }

    @Test
    void settingsFileLevelsApply() throws IOException {
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        Files.writeString(dir.resolve("board.dts"), BOARD.replace("0x80400000 0x0", "0x80300000 0x0"));
        assertEquals(1, run("check", dir.resolve("board.dts").toString()).status());
        Files.writeString(dir.resolve(".carveout.json"), "{ \"rules\": { \"overlap\": \"warning\" } }");
        CliRun run = run("check", dir.resolve("board.dts").toString());
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains(": warning: extra@80400000 "), run.out());
    }

    /**
     * A bad .carveout.json is an input error as a bad --rule is: each problem at the line and
     * column of its key, exit status 2, for check and map alike (it was a warning without a
     * place, and the exit status said all was well while a misspelt key left a rule as it was).
     */
    @Test
    void badSettingsAreAnErrorAtTheirPlace() throws IOException {
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        Files.writeString(dir.resolve("board.dts"), BOARD);
        Path settings = dir.resolve(".carveout.json");
        Files.writeString(settings, """
                {
                  "pageSize": 4096,
                  "rule": { "overlap": "off" },
                  "rules": {
                    "overlap": "loud",
                    "no-such-rule": "off"
                  },
                  "cmaAreas": "eight"
                }
                """);
        for (String command : List.of("check", "map")) {
            CliRun run = run(command, dir.resolve("board.dts").toString());
            assertEquals(2, run.status(), command + ": " + run.err());
            List<String> lines = run.err().lines().toList();
            assertEquals(List.of(settings + ":3:3: error: unknown setting \"rule\"",
                    settings + ":5:5: error: rules.overlap: \"loud\" is not one of off, info, warning, error",
                    settings + ":6:5: error: rules: unknown rule \"no-such-rule\"",
                    settings + ":8:3: error: cmaAreas: not a number: For input string: \"eight\""), lines, command);
        }
        Files.writeString(settings, "{\n  \"rules\": {\n    \"overlap\" \"off\"\n  }\n}\n");
        for (String command : List.of("check", "map")) {
            CliRun run = run(command, dir.resolve("board.dts").toString());
            assertEquals(2, run.status(), command + ": " + run.err());
            assertTrue(run.err().startsWith(settings + ":3:"), run.err());
            assertTrue(run.err().contains(": error: not valid JSON: "), run.err());
        }
    }

    @Test
    void aFindingInAFileSeveralBoardsIncludeIsReportedOnce() throws IOException {
        // the SoC's misaligned region, seen from two boards whose regions above differ, so that
        // the align fix of each board shifts a different number of regions
        Files.writeString(dir.resolve("shared.dtsi"), SHARED_SOC);
        String board = "/dts-v1/;\n#include \"shared.dtsi\"\n/ { reserved-memory { %s }; };\n";
        Files.writeString(dir.resolve("one.dts"), board.formatted(""));
        Files.writeString(dir.resolve("two.dts"), board.formatted(
                "next@80180000 { reg = <0x0 0x80180000 0x0 0x100000>; };"));
        CliRun run = run("check", dir.resolve("one.dts").toString(), dir.resolve("two.dts").toString());
        long reported = run.out().lines().filter(l -> l.contains("warning: odd@80080000 has base")).count();
        assertEquals(1, reported, run.out());
    }

    /**
     * A finding in a shared .dtsi is printed once however many boards find it, and says which:
     * a note line after it in text (the list shortened past four boards), the boards in JSON and
     * in SARIF's one result. A finding whose message differs per board stays one per message.
     */
    @Test
    void aSharedFindingNamesItsBoards() throws IOException {
        Files.writeString(dir.resolve("shared.dtsi"), SHARED_SOC);
        List<String> boards = new java.util.ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            // board 6 moves low to a base of its own: its boundary finding differs in message and place
            String body = i == 6 ? "&low { reg = <0x0 0x80480000 0x0 0x100000>; };" : "";
            Files.writeString(dir.resolve("b" + i + ".dts"), "/dts-v1/;\n#include \"shared.dtsi\"\n" + body + "\n");
            boards.add(dir.resolve("b" + i + ".dts").toString());
        }
        List<String> args = new java.util.ArrayList<>(List.of("check"));
        args.addAll(boards);
        CliRun run = run(args.toArray(String[]::new));
        List<String> lines = run.out().lines().toList();
        int odd = lines.indexOf(lines.stream().filter(l -> l.contains("warning: odd@80080000 has base")).findFirst()
                .orElseThrow(() -> new AssertionError(run.out())));
        assertEquals(1, lines.stream().filter(l -> l.contains("warning: odd@80080000 has base")).count(), run.out());
        assertEquals("    note: in 6 of 6 boards: b1.dts, b2.dts, b3.dts, ... (+3)", lines.get(odd + 1));
        List<String> moved = lines.stream().filter(l -> l.contains("low@80400000 has base 0x80480000")).toList();
        assertEquals(1, moved.size(), run.out());
        assertTrue(lines.contains("    note: in 1 of 6 boards: b6.dts"), run.out());

        args.set(0, "--format=json");
        args.add(0, "check");
        JsonArray diagnostics = JsonParser.parseString(run(args.toArray(String[]::new)).out()).getAsJsonObject()
                .getAsJsonArray("diagnostics");
        JsonObject first = diagnostics.asList().stream().map(JsonObject.class::cast)
                .filter(d -> d.get("message").getAsString().startsWith("odd@80080000 has base")).findFirst().orElseThrow();
        assertEquals(6, first.getAsJsonArray("boards").size());
        assertTrue(first.getAsJsonArray("boards").get(5).getAsString().endsWith("b6.dts"));

        args.set(1, "--format=sarif");
        JsonArray results = JsonParser.parseString(run(args.toArray(String[]::new)).out()).getAsJsonObject()
                .getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results");
        List<JsonObject> odds = results.asList().stream().map(JsonObject.class::cast).filter(r -> r.getAsJsonObject(
                "message").get("text").getAsString().startsWith("odd@80080000 has base")).toList();
        assertEquals(1, odds.size());
        assertTrue(odds.get(0).getAsJsonObject("message").get("text").getAsString()
                .endsWith(" (in 6 of 6 boards: b1.dts, b2.dts, b3.dts, ... (+3))"), odds.get(0).toString());
        assertEquals(6, odds.get(0).getAsJsonObject("properties").getAsJsonArray("boards").size());
    }

    @Test
    void theVendorRuleIsReportedOncePerRegionOverBoardsSharingTheSoc() {
        java.nio.file.Path qcom = io.carveout.testing.Corpus.require().resolve("linux/arch/arm64/boot/dts/qcom");
        CliRun run = run("check", qcom.resolve("qcs6490-rb3gen2.dts").toString(),
                qcom.resolve("qcm6490-fairphone-fp5.dts").toString(), qcom.resolve("sc7280-idp.dts").toString());
        List<String> vendorRule = run.out().lines()
                .filter(l -> l.contains("kodiak.dtsi:") && l.endsWith("[boundary-alignment]")).toList();
        assertTrue(vendorRule.size() > 5, run.out());
        assertEquals(vendorRule.size(), vendorRule.stream().distinct().count(), String.join("\n", vendorRule));
        List<String> places = vendorRule.stream().map(l -> l.substring(0, l.indexOf(": warning:"))).toList();
        assertEquals(places.size(), places.stream().distinct().count(), "one finding per region: " + places);
    }

    @Test
    void jsonHasPlacesRelatedAndFixes() {
        CliRun run = run("check", "--format", "json", "examples/board.dts");
        assertEquals(1, run.status());
        JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(1, root.get("version").getAsInt());
        JsonArray diagnostics = root.getAsJsonArray("diagnostics");
        JsonObject first = diagnostics.get(0).getAsJsonObject();
        assertEquals("examples/board.dts", first.get("file").getAsString());
        assertEquals(18, first.get("line").getAsInt());
        assertEquals(4, first.get("column").getAsInt());
        assertEquals(18, first.get("endLine").getAsInt());
        assertEquals(40, first.get("endColumn").getAsInt());
        assertEquals("error", first.get("severity").getAsString());
        assertEquals("overlap", first.get("rule").getAsString());
        JsonObject related = first.getAsJsonArray("related").get(0).getAsJsonObject();
        assertEquals("examples/soc.dtsi", related.get("file").getAsString());
        JsonObject fix = first.getAsJsonArray("fixes").get(0).getAsJsonObject();
        // adsp is the SoC's no-map region, the firmware's: the fix moves the board's modem past it
        assertEquals("move modem@86000000 to 0x88900000, after adsp@86100000", fix.get("title").getAsString());
        JsonObject edit = fix.getAsJsonArray("edits").get(0).getAsJsonObject();
        assertEquals("examples/board.dts", edit.get("file").getAsString());
        assertEquals("0x88900000", edit.get("newText").getAsString());
    }

    /**
     * --format github prints GitHub Actions annotations: one workflow command per finding at its
     * place, the related places and fixes as further lines, escaped as GitHub's toolkit escapes
     * (%, CR and LF in the message; also : and , in a property such as the file name).
     */
    @Test
    void githubAnnotationsAreWorkflowCommandsEscapedAsGithubDoes() throws IOException {
        CliRun run = run("check", "--format", "github", "examples/board.dts");
        assertEquals(1, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("::error file=examples/board.dts,line=18,col=4,endLine=18,endColumn=40,"
                + "title=[overlap]::modem@86000000 0x86000000..0x865fffff (6 MiB) overlaps adsp@86100000 "), lines.get(0));
        assertTrue(lines.get(0).contains("%0Aexamples/soc.dtsi:46:4: note: adsp@86100000 "), lines.get(0));
        assertTrue(lines.get(0).endsWith("%0Afix: move modem@86000000 to 0x88900000, after adsp@86100000"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=examples/board.dts,line=23,")), run.out());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("::error ") || l.startsWith("::warning ")), run.out());

        Path odd = dir.resolve("50%,odd:name.dts");
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        Files.writeString(odd, BOARD.replace("0x80400000 0x0", "0x80300000 0x0"));
        String annotation = run("check", "--format", "github", odd.toString()).out().lines().findFirst().orElseThrow();
        assertTrue(annotation.startsWith("::warning file=" + dir.toString().replace(":", "%3A").replace(",", "%2C")
                + "/50%25%2Codd%3Aname.dts,line=7,col=3,"), annotation);
        assertEquals("a%25b%0D%0Ac: d, e", CheckOutput.data("a%b\r\nc: d, e"));
        assertEquals("a%25b%0D%0Ac%3A d%2C e", CheckOutput.property("a%b\r\nc: d, e"));
    }

    @Test
    void sarifIsVersion210WithRulesResultsAndFixes() {
        CliRun run = run("check", "--format", "sarif", "examples/board.dts");
        JsonObject root = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("2.1.0", root.get("version").getAsString());
        JsonObject sarifRun = root.getAsJsonArray("runs").get(0).getAsJsonObject();
        JsonObject driver = sarifRun.getAsJsonObject("tool").getAsJsonObject("driver");
        assertEquals("carveout", driver.get("name").getAsString());
        assertTrue(driver.getAsJsonArray("rules").size() >= 23);
        JsonObject result = sarifRun.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals("overlap", result.get("ruleId").getAsString());
        assertEquals("error", result.get("level").getAsString());
        JsonObject location = result.getAsJsonArray("locations").get(0).getAsJsonObject()
                .getAsJsonObject("physicalLocation");
        assertEquals("examples/board.dts", location.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(18, location.getAsJsonObject("region").get("startLine").getAsInt());
        assertTrue(result.getAsJsonArray("fixes").size() > 0);
        assertTrue(result.getAsJsonArray("relatedLocations").size() > 0);
    }

    @Test
    void aDtsiInsideABoardHearsAboutItselfAndIsNotItsOwnBaseline() {
        CliRun run = run("check", "examples/soc.dtsi", "--board", "examples/board.dts");
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("[overlap]"), "the overlap involves adsp in soc.dtsi");
        assertFalse(run.out().contains("[nomap-reusable]"), "display-heap is the board's alone");
        assertFalse(run.out().contains("[firmware-region]"), "soc.dtsi is the file checked, not the baseline");
        CliRun unrelated = run("check", "examples/board.dts", "--board", "examples/board.dts");
        assertEquals(2, unrelated.status(), "a board does not include itself");
    }

    @Test
    void theBaselineCanComeFromAGitRevision() throws IOException {
        Tools.require("git");
        Files.writeString(dir.resolve("soc.dtsi"), SOC);
        Files.writeString(dir.resolve("board.dts"), BOARD);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "golden map");
        // the SoC file itself shrinks tz: against the working files there is nothing to say
        Files.writeString(dir.resolve("soc.dtsi"), SOC.replace("0x0 0x400000>", "0x0 0x200000>"));
        CliRun plain = run("check", dir.resolve("board.dts").toString());
        assertEquals(0, plain.status(), plain.out());
        CliRun golden = run("check", "--baseline", "HEAD", dir.resolve("board.dts").toString());
        assertEquals(1, golden.status(), golden.out() + golden.err());
        assertTrue(golden.out().contains("soc.dtsi:11:"), golden.out());
        assertTrue(golden.out().contains("smaller than revision HEAD's no-map 0x80000000..0x803fffff (4 MiB)"),
                golden.out());
        assertTrue(golden.out().contains("[firmware-region]"), golden.out());
        assertEquals(2, run("check", "--baseline", "no-such-rev", dir.resolve("board.dts").toString()).status());
    }

    private void git(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(dir, command);
        assertEquals(0, result.status(), result.stderr());
    }

    @Test
    void mapShowsPlacementsGapsAndTheDiagnosticsOfEachRegion() {
        CliRun run = run("map", "examples/board.dts");
        // the example's overlap and no-map + reusable are errors: map exits 1 on them, as check does
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("    predicted 0x0000000098000000..0x00000000987fffff (8192 KiB) map reusable "
                + "adsp-heap"), run.out());
        assertTrue(run.out().contains("gaps (holes between the regions only; DRAM is unknown"), run.out());
        assertTrue(run.out().contains("    error: display-heap@8c000000 has both no-map and reusable"), run.out());
        JsonObject json = JsonParser.parseString(run("map", "--format", "json", "examples/board.dts").out())
                .getAsJsonObject();
        assertEquals("unknown", json.getAsJsonObject("dram").get("source").getAsString());
        assertTrue(json.getAsJsonArray("gaps").size() > 0);
    }
}
