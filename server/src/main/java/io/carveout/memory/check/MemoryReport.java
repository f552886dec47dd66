package io.carveout.memory.check;

import io.carveout.memory.Analysis;
import io.carveout.memory.Diagnostic;
import io.carveout.memory.Severity;
import java.util.List;

/** What checking one tree gives: the analysis (map, layout) and the diagnostics in force, in source order. */
public record MemoryReport(Analysis analysis, List<Diagnostic> diagnostics) {
    public MemoryReport {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The diagnostics about one node (a region, /reserved-memory, a /memory node). */
    public List<Diagnostic> about(String path) {
        return diagnostics.stream().filter(d -> d.regions().contains(path)).toList();
    }
}
