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

    /**
     * The token under an offset. At the boundary between two tokens the one that is not
     * trivia wins, so a cursor just after a name still means the name.
     */
    public java.util.Optional<SyntaxToken> tokenAt(int offset) {
        SyntaxToken[] found = new SyntaxToken[2];
        root.forEachToken(token -> {
            if (token.start() <= offset && offset < token.end()) {
                found[0] = token;
            } else if (token.end() == offset) {
                found[1] = token;
            }
        });
        if (found[0] != null && !found[0].isTrivia()) {
            return java.util.Optional.of(found[0]);
        }
        if (found[1] != null && !found[1].isTrivia()) {
            return java.util.Optional.of(found[1]);
        }
        return java.util.Optional.ofNullable(found[0] != null ? found[0] : found[1]);
    }

    /** The nodes that contain an offset, outermost first. */
    public List<SyntaxNode> ancestorsAt(int offset) {
        List<SyntaxNode> path = new ArrayList<>();
        SyntaxNode node = root;
        path.add(node);
        boolean descended = true;
        while (descended) {
            descended = false;
            for (SyntaxElement child : node.children()) {
                if (child instanceof SyntaxNode inner && inner.start() <= offset && offset <= inner.end()
                        && inner.length() > 0) {
                    node = inner;
                    path.add(node);
                    descended = true;
                    break;
                }
            }
        }
        return path;
    }
}
