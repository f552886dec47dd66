package io.carveout.ide;

import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The parts of a file that fold: node bodies, block comments, and #if ... #endif blocks. */
public final class Folding {
    /** What folds. */
    public enum Kind { REGION, COMMENT }

    /** A folding range, in offsets. */
    public record Fold(int start, int end, Kind kind) {
    }

    private Folding() {
    }

    public static List<Fold> of(SyntaxTree tree) {
        List<Fold> folds = new ArrayList<>();
        tree.root().forEachNode(node -> {
            if (node.kind() == SyntaxKind.NODE_BODY && node.length() > 2) {
                folds.add(new Fold(node.start(), node.end(), Kind.REGION));
            }
        });
        Deque<SyntaxToken> open = new ArrayDeque<>();
        tree.root().forEachToken(token -> {
            if (token.kind() == SyntaxKind.BLOCK_COMMENT && tree.text(token).contains("\n")) {
                folds.add(new Fold(token.start(), token.end(), Kind.COMMENT));
            } else if (token.kind() == SyntaxKind.PP_DIRECTIVE) {
                String text = tree.text(token).replaceFirst("^\\s*#\\s*", "");
                if (text.startsWith("if")) {
                    open.push(token);
                } else if (text.startsWith("endif") && !open.isEmpty()) {
                    folds.add(new Fold(open.pop().start(), token.end(), Kind.REGION));
                }
            }
        });
        return folds;
    }
}
