package io.carveout.preprocess;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.List;

/**
 * What preprocessing one file gives: the text dtc would read, where each part of it came from,
 * and everything found on the way.
 */
public record PreprocessResult(
        String text,
        SourceMap sourceMap,
        List<Finding> diagnostics,
        List<Inclusion> inclusions,
        List<MacroDefinition> definitions,
        List<MacroUse> uses) {

    public PreprocessResult {
        diagnostics = List.copyOf(diagnostics);
        inclusions = List.copyOf(inclusions);
        definitions = List.copyOf(definitions);
        uses = List.copyOf(uses);
    }

    /**
     * This result after the characters {@code [start, end)} of a file, copied once into the
     * output at {@code outputStart} (-1: not in the output), were replaced by {@code replacement}, an edit that the
     * preprocessor reads as the same tokens but for one number: the text takes the new
     * characters and every place after them moves.
     */
    public PreprocessResult withCopiedTextReplaced(Path source, int start, int end, int outputStart,
            String replacement) {
        int delta = replacement.length() - (end - start);
        return withCopiedTextReplaced(source, start, end, outputStart, replacement,
                span -> span == null ? null : span.movedBy(source, end, delta));
    }

    /**
     * The same, with the places remembered moved by {@code move}: an edit between two tokens
     * moves the one after it and not the one before, where a number's own span grows.
     */
    public PreprocessResult withCopiedTextReplaced(Path source, int start, int end, int outputStart,
            String replacement, java.util.function.UnaryOperator<SourceSpan> move) {
        int delta = replacement.length() - (end - start);
        // outputStart -1: the characters are not in the output (an inactive #if branch); only places move.
        String edited = outputStart < 0 ? text
                : text.substring(0, outputStart) + replacement + text.substring(outputStart + (end - start));
        if (delta == 0) {
            return new PreprocessResult(edited, sourceMap, diagnostics, inclusions, definitions, uses);
        }
        int outputFrom = outputStart < 0 ? Integer.MAX_VALUE : outputStart + (end - start);
        return withPlacesMoved(edited, sourceMap.movedBy(source, end, outputFrom, delta), move);
    }

    /**
     * This result after characters {@code [start, end)} of a file that cpp drops (blanks that
     * end a line) were replaced by {@code delta} more (fewer) such characters: the text stays and
     * places after them move by {@code move}. Empty when the output held any of them.
     */
    public java.util.Optional<PreprocessResult> withDroppedTextChanged(Path source, int start, int end, int delta,
            java.util.function.UnaryOperator<SourceSpan> move) {
        if (delta == 0) {
            return java.util.Optional.of(this);
        }
        return sourceMap.withUncopiedChange(source, start, end, delta).map(map -> withPlacesMoved(text, map, move));
    }

    private PreprocessResult withPlacesMoved(String edited, SourceMap map,
            java.util.function.UnaryOperator<SourceSpan> move) {
        // A board reads thousands of macros; only those written after the change move.
        java.util.Map<MacroDefinition, MacroDefinition> movedDefinitions = new java.util.IdentityHashMap<>();
        java.util.function.UnaryOperator<MacroDefinition> moveDefinition = d -> d == null || d.nameSpan().isEmpty()
                || move.apply(d.nameSpan().get()) == d.nameSpan().get() ? d
                : movedDefinitions.computeIfAbsent(d, x -> new MacroDefinition(x.name(), x.functionLike(),
                        x.parameters(), x.variadic(), x.body(), x.nameSpan().map(move)));
        return new PreprocessResult(edited, map,
                diagnostics.stream().map(d -> d.withWhere(move.apply(d.where())))
                        .toList(),
                inclusions.stream().map(i -> new Inclusion(i.includer(), move.apply(i.directive()), i.included())).toList(),
                definitions.stream().map(moveDefinition).toList(),
                uses.stream().map(u -> {
                    SourceSpan name = move.apply(u.nameSpan());
                    MacroDefinition definition = moveDefinition.apply(u.definition());
                    return name == u.nameSpan() && definition == u.definition() ? u : new MacroUse(name, definition);
                }).toList());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Finding::isError);
    }
}
