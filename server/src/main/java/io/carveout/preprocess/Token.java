package io.carveout.preprocess;

/**
 * A token while macros are being expanded: immutable, so painting one "never expand" makes a copy
 * and the replacement list it came from stays as it was.
 */
final class Token {

    enum Kind {
        IDENTIFIER,
        NUMBER,
        CHARACTER,
        STRING,
        PUNCTUATOR,
        OTHER,
        /** Carries white-space information across macro boundaries, as cpp's padding tokens do. */
        PADDING,
        EOF,
        /** A parameter reference inside a replacement list. */
        PARAM;

        /** The kind of a token the lexer read as {@code kind}. */
        static Kind of(PpTokenKind kind) {
            return switch (kind) {
                case IDENTIFIER -> IDENTIFIER;
                case NUMBER -> NUMBER;
                case CHARACTER -> CHARACTER;
                case STRING -> STRING;
                case PUNCTUATOR -> PUNCTUATOR;
                default -> OTHER;
            };
        }
    }

    static final int PREV_WHITE = 1;
    static final int BOL = 2;
    static final int NO_EXPAND = 4;
    static final int PASTE_LEFT = 8;
    static final int STRINGIFY = 16;

    /** Where a token belongs in a file the user wrote; shared by all tokens of one expansion. */
    record Origin(int file, int start, int end) {}

    final Kind kind;
    final String text;
    final int flags;
    final Origin origin;
    /** For a token read straight from a file: the frame and index it was read at; else null/-1. */
    final Object frame;
    final int index;
    /** For PADDING: the token whose preceding white space it stands for, or null. */
    final Token source;
    /** For PARAM: the parameter's position. */
    final int param;

    Token(Kind kind, String text, int flags, Origin origin, Object frame, int index, Token source, int param) {
        this.kind = kind;
        this.text = text;
        this.flags = flags;
        this.origin = origin;
        this.frame = frame;
        this.index = index;
        this.source = source;
        this.param = param;
    }

    static Token of(Kind kind, String text, int flags, Origin origin) {
        return new Token(kind, text, flags, origin, null, -1, null, -1);
    }

    static Token padding(Token source) {
        return new Token(Kind.PADDING, "", 0, null, null, -1, source, -1);
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean is(String punctuator) {
        return kind == Kind.PUNCTUATOR && text.equals(punctuator);
    }

    boolean isIdentifier(String name) {
        return kind == Kind.IDENTIFIER && text.equals(name);
    }

    Token withFlags(int newFlags) {
        return newFlags == flags ? this : new Token(kind, text, newFlags, origin, frame, index, source, param);
    }

    /** The same token placed at another origin, no longer read straight from a file. */
    Token at(Origin newOrigin) {
        return new Token(kind, text, flags, newOrigin, null, -1, source, param);
    }

    @Override
    public String toString() {
        return kind == Kind.PADDING ? "<pad>" : kind == Kind.EOF ? "<eof>" : text;
    }
}
