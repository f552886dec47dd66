package io.carveout.workspace;

import static io.carveout.testing.Svg.child;
import static io.carveout.testing.Svg.number;
import static io.carveout.testing.Svg.parse;
import static io.carveout.testing.Svg.withClass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.memory.BootLog;
import io.carveout.testing.Svg;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The drawing of a memory-map document, on the shape of sc7280-herobrine-evoker-lte written as
 * the server's document gives it: rmtfs grown over adsp-rpc-remote-heap (the overlap and the
 * gaps are the document's, never computed by the drawing), a CMA pool placed at boot, a
 * disabled region far above. The corpus boards and the command are {@code cli.MapDrawingTest}.
 */
class MemoryMapDrawingTest {

    private static JsonObject range(long base, long size) {
        JsonObject r = new JsonObject();
        r.addProperty("base", "0x" + Long.toHexString(base));
        r.addProperty("size", "0x" + Long.toHexString(size));
        r.addProperty("end", "0x" + Long.toHexString(base + size));
        return r;
    }

    private static JsonObject reserved(String name, long base, long size) {
        JsonObject r = JsonParser.parseString("{\"labels\": [], \"status\": \"okay\", \"enabled\": true,"
                + " \"kind\": \"static\", \"cma\": false, \"noMap\": true, \"reusable\": false, \"allocRanges\": [],"
                + " \"bootLog\": [], \"consumers\": [], \"diagnostics\": []}").getAsJsonObject();
        r.addProperty("name", name);
        r.addProperty("path", "/reserved-memory/" + name);
        JsonArray reg = new JsonArray();
        if (size > 0) {
            reg.add(range(base, size));
            r.getAsJsonArray("bootLog").add(BootLog.line(new io.carveout.memory.AddressRange(base, size), true, false,
                    name));
        }
        r.add("reg", reg);
        return r;
    }

    private static JsonObject reference(String name) {
        JsonObject r = new JsonObject();
        r.addProperty("name", name);
        r.addProperty("path", "/reserved-memory/" + name);
        r.addProperty("entry", 0);
        return r;
    }

    private static JsonObject gap(long base, long size, String below, String above) {
        JsonObject g = range(base, size);
        if (below != null) {
            g.addProperty("below", below);
        }
        if (above != null) {
            g.addProperty("above", above);
        }
        return g;
    }

    /** The document of the TypeScript layout's former test, now the drawing's. */
    private static JsonObject herobrine() {
        JsonObject map = new JsonObject();
        map.addProperty("board", "file:///b.dts");
        map.add("overlays", new JsonArray());
        map.add("dram", JsonParser.parseString("{\"source\": \"unknown\", \"known\": false, \"ranges\": [],"
                + " \"explanation\": \"DRAM is unknown\"}"));
        map.add("memreserve", new JsonArray());
        JsonArray regions = new JsonArray();
        regions.add(reserved("wpss@9ae00000", 0x9ae00000L, 0x1900000L));
        JsonObject rmtfs = reserved("rmtfs@9c900000", 0x9c900000L, 0x800000L);
        rmtfs.getAsJsonArray("labels").add("rmtfs_mem");
        regions.add(rmtfs);
        regions.add(reserved("adsp-rpc-remote-heap@9cb80000", 0x9cb80000L, 0x800000L));
        JsonObject cma = reserved("cma", 0, 0);
        cma.addProperty("kind", "dynamic");
        cma.addProperty("cma", true);
        cma.addProperty("noMap", false);
        cma.addProperty("reusable", true);
        cma.addProperty("size", "0x2000000");
        cma.addProperty("alignment", "0x400000");
        regions.add(cma);
        JsonObject off = reserved("off@a0000000", 0xa0000000L, 0x100000L);
        off.addProperty("enabled", false);
        off.addProperty("status", "disabled");
        off.add("bootLog", new JsonArray());
        regions.add(off);
        map.add("regions", regions);
        JsonArray gaps = new JsonArray();
        gaps.add(gap(0x9c700000L, 0x200000L, "wpss@9ae00000", "rmtfs@9c900000"));
        map.add("gaps", gaps);
        JsonObject overlap = range(0x9cb80000L, 0x580000L);
        JsonArray between = new JsonArray();
        between.add(reference("adsp-rpc-remote-heap@9cb80000"));
        between.add(reference("rmtfs@9c900000"));
        overlap.add("regions", between);
        JsonArray overlaps = new JsonArray();
        overlaps.add(overlap);
        map.add("overlaps", overlaps);
        return map;
    }

