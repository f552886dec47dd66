package io.carveout.preprocess;

import java.util.List;

/**
 * What preprocessing one file gives: the text dtc would read, where each part of it came from,
 * and everything found on the way.
 */
public record PreprocessResult(
        String text,
        SourceMap sourceMap,
        List<PpDiagnostic> diagnostics,
        List<Inclusion> inclusions,
        List<MacroDefinition> definitions,
        List<MacroUse> uses) {

    public PreprocessResult {
        diagnostics = List.copyOf(diagnostics);
        inclusions = List.copyOf(inclusions);
        definitions = List.copyOf(definitions);
        uses = List.copyOf(uses);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(PpDiagnostic::isError);
    }
}
