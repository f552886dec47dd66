package io.carveout.syntax;

/** A run of text the lexer cut out: a token the grammar reads, or trivia it skips. */
public record SyntaxToken(SyntaxKind kind, int start, int end) implements SyntaxElement {
    public String text(String source) {
        return source.substring(start, end);
    }

    public boolean isTrivia() {
        return kind.isTrivia();
    }
}
