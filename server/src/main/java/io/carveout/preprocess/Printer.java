package io.carveout.preprocess;

import io.carveout.preprocess.Token.Kind;

/**
 * The output of a translation unit: the preprocessed text, spaced token by token as cpp's printer
 * ({@code scan_translation_unit}) spaces it, and the source map built alongside. Kept on its own
 * because what it prints depends only on the tokens it is handed and on what it printed before.
 */
final class Printer {

    /** Where the last printed token was read from, as far as the printer continues from it. */
    record Position(Object frame, int index) {}

    private final TranslationUnit unit;
    private final StringBuilder out = new StringBuilder();
    private final SourceMap.Builder map = new SourceMap.Builder();

    // the printer's memory, as in cpp's scan_translation_unit
    private Token printedPrev;
    private Object lastFrame;
    private int lastIndex = -2;

    Printer(TranslationUnit unit) {
        this.unit = unit;
    }

    /** Reads the whole translation unit and writes it out, spacing tokens as cpp's printer does. */
    void print() {
        boolean avoidPaste = false;
        Token printSource = null;
        for (;;) {
            Token t = unit.expander.next();
            if (t.kind == Kind.PADDING) {
                avoidPaste = true;
                if (printSource == null || (!printSource.has(Token.PREV_WHITE) && t.source == null)) {
                    printSource = t.source;
                }
                continue;
            }
            if (t.kind == Kind.EOF) {
                break;
            }
            boolean space;
            if (avoidPaste) {
                Token source = printSource == null ? t : printSource;
                space = source.has(Token.PREV_WHITE)
                        || (printedPrev != null && cppAvoidsPaste(printedPrev, t))
                        || (printedPrev == null && t.is("#"));
            } else {
                space = t.has(Token.PREV_WHITE);
            }
            writeToken(t, space);
            avoidPaste = false;
            printSource = null;
            printedPrev = t;
        }
    }

    private void writeToken(Token t, boolean space) {
        boolean lineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
        boolean adjacent = t.frame != null
                && ((t.frame == lastFrame && t.index == lastIndex + 1) || (t.index == 0 && lineStart));
        if (adjacent) {
            FileFrame f = (FileFrame) t.frame;
            TokenizedText tt = f.tokens;
            int gapStart = t.index == 0 ? 0 : tt.end(t.index - 1);
            int gapEnd = tt.start(t.index);
            if (isBlank(tt.text(), gapStart, gapEnd)) {
                if (gapEnd > gapStart) {
                    int at = out.length();
                    out.append(tt.text(), gapStart, gapEnd);
                    map.copied(at, gapEnd - gapStart, f.fileId, gapStart);
                }
            } else if (gapEnd > gapStart) {
                synthetic(" ");
            }
        } else {
            if (space && !lineStart) {
                synthetic(" ");
            } else if (!lineStart && !Character.isWhitespace(out.charAt(out.length() - 1)) && wouldPaste(t.text)) {
                synthetic(" ");
            }
        }
        int at = out.length();
        out.append(t.text);
        if (t.frame != null) {
            FileFrame f = (FileFrame) t.frame;
            int start = f.tokens.start(t.index);
            int end = f.tokens.end(t.index);
            if (end - start == t.text.length()) {
                map.copied(at, t.text.length(), f.fileId, start);
            } else {
                map.fixed(at, t.text.length(), f.fileId, start, end);
            }
            lastFrame = f;
            lastIndex = t.index;
        } else {
            if (t.origin != null) {
                map.fixed(at, t.text.length(), t.origin.file(), t.origin.start(), t.origin.end());
            } else {
                map.synthetic(at, t.text.length());
            }
            lastFrame = null;
            lastIndex = -2;
        }
    }

