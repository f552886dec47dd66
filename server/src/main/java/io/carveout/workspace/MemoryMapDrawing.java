package io.carveout.workspace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.carveout.memory.BootLog;
import io.carveout.workspace.MapAxis.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The picture of a board's memory map, drawn from the one memory-map document (README, "The
 * memory-map document") as SVG: {@code carveout map --format svg} writes it, {@code --format
 * html} wraps it in a page with the script that adds zoom, the filter by kind, the details of
 * what the pointer is over and the click that opens the source, and the VS Code view shows the
 * same SVG with the same script. One drawing, in Java, because the command line has no browser
 * to run a renderer written for one; the script computes no geometry: every position that a
 * zoom changes is written here for each zoom of {@link #ZOOMS}, in the attribute {@code data-z}
 * ({@code name=value at zoom 1|value at zoom 2|...;...}), and the script only picks one.
 *
 * <p>The address axis is linear ({@link MapAxis}) with long free stretches cut out; bars sit in
 * lanes so that overlapping regions stand side by side, the overlaps the document reports are
 * red bands over both with their extent written beside them, and every bar has its label in a
 * column to the right ({@link LabelColumn}): label, name, range and size, never shortened.
 */
public final class MemoryMapDrawing {
    /** The zooms the page offers: each multiplies the scale of the address axis. */
    static final double[] ZOOMS = {1, 2, 4, 8, 16, 32};

    // Geometry, in pixels. The text is monospace so that widths are known without a font.
    private static final double CHAR = 7.3; // advance of the 12 px monospace font, with a margin
    private static final double LINE = 15;
    private static final double LABEL_GAP = 6;
    private static final double LANE = 80;
    private static final double LEADER = 32;
    private static final double MIN_BAR = 2;
    private static final double DRAM_WIDTH = 8;
    private static final double MARGIN = 12;
    private static final double MIN_HEIGHT = 480;
    private static final double TICK_SPACING = 13;
    private static final int MIN_WRAP = 40;
    private static final String EMPTY = "No region at a fixed address to draw on the axis.";
    private static final String HEADING = "Without a fixed address";
    /** The narrowest label column: a name longer than this is broken over lines, never cut. */
    private static final int MIN_COLUMNS = 24;

    /** What a bar is, for its colour and the filter; the legend says it in words. */
    enum Kind {
        NOMAP("nomap", "no-map carve-out"),
        MAPPED("mapped", "mapped carve-out"),
        CMA("cma", "CMA pool"),
        REUSABLE("reusable", "reusable carve-out"),
        DYNAMIC("dynamic", "dynamic (placed at boot)"),
        MEMRESERVE("memreserve", "/memreserve/");

        final String id;
        final String words;

        Kind(String id, String words) {
            this.id = id;
            this.words = words;
        }
    }

    /** A place in the sources as the document gives it, and as a person reads it. */
    private record Place(String uri, JsonObject range, String where) {
    }

    /** One reg entry, a dynamic region where the kernel is predicted to put it, or a /memreserve/ entry. */
    private record Bar(String id, String path, int entry, boolean predicted, String name, List<String> labels,
            Kind kind, Span at, boolean enabled, List<String> tip, Optional<Place> place, List<String> marks,
            boolean error) {
    }

    /** Bytes two bars share, as the overlap rule reports them. */
    private record Band(String id, Span at, Bar a, Bar b, List<String> tip) {
    }

    private record Free(Span at, List<String> tip) {
    }

    /** An entry of the column beside the bars: its name, then the range, the size and the diagnostics' marks. */
    private record Label(String id, String kind, boolean disabled, String name, List<String> details, Span at,
            Optional<Place> place, List<String> tip, boolean overlap) {
        int length() {
            return Math.max(name.length(), details.stream().mapToInt(d -> d.length() + 2).sum() - 2);
        }
    }

    /** Text in one style: a line of a label is a few of these. */
    private record Run(String text, String style) {
    }

    /** A region with no bar on the axis, listed below it. */
    private record Unplaced(String id, String name, Kind kind, String first, List<String> details, List<String> marks,
            Optional<Place> place, List<String> tip) {
    }

    private final JsonObject document;
    private final List<Bar> bars = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Free> free = new ArrayList<>();
    private final List<Span> dram = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<List<List<Run>>> labelLines = new ArrayList<>();
    private final List<Unplaced> unplaced = new ArrayList<>();
    private final int[] lanes;
    private final int laneCount;
    private final MapAxis axis;
    private final int digits;
    private final double axisX;
    private final double lanesX;
    private final double labelsX;
    private final double width;
    private final int wrap;
    private final List<String> summary;
    private final double bodyTop;
    private final List<Frame> frames = new ArrayList<>();

    /** The drawing at its natural width: every label on one line or two. */
    public static String svg(JsonObject document) {
        return new MemoryMapDrawing(document, 0).svg();
    }

    /**
     * The drawing for a view {@code room} pixels wide: the labels are broken over more lines
     * to fit it, down to {@value #MIN_COLUMNS} characters a line (the view scrolls beyond).
     */
    public static String svg(JsonObject document, int room) {
        return new MemoryMapDrawing(document, room).svg();
    }

    /** A page of its own: the SVG and the script, nothing fetched from elsewhere. */
    public static String html(JsonObject document) {
        MemoryMapDrawing drawing = new MemoryMapDrawing(document, 0);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(drawing.title()) + "</title>\n</head>\n<body class=\"carveout-page\">\n"
                + "<main id=\"carveout-map\">\n" + drawing.svg() + "</main>\n<script>\n" + Resources.SCRIPT
                + "</script>\n</body>\n</html>\n";
    }

    private MemoryMapDrawing(JsonObject document, int room) {
        this.document = document;
        JsonArray regions = array(document, "regions");
        for (int r = 0; r < regions.size(); r++) {
            region(regions.get(r).getAsJsonObject());
        }
        JsonArray reserves = array(document, "memreserve");
        for (int i = 0; i < reserves.size(); i++) {
            memreserve(i, reserves.get(i).getAsJsonObject());
        }
        for (JsonElement g : array(document, "gaps")) {
            gap(g.getAsJsonObject());
        }
        JsonObject dramObject = document.has("dram") ? document.getAsJsonObject("dram") : new JsonObject();
        if (!bars.isEmpty()) {
            for (JsonElement d : array(dramObject, "ranges")) {
                span(d.getAsJsonObject()).ifPresent(dram::add);
            }
        }
        for (JsonElement o : array(document, "overlaps")) {
            overlap(o.getAsJsonObject());
        }

        // lanes: each bar in the leftmost lane free at its base, so that overlapping bars stand side by side
        List<Bar> byBase = new ArrayList<>(bars);
        byBase.sort(Comparator.comparing((Bar b) -> b.at().base()).thenComparing((Bar b) -> b.at().end(),
                Comparator.reverseOrder()));
        lanes = new int[bars.size()];
        List<BigInteger> laneEnds = new ArrayList<>();
        for (Bar bar : byBase) {
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane).compareTo(bar.at().base()) > 0) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(bar.at().end());
            } else {
                laneEnds.set(lane, bar.at().end());
            }
            lanes[bars.indexOf(bar)] = lane;
        }
        laneCount = Math.max(1, laneEnds.size());

        BigInteger highest = bars.stream().map(b -> b.at().end()).max(Comparator.naturalOrder()).orElse(BigInteger.ONE)
                .max(dram.stream().map(Span::end).max(Comparator.naturalOrder()).orElse(BigInteger.ONE));
        digits = Math.max(8, highest.subtract(BigInteger.ONE).toString(16).length());
        for (Bar bar : bars) {
            String name = (bar.labels().isEmpty() ? "" : String.join(": ", bar.labels()) + ": ") + bar.name()
                    + (bar.entry() > 0 && bar.kind() != Kind.MEMRESERVE ? " [reg " + (bar.entry() + 1) + "]" : "")
                    + (bar.enabled() ? "" : " (disabled: not reserved)")
                    + (bar.predicted() ? " (predicted)" : "");
            List<String> details = new ArrayList<>(List.of(range(bar.at()), human(bar.at().size())));
            details.addAll(bar.marks());
            labels.add(new Label(bar.id(), bar.kind().id, !bar.enabled(), name, details, bar.at(), bar.place(),
                    bar.tip(), false));
        }
        for (Band band : bands) {
            labels.add(new Label(band.id(), "overlap", false, "overlap: " + band.a().name() + " × " + band.b().name(),
                    List.of(range(band.at()), human(band.at().size()) + " reserved twice"), band.at(),
                    band.a().place(), band.tip(), true));
        }

        for (int r = 0; r < regions.size(); r++) {
            unplaced(r, regions.get(r).getAsJsonObject());
        }
        axisX = MARGIN + (digits + 2) * CHAR + 10;
        lanesX = axisX + 4 + DRAM_WIDTH + 6;
        labelsX = lanesX + laneCount * LANE + LEADER;
        // the label column as wide as its longest label, or as the view has room for
        int natural = labels.stream().mapToInt(Label::length).max().orElse(0);
        int columns = room <= 0 ? natural
                : Math.min(natural, Math.max(MIN_COLUMNS, (int) ((room - labelsX - MARGIN) / CHAR)));
        labels.forEach(l -> labelLines.add(lines(l, columns)));
        List<String> legendWords = legend().stream().map(k -> k[1]).toList();
        double header = Math.max(MARGIN + Math.max(title().length() * CHAR * 1.3, EMPTY.length() * CHAR),
                MARGIN + Math.min(60 * CHAR, legendWords.stream().mapToDouble(w -> 22 + w.length() * CHAR).sum()));
        double listed = unplaced.stream().mapToDouble(u -> MARGIN + 20 + u.first().length() * CHAR).max().orElse(0);
        double wanted = Math.max(labelsX + columns * CHAR, room <= 0 ? Math.max(header, listed) : Math.min(header, room));
        width = Math.ceil(wanted + MARGIN);
        wrap = Math.max(MIN_WRAP, (int) ((width - 2 * MARGIN) / CHAR) - 4);

        double lineCount = labelLines.stream().mapToInt(List::size).sum();
        List<Span> taken = bars.stream().map(Bar::at).toList();
        axis = MapAxis.of(taken, free.stream().map(Free::at).toList(), dram,
                Math.max(MIN_HEIGHT, lineCount * LINE + labels.size() * LABEL_GAP));

        summary = new ArrayList<>();
        summary(dramObject).forEach(line -> summary.addAll(wrapText(line, wrap)));
        bodyTop = MARGIN + 22 + summary.size() * LINE + 8 + (legendRows(legendWords) * 20) + 16;
        for (double zoom : ZOOMS) {
            frames.add(new Frame(zoom));
        }
    }

    // ---------------------------------------------------------------- reading the document

    private void region(JsonObject region) {
        String name = string(region, "name");
        String path = string(region, "path");
        List<String> names = strings(region, "labels");
        boolean enabled = region.get("enabled").getAsBoolean();
        boolean noMap = region.get("noMap").getAsBoolean();
        boolean reusable = region.get("reusable").getAsBoolean();
        boolean cma = region.get("cma").getAsBoolean();
        Kind kind = noMap ? Kind.NOMAP : cma ? Kind.CMA : reusable ? Kind.REUSABLE : Kind.MAPPED;
        Optional<Place> place = place(region.getAsJsonObject("location"));
        List<String> marks = marks(array(region, "diagnostics"));
        boolean error = array(region, "diagnostics").asList().stream()
                .anyMatch(d -> string(d.getAsJsonObject(), "severity").equals("error"));
        JsonArray reg = array(region, "reg");
        List<String> bootLog = strings(region, "bootLog");
        int logged = 0;
        for (int i = 0; i < reg.size(); i++) {
            Optional<Span> at = span(reg.get(i).getAsJsonObject());
            // the kernel's line for this entry: the document has one per entry it reserves, in reg order
            Optional<String> line = Optional.empty();
            if (enabled && at.isPresent()) {
                line = logged < bootLog.size() ? Optional.of(bootLog.get(logged)) : Optional.empty();
                logged++;
            }
            if (at.isEmpty()) {
                continue;
            }
            List<String> tip = new ArrayList<>();
            line.ifPresentOrElse(tip::add, () -> tip.add(enabled ? name : "status \"" + string(region, "status")
                    + "\": not reserved, not logged (the kernel skips a disabled region)"));
            describe(region, at.get(), i, place, tip);
            bars.add(new Bar("b" + bars.size(), path, i, false, name, names, kind, at.get(), enabled, tip, place, marks,
                    error));
        }
        JsonObject placement = region.getAsJsonObject("placement");
        if (placement != null && string(placement, "state").equals("placed")) {
            span(placement).ifPresent(at -> {
                List<String> tip = new ArrayList<>();
                if (placement.has("bootLog")) {
                    tip.add(string(placement, "bootLog"));
                }
                tip.add(string(placement, "explanation"));
                describe(region, at, -1, place, tip);
                bars.add(new Bar("b" + bars.size(), path, -1, true, name, names, Kind.DYNAMIC, at, enabled, tip, place,
                        marks, error));
            });
        }
    }

    private void describe(JsonObject region, Span at, int entry, Optional<Place> place, List<String> tip) {
        List<String> names = strings(region, "labels");
        if (!names.isEmpty()) {
            tip.add((names.size() == 1 ? "label " : "labels ") + String.join(", ", names));
        }
        tip.add(string(region, "path") + (entry > 0 ? ", reg entry " + (entry + 1) : ""));
        tip.add(human(at.size()) + ", end " + hex(at.end()) + " (exclusive)");
        List<String> consumers = strings(region, "consumers");
        if (!consumers.isEmpty()) {
            tip.add("used by " + String.join(", ", consumers));
        }
        place.ifPresent(p -> tip.add("defined at " + p.where()));
        for (JsonElement d : array(region, "diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            tip.add(string(o, "severity") + " [" + string(o, "code") + "]: " + string(o, "message"));
        }
    }

    private void memreserve(int index, JsonObject reserve) {
        span(reserve).ifPresent(at -> {
            Optional<Place> place = place(reserve.getAsJsonObject("location"));
            List<String> tip = new ArrayList<>();
            // what `carveout map` prints for it: the kernel logs no line of its own
            tip.add(string(reserve, "name") + " " + range(at) + " (" + human(at.size()) + "): reserved, mapped, not logged");
            List<String> names = strings(reserve, "labels");
            if (!names.isEmpty()) {
                tip.add((names.size() == 1 ? "label " : "labels ") + String.join(", ", names));
            }
            place.ifPresent(p -> tip.add("defined at " + p.where()));
            bars.add(new Bar("b" + bars.size(), "/memreserve/", index, false, string(reserve, "name"), names,
                    Kind.MEMRESERVE, at, true, tip, place, List.of(), false));
        });
    }

    private void gap(JsonObject gap) {
        span(gap).ifPresent(at -> {
            String below = gap.has("below") ? string(gap, "below") : null;
            String above = gap.has("above") ? string(gap, "above") : null;
            String bounds = below != null && above != null ? "between " + below + " and " + above
                    : below != null ? "after " + below : above != null ? "before " + above : "DRAM no region uses";
            List<String> tip = new ArrayList<>(List.of("free " + range(at) + " (" + human(at.size()) + ")", bounds));
            if (document.has("gapsExplanation")) {
                tip.add(string(document, "gapsExplanation"));
            }
            free.add(new Free(at, tip));
        });
    }

    private void overlap(JsonObject overlap) {
        JsonArray between = array(overlap, "regions");
        Optional<Span> at = span(overlap);
        if (between.size() < 2 || at.isEmpty()) {
            return;
        }
        Optional<Bar> a = barOf(between.get(0).getAsJsonObject());
        Optional<Bar> b = barOf(between.get(1).getAsJsonObject());
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        List<String> tip = new ArrayList<>();
        tip.add("overlap: " + a.get().name() + " and " + b.get().name());
        tip.add(range(at.get()) + " (" + human(at.get().size()) + ") reserved twice");
        // the overlap rule's own words, from the finding on the region it is reported on
        for (JsonElement r : array(document, "regions")) {
            JsonObject region = r.getAsJsonObject();
            if (string(region, "path").equals(a.get().path())) {
                for (JsonElement d : array(region, "diagnostics")) {
                    JsonObject o = d.getAsJsonObject();
                    if (string(o, "code").equals("overlap") && string(o, "message").contains(b.get().name())) {
                        tip.add(string(o, "severity") + " [overlap]: " + string(o, "message"));
                        break;
                    }
                }
            }
        }
        bands.add(new Band("o" + bands.size(), at.get(), a.get(), b.get(), tip));
    }

    private Optional<Bar> barOf(JsonObject reference) {
        String path = string(reference, "path");
        int entry = reference.get("entry").getAsInt();
        return bars.stream().filter(b -> !b.predicted() && b.path().equals(path) && b.entry() == entry).findFirst();
    }

    private void unplaced(int index, JsonObject region) {
        boolean drawn = bars.stream().anyMatch(b -> !b.predicted() && b.path().equals(string(region, "path")));
        if (drawn) {
            return;
        }
        JsonArray reg = array(region, "reg");
        String name = string(region, "name");
        List<String> names = strings(region, "labels");
        boolean enabled = region.get("enabled").getAsBoolean();
        String first = (names.isEmpty() ? "" : String.join(": ", names) + ": ") + name
                + (enabled ? "" : " (disabled: not reserved)");
        List<String> details = new ArrayList<>();
        Kind kind;
        if (reg.size() > 0) {
            kind = region.get("noMap").getAsBoolean() ? Kind.NOMAP : Kind.MAPPED;
            details.add("reg of size 0: nothing reserved");
        } else if (region.has("size")) {
            kind = Kind.DYNAMIC;
            BigInteger size = number(string(region, "size"));
            String where = array(region, "allocRanges").asList().stream()
                    .flatMap(r -> span(r.getAsJsonObject()).stream()).map(this::range).reduce((x, y) -> x + ", " + y)
                    .map(r -> "in " + r).orElse("anywhere in DRAM (no alloc-ranges)");
            details.add(human(size) + (region.has("alignment") ? ", aligned to " + human(number(string(region,
                    "alignment"))) : "") + ", " + where + (region.get("cma").getAsBoolean() ? ", a CMA pool" : ""));
        } else {
            kind = Kind.DYNAMIC;
            details.add("neither reg nor size: the kernel reserves nothing");
        }
        JsonObject placement = region.getAsJsonObject("placement");
        if (placement != null) {
            details.add(string(placement, "explanation"));
        }
        Optional<Place> place = place(region.getAsJsonObject("location"));
        List<String> tip = new ArrayList<>(List.of(first));
        tip.addAll(details);
        place.ifPresent(p -> tip.add("defined at " + p.where()));
        for (JsonElement d : array(region, "diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            tip.add(string(o, "severity") + " [" + string(o, "code") + "]: " + string(o, "message"));
        }
        unplaced.add(new Unplaced("u" + index, name, kind, first, details, marks(array(region, "diagnostics")), place,
                tip));
    }

    /** A listed region's name, over as many lines as the drawing's width needs. */
    private List<String> names(Unplaced u) {
        return hardWrap(u.first(), wrap - 3);
    }

    /** The lines below a listed region's name, wrapped to the drawing's width. */
    private List<String> lines(Unplaced u) {
        List<String> out = new ArrayList<>();
        u.details().forEach(line -> out.addAll(wrapText(line, wrap - 4)));
        if (!u.marks().isEmpty()) {
            out.add(String.join(" ", u.marks()));
        }
        return out;
    }

    // ---------------------------------------------------------------- geometry at one zoom

    /** Where everything is at one zoom: the axis scaled, the labels placed, the list below. */
    private final class Frame {
        final double zoom;
        final double[] labelTops;
        final double height;
        final double listTop;

        Frame(double zoom) {
            this.zoom = zoom;
            Integer[] order = new Integer[labels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> anchor(labels.get(i)))
                    .thenComparing(i -> i));
            double[] wanted = new double[order.length];
            double[] heights = new double[order.length];
            for (int k = 0; k < order.length; k++) {
                wanted[k] = anchor(labels.get(order[k])) - LINE;
                heights[k] = height(order[k]);
            }
            double[] tops = LabelColumn.place(wanted, heights, LABEL_GAP, bodyTop);
            labelTops = new double[labels.size()];
            double bottom = bodyTop + axis.height(zoom);
            for (int k = 0; k < order.length; k++) {
                labelTops[order[k]] = tops[k];
                bottom = Math.max(bottom, tops[k] + heights[k]);
            }
            if (bars.isEmpty()) {
                bottom = bodyTop + LINE;
            }
            listTop = bottom + 24;
            double list = unplaced.isEmpty() ? 0
                    : LINE + 8 + unplaced.stream().mapToDouble(u -> (names(u).size() + lines(u).size()) * LINE + 6).sum();
            height = Math.ceil(listTop + list + MARGIN);
        }

        double y(BigInteger address) {
            return bodyTop + axis.y(address, zoom);
        }

        /** The bar's drawn extent: at least {@link #MIN_BAR} tall, so that a 4 KiB carve-out shows. */
        double bottom(Span at) {
            return Math.max(y(at.end()), y(at.base()) + MIN_BAR);
        }

        double anchor(Label label) {
            return (y(label.at().base()) + bottom(label.at())) / 2;
        }
    }

    private double height(int label) {
        return labelLines.get(label).size() * LINE;
    }

    /**
     * A label broken into lines of at most {@code columns} characters: the name first (at its
     * spaces, and a word longer than a line over several), then the range, the size and the
     * marks, as many to a line as fit.
     */
    private static List<List<Run>> lines(Label label, int columns) {
        List<List<Run>> out = new ArrayList<>();
        for (String line : hardWrap(label.name(), columns)) {
            out.add(List.of(new Run(line, "name")));
        }
        List<Run> line = new ArrayList<>();
        int used = 0;
        for (String detail : label.details()) {
            String style = detail.startsWith("✖") ? "mark-error" : detail.startsWith("⚠") ? "mark-warning"
                    : detail.startsWith("ℹ") ? "mark-info" : "detail";
            if (!line.isEmpty() && used + 2 + detail.length() > columns) {
                out.add(line);
                line = new ArrayList<>();
                used = 0;
            }
            used += (line.isEmpty() ? 0 : 2) + detail.length();
            line.add(new Run(detail, style));
        }
        if (!line.isEmpty()) {
            out.add(line);
        }
        return out;
    }

    // ---------------------------------------------------------------- writing the SVG

    private String title() {
        String board = document.has("board") ? basename(string(document, "board")) : "no board";
        List<String> overlays = strings(document, "overlays").stream().map(MemoryMapDrawing::basename).toList();
        return "Memory map of " + board + (overlays.isEmpty() ? "" : " with " + String.join(", ", overlays));
    }

    private List<String> summary(JsonObject dramObject) {
        int regions = array(document, "regions").size();
        BigInteger freeBytes = free.stream().map(f -> f.at().size()).reduce(BigInteger.ZERO, BigInteger::add);
        String counts = regions + (regions == 1 ? " region" : " regions")
                + (array(document, "memreserve").isEmpty() ? "" : ", " + array(document, "memreserve").size()
                        + " /memreserve/")
                + " · " + bands.size() + (bands.size() == 1 ? " overlap" : " overlaps")
                + " · " + human(freeBytes) + " free"
                + (axis.breaks().isEmpty() ? "" : " · ⋯ marks a stretch cut out of the scale");
        List<String> lines = new ArrayList<>(List.of(counts));
        if (dramObject.has("explanation")) {
            String explanation = string(dramObject, "explanation");
            lines.add(explanation.startsWith("DRAM") ? explanation : "DRAM: " + explanation);
        }
        return lines;
    }

    /** The legend: {id, words} of every kind drawn, then the marks. */
    private List<String[]> legend() {
        Set<Kind> kinds = new LinkedHashSet<>();
        for (Kind kind : Kind.values()) {
            if (bars.stream().anyMatch(b -> b.kind() == kind) || unplaced.stream().anyMatch(u -> u.kind() == kind)) {
                kinds.add(kind);
            }
        }
        List<String[]> out = new ArrayList<>();
        kinds.forEach(k -> out.add(new String[] {k.id, k.words}));
        if (bars.stream().anyMatch(b -> !b.enabled())) {
            out.add(new String[] {"disabled", "disabled (not reserved)"});
        }
        if (!bands.isEmpty()) {
            out.add(new String[] {"overlap", "overlap"});
        }
        if (!free.isEmpty()) {
            out.add(new String[] {"free", "free"});
        }
        if (!dram.isEmpty()) {
            out.add(new String[] {"dram", "DRAM"});
        }
        return out;
    }

    private int legendRows(List<String> words) {
        double x = 0;
        int rows = words.isEmpty() ? 0 : 1;
        double room = width - 2 * MARGIN;
        for (String w : words) {
            double item = 22 + w.length() * CHAR;
            if (x > 0 && x + item > room) {
                rows++;
                x = 0;
            }
            x += item;
        }
        return rows;
    }

    private String svg() {
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"carveout-map\" role=\"img\"");
        out.append(" width=\"").append(number(width)).append('"');
        if (document.has("board")) {
            out.append(" data-board=\"").append(escape(basename(string(document, "board")))).append('"');
        }
        out.append(" data-zooms=\"").append(String.join(" ", java.util.Arrays.stream(ZOOMS).mapToObj(
                MemoryMapDrawing::number).toList())).append('"');
        Tag root = new Tag("svg");
        root.zoomNumber("height", f -> f.height);
        root.zoom("viewBox", f -> "0 0 " + number(width) + " " + number(f.height));
        out.append(root.attributes).append(root.zoomed()).append(">\n");
        out.append("<title>").append(escape(title())).append("</title>\n");
        out.append("<style><![CDATA[\n").append(Resources.STYLE).append("]]></style>\n");
        out.append("<defs><pattern id=\"carveout-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch-line\"/>"
                + "</pattern></defs>\n");
        new Tag("rect").set("class", "background").set("x", 0).set("y", 0).set("width", width)
                .zoomNumber("height", f -> f.height).empty(out);
        header(out);
        if (bars.isEmpty()) {
            new Tag("text").set("class", "empty").set("x", MARGIN).set("y", bodyTop + 12)
                    .text(out, EMPTY);
        } else {
            body(out);
        }
        list(out);
        out.append("</svg>\n");
        return out.toString();
    }

    private void header(StringBuilder out) {
        new Tag("text").set("class", "title").set("x", MARGIN).set("y", MARGIN + 14).text(out, title());
        double y = MARGIN + 22 + LINE;
        for (String line : summary) {
            new Tag("text").set("class", "summary").set("x", MARGIN).set("y", y - 3).text(out, line);
            y += LINE;
        }
        double x = MARGIN;
        y += 4;
        for (String[] item : legend()) {
            double itemWidth = 22 + item[1].length() * CHAR;
            if (x > MARGIN && x + itemWidth > width - MARGIN) {
                x = MARGIN;
                y += 20;
            }
            new Tag("g").set("class", "legend-item").set("data-legend-kind", item[0])
                    .set("transform", "translate(" + number(x) + "," + number(y) + ")").open(out);
            new Tag("rect").set("class", "swatch swatch-" + item[0]).set("x", 0).set("y", 0).set("width", 13)
                    .set("height", 13).set("rx", 2).empty(out);
            new Tag("text").set("x", 19).set("y", 11).text(out, item[1]);
            out.append("</g>\n");
            x += itemWidth;
        }
    }

    private void body(StringBuilder out) {
        double barsRight = lanesX + laneCount * LANE;
        for (Span d : dram) {
            Tag t = new Tag("rect").set("class", "dram").set("data-kind", "dram").set("x", axisX + 4)
                    .set("width", DRAM_WIDTH).zoomNumber("y", f -> f.y(d.base()))
                    .zoomNumber("height", f -> f.y(d.end()) - f.y(d.base()));
            t.open(out);
            title(out, List.of("DRAM " + range(d) + " (" + human(d.size()) + ")"));
            out.append("</rect>\n");
        }
        for (Free f : free) {
            if (axis.cutOut(f.at())) {
                continue; // all of it is a break, which says so
            }
            new Tag("g").set("class", "free").set("data-kind", "free").open(out);
            title(out, f.tip());
            new Tag("rect").set("x", lanesX).set("width", laneCount * LANE - 3)
                    .zoomNumber("y", fr -> fr.y(f.at().base()) + 0.5)
                    .zoomNumber("height", fr -> Math.max(0, fr.y(f.at().end()) - fr.y(f.at().base()) - 1)).empty(out);
            new Tag("text").set("class", "free-label").set("x", lanesX + 6)
                    .zoomNumber("y", fr -> (fr.y(f.at().base()) + fr.y(f.at().end())) / 2 + 4)
                    .zoom("visibility", fr -> fr.y(f.at().end()) - fr.y(f.at().base()) >= 16 ? "visible" : "hidden")
                    .text(out, "free " + human(f.at().size()));
            out.append("</g>\n");
        }
        for (MapAxis.Break b : axis.breaks()) {
            breakBand(out, b, barsRight);
        }
        axisLines(out);
        for (int i = 0; i < bars.size(); i++) {
            bar(out, bars.get(i), lanes[i]);
        }
        for (Band band : bands) {
            int a = lanes[bars.indexOf(band.a())];
            int b = lanes[bars.indexOf(band.b())];
            double left = lanesX + Math.min(a, b) * LANE;
            double right = lanesX + (Math.max(a, b) + 1) * LANE - 3;
            link("overlap-band", band.id(), "overlap", false, band.a().place()).set("data-base", hex(band.at().base()))
                    .set("data-end", hex(band.at().end())).open(out);
            title(out, band.tip());
            new Tag("rect").set("x", left).set("width", right - left).zoomNumber("y", f -> f.y(band.at().base()))
                    .zoomNumber("height", f -> f.bottom(band.at()) - f.y(band.at().base())).empty(out);
            out.append(band.a().place().isPresent() ? "</a>\n" : "</g>\n");
        }
        for (int i = 0; i < labels.size(); i++) {
            label(out, labels.get(i), i, barsRight);
        }
    }

    private void breakBand(StringBuilder out, MapAxis.Break b, double barsRight) {
        Set<MapAxis.Cover> covers = new LinkedHashSet<>();
        b.pieces().forEach(p -> covers.add(p.cover()));
        BigInteger freeBytes = b.pieces().stream().filter(p -> p.cover() == MapAxis.Cover.FREE)
                .map(p -> p.at().size()).reduce(BigInteger.ZERO, BigInteger::add);
        String what = covers.equals(Set.of(MapAxis.Cover.FREE)) ? "free"
                : covers.equals(Set.of(MapAxis.Cover.NOTHING)) ? "not DRAM"
                : covers.equals(Set.of(MapAxis.Cover.DRAM)) ? "DRAM"
                : freeBytes.signum() > 0 ? "(" + human(freeBytes) + " free)" : "";
        String words = human(b.at().size()) + " " + what;
        new Tag("g").set("class", "break").open(out);
        title(out, List.of(range(b.at()) + " (" + human(b.at().size()) + ") " + what.replaceAll("[()]", ""),
                "cut out of the scale: drawn " + number(MapAxis.BREAK_HEIGHT) + " px tall whatever its size"));
        double left = axisX - 6;
        // inset, so that a small bar on either side of it keeps its few pixels
        new Tag("rect").set("x", left).set("width", barsRight - left + 4)
                .zoomNumber("y", f -> f.y(b.at().base()) + 3).set("height", MapAxis.BREAK_HEIGHT - 6).empty(out);
        for (double edge : new double[] {7, MapAxis.BREAK_HEIGHT - 7}) {
            StringBuilder zig = new StringBuilder("M " + number(left) + " 0");
            for (double x = left + 6; x <= barsRight + 4; x += 6) {
                zig.append(" L ").append(number(x)).append(' ').append((int) ((x - left) / 6) % 2 == 0 ? "-3" : "3");
            }
            new Tag("path").set("class", "zigzag").set("d", zig.toString())
                    .zoom("transform", f -> "translate(0," + number(f.y(b.at().base()) + edge) + ")").empty(out);
        }
        new Tag("text").set("class", "break-label").set("x", lanesX + 4)
                .zoomNumber("y", f -> f.y(b.at().base()) + MapAxis.BREAK_HEIGHT / 2 + 4).text(out, "⋯ " + words);
        out.append("</g>\n");
    }

    private void axisLines(StringBuilder out) {
        // one line per linear stretch, none across a break
        BigInteger from = null;
        List<MapAxis.Piece> pieces = axis.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            MapAxis.Piece p = pieces.get(i);
            if (!p.broken() && from == null) {
                from = p.at().base();
            }
            boolean last = i == pieces.size() - 1 || pieces.get(i + 1).broken();
            if (!p.broken() && last) {
                BigInteger start = from;
                BigInteger end = p.at().end();
                new Tag("line").set("class", "axis").set("x1", axisX).set("x2", axisX)
                        .set("data-segment", axis.segment(start)).set("data-base", hex(start)).set("data-end", hex(end))
                        .zoomNumber("y1", f -> f.y(start)).zoomNumber("y2", f -> f.y(end)).empty(out);
                from = null;
            }
        }
        List<BigInteger> ticks = axis.cuts().stream().filter(c -> !axis.insideBreak(c)).toList();
        // which ticks have room for their address, at each zoom
        List<boolean[]> labelled = new ArrayList<>();
        for (Frame f : frames) {
            boolean[] room = new boolean[ticks.size()];
            double last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ticks.size(); i++) {
                double y = f.y(ticks.get(i));
                if (y - last >= TICK_SPACING) {
                    room[i] = true;
                    last = y;
                }
            }
            labelled.add(room);
        }
        for (int i = 0; i < ticks.size(); i++) {
            BigInteger at = ticks.get(i);
            int index = i;
            new Tag("line").set("class", "tick").set("x1", axisX - 5).set("x2", axisX)
                    .zoomNumber("y1", f -> f.y(at)).zoomNumber("y2", f -> f.y(at)).empty(out);
            new Tag("text").set("class", "address").set("x", axisX - 8).zoomNumber("y", f -> f.y(at) + 4)
                    .zoom("visibility", f -> labelled.get(frames.indexOf(f))[index] ? "visible" : "hidden")
                    .text(out, hex(at));
        }
    }

    private void bar(StringBuilder out, Bar bar, int lane) {
        String classes = "region kind-" + bar.kind().id + (bar.enabled() ? "" : " disabled")
                + (bar.predicted() ? " predicted" : "") + (bar.error() ? " problem" : "")
                + (bands.stream().anyMatch(b -> b.a() == bar || b.b() == bar) ? " overlapping" : "");
        link(classes, bar.id(), bar.kind().id, !bar.enabled(), bar.place()).set("data-name", bar.name())
                .set("data-path", bar.path()).set("data-base", hex(bar.at().base())).set("data-end", hex(bar.at().end()))
                .set("data-segment", axis.segment(bar.at().base())).open(out);
        title(out, bar.tip());
        new Tag("rect").set("x", lanesX + lane * LANE + 1).set("width", LANE - 4).set("rx", 2)
                .zoomNumber("y", f -> f.y(bar.at().base()))
                .zoomNumber("height", f -> f.bottom(bar.at()) - f.y(bar.at().base())).empty(out);
        out.append(bar.place().isPresent() ? "</a>\n" : "</g>\n");
    }

    private void label(StringBuilder out, Label label, int index, double barsRight) {
        double left = label.overlap() ? barsRight : lanesX + (lanes[bars.indexOf(barById(label.id()))] + 1) * LANE - 3;
        new Tag("polyline").set("class", "leader" + (label.overlap() ? " overlap-leader" : ""))
                .set("data-id", label.id()).set("data-kind", label.kind())
                .set("data-disabled", String.valueOf(label.disabled()))
                .zoom("points", f -> {
                    double from = f.anchor(label);
                    double to = f.labelTops[index] + Math.min(LINE, height(index) / 2);
                    return number(left) + "," + number(from) + " " + number(barsRight + 10) + "," + number(from) + " "
                            + number(labelsX - 8) + "," + number(to) + " " + number(labelsX - 3) + "," + number(to);
                }).empty(out);
        link("label" + (label.overlap() ? " overlap-label" : " kind-" + label.kind()), label.id(), label.kind(),
                label.disabled(), label.place())
                .set("data-name", label.overlap() ? "overlap" : barById(label.id()).name())
                .zoom("transform", f -> "translate(" + number(labelsX) + "," + number(f.labelTops[index]) + ")")
                .open(out);
        title(out, label.tip());
        List<List<Run>> lines = labelLines.get(index);
        int longest = lines.stream().mapToInt(l -> l.stream().mapToInt(r -> r.text().length() + 2).sum() - 2).max()
                .orElse(0);
        new Tag("rect").set("class", "hit").set("x", -4).set("y", 0).set("width", longest * CHAR + 8)
                .set("height", height(index)).empty(out);
        for (int i = 0; i < lines.size(); i++) {
            List<Run> line = lines.get(i);
            boolean name = line.get(0).style().equals("name");
            new Tag("text").set("class", name ? "name" : "detail").set("x", 0).set("y", 12 + i * LINE).start(out);
            for (int k = 0; k < line.size(); k++) {
                Run run = line.get(k);
                out.append(k == 0 ? "" : "  ");
                if (run.style().startsWith("mark")) {
                    out.append("<tspan class=\"").append(run.style()).append("\">").append(escape(run.text()))
                            .append("</tspan>");
                } else {
                    out.append(escape(run.text()));
                }
            }
            out.append("</text>\n");
        }
        out.append(label.place().isPresent() ? "</a>\n" : "</g>\n");
    }

    private Bar barById(String id) {
        return bars.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    private void list(StringBuilder out) {
        if (unplaced.isEmpty()) {
            return;
        }
        new Tag("g").set("class", "unplaced").zoom("transform", f -> "translate(0," + number(f.listTop) + ")")
                .open(out);
        new Tag("text").set("class", "heading").set("x", MARGIN).set("y", 12)
                .text(out, HEADING);
        double y = LINE + 8;
        for (Unplaced u : unplaced) {
            link("unplaced-row kind-" + u.kind().id, u.id(), u.kind().id, false, u.place()).set("data-name", u.name())
                    .open(out);
            title(out, u.tip());
            List<String> names = names(u);
            List<String> lines = lines(u);
            double rowHeight = (names.size() + lines.size()) * LINE;
            new Tag("rect").set("class", "hit").set("x", MARGIN - 4).set("y", y - 2).set("width", width - 2 * MARGIN)
                    .set("height", rowHeight + 2).empty(out);
            new Tag("rect").set("class", "swatch swatch-" + u.kind().id).set("x", MARGIN).set("y", y + 1)
                    .set("width", 12).set("height", 12).set("rx", 2).empty(out);
            double line = y + 12;
            for (String name : names) {
                new Tag("text").set("class", "name").set("x", MARGIN + 20).set("y", line).text(out, name);
                line += LINE;
            }
            for (String detail : lines) {
                new Tag("text").set("class", "detail").set("x", MARGIN + 20).set("y", line).text(out, detail);
                line += LINE;
            }
            out.append(u.place().isPresent() ? "</a>\n" : "</g>\n");
            y += rowHeight + 6;
        }
        out.append("</g>\n");
    }

    /**
     * Opens what a click on a region follows: a link to its source when the document has one
     * (a browser opens it; the VS Code view asks the editor instead), with what the script needs.
     */
    private Tag link(String classes, String id, String kind, boolean disabled, Optional<Place> place) {
        Tag t = new Tag(place.isPresent() ? "a" : "g").set("class", classes).set("data-id", id).set("data-kind", kind)
                .set("data-disabled", String.valueOf(disabled));
        place.ifPresent(p -> {
            JsonObject start = p.range().getAsJsonObject("start");
            JsonObject end = p.range().getAsJsonObject("end");
            t.set("href", p.uri()).set("target", "_blank").set("data-uri", p.uri())
                    .set("data-range", start.get("line").getAsInt() + "," + start.get("character").getAsInt() + ","
                            + end.get("line").getAsInt() + "," + end.get("character").getAsInt())
                    .set("data-where", p.where());
        });
        return t;
    }

    private static void title(StringBuilder out, List<String> lines) {
        out.append("<title>").append(escape(String.join("\n", lines))).append("</title>\n");
    }

    /** An SVG element whose attributes may differ from one zoom to the next. */
    private final class Tag {
        private final String name;
        private final StringBuilder attributes = new StringBuilder();
        private final List<String> zoomed = new ArrayList<>();

        Tag(String name) {
            this.name = name;
        }

        Tag set(String key, String value) {
            attributes.append(' ').append(key).append("=\"").append(escape(value)).append('"');
            return this;
        }

        Tag set(String key, double value) {
            return set(key, number(value));
        }

        Tag zoom(String key, Function<Frame, String> value) {
            List<String> values = frames.stream().map(value).toList();
            set(key, values.get(0));
            if (values.stream().distinct().count() > 1) {
                zoomed.add(key + "=" + String.join("|", values));
            }
            return this;
        }

        Tag zoomNumber(String key, ToDoubleFunction<Frame> value) {
            return zoom(key, f -> number(value.applyAsDouble(f)));
        }

        String zoomed() {
            return zoomed.isEmpty() ? "" : " data-z=\"" + escape(String.join(";", zoomed)) + "\"";
        }

        void open(StringBuilder out) {
            start(out);
            out.append('\n');
        }

        /** The start tag alone, for text that follows on the same line. */
        void start(StringBuilder out) {
            out.append('<').append(name).append(attributes).append(zoomed()).append('>');
        }

        void empty(StringBuilder out) {
            out.append('<').append(name).append(attributes).append(zoomed()).append("/>\n");
        }

        void text(StringBuilder out, String text) {
            out.append('<').append(name).append(attributes).append(zoomed()).append('>').append(escape(text))
                    .append("</").append(name).append(">\n");
        }
    }

    // ---------------------------------------------------------------- small readings and writings

    private static List<String> marks(JsonArray diagnostics) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonElement d : diagnostics) {
            JsonObject o = d.getAsJsonObject();
            String severity = string(o, "severity");
            out.add((severity.equals("error") ? "✖ " : severity.equals("warning") ? "⚠ " : "ℹ ") + string(o, "code"));
        }
        return List.copyOf(out);
    }

    private Optional<Place> place(JsonObject location) {
        if (location == null || !location.has("uri") || !location.has("range")) {
            return Optional.empty();
        }
        String uri = string(location, "uri");
        JsonObject range = location.getAsJsonObject("range");
        int line = range.getAsJsonObject("start").get("line").getAsInt();
        return Optional.of(new Place(uri, range, basename(uri) + ":" + (line + 1)));
    }

    private static Optional<Span> span(JsonObject range) {
        if (!range.has("base") || !range.has("size")) {
            return Optional.empty();
        }
        BigInteger base = number(string(range, "base"));
        BigInteger size = number(string(range, "size"));
        return size.signum() > 0 ? Optional.of(new Span(base, base.add(size))) : Optional.empty();
    }

    private static BigInteger number(String text) {
        return text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
    }

    private String hex(BigInteger value) {
        String digitsOf = value.toString(16);
        return "0x" + "0".repeat(Math.max(0, digits - digitsOf.length())) + digitsOf;
    }

    /** {@code 0x86100000..0x865fffff}: the inclusive form of the boot log. */
    private String range(Span at) {
        return hex(at.base()) + ".." + hex(at.end().subtract(BigInteger.ONE));
    }

    private static String human(BigInteger bytes) {
        return BootLog.humanSize(bytes.longValue());
    }

    private static String basename(String uri) {
        String path = uri.replaceAll("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JsonArray array(JsonObject object, String key) {
        return object.has(key) && object.get(key).isJsonArray() ? object.getAsJsonArray(key) : new JsonArray();
    }

    private static String string(JsonObject object, String key) {
        return object.has(key) && !object.get(key).isJsonNull() ? object.get(key).getAsString() : "";
    }

    private static List<String> strings(JsonObject object, String key) {
        return array(object, key).asList().stream().map(JsonElement::getAsString).toList();
    }

    /** Words to lines of at most {@code columns} characters; a longer word stands on its own line. */
    static List<String> wrapText(String text, int columns) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > columns) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * As {@link #wrapText}, and a word longer than a line is broken over several: after its last
     * {@code @ - _ , . /} that fits (the joints of a devicetree name), else where the line ends.
     */
    static List<String> hardWrap(String text, int columns) {
        List<String> out = new ArrayList<>();
        for (String line : wrapText(text, columns)) {
            String rest = line;
            while (rest.length() > columns) {
                int cut = columns;
                for (int i = columns - 1; i > 0; i--) {
                    if ("@-_,./".indexOf(rest.charAt(i - 1)) >= 0) {
                        cut = i;
                        break;
                    }
                }
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            out.add(rest);
        }
        return out;
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Text for XML: the five specials escaped, and the control characters XML 1.0 forbids left out. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (c >= 0x20 && c != 0xfffe && c != 0xffff) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The style and the script every copy of the drawing carries, from the jar. */
    private static final class Resources {
        static final String STYLE = read("memory-map.css");
        static final String SCRIPT = read("memory-map.js");

        private static String read(String name) {
            try (InputStream in = MemoryMapDrawing.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
