package io.carveout.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.carveout.memory.AddressRange;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.preprocess.SourceSpan;
import io.carveout.tree.DtProperty;
import io.carveout.tree.MemReserve;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Finding;
import io.carveout.workspace.MemoryLayout;
import io.carveout.workspace.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The custom request {@code carveout/memoryMap}: params {@code {"textDocument": {"uri": ...}}};
 * the answer describes the board the document belongs to (documented in the README).
 * Addresses are strings "0x..." because 64-bit values do not fit JSON numbers.
 */
final class MemoryMapRequest {
    private MemoryMapRequest() {
    }

    /** A JSON string's value; anything else (missing, null, a number, an object) is no URI at all. */
    private static String string(JsonElement element) {
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }

    static JsonElement answer(Session.View session, JsonObject params) {
        String uri = params != null && params.has("textDocument") && params.get("textDocument").isJsonObject()
                ? string(params.getAsJsonObject("textDocument").get("uri"))
                : params != null ? string(params.get("uri")) : null;
        Optional<Path> path = uri == null ? Optional.empty() : Protocol.path(uri);
        if (path.isEmpty()) {
            throw Protocol.invalidParams("carveout/memoryMap needs {\"textDocument\": {\"uri\": \"file:...\"}}"
                    + (uri == null ? "" : "; not a file: URI: " + uri));
        }
        FileReport report = session.snapshot().reportInContext(path.get());
        JsonObject out = new JsonObject();
        out.addProperty("uri", uri);
        JsonArray boards = new JsonArray();
        List<Path> including = Project.isBoard(path.get()) ? List.of() : session.snapshot().boardsIncluding(path.get());
        if (including.isEmpty()) {
            including = report.boards().stream().map(CompiledBoard::file).toList();
        }
        including.forEach(b -> boards.add(Protocol.uri(b)));
        out.add("boards", boards);
        if (report.boards().isEmpty()) {
            out.add("board", JsonNull.INSTANCE);
            return out;
        }
        CompiledBoard board = report.boards().get(0);
        out.addProperty("board", Protocol.uri(board.file()));
        MemoryMap map = MemoryMap.of(board.tree());
        MemoryLayout layout = MemoryLayout.of(map);
        out.addProperty("addressCells", map.rootAddressCells());
        out.addProperty("sizeCells", map.rootSizeCells());
        out.add("dram", ranges(layout.dram()));
        out.addProperty("dramKnown", !layout.dram().isEmpty());
        JsonArray reserves = new JsonArray();
        for (MemReserve reserve : map.memReserves()) {
            JsonObject r = range(new AddressRange(reserve.address(), reserve.size()));
            r.add("location", location(session, reserve.origin()));
            reserves.add(r);
        }
        out.add("memreserve", reserves);
        List<Finding> findings = session.snapshot().findingsOf(board);
        JsonArray regions = new JsonArray();
        for (ReservedRegion region : map.regions()) {
            regions.add(region(session, region, findings));
        }
        out.add("regions", regions);
        JsonArray gaps = new JsonArray();
        for (MemoryLayout.Gap gap : layout.gaps()) {
            JsonObject g = range(gap.range());
            g.addProperty("below", gap.below());
            g.addProperty("above", gap.above());
            gaps.add(g);
        }
        out.add("gaps", gaps);
        return out;
    }

    private static JsonObject region(Session.View session, ReservedRegion region, List<Finding> findings) {
        JsonObject r = new JsonObject();
        r.addProperty("name", region.name());
        r.addProperty("path", region.node().path());
        JsonArray labels = new JsonArray();
        region.labels().forEach(labels::add);
        r.add("labels", labels);
        r.addProperty("status", region.status());
        r.addProperty("enabled", region.isEnabled());
        r.addProperty("kind", region.kind());
        r.addProperty("cma", region.isCmaPool());
        r.addProperty("noMap", region.noMap());
        r.addProperty("reusable", region.reusable());
        r.add("ranges", ranges(region.regs()));
        r.add("size", region.size().map(v -> (JsonElement) new com.google.gson.JsonPrimitive(hex(v))).orElse(JsonNull.INSTANCE));
        r.add("alignment", region.alignment().map(v -> (JsonElement) new com.google.gson.JsonPrimitive(hex(v)))
                .orElse(JsonNull.INSTANCE));
        r.add("allocRanges", ranges(region.allocRanges()));
        JsonArray bootLog = new JsonArray();
        region.bootLog().forEach(bootLog::add);
        r.add("bootLog", bootLog);
        JsonArray consumers = new JsonArray();
        region.consumers().forEach(consumers::add);
        r.add("consumers", consumers);
        r.add("location", location(session, region.nodeOrigin()));
        JsonArray diagnostics = new JsonArray();
        for (Finding finding : findings) {
            if (belongs(finding.where(), region)) {
                JsonObject d = new JsonObject();
                d.addProperty("severity", finding.severity().name().toLowerCase());
                d.addProperty("code", finding.code());
                d.addProperty("message", finding.message());
                d.add("location", location(session, finding.where()));
                diagnostics.add(d);
            }
        }
        r.add("diagnostics", diagnostics);
        return r;
    }

    // A finding is a region's when it sits on the region's name or one of its properties.
    private static boolean belongs(SourceSpan where, ReservedRegion region) {
        if (where == null) {
            return false;
        }
        List<SourceSpan> spans = new ArrayList<>(region.node().definitions());
        for (DtProperty property : region.node().allProperties()) {
            spans.addAll(property.assignments());
        }
        for (SourceSpan span : spans) {
            if (span != null && span.file().equals(where.file()) && span.start() <= where.start() && where.end() <= span.end()) {
                return true;
            }
        }
        return false;
    }

    private static JsonElement location(Session.View session, SourceSpan span) {
        if (span == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject l = new JsonObject();
        l.addProperty("uri", session.uriOf(span.file()));
        var range = session.range(span);
        JsonObject start = new JsonObject();
        start.addProperty("line", range.getStart().getLine());
        start.addProperty("character", range.getStart().getCharacter());
        JsonObject end = new JsonObject();
        end.addProperty("line", range.getEnd().getLine());
        end.addProperty("character", range.getEnd().getCharacter());
        JsonObject rangeObject = new JsonObject();
        rangeObject.add("start", start);
        rangeObject.add("end", end);
        l.add("range", rangeObject);
        return l;
    }

    private static JsonArray ranges(List<AddressRange> ranges) {
        JsonArray array = new JsonArray();
        ranges.forEach(r -> array.add(range(r)));
        return array;
    }

    private static JsonObject range(AddressRange range) {
        JsonObject r = new JsonObject();
        r.addProperty("base", hex(range.base()));
        r.addProperty("size", hex(range.size()));
        r.addProperty("end", hex(range.end()));
        return r;
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
