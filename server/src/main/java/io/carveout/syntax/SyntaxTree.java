package io.carveout.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The lossless syntax tree of one file as written: every character belongs to exactly
 * one token of the tree, so {@link #rebuildText()} gives the file back byte for byte.
 */
public record SyntaxTree(String text, SyntaxNode root, List<SyntaxDiagnostic> diagnostics) {
    public SyntaxTree {
        diagnostics = List.copyOf(diagnostics);
    }

    public static SyntaxTree parse(String text) {
        return SyntaxParser.parse(text, IncludeSplicer.NONE);
    }

    /** Parses with the files that /include/ names spliced in, as dtc reads them. */
    public static SyntaxTree parse(String text, IncludeSplicer splicer) {
        return SyntaxParser.parse(text, splicer);
    }

    /** The text as the tree's tokens spell it, concatenated in order. */
    public String rebuildText() {
        StringBuilder out = new StringBuilder(text.length());
        root.forEachToken(token -> out.append(text, token.start(), token.end()));
        return out.toString();
    }

    /** Preprocessor lines and /include/ directives, in file order. */
    public List<SyntaxToken> directives() {
        List<SyntaxToken> found = new ArrayList<>();
        root.forEachToken(token -> {
            if (token.kind() == SyntaxKind.PP_DIRECTIVE || token.kind() == SyntaxKind.DTS_INCLUDE) {
                found.add(token);
            }
        });
        return found;
    }

    public String text(SyntaxElement element) {
        return text.substring(element.start(), element.end());
    }
}
