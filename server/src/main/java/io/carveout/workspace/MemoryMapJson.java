package io.carveout.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.carveout.finding.Finding;
import io.carveout.memory.AddressRange;
import io.carveout.memory.Carveout;
import io.carveout.memory.DynamicRegion;
import io.carveout.memory.Layout;
import io.carveout.memory.MemReserveEntry;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.Overlap;
import io.carveout.memory.Placement;
import io.carveout.memory.Region;
import io.carveout.memory.ReservedRegion;
import io.carveout.text.LineIndex;
import io.carveout.text.Position;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one JSON document of a {@link MemoryMapView}: what {@code carveout map --format json}
 * prints and what the request {@code carveout/memoryMap} answers (README, "The memory-map
 * document"). Addresses and sizes are strings "0x..." because 64-bit values do not fit JSON
 * numbers; ranges are {@code {base, size, end}} with {@code end} exclusive; a place in the
 * sources is an LSP location, {@code {uri, range: {start, end}}} with 0-based lines and UTF-16
 * characters, so that an editor can open it as it is.
 */
public final class MemoryMapJson {

    /** How the front end names a file and finds its lines: on disk, or as the editor holds it. */
    public interface Places {
        String uri(Path file);

        LineIndex lines(Path file);
    }

    private final Places places;

    private MemoryMapJson(Places places) {
        this.places = places;
    }

    /** The URI of a file on disk, as LSP clients and {@code carveout map} write it. */
    public static String fileUri(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    public static JsonObject of(MemoryMapView view, Places places) {
        return new MemoryMapJson(places).document(view);
    }

    private JsonObject document(MemoryMapView view) {
        MemoryMap map = view.map();
        Layout layout = view.layout();
        JsonObject root = new JsonObject();
        root.addProperty("board", places.uri(view.board().file()));
        JsonArray overlays = new JsonArray();
        view.board().overlays().forEach(o -> overlays.add(places.uri(o)));
        root.add("overlays", overlays);
        root.addProperty("addressCells", map.rootAddressCells());
        root.addProperty("sizeCells", map.rootSizeCells());

        JsonArray memory = new JsonArray();
        for (MemoryMap.MemoryNode node : map.memoryNodes()) {
            JsonObject m = new JsonObject();
            m.addProperty("path", node.node().path());
            m.add("reg", ranges(node.reg()));
            node.usableMemory().ifPresent(usable -> m.add("usableMemory", ranges(usable)));
            location(m, "location", node.node().definitions().stream().findFirst());
            memory.add(m);
        }
        root.add("memory", memory);

        JsonObject dram = new JsonObject();
        dram.addProperty("source", layout.dram().source().name().toLowerCase(Locale.ROOT));
        dram.addProperty("known", layout.dram().isKnown());
        dram.add("ranges", ranges(layout.dram().ranges()));
        dram.addProperty("explanation", layout.dram().explanation());
        root.add("dram", dram);

        JsonArray reserves = new JsonArray();
        for (MemReserveEntry entry : layout.reservations()) {
            JsonObject r = new JsonObject();
            r.addProperty("name", entry.name());
            range(r, entry.at());
            r.add("labels", strings(entry.entry().labels()));
            location(r, "location", Optional.ofNullable(entry.origin()));
            reserves.add(r);
        }
        root.add("memreserve", reserves);

        map.reservedMemory().ifPresent(node -> root.add("reservedMemory", container(node)));
        JsonArray regions = new JsonArray();
        for (ReservedRegion region : map.regions()) {
            regions.add(region(view, region));
        }
        root.add("regions", regions);

        JsonArray gaps = new JsonArray();
        for (MemoryMapView.Gap gap : view.gaps()) {
            JsonObject g = new JsonObject();
            range(g, gap.range());
            gap.below().ifPresent(r -> g.addProperty("below", r.name()));
            gap.above().ifPresent(r -> g.addProperty("above", r.name()));
            gaps.add(g);
        }
        root.add("gaps", gaps);
        root.addProperty("gapsExplanation", layout.gapsExplanation());

        JsonArray overlaps = new JsonArray();
        for (Overlap overlap : view.overlaps()) {
            JsonObject o = new JsonObject();
            range(o, overlap.shared());
            JsonArray between = new JsonArray();
            between.add(reference(overlap.reported()));
            between.add(reference(overlap.other()));
            o.add("regions", between);
            overlaps.add(o);
        }
        root.add("overlaps", overlaps);

        JsonArray diagnostics = new JsonArray();
        view.report().diagnostics().forEach(d -> diagnostics.add(diagnostic(d)));
        for (Finding d : view.board().preprocessDiagnostics()) {
            diagnostics.add(diagnostic(d.where(), d.severity().label(), d.code(), d.message()));
        }
        for (Finding d : view.board().treeDiagnostics()) {
            diagnostics.add(diagnostic(d.where(), d.severity().label(), d.code(), d.message()));
        }
        root.add("diagnostics", diagnostics);
        return root;
    }

    private static JsonObject container(MemoryMap.ReservedMemoryNode node) {
        JsonObject c = new JsonObject();
        node.addressCells().ifPresent(cells -> c.addProperty("addressCells", cells));
        node.sizeCells().ifPresent(cells -> c.addProperty("sizeCells", cells));
        c.addProperty("ranges", node.ranges());
        c.addProperty("path", node.node().path());
        return c;
    }

    private JsonObject region(MemoryMapView view, ReservedRegion region) {
        JsonObject r = new JsonObject();
        r.addProperty("name", region.name());
        r.addProperty("path", region.node().path());
        r.add("labels", strings(region.labels()));
        r.addProperty("status", region.status());
        r.addProperty("enabled", region.isEnabled());
        r.addProperty("kind", region.kind());
        r.addProperty("cma", region.isCmaPool());
        r.addProperty("noMap", region.noMap());
        r.addProperty("reusable", region.reusable());
        r.add("reg", ranges(region.regs()));
        region.size().ifPresent(size -> r.addProperty("size", hex(size)));
        region.alignment().ifPresent(alignment -> r.addProperty("alignment", hex(alignment)));
        r.add("allocRanges", ranges(region.allocRanges()));
        r.add("compatible", strings(region.compatible()));
        r.add("consumers", strings(region.consumers()));
        r.add("formatProblems", strings(region.formatProblems()));
        r.add("bootLog", strings(region.bootLog()));
        view.layout().dynamicOf(region).ifPresent(dynamic -> r.add("placement", placement(dynamic)));
        location(r, "location", Optional.ofNullable(region.nodeOrigin()));
        location(r, "regLocation", region.regOrigin());
        location(r, "sizeLocation", region.sizeOrigin());
        JsonArray about = new JsonArray();
        view.report().about(region.node().path()).forEach(d -> about.add(diagnostic(d)));
        r.add("diagnostics", about);
        return r;
    }

    private static JsonObject placement(DynamicRegion dynamic) {
        Placement placement = dynamic.placement();
        JsonObject p = new JsonObject();
        p.addProperty("state", placement instanceof Placement.Placed ? "placed"
                : placement instanceof Placement.Failed ? "failed"
                : placement instanceof Placement.Unknown ? "unknown" : "skipped");
        p.addProperty("alignment", hex(dynamic.alignment()));
        placement.range().ifPresent(at -> range(p, at));
        if (placement instanceof Placement.Placed placed) {
            JsonObject window = new JsonObject();
            range(window, placed.window());
            window.addProperty("allocRanges", placed.inAllocRanges());
            p.add("window", window);
        }
        dynamic.bootLog().ifPresent(line -> p.addProperty("bootLog", line));
        p.addProperty("explanation", placement.describe());
        return p;
    }

    // A region as an overlap names it: path and entry (the reg entry, or the /memreserve/ index) find its bar.
    private static JsonObject reference(Region region) {
        JsonObject r = new JsonObject();
        r.addProperty("name", region.name());
        r.addProperty("path", region.path());
        r.addProperty("entry", region instanceof Carveout c ? c.entry()
                : region instanceof MemReserveEntry m ? m.index() : 0);
        return r;
    }

    private JsonObject diagnostic(Finding d) {
        return diagnostic(d.where(), d.severity().label(), d.code(), d.message());
    }

    private JsonObject diagnostic(SourceSpan at, String severity, String code, String message) {
        JsonObject d = new JsonObject();
        d.addProperty("severity", severity);
        d.addProperty("code", code);
        d.addProperty("message", message);
        location(d, "location", Optional.ofNullable(at));
        return d;
    }

    // Absent values are left out rather than written null: the LSP connection drops nulls, and
    // the command must print what the request answers.
    private void location(JsonObject into, String key, Optional<SourceSpan> at) {
        at.filter(span -> span != null).ifPresent(span -> into.add(key, location(span)));
    }

    private JsonObject location(SourceSpan span) {
        LineIndex lines = places.lines(span.file());
        JsonObject range = new JsonObject();
        range.add("start", position(lines.positionOf(span.start())));
        range.add("end", position(lines.positionOf(span.end())));
        JsonObject location = new JsonObject();
        location.addProperty("uri", places.uri(span.file()));
        location.add("range", range);
        return location;
    }

    private static JsonObject position(Position position) {
        JsonObject p = new JsonObject();
        p.addProperty("line", position.line());
        p.addProperty("character", position.character());
        return p;
    }

    private static JsonArray ranges(List<AddressRange> ranges) {
        JsonArray array = new JsonArray();
        for (AddressRange range : ranges) {
            JsonObject r = new JsonObject();
            range(r, range);
            array.add(r);
        }
        return array;
    }

    private static void range(JsonObject into, AddressRange range) {
        into.addProperty("base", hex(range.base()));
        into.addProperty("size", hex(range.size()));
        into.addProperty("end", hex(range.end()));
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
