package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.List;

/**
 * A board (or a .dtsi, or an overlay) taken through the whole front end: preprocessed,
 * spliced, parsed and merged. The diagnostics of each stage are kept apart; each is
 * already placed in the file the user wrote.
 */
public record CompiledBoard(
        Path file,
        List<Path> overlays,
        PreprocessResult preprocessed,
        DeviceTree tree,
        List<Finding> preprocessDiagnostics,
        List<Finding> treeDiagnostics) {

    public CompiledBoard {
        overlays = List.copyOf(overlays);
        preprocessDiagnostics = List.copyOf(preprocessDiagnostics);
        treeDiagnostics = List.copyOf(treeDiagnostics);
    }

    public boolean hasErrors() {
        return preprocessDiagnostics.stream().anyMatch(Finding::isError)
                || treeDiagnostics.stream().anyMatch(Finding::isError);
    }
}
