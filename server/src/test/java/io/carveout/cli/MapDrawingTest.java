package io.carveout.cli;

import static io.carveout.testing.Svg.number;
import static io.carveout.testing.Svg.parse;
import static io.carveout.testing.Svg.withClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.memory.BootLog;
import io.carveout.testing.Corpus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code carveout map --format svg|html}: the drawing of the document {@code --format json}
 * prints, on the example and on real boards with a large /reserved-memory. The SVG is
 * well-formed XML; every region is in it by name and label (a bar on the axis, or a row below
 * it for a region the kernel places at boot); every overlap of the document is a red band with
 * its extent written; every stretch cut out of the scale says its size; and within a stretch
 * between two breaks an address is drawn at a height linear in it, one scale for all.
 */
class MapDrawingTest {

    @ParameterizedTest
    @MethodSource("io.carveout.testing.Corpus#memoryMapBoards")
    void theSvgDrawsEveryRegionOfTheDocument(Path board) throws Exception {
        JsonObject document = JsonParser.parseString(run("json", board)).getAsJsonObject();
        String printed = run("svg", board);
        Document svg = parse(printed);
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        String text = svg.getDocumentElement().getTextContent();

        Map<String, Integer> bars = new HashMap<>();
        withClass(svg, "region").forEach(b -> bars.merge(b.getAttribute("data-name"), 1, Integer::sum));
        List<String> listed = withClass(svg, "unplaced-row").stream().map(r -> r.getAttribute("data-name")).toList();
        for (JsonElement r : document.getAsJsonArray("regions")) {
            JsonObject region = r.getAsJsonObject();
            String name = region.get("name").getAsString();
            long drawable = region.getAsJsonArray("reg").asList().stream()
                    .filter(e -> !e.getAsJsonObject().get("size").getAsString().equals("0x0")).count();
            boolean placed = region.has("placement")
                    && region.getAsJsonObject("placement").get("state").getAsString().equals("placed");
            if (drawable > 0 || placed) {
                assertEquals((int) drawable + (placed ? 1 : 0), (int) bars.getOrDefault(name, 0), board + ": bars of " + name);
            }
            if (drawable == 0) {
                assertTrue(listed.contains(name), board + ": " + name + " is neither drawn nor listed");
            }
            for (JsonElement label : region.getAsJsonArray("labels")) {
                assertTrue(text.contains(label.getAsString() + ": " + name), board + ": no label " + label + ": " + name);
            }
        }
        for (JsonElement r : document.getAsJsonArray("memreserve")) {
            assertTrue(bars.containsKey(r.getAsJsonObject().get("name").getAsString()), board + ": " + r);
        }

        List<Element> bands = withClass(svg, "overlap-band");
        assertEquals(document.getAsJsonArray("overlaps").size(), bands.size(), board + ": overlaps");
        for (JsonElement o : document.getAsJsonArray("overlaps")) {
            JsonObject overlap = o.getAsJsonObject();
            BigInteger base = hex(overlap.get("base").getAsString());
            BigInteger end = hex(overlap.get("end").getAsString());
            String extent = hex(base, svg) + ".." + hex(end.subtract(BigInteger.ONE), svg) + "  "
                    + BootLog.humanSize(end.subtract(base).longValue()) + " reserved twice";
            assertTrue(withClass(svg, "overlap-label").stream().anyMatch(l -> l.getTextContent().contains(extent)),
                    board + ": no overlap marked " + extent);
            for (JsonElement side : overlap.getAsJsonArray("regions")) {
                String name = side.getAsJsonObject().get("name").getAsString();
                assertTrue(withClass(svg, "region").stream().anyMatch(b -> b.getAttribute("data-name").equals(name)
                        && b.getAttribute("class").contains("overlapping")), board + ": " + name + " not marked");
            }
        }
        for (Element b : withClass(svg, "break")) {
            assertTrue(b.getTextContent().matches("(?s).*⋯ [0-9.]+ (bytes|KiB|MiB|GiB|TiB) .*"), b.getTextContent());
        }
        assertLinear(board, svg);
    }

