package io.carveout.cli;

import com.google.gson.GsonBuilder;
import io.carveout.finding.Finding;
import io.carveout.memory.AddressRange;
import io.carveout.memory.BootLog;
import io.carveout.memory.Layout;
import io.carveout.memory.MemoryMap;
import io.carveout.memory.Placement;
import io.carveout.memory.ReservedRegion;
import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.text.SourceSpan;
import io.carveout.tree.MemReserve;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.MemoryMapDrawing;
import io.carveout.workspace.MemoryMapJson;
import io.carveout.workspace.MemoryMapView;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carveout map BOARD [OVERLAY...]}: the physical memory map of the merged tree. */
@Command(name = "map", mixinStandardHelpOptions = true,
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        header = "Prints the memory map of a board as the kernel will see it.",
        description = "Prints /memory, /memreserve/ and every /reserved-memory region as the boot log prints it, "
                + "with where it was written, where each dynamic region will be placed, the findings of each region "
                + "and the free gaps. Front-end problems go to stderr as file:line:col: severity: message.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.STATUS_CLEAN, Main.STATUS_ERRORS, Main.STATUS_USAGE})
final class MapCommand implements Callable<Integer> {
    enum Format { table, json, svg, html }

    @Parameters(index = "0", paramLabel = "BOARD", description = "the board .dts (or a .dtsi, or an overlay alone)")
    Path board;

    @Parameters(index = "1..*", paramLabel = "OVERLAY", description = "overlays (.dtso) applied in order")
    List<Path> overlays = List.of();

    @Option(names = "--format", defaultValue = "table",
            description = "table, json, svg (the drawing) or html (the drawing with zoom, filter and details)"
                    + " (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-I", "--include"}, paramLabel = "DIR", description = "an extra include path (repeatable)")
    List<Path> includes = List.of();

    @Option(names = "--rule", paramLabel = "ID=LEVEL",
            description = "set a rule to off, info, warning or error (repeatable), over the settings")
    List<String> rules = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Map<String, String>> levels = RuleLevels.parse(rules, err);
        if (levels.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        for (Path file : concat(board, overlays)) {
            Optional<String> unreadable = SourceText.unreadable(file);
            if (unreadable.isPresent()) {
                err.println(file + ": error: cannot read file: " + unreadable.get());
                return Main.EXIT_USAGE;
            }
        }
        // the editor's workspace and queries, with the command line's rules and include paths on top
        Project project = new Project(null, new OpenDocuments(new FileSystemSources()));
        project.setOverrides(new Snapshot.Overrides(levels.get(), includes));
        Snapshot snapshot = project.snapshot();
        boolean badSettings = new SettingsErrors(new SourceLocations(snapshot.sources()), err).report(snapshot, board);
        Snapshot.Variant variant = new Snapshot.Variant(overlays, List.of(), Optional.empty());
        CompiledBoard compiled = snapshot.board(board, variant);
        MemoryReport report = snapshot.memoryReport(compiled, variant);
        SourceProvider sources = snapshot.sources();
        SourceLocations locations = new SourceLocations(sources);
        for (Finding d : compiled.preprocessDiagnostics()) {
            err.println(locations.describe(d.where()) + ": " + d.severity().label() + ": " + d.message());
        }
        for (Finding d : compiled.treeDiagnostics()) {
            err.println(locations.describe(d.where()) + ": " + d.severity().label() + ": " + d.message());
        }
        switch (format) {
            case json -> out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(MemoryMapJson.of(MemoryMapView.of(compiled, report), locations)));
            // drawn from the same document the json format prints
            case svg -> out.print(MemoryMapDrawing.svg(MemoryMapJson.of(MemoryMapView.of(compiled, report), locations)));
            case html -> out.print(MemoryMapDrawing.html(MemoryMapJson.of(MemoryMapView.of(compiled, report), locations)));
            case table -> table(report, locations, out);
        }
        out.flush();
        err.flush();
        // the same statuses as check: the memory rules' errors count as the front end's do
        return badSettings ? Main.EXIT_USAGE : compiled.hasErrors() ? Main.EXIT_ERRORS : Main.status(report.diagnostics());
    }

    private static List<Path> concat(Path first, List<Path> rest) {
        java.util.ArrayList<Path> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void table(MemoryReport report, SourceLocations locations, PrintWriter out) {
        MemoryMap map = report.analysis().map();
        Layout layout = report.analysis().layout();
        for (MemoryMap.MemoryNode memory : map.memoryNodes()) {
            List<AddressRange> ranges = memory.effective();
            String text = ranges.stream().allMatch(AddressRange::isEmpty)
                    ? "size 0: the bootloader fills in DRAM"
                    : String.join(", ", ranges.stream().map(r -> String.format("0x%016x..0x%016x (%s)", r.base(),
                            r.last(), BootLog.humanSize(r.size()))).toList());
            out.println("memory  " + memory.node().path() + ": " + text
                    + (memory.usableMemory().isPresent() ? " (linux,usable-memory)" : "")
                    + "  " + locations.describe(first(memory.node().definitions())));
        }
        for (MemReserve reserve : map.memReserves()) {
            // not a boot-log line: the kernel reserves these early, keeps them mapped and logs nothing
            out.println("memreserve  " + span(new AddressRange(reserve.address(), reserve.size()))
                    + " reserved, mapped, not logged  " + locations.describe(reserve.origin()));
        }
        if (map.reservedMemory().isEmpty()) {
            out.println("no /reserved-memory node");
        }
        for (ReservedRegion region : map.regions()) {
            String status = region.isEnabled() ? "" : " [status " + region.status() + "]";
            String labels = region.labels().isEmpty() ? "" : " (" + String.join(", ", region.labels()) + ")";
            String where = "  " + locations.describe(region.nodeOrigin());
            if (region.isStatic()) {
                for (int i = 0; i < region.regs().size(); i++) {
                    AddressRange reg = region.regs().get(i);
                    // the boot log's form only for what the kernel really reserves and logs
                    String line = !region.isEnabled() ? "not reserved, not logged (disabled): " + span(reg) + " "
                            + region.name()
                            : reg.isEmpty() ? "size 0, nothing reserved: " + span(reg) + " " + region.name()
                            : BootLog.line(reg, region.noMap(), region.reusable(), region.name());
                    out.println(line + (i > 0 ? " [reg entry " + (i + 1) + "]" : "") + labels + status + where);
                }
            } else if (region.size().isPresent()) {
                String align = region.alignment().map(a -> " aligned to " + hex(a)).orElse("");
                String within = region.allocRanges().isEmpty() ? "" : " in " + String.join(", ",
                        region.allocRanges().stream().map(r -> String.format("0x%016x..0x%016x", r.base(), r.last()))
                                .toList());
                out.println(String.format("dynamic: %s (%d KiB)%s%s %s %s %s", hex(region.size().get()),
                        Long.divideUnsigned(region.size().get(), 1024), align, within,
                        region.noMap() ? "nomap" : "map", region.reusable() ? "reusable" : "non-reusable",
                        region.name()) + labels + status + where);
            } else {
                out.println("neither reg nor size: " + region.name() + labels + status + where);
            }
            layout.dynamicOf(region).ifPresent(d -> out.println("    " + (d.placement() instanceof Placement.Placed p
                    ? "predicted " + d.bootLog().orElseThrow() + "  (" + p.how() + ")" : d.placement().describe())));
            if (!region.consumers().isEmpty()) {
                out.println("    used by " + String.join(", ", region.consumers()));
            }
            for (Finding d : report.about(region.node().path())) {
                out.println("    " + d.severity().label() + ": " + d.message() + " [" + d.code() + "]");
            }
        }
        out.println("gaps (" + layout.gapsExplanation() + "):");
        if (layout.gaps().isEmpty()) {
            out.println("    none");
        }
        for (AddressRange gap : layout.gaps()) {
            out.println(String.format("    0x%016x..0x%016x (%s)", gap.base(), gap.last(), BootLog.humanSize(gap.size())));
        }
    }

    private static SourceSpan first(List<SourceSpan> spans) {
        return spans.isEmpty() ? null : spans.get(0);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }


    // A range as written, without the boot log's inclusive end (a size-0 range has none).
    private static String span(AddressRange range) {
        return range.isEmpty() ? String.format("0x%016x (0 KiB)", range.base())
                : String.format("0x%016x..0x%016x (%d KiB)", range.base(), range.last(),
                        Long.divideUnsigned(range.size(), 1024));
    }
}
