package io.carveout.tree;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dtc's own {@code /include/ "file"}: the file's text is read where the directive stands,
 * without the C preprocessor, even in the middle of a property. This splices those texts
 * into the text to evaluate and keeps a map from every spliced character back to its file.
 */
public final class DtsIncludes {
    /** Finds the file that {@code /include/ "name"} means, from the file that says it. */
    @FunctionalInterface
    public interface Resolver {
        Optional<Resolved> resolve(String name, Path includer);

        /** Why a file of that name exists but is not read; empty when there is none. */
        default Optional<String> refusal(String name, Path includer) {
            return Optional.empty();
        }
    }

    /** An included file: where it is and its text. */
    public record Resolved(Path file, String text) {
    }

    /** The text with every /include/ replaced by the file it names, and where each part came from. */
    public record Spliced(String text, Locator locator, List<Finding> diagnostics) {
    }

    private static final int MAX_DEPTH = 32;

    private record Piece(int outStart, int outEnd, Locator source, int sourceStart) {
    }

    private DtsIncludes() {
    }

    /**
     * Splices the /include/ directives of {@code text}, whose own characters map through
     * {@code locator}; {@code file} is the file directives are relative to.
     */
    public static Spliced splice(String text, Locator locator, Path file, Resolver resolver) {
        if (!text.contains("/include/")) {
            return new Spliced(text, locator, List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        List<Piece> pieces = new ArrayList<>();
        List<Finding> diagnostics = new ArrayList<>();
        append(text, locator, file, resolver, out, pieces, diagnostics, new ArrayList<>());
        Locator combined = (start, end) -> {
            Piece piece = find(pieces, start);
            if (piece == null) {
                return locator.locate(Math.min(start, text.length()), Math.min(end, text.length()));
            }
            int from = piece.sourceStart + (start - piece.outStart);
            int to = piece.sourceStart + (Math.min(end, piece.outEnd) - piece.outStart);
            return piece.source.locate(from, Math.max(from, to));
        };
        return new Spliced(out.toString(), combined, diagnostics);
    }

    private static void append(String text, Locator locator, Path file, Resolver resolver, StringBuilder out,
            List<Piece> pieces, List<Finding> diagnostics, List<Path> open) {
        List<SyntaxToken> directives = SyntaxTree.parse(text).directives().stream()
                .filter(t -> t.kind() == SyntaxKind.DTS_INCLUDE).toList();
        int copied = 0;
        for (SyntaxToken directive : directives) {
            copy(text, copied, directive.start(), locator, out, pieces);
            copied = directive.end();
            String raw = text.substring(directive.start(), directive.end());
            String name = raw.substring(raw.indexOf('"') + 1, raw.lastIndexOf('"') > raw.indexOf('"')
                    ? raw.lastIndexOf('"') : raw.length());
            SourceSpan where = locator.locate(directive.start(), directive.end());
            Optional<Resolved> resolved = resolver.resolve(name, file);
            if (resolved.isEmpty()) {
                diagnostics.add(new Finding(where, Severity.ERROR, Code.INCLUDE.id(),
                        "Couldn't open \"" + name + "\": "
                                + resolver.refusal(name, file).orElse("no such file in the include paths")));
                continue;
            }
            Path included = resolved.get().file();
            if (open.contains(included) || open.size() >= MAX_DEPTH) {
                diagnostics.add(new Finding(where, Severity.ERROR, Code.INCLUDE.id(),
                        "/include/ \"" + name + "\" includes itself"));
                continue;
            }
            // A file boundary separates tokens, as in dtc's lexer.
            out.append('\n');
            open.add(included);
            Locator inner = (start, end) -> new SourceSpan(included, start, end);
            append(resolved.get().text(), inner, included, resolver, out, pieces, diagnostics, open);
            open.remove(open.size() - 1);
            out.append('\n');
        }
        copy(text, copied, text.length(), locator, out, pieces);
    }

    private static void copy(String text, int from, int to, Locator locator, StringBuilder out, List<Piece> pieces) {
        if (to > from) {
            pieces.add(new Piece(out.length(), out.length() + (to - from), locator, from));
            out.append(text, from, to);
        }
    }

    private static Piece find(List<Piece> pieces, int offset) {
        int lo = 0;
        int hi = pieces.size() - 1;
        Piece found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (pieces.get(mid).outStart <= offset) {
                found = pieces.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