    private void synthetic(String s) {
        int at = out.length();
        out.append(s);
        map.synthetic(at, s.length());
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Whether writing {@code next} right after the output so far would lex differently. */
    private boolean wouldPaste(String next) {
        int from = out.length();
        while (from > 0 && out.length() - from < 64 && !Character.isWhitespace(out.charAt(from - 1))) {
            from--;
        }
        if (from > 0 && !Character.isWhitespace(out.charAt(from - 1))) {
            // a very long run: the last printed token alone is a fair stand-in
            from = printedPrev == null ? out.length() : out.length() - printedPrev.text.length();
        }
        String tail = out.substring(from);
        TokenizedText joined = TokenizedText.of(tail + next);
        for (int i = 0; i < joined.size(); i++) {
            if (joined.end(i) == tail.length() || joined.start(i) == tail.length()) {
                return false;
            }
            if (joined.start(i) > tail.length()) {
                break;
            }
        }
        return true;
    }

    /** cpp's conservative rule for a space between two tokens that meet across a macro boundary. */
    private static boolean cppAvoidsPaste(Token a, Token b) {
        char c = b.kind == Kind.PUNCTUATOR && !b.text.isEmpty() ? b.text.charAt(0) : 0;
        if (a.kind == Kind.PUNCTUATOR) {
            String p = a.text;
            if (c == '=' && !p.equals("(") && !p.equals(")") && !p.equals("[") && !p.equals("]")
                    && !p.equals("{") && !p.equals("}") && !p.equals(",") && !p.equals(";")
                    && !p.equals("?") && !p.equals("~") && !p.equals("#") && !p.equals("##")
                    && !p.equals("...") && !p.equals(".") && !p.equals(":") && !p.equals("->")
                    && !p.equals("++") && !p.equals("--")) {
                return true;
            }
            switch (p) {
                case ">": return c == '>';
                case "<": return c == '<' || c == '%' || c == ':';
                case "+": return c == '+';
                case "-": return c == '-' || c == '>';
                case "/": return c == '/' || c == '*';
                case "%": return c == ':' || c == '>';
                case "&": return c == '&';
                case "|": return c == '|';
                case ":": return c == ':' || c == '>';
                case "->": return c == '*';
                case ".": return c == '.' || c == '%' || b.kind == Kind.NUMBER;
                case "#": return c == '#' || c == '%';
                default: return false;
            }
        }
        if (a.kind == Kind.IDENTIFIER) {
            return b.kind == Kind.NUMBER || b.kind == Kind.IDENTIFIER || b.kind == Kind.CHARACTER || b.kind == Kind.STRING;
        }
        if (a.kind == Kind.NUMBER) {
            return b.kind == Kind.NUMBER || b.kind == Kind.IDENTIFIER || b.kind == Kind.CHARACTER
                    || c == '.' || c == '+' || c == '-';
        }
        if (a.kind == Kind.OTHER) {
            return a.text.startsWith("\\") && b.kind == Kind.IDENTIFIER;
        }
        return false;
    }

    void newline(FileFrame f, int index) {
        if (unit.quiet) {
            return;
        }
        int at = out.length();
        out.append('\n');
        map.copied(at, 1, f.fileId, f.tokens.start(index));
        lastFrame = f;
        lastIndex = index;
        printedPrev = null;
    }

    /** Ends the line an included file left open, so what follows starts on a line of its own. */
    void endFile() {
        if (!unit.quiet && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            synthetic("\n");
            printedPrev = null;
        }
    }

    /** Whether the next token starts a line with nothing printed before it to keep apart from. */
    boolean atCleanLineStart() {
        return printedPrev == null && (out.length() == 0 || out.charAt(out.length() - 1) == '\n');
    }

    /** Appends what an included file printed before, its map segments renumbered to {@code ids}. */
    void append(String output, int[] segments, int[] ids, boolean movedPrinter) {
        int base = out.length();
        out.append(output);
        map.append(segments, base, ids);
        if (movedPrinter) {
            // the last token printed was in a file now closed, which no later token can continue
            lastFrame = null;
            lastIndex = -2;
        }
    }

    int length() {
        return out.length();
    }

    String textFrom(int start) {
        return out.substring(start);
    }

    String text() {
        return out.toString();
    }

    SourceMap.Builder map() {
        return map;
    }

    Position position() {
        return new Position(lastFrame, lastIndex);
    }
}
