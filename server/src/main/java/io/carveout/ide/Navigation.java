package io.carveout.ide;

import io.carveout.preprocess.Inclusion;
import io.carveout.preprocess.MacroDefinition;
import io.carveout.preprocess.MacroUse;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Go to definition, find references and rename, for labels ({@code foo:}, {@code &foo},
 * {@code &{foo/sub}}) and macros, across every file a board reads; and go to the file an
 * {@code #include} names.
 */
public final class Navigation {
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** A replacement of a span by new text. */
    public record Edit(SourceSpan where, String newText) {
    }

    /** What is under the cursor: a label or a macro, and the range of its name there. */
    private record Target(String label, MacroDefinition macro, SourceSpan range) {
    }

    private Navigation() {
    }

    public static List<SourceSpan> definition(Snapshot snapshot, Path file, int offset) {
        FileReport report = snapshot.inContext(file);
        for (CompiledBoard board : report.boards()) {
            for (Inclusion inclusion : board.preprocessed().inclusions()) {
                if (RegionLookup.contains(inclusion.directive(), file, offset)) {
                    return List.of(new SourceSpan(inclusion.included(), 0, 0));
                }
            }
        }
        Optional<Target> target = target(snapshot, report, file, offset);
        if (target.isEmpty()) {
            return List.of();
        }
        if (target.get().macro() != null) {
            return target.get().macro().nameSpan().map(List::of).orElse(List.of());
        }
        return occurrences(snapshot, report, target.get().label()).stream()
                .filter(o -> o.kind == SyntaxKind.LABEL_DEF).map(o -> o.name).toList();
    }

    public static List<SourceSpan> references(Snapshot snapshot, Path file, int offset, boolean includeDeclaration) {
        FileReport report = snapshot.report(file);
        Optional<Target> target = target(snapshot, report, file, offset);
        if (target.isEmpty()) {
            return List.of();
        }
        if (target.get().macro() != null) {
            MacroDefinition macro = target.get().macro();
            Set<SourceSpan> spans = new LinkedHashSet<>();
            if (includeDeclaration) {
                macro.nameSpan().ifPresent(spans::add);
            }
            for (CompiledBoard board : report.boards()) {
                for (MacroUse use : board.preprocessed().uses()) {
                    if (use.definition().name().equals(macro.name()) && use.definition().nameSpan().equals(macro.nameSpan())) {
                        spans.add(use.nameSpan());
                    }
                }
            }
            return List.copyOf(spans);
        }
        return occurrences(snapshot, report, target.get().label()).stream()
                .filter(o -> includeDeclaration || o.kind != SyntaxKind.LABEL_DEF).map(o -> o.name).toList();
    }

    /** The range and text to rename at an offset, when there is something renamable. */
    public static Optional<SourceSpan> renameRange(Snapshot snapshot, Path file, int offset) {
        return target(snapshot, snapshot.report(file), file, offset).map(Target::range);
    }

    /** The edits that rename what is under the cursor; empty when the new name is not valid. */
    public static List<Edit> rename(Snapshot snapshot, Path file, int offset, String newName) {
        if (!LABEL.matcher(newName).matches()) {
            return List.of();
        }
        return references(snapshot, file, offset, true).stream().map(span -> new Edit(span, newName)).toList();
    }

    private static Optional<Target> target(Snapshot snapshot, FileReport report, Path file, int offset) {
        for (CompiledBoard board : report.boards()) {
            for (MacroUse use : board.preprocessed().uses()) {
                if (RegionLookup.contains(use.nameSpan(), file, offset)) {
                    return Optional.of(new Target(null, use.definition(), use.nameSpan()));
                }
            }
            for (MacroDefinition definition : board.preprocessed().definitions()) {
                if (definition.nameSpan().isPresent() && RegionLookup.contains(definition.nameSpan().get(), file, offset)) {
                    return Optional.of(new Target(null, definition, definition.nameSpan().get()));
                }
            }
        }
        SyntaxTree syntax = report.syntax();
        Optional<SyntaxToken> token = syntax.tokenAt(offset);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Occurrence> label = labelIn(syntax, token.get(), file);
        return label.map(o -> new Target(o.label, null, o.name));
    }

    private record Occurrence(String label, SourceSpan name, SyntaxKind kind) {
    }

    // The label a token names, and the range of just the name.
    private static Optional<Occurrence> labelIn(SyntaxTree syntax, SyntaxToken token, Path file) {
        String text = syntax.text(token);
        switch (token.kind()) {
            case LABEL_DEF -> {
                String name = text.substring(0, text.length() - 1);
                return Optional.of(new Occurrence(name, new SourceSpan(file, token.start(), token.start() + name.length()),
                        SyntaxKind.LABEL_DEF));
            }
            case REF -> {
                return Optional.of(new Occurrence(text.substring(1), new SourceSpan(file, token.start() + 1, token.end()),
                        SyntaxKind.REF));
            }
            case PATH_REF -> {
                String inner = text.substring(2, text.length() - 1);
                if (inner.startsWith("/")) {
                    return Optional.empty();
                }
                int slash = inner.indexOf('/');
                String name = slash < 0 ? inner : inner.substring(0, slash);
                return Optional.of(new Occurrence(name, new SourceSpan(file, token.start() + 2,
                        token.start() + 2 + name.length()), SyntaxKind.PATH_REF));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    // Every place a label is defined or referenced in the files the boards read.
    private static List<Occurrence> occurrences(Snapshot snapshot, FileReport report, String label) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(report.file());
        for (CompiledBoard board : report.boards()) {
            files.addAll(board.preprocessed().sourceMap().files());
        }
        List<Occurrence> found = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName() == null || file.toString().endsWith(".h")) {
                continue;
            }
            SyntaxTree syntax = snapshot.syntax(file);
            syntax.root().forEachToken(token -> labelIn(syntax, token, file)
                    .filter(o -> o.label.equals(label)).ifPresent(found::add));
        }
        return found;
    }
}
