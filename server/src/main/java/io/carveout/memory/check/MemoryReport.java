package io.carveout.memory.check;

import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.memory.Analysis;
import io.carveout.memory.Overlap;
import java.util.List;

/** What checking one tree gives: the analysis (map, layout) and the diagnostics in force, in source order. */
public record MemoryReport(Analysis analysis, List<Finding> diagnostics) {
    public MemoryReport {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    /** The diagnostics about one node (a region, /reserved-memory, a /memory node). */
    public List<Finding> about(String path) {
        return diagnostics.stream().filter(d -> d.regions().contains(path)).toList();
    }

    /**
     * The overlaps whose finding is in force: what the overlap rule reports, at the level the
     * user set (none when it is off) and not silenced by a carveout-ignore comment. The map
     * shows these, so that it never disagrees with the diagnostics.
     */
    public List<Overlap> overlaps() {
        // no finding, nothing to look for: the rule is off, or it failed on this tree and said so
        if (diagnostics.stream().noneMatch(d -> d.code().equals(OverlapRule.ID) && !d.regions().isEmpty())) {
            return List.of();
        }
        return OverlapRule.overlaps(analysis).stream()
                .filter(o -> diagnostics.stream().anyMatch(d -> OverlapRule.reports(analysis, d, o)))
                .toList();
    }
}