    /** The values of an attribute at every zoom: data-z's list, or the attribute when no zoom changes it. */
    static List<Double> zoomed(Element e, String attribute) {
        for (String part : e.getAttribute("data-z").split(";")) {
            if (part.startsWith(attribute + "=")) {
                return Arrays.stream(part.substring(attribute.length() + 1).split("\\|")).map(Double::valueOf).toList();
            }
        }
        return List.of(Svg.number(e, attribute));
    }

    private static String texts(Document svg) {
        return svg.getDocumentElement().getTextContent();
    }

    @Test
    void theOverlapsTheDocumentReportsAreDrawnSideBySideInRed() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        List<Element> bands = Svg.withClass(svg, "overlap-band");
        assertEquals(1, bands.size());
        Element heap = Svg.region(svg, "adsp-rpc-remote-heap@9cb80000");
        Element rmtfs = Svg.region(svg, "rmtfs@9c900000");
        assertNotEquals(number(Svg.child(heap, "rect"), "x"), number(Svg.child(rmtfs, "rect"), "x"), "two lanes");
        assertTrue(heap.getAttribute("class").contains("overlapping") && rmtfs.getAttribute("class").contains("overlapping"));
        assertFalse(Svg.region(svg, "wpss@9ae00000").getAttribute("class").contains("overlapping"));
        // the band covers the shared bytes across both lanes, and its extent is written beside it
        Element band = Svg.child(bands.get(0), "rect");
        assertEquals(number(Svg.child(heap, "rect"), "y"), Svg.number(band, "y"), 0.001);
        assertEquals("0x9cb80000", bands.get(0).getAttribute("data-base"));
        assertEquals("0x9d100000", bands.get(0).getAttribute("data-end"));
        assertTrue(Svg.number(band, "width") > 1.5 * number(Svg.child(heap, "rect"), "width"));
        Element label = Svg.withClass(svg, "overlap-label").get(0);
        assertTrue(label.getTextContent().contains("overlap: adsp-rpc-remote-heap@9cb80000 × rmtfs@9c900000"),
                label.getTextContent());
        assertTrue(label.getTextContent().contains("0x9cb80000..0x9d0fffff  5.5 MiB reserved twice"),
                label.getTextContent());
    }

    @Test
    void barsThatShareBytesAreNoOverlapUnlessTheDocumentSaysSo() throws Exception {
        // the overlap rule set to off: no band, but still side by side, so that neither hides the other
        JsonObject map = herobrine();
        map.add("overlaps", new JsonArray());
        Document svg = Svg.parse(MemoryMapDrawing.svg(map));
        assertEquals(0, Svg.withClass(svg, "overlap-band").size());
        assertTrue(Svg.withClass(svg, "overlapping").isEmpty());
        assertNotEquals(Svg.number(child(Svg.region(svg, "adsp-rpc-remote-heap@9cb80000"), "rect"), "x"),
                Svg.number(child(Svg.region(svg, "rmtfs@9c900000"), "rect"), "x"));
    }

    @Test
    void theAxisIsLinearDownwardsWithTheLongStretchCutOut() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        Element wpss = child(Svg.region(svg, "wpss@9ae00000"), "rect");
        Element rmtfs = child(Svg.region(svg, "rmtfs@9c900000"), "rect");
        Element heap = child(Svg.region(svg, "adsp-rpc-remote-heap@9cb80000"), "rect");
        // one scale: 25 MiB is drawn 25/8 times as tall as 8 MiB
        assertEquals(25.0 / 8, Svg.number(wpss, "height") / Svg.number(rmtfs, "height"), 0.01);
        double pixelsPerByte = Svg.number(rmtfs, "height") / 0x800000;
        assertEquals(Svg.number(wpss, "y") + (0x9c900000L - 0x9ae00000L) * pixelsPerByte, Svg.number(rmtfs, "y"), 0.02);
        assertEquals(Svg.number(wpss, "y") + (0x9cb80000L - 0x9ae00000L) * pixelsPerByte, Svg.number(heap, "y"), 0.02);
        // the free gap the document gives, hatched between wpss and rmtfs
        List<Element> free = Svg.withClass(svg, "free");
        assertEquals(1, free.size());
        assertEquals(Svg.number(wpss, "y") + Svg.number(wpss, "height"), Svg.number(child(free.get(0), "rect"), "y"), 0.6);
        // nothing is known between adsp-rpc-remote-heap and the disabled region: 44.5 MiB is cut out
        List<Element> breaks = Svg.withClass(svg, "break");
        assertEquals(1, breaks.size());
        assertTrue(breaks.get(0).getTextContent().contains("44.5 MiB not DRAM"), breaks.get(0).getTextContent());
        Element off = child(Svg.region(svg, "off@a0000000"), "rect");
        assertEquals(Svg.number(heap, "y") + Svg.number(heap, "height") + MapAxis.BREAK_HEIGHT, Svg.number(off, "y"), 0.02);
        assertEquals("1", Svg.region(svg, "off@a0000000").getAttribute("data-segment"));
        assertEquals("0", Svg.region(svg, "wpss@9ae00000").getAttribute("data-segment"));
        // the addresses on the axis grow downwards
        List<Double> ticks = Svg.withClass(svg, "tick").stream().map(t -> Svg.number(t, "y1")).toList();
        assertEquals(ticks.stream().sorted().toList(), ticks);
    }

    @Test
    void aZoomMultipliesTheScaleAndKeepsTheBreaks() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        List<Double> rmtfs = zoomed(child(Svg.region(svg, "rmtfs@9c900000"), "rect"), "height");
        assertEquals(MemoryMapDrawing.ZOOMS.length, rmtfs.size());
        for (int i = 0; i < rmtfs.size(); i++) {
            assertEquals(MemoryMapDrawing.ZOOMS[i] * rmtfs.get(0), rmtfs.get(i), 0.02);
        }
        Element off = child(Svg.region(svg, "off@a0000000"), "rect");
        Element heap = child(Svg.region(svg, "adsp-rpc-remote-heap@9cb80000"), "rect");
        List<Double> heapY = zoomed(heap, "y");
        List<Double> heapHeight = zoomed(heap, "height");
        List<Double> offY = zoomed(off, "y");
        for (int i = 0; i < offY.size(); i++) {
            assertEquals(heapY.get(i) + heapHeight.get(i) + MapAxis.BREAK_HEIGHT, offY.get(i), 0.02);
        }
        assertEquals("1 2 4 8 16 32", svg.getDocumentElement().getAttribute("data-zooms"));
        List<Double> heights = zoomed(svg.getDocumentElement(), "height");
        assertEquals(heights.stream().sorted().toList(), heights);
    }

    @Test
    void everyLabelIsWholeAndNoneCoversAnotherAtAnyZoom() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        String text = texts(svg);
        assertTrue(text.contains("rmtfs_mem: rmtfs@9c900000"), text);
        assertTrue(text.contains("0x9c900000..0x9d0fffff  8 MiB"), text);
        assertTrue(text.contains("adsp-rpc-remote-heap@9cb80000"));
        assertTrue(text.contains("off@a0000000 (disabled: not reserved)"));
        List<Element> labels = Svg.withClass(svg, "label");
        assertEquals(5, labels.size(), "one per bar and one per overlap");
        assertLabelsApart(svg);
        // in a view too narrow for them, the labels are broken over lines, and still whole
        Document narrow = parse(MemoryMapDrawing.svg(herobrine(), 300));
        Element heap = withClass(narrow, "label").stream()
                .filter(l -> l.getAttribute("data-name").equals("adsp-rpc-remote-heap@9cb80000")).findFirst().orElseThrow();
        List<String> lines = new ArrayList<>();
        NodeList texts = heap.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) {
            lines.add(texts.item(i).getTextContent());
        }
        assertEquals(List.of("adsp-rpc-remote-heap@", "9cb80000", "0x9cb80000..0x9d37ffff", "8 MiB"), lines);
        assertLabelsApart(narrow);
        assertTrue(number(narrow.getDocumentElement(), "width") < number(svg.getDocumentElement(), "width"));
    }

    // At every zoom, each label's top is below the bottom of the one above it.
    private static void assertLabelsApart(Document svg) {
        List<Element> labels = withClass(svg, "label");
        for (int zoom = 0; zoom < MemoryMapDrawing.ZOOMS.length; zoom++) {
            TreeMap<Double, Integer> tops = new TreeMap<>();
            for (Element label : labels) {
                List<String> at = transforms(label);
                String translate = at.get(Math.min(zoom, at.size() - 1));
                tops.put(Double.valueOf(translate.replaceAll(".*,([-0-9.]+)\\)", "$1")),
                        label.getElementsByTagNameNS("*", "text").getLength());
            }
            assertEquals(labels.size(), tops.size(), "two labels at one place");
            Map.Entry<Double, Integer> above = null;
            for (Map.Entry<Double, Integer> label : tops.entrySet()) {
                if (above != null) {
                    assertTrue(label.getKey() >= above.getKey() + above.getValue() * 15 + 5.99,
                            "labels cover one another at zoom " + zoom + ": " + tops);
                }
                above = label;
            }
        }
    }

    private static List<String> transforms(Element e) {
        for (String part : e.getAttribute("data-z").split(";")) {
            if (part.startsWith("transform=")) {
                return List.of(part.substring("transform=".length()).split("\\|"));
            }
        }
        return List.of(e.getAttribute("transform"));
    }

    @Test
    void theHoverHasTheBootLogLineOfTheDocument() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        String tip = child(Svg.region(svg, "rmtfs@9c900000"), "title").getTextContent();
        assertEquals("0x000000009c900000..0x000000009d0fffff (8192 KiB) nomap non-reusable rmtfs@9c900000",
                tip.split("\n")[0]);
        assertTrue(tip.contains("label rmtfs_mem"), tip);
        String disabled = child(Svg.region(svg, "off@a0000000"), "title").getTextContent();
        assertTrue(disabled.startsWith("status \"disabled\": not reserved"), disabled);
        assertTrue(Svg.region(svg, "off@a0000000").getAttribute("class").contains("disabled"));
    }

    @Test
    void regionsWithoutAnAddressAreListedBelowWithTheirKind() throws Exception {
        Document svg = Svg.parse(MemoryMapDrawing.svg(herobrine()));
        List<Element> rows = Svg.withClass(svg, "unplaced-row");
        assertEquals(1, rows.size());
        assertEquals("cma", rows.get(0).getAttribute("data-name"));
        assertEquals("dynamic", rows.get(0).getAttribute("data-kind"));
        assertTrue(rows.get(0).getTextContent().contains("32 MiB, aligned to 4 MiB, anywhere in DRAM (no alloc-ranges), a CMA pool"),
                rows.get(0).getTextContent());
        assertEquals("nomap", Svg.region(svg, "wpss@9ae00000").getAttribute("data-kind"));
        JsonObject mapped = herobrine();
        mapped.getAsJsonArray("regions").get(0).getAsJsonObject().addProperty("noMap", false);
        assertEquals("mapped", Svg.region(Svg.parse(MemoryMapDrawing.svg(mapped)), "wpss@9ae00000").getAttribute("data-kind"));
    }

    @Test
    void aDynamicRegionIsDrawnWhereTheDocumentPredictsItAndStillListed() throws Exception {
        JsonObject map = herobrine();
        JsonObject placement = range(0x9e000000L, 0x2000000L);
        placement.addProperty("state", "placed");
        placement.addProperty("alignment", "0x400000");
        placement.addProperty("bootLog", "0x000000009e000000..0x000000009fffffff (32768 KiB) map reusable cma");
        placement.addProperty("explanation", "predicted");
        map.getAsJsonArray("regions").get(3).getAsJsonObject().add("placement", placement);
        Document svg = Svg.parse(MemoryMapDrawing.svg(map));
        Element cma = Svg.region(svg, "cma");
        assertTrue(cma.getAttribute("class").contains("predicted"));
        assertEquals("dynamic", cma.getAttribute("data-kind"));
        assertEquals("0x9e000000", cma.getAttribute("data-base"));
        assertEquals("0xa0000000", cma.getAttribute("data-end"));
        assertTrue(child(cma, "title").getTextContent().startsWith("0x000000009e000000..0x000000009fffffff (32768 KiB)"));
        List<Element> rows = Svg.withClass(svg, "unplaced-row");
        assertEquals(List.of("cma"), rows.stream().map(r -> r.getAttribute("data-name")).toList());
        assertTrue(rows.get(0).getTextContent().contains("predicted"));
    }

    @Test
    void freeDramAroundTheRegionsIsTheDocumentsAndTheLargeStretchesAreCutOut() throws Exception {
        // with DRAM known the gaps are DRAM minus what is taken, from the bank's start to its end
        JsonObject map = herobrine();
        map.add("dram", JsonParser.parseString("{\"source\": \"memory_nodes\", \"known\": true, \"ranges\": ["
                + range(0x80000000L, 0x40000000L) + "], \"explanation\": \"DRAM from reg of /memory\"}"));
        JsonArray gaps = new JsonArray();
        gaps.add(gap(0x80000000L, 0x1ae00000L, null, "wpss@9ae00000"));
        gaps.add(gap(0x9c700000L, 0x200000L, "wpss@9ae00000", "rmtfs@9c900000"));
        gaps.add(gap(0x9d380000L, 0x2c80000L, "adsp-rpc-remote-heap@9cb80000", null));
        gaps.add(gap(0xa0100000L, 0x1ff00000L, null, null));
        map.add("gaps", gaps);
        Document svg = Svg.parse(MemoryMapDrawing.svg(map));
        // 430 MiB below and 511 MiB above the regions are breaks that say they are free; the others are drawn to scale
        List<String> breaks = Svg.withClass(svg, "break").stream().map(Element::getTextContent).toList();
        assertEquals(3, breaks.size(), breaks.toString());
        assertTrue(breaks.stream().anyMatch(b -> b.contains("430 MiB free")), breaks.toString());
        assertTrue(breaks.stream().anyMatch(b -> b.contains("511 MiB free")), breaks.toString());
        assertTrue(breaks.stream().anyMatch(b -> b.contains("44.5 MiB free")), breaks.toString());
        assertEquals(1, Svg.withClass(svg, "free").size(), "no free range of its own: the one given");
        List<Element> dram = Svg.withClass(svg, "dram");
        assertEquals(1, dram.size());
        // the bank from the top of the axis to its bottom
        List<Double> ticks = Svg.withClass(svg, "tick").stream().map(t -> Svg.number(t, "y1")).toList();
        assertEquals(ticks.get(0), Svg.number(dram.get(0), "y"), 0.02);
        assertEquals(ticks.get(ticks.size() - 1), Svg.number(dram.get(0), "y") + Svg.number(dram.get(0), "height"), 0.02);
    }

    @Test
    void textFromTheSourcesIsEscaped() throws Exception {
        JsonObject map = herobrine();
        JsonObject odd = reserved("odd<&\"'>@a1000000", 0xa1000000L, 0x1000);
        odd.getAsJsonArray("labels").add("odd_mem");
        map.getAsJsonArray("regions").add(odd);
        String svg = MemoryMapDrawing.svg(map);
        Document parsed = Svg.parse(svg);
        assertTrue(texts(parsed).contains("odd_mem: odd<&\"'>@a1000000"));
        assertEquals("odd<&\"'>@a1000000", Svg.region(parsed, "odd<&\"'>@a1000000").getAttribute("data-name"));
    }

    @Test
    void labelsSpreadAroundTheirBarsWithoutCoveringEachOther() {
        double[] tops = LabelColumn.place(new double[] {100, 100, 100, 300}, new double[] {30, 30, 30, 30}, 6, 0);
        assertEquals(List.of(64.0, 100.0, 136.0, 300.0), Arrays.stream(tops).boxed().toList());
        // none above the top of the column; a crowd at the top goes down from there
        assertEquals(List.of(10.0, 46.0), Arrays.stream(LabelColumn.place(new double[] {0, 5}, new double[] {30, 30}, 6,
                10)).boxed().toList());
        // a label that is alone stays where it is wanted
        assertEquals(List.of(500.0), Arrays.stream(LabelColumn.place(new double[] {500}, new double[] {30}, 6, 0))
                .boxed().toList());
        // a label of three lines keeps the next one below all of it
        assertEquals(List.of(74.5, 125.5), Arrays.stream(LabelColumn.place(new double[] {100, 100},
                new double[] {45, 30}, 6, 0)).boxed().toList());
    }

    @Test
    void aLongStretchIsCutOutWhenItOutweighsWhatIsKept() {
        MapAxis.Span low = span(0x1000, 0x2000);
        MapAxis.Span high = span(0x100000, 0x101000);
        MapAxis axis = MapAxis.of(List.of(low, high), List.of(span(0x2000, 0x100000)), List.of(), 100);
        assertEquals(1, axis.breaks().size());
        assertEquals(0x2000, axis.breaks().get(0).at().base().longValue());
        assertEquals(100, axis.height(1) - MapAxis.BREAK_HEIGHT, 1e-9);
        assertEquals(50, axis.y(BigInteger.valueOf(0x2000), 1), 1e-9);
        assertEquals(50 + MapAxis.BREAK_HEIGHT, axis.y(BigInteger.valueOf(0x100000), 1), 1e-9);
        assertEquals(2 * 100 + MapAxis.BREAK_HEIGHT, axis.height(2), 1e-9);
        // a gap as large as what is kept beside it is drawn to scale
        MapAxis kept = MapAxis.of(List.of(span(0, 0x4000), span(0x5000, 0x8000)), List.of(span(0x4000, 0x5000)),
                List.of(), 80);
        assertTrue(kept.breaks().isEmpty());
        assertEquals(40, kept.y(BigInteger.valueOf(0x4000), 1), 1e-9);
        Map<String, Integer> segments = new TreeMap<>();
        segments.put("low", axis.segment(BigInteger.valueOf(0x1000)));
        segments.put("high", axis.segment(BigInteger.valueOf(0x100000)));
        assertEquals(Map.of("high", 1, "low", 0), segments);
    }

    private static MapAxis.Span span(long base, long end) {
        return new MapAxis.Span(BigInteger.valueOf(base), BigInteger.valueOf(end));
    }

    @Test
    void numbersAsTheBootLogAndTheHoverPrintThem() {
        assertEquals("8 MiB", BootLog.humanSize(0x800000));
        assertEquals("384 KiB", BootLog.humanSize(0x60000));
        assertEquals("2.5 GiB", BootLog.humanSize(0xa0000000L));
        assertEquals("100 bytes", BootLog.humanSize(100));
        assertEquals("12.5", MemoryMapDrawing.number(12.5));
        assertEquals("3", MemoryMapDrawing.number(3.0001));
        assertEquals(List.of("the quick", "brown fox"), MemoryMapDrawing.wrapText("the quick brown fox", 10));
        assertEquals(List.of("cdsp_secure_heap_mem:", "cdsp-secure-heap@", "81800000"),
                MemoryMapDrawing.hardWrap("cdsp_secure_heap_mem: cdsp-secure-heap@81800000", 24));
        assertEquals(List.of("0123456789", "abc"), MemoryMapDrawing.hardWrap("0123456789abc", 10));
    }
}