    @Test
    void theExampleCutsOutTheLongGapAndMarksItsOverlap() throws Exception {
        Document svg = parse(run("svg", Path.of("examples/board.dts")));
        List<Element> breaks = withClass(svg, "break");
        assertEquals(1, breaks.size());
        assertTrue(breaks.get(0).getTextContent().contains("⋯ 184 MiB free"), breaks.get(0).getTextContent());
        String text = svg.getDocumentElement().getTextContent();
        for (String label : List.of("camera_mem: camera@84300000", "0x84300000..0x847fffff  5 MiB",
                "modem_mem: modem@86000000", "overlap: modem@86000000 × adsp@86100000",
                "0x86100000..0x865fffff  5 MiB reserved twice", "ipa_fw_mem: ipa-fw@8b700800",
                "⚠ boundary-alignment", "✖ nomap-reusable", "adsp_heap: adsp-heap (predicted)")) {
            assertTrue(text.contains(label), "missing " + label);
        }
        // the click opens the node where it is written
        Element camera = withClass(svg, "region").stream().filter(b -> b.getAttribute("data-name").equals("camera@84300000"))
                .findFirst().orElseThrow();
        assertEquals("a", camera.getLocalName());
        assertTrue(camera.getAttribute("href").startsWith("file:/") && camera.getAttribute("href").endsWith("/examples/soc.dtsi"),
                camera.getAttribute("href"));
        assertEquals("soc.dtsi:35", camera.getAttribute("data-where"));
        assertEquals("34,14,34,29", camera.getAttribute("data-range"), "the node name on line 35");
    }

    @Test
    void thePageIsTheSvgWithTheScript() throws Exception {
        Path board = Path.of("examples/board.dts");
        String svg = run("svg", board);
        String html = run("html", board);
        assertTrue(html.startsWith("<!DOCTYPE html>\n"), html.substring(0, 40));
        assertTrue(html.contains("<main id=\"carveout-map\">\n" + svg + "</main>"), "the page holds the SVG as it is");
        assertTrue(html.contains("<title>Memory map of board.dts</title>"));
        String script;
        try (var in = io.carveout.workspace.MemoryMapDrawing.class.getResourceAsStream("memory-map.js")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(html.contains("<script>\n" + script + "</script>"), "the page holds the script as it is");
        assertTrue(!script.contains("</script"), "the script cannot end the element it is inlined in");
    }

    /** Within a segment, y = top of the segment + (address - its base) * one scale for the whole drawing. */
    private static void assertLinear(Path board, Document svg) {
        List<Element> axes = withClass(svg, "axis");
        if (withClass(svg, "region").isEmpty()) {
            assertEquals(List.of(), axes, board + ": an axis without a region");
            return;
        }
        double scale = 0;
        double longest = 0;
        for (Element axis : axes) {
            double pixels = number(axis, "y2") - number(axis, "y1");
            double bytes = hex(axis.getAttribute("data-end")).subtract(hex(axis.getAttribute("data-base"))).doubleValue();
            if (pixels > longest) {
                longest = pixels;
                scale = pixels / bytes;
            }
        }
        assertTrue(scale > 0, board + ": no axis");
        int checked = 0;
        for (Element axis : axes) {
            BigInteger base = hex(axis.getAttribute("data-base"));
            BigInteger end = hex(axis.getAttribute("data-end"));
            double bytes = end.subtract(base).doubleValue();
            assertEquals(number(axis, "y1") + bytes * scale, number(axis, "y2"), 0.05, board + ": the scale of " + base.toString(16));
            for (Element bar : withClass(svg, "region")) {
                BigInteger at = hex(bar.getAttribute("data-base"));
                if (bar.getAttribute("data-segment").equals(axis.getAttribute("data-segment"))) {
                    assertTrue(at.compareTo(base) >= 0 && at.compareTo(end) < 0, board + ": " + bar.getAttribute("data-name"));
                    double y = number((Element) bar.getElementsByTagNameNS("*", "rect").item(0), "y");
                    assertEquals(number(axis, "y1") + at.subtract(base).doubleValue() * scale, y, 0.05,
                            board + ": " + bar.getAttribute("data-name") + " is not where its address is");
                    checked++;
                }
            }
        }
        assertEquals(withClass(svg, "region").size(), checked, board + ": bars outside every segment");
    }

    private static String run(String format, Path board) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(new String[] {"map", "--format", format, board.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertTrue(!out.toString().isEmpty(), "nothing printed for " + board + ":\n" + err);
        return out.toString();
    }

    private static BigInteger hex(String text) {
        return new BigInteger(text.substring(2), 16);
    }

    // as the drawing writes an address: zero-padded to the width of the map's highest one
    private static String hex(BigInteger value, Document svg) {
        int digits = withClass(svg, "address").get(0).getTextContent().length() - 2;
        String bare = value.toString(16);
        return "0x" + "0".repeat(Math.max(0, digits - bare.length())) + bare;
    }
}
