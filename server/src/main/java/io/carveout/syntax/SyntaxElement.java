package io.carveout.syntax;

/** A token or a node of a syntax tree: something with a kind and a half-open range of offsets. */
public sealed interface SyntaxElement permits SyntaxNode, SyntaxToken {
    SyntaxKind kind();

    /** Offset of the first character, in UTF-16 code units from the start of the file. */
    int start();

    /** Offset just after the last character. */
    int end();

    default int length() {
        return end() - start();
    }
}
