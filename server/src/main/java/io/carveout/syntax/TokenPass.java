package io.carveout.syntax;

import io.carveout.grammar.DtsLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Decides, before parsing, which tokens the parser reads. Two things are taken out of
 * its sight (moved to the INACTIVE channel, still kept as trivia in the tree):
 * <ul>
 * <li>branches of {@code #if} that an editor shows as inactive: a literal {@code #if 0},
 * and every branch after the first that could be taken. Without the macro values the
 * file as written cannot be evaluated; this gives one consistent reading of it, and the
 * preprocessor layer evaluates the real conditions later;</li>
 * <li>nesting deeper than {@link #MAX_NESTING}, which would otherwise exhaust the
 * parser's stack. Real devicetrees nest about ten levels.</li>
 * </ul>
 */
final class TokenPass {
    static final int MAX_NESTING = 200;

    private TokenPass() {
    }

    private static final class Branch {
        final Token opener;
        final boolean parentActive;
        boolean taken;
        boolean active;
        boolean sawElse;

        Branch(Token opener, boolean parentActive) {
            this.opener = opener;
            this.parentActive = parentActive;
        }
    }

    static void markConditionals(List<Token> tokens, DiagnosticSink sink) {
        Deque<Branch> branches = new ArrayDeque<>();
        for (Token token : tokens) {
            if (token.getType() == Token.EOF) {
                break;
            }
            boolean active = branches.isEmpty() || branches.peek().active;
            if (token.getType() != DtsLexer.PP_DIRECTIVE) {
                if (!active) {
                    ((CommonToken) token).setChannel(DtsLexer.INACTIVE);
                }
                continue;
            }
            Directive directive = Directive.of(token.getText());
            switch (directive.keyword()) {
                case "if", "ifdef", "ifndef" -> {
                    Branch branch = new Branch(token, active);
                    boolean condition = !(directive.keyword().equals("if") && directive.isLiteralZero());
                    branch.taken = condition;
                    branch.active = active && condition;
                    branches.push(branch);
                }
                case "elif", "elifdef", "elifndef" -> {
                    Branch branch = branches.peek();
                    if (branch == null) {
                        sink.report(token, "#" + directive.keyword() + " without #if");
                    } else {
                        if (branch.sawElse) {
                            sink.report(token, "#" + directive.keyword() + " after #else");
                        }
                        boolean condition = !(directive.keyword().equals("elif") && directive.isLiteralZero());
                        branch.active = branch.parentActive && !branch.taken && condition;
                        branch.taken |= condition;
                    }
                }
                case "else" -> {
                    Branch branch = branches.peek();
                    if (branch == null) {
                        sink.report(token, "#else without #if");
                    } else {
                        if (branch.sawElse) {
                            sink.report(token, "#else after #else");
                        }
                        branch.sawElse = true;
                        branch.active = branch.parentActive && !branch.taken;
                        branch.taken = true;
                    }
                }
                case "endif" -> {
                    if (branches.isEmpty()) {
                        sink.report(token, "#endif without #if");
                    } else {
                        branches.pop();
                    }
                }
                case "line" -> checkLineMarker(token, directive, sink);
                default -> {
                    if (directive.isLineMarker()) {
                        checkLineMarker(token, directive, sink);
                    }
                }
            }
        }
        while (!branches.isEmpty()) {
            Branch open = branches.removeLast();
            sink.report(open.opener, "unterminated #" + Directive.of(open.opener.getText()).keyword()
                    + ": no #endif before the end of the file");
        }
    }

    // dtc refuses a line marker whose file name holds a NUL, written raw or as \0.
    private static void checkLineMarker(Token token, Directive directive, DiagnosticSink sink) {
        String rest = directive.rest();
        int quote = rest.indexOf('"');
        if (quote < 0) {
            return;
        }
        int close = quote + 1;
        while (close < rest.length() && rest.charAt(close) != '"') {
            close += rest.charAt(close) == '\\' ? 2 : 1;
        }
        String name = rest.substring(quote + 1, Math.min(close, rest.length()));
        if (name.indexOf('\0') >= 0 || name.matches("(?s).*(?<!\\\\)\\\\0.*")) {
            sink.report(token, "NUL character in the file name of a line marker");
        }
    }

    /**
     * Hides what nests past {@link #MAX_NESTING}. Returns the deepest nesting seen, or
     * {@link Integer#MAX_VALUE} when something was hidden. Too deep inside a node body, its
     * contents are hidden and the braces kept; too deep inside an expression (brackets,
     * ternaries or prefix operators), the whole bracketed expression is hidden, so the
     * parser reads an empty value instead of a broken one and reports nothing more.
     */
    static int guardNesting(List<Token> tokens, DiagnosticSink sink) {
        Depth depth = new Depth();
        boolean hid = false;
        boolean hiding = false;
        int hideLevel = 0;
        int inside = 0;
        boolean hideClose = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getChannel() != Token.DEFAULT_CHANNEL || token.getType() == Token.EOF) {
                continue;
            }
            SyntaxKind kind = SyntaxParser.kindOf(token.getType());
            if (hiding) {
                if (Depth.opens(kind)) {
                    inside++;
                } else if (Depth.closes(kind) && inside-- == 0) {
                    hiding = false;
                    depth.popTo(hideLevel);
                    if (!hideClose) {
                        continue;
                    }
                }
                ((CommonToken) token).setChannel(DtsLexer.INACTIVE);
                continue;
            }
            if (!depth.add(kind, i)) {
                continue;
            }
            hid = true;
            int group = depth.outermostGroup();
            if (group >= 0 && kind != SyntaxKind.LBRACE) {
                sink.report(token, depth.unaryRun > MAX_NESTING
                        ? "more than " + MAX_NESTING + " operators in a row: the expression is not evaluated"
                        : "expression nesting deeper than " + MAX_NESTING + " levels: not evaluated");
                for (int j = depth.tokenAt(group); j <= i; j++) {
                    Token hidden = tokens.get(j);
                    if (hidden.getChannel() == Token.DEFAULT_CHANNEL && hidden.getType() != Token.EOF) {
                        ((CommonToken) hidden).setChannel(DtsLexer.INACTIVE);
                    }
                }
                hiding = true;
                hideLevel = group;
                inside = depth.levels() - 1 - group;
                hideClose = true;
            } else if (Depth.opens(kind)) {
                sink.report(token, "nesting deeper than " + MAX_NESTING + " levels: what is inside is not analysed");
                hiding = true;
                hideLevel = depth.levels() - 1;
                inside = 0;
                hideClose = false;
            } else {
                // a run of prefix operators outside any expression: only the operators past the limit go
                if (depth.unaryRun == MAX_NESTING + 1) {
                    sink.report(token, "more than " + MAX_NESTING + " operators in a row: the rest is not analysed");
                }
                ((CommonToken) token).setChannel(DtsLexer.INACTIVE);
            }
        }
        return hid ? Integer.MAX_VALUE : depth.deepest;
    }

    /**
     * How deep the parser will recurse at each token: one level per open bracket, per
     * ternary open inside an expression ({@code a ? b : c ? d : e} nests to the right), and
     * per prefix operator of a run. Shared with the incremental reparse, which must see the
     * same limits as the whole-file parse.
     */
    static final class Depth {
        private SyntaxKind[] open = new SyntaxKind[16];
        private int[] openedAt = new int[16];
        private int[] questions = new int[16];
        private int levels;
        private int pendingQuestions;
        int deepest;
        int unaryRun;

        static boolean opens(SyntaxKind kind) {
            return kind == SyntaxKind.LBRACE || kind == SyntaxKind.LPAREN || kind == SyntaxKind.LBRACK;
        }

        static boolean closes(SyntaxKind kind) {
            return kind == SyntaxKind.RBRACE || kind == SyntaxKind.RPAREN || kind == SyntaxKind.RBRACK;
        }

        /** Adds the token at {@code index}; true when it takes the nesting past {@link #MAX_NESTING}. */
        boolean add(SyntaxKind kind, int index) {
            boolean over = false;
            if (opens(kind)) {
                if (levels == open.length) {
                    open = java.util.Arrays.copyOf(open, levels * 2);
                    openedAt = java.util.Arrays.copyOf(openedAt, levels * 2);
                    questions = java.util.Arrays.copyOf(questions, levels * 2);
                }
                open[levels] = kind;
                openedAt[levels] = index;
                questions[levels++] = 0;
                over = depth() > MAX_NESTING;
            } else if (closes(kind)) {
                popTo(levels - 1);
            } else if (kind == SyntaxKind.QUESTION && levels > 0 && open[levels - 1] != SyntaxKind.LBRACE) {
                questions[levels - 1]++;
                pendingQuestions++;
                over = depth() > MAX_NESTING;
            }
            deepest = Math.max(deepest, depth());
            if (kind == SyntaxKind.MINUS || kind == SyntaxKind.TILDE || kind == SyntaxKind.BANG) {
                over |= ++unaryRun > MAX_NESTING;
            } else {
                unaryRun = 0;
            }
            return over;
        }

        int depth() {
            return levels + pendingQuestions;
        }

        int levels() {
            return levels;
        }

        int tokenAt(int level) {
            return openedAt[level];
        }

        /** Closes the brackets from {@code level} up; nothing when {@code level} is below zero. */
        void popTo(int level) {
            while (levels > Math.max(level, 0)) {
                pendingQuestions -= questions[--levels];
            }
        }

        /** The level of the outermost bracket of the expression open now, or -1 outside one. */
        int outermostGroup() {
            int group = -1;
            for (int level = levels - 1; level >= 0 && open[level] != SyntaxKind.LBRACE; level--) {
                group = level;
            }
            return group;
        }
    }

    /** The keywords of the directives that decide what is inactive: an edit to one can change text far away. */
    static boolean isConditional(Directive directive) {
        return switch (directive.keyword()) {
            case "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif" -> true;
            default -> false;
        };
    }

    /**
     * Unterminated strings, character literals and comments. Found before parsing so that
     * the parse error an unterminated literal causes at its end is not reported twice.
     */
    static void checkLiterals(List<Token> tokens, DiagnosticSink sink) {
        for (Token token : tokens) {
            int type = token.getType();
            if (type != DtsLexer.STRING && type != DtsLexer.CHAR_LITERAL && type != DtsLexer.BLOCK_COMMENT) {
                continue;
            }
            String text = token.getText();
            int start = token.getStartIndex();
            int end = token.getStopIndex() + 1;
            if (type == DtsLexer.BLOCK_COMMENT) {
                if (text.length() < 4 || !text.endsWith("*/")) {
                    sink.report(start, start + 2, "unterminated comment: '/*' has no closing '*/'");
                }
            } else if (type == DtsLexer.STRING) {
                if (text.length() < 2 || !text.endsWith("\"") || endsWithEscape(text)) {
                    sink.report(start, end, "unterminated string: add the closing '\"' on this line");
                    sink.suppressParseErrorsWithin(start, end);
                }
            } else {
                checkCharLiteral(token, text, sink);
            }
        }
    }

    private static void checkCharLiteral(Token token, String literal, DiagnosticSink sink) {
        if (literal.length() < 2 || !literal.endsWith("'") || endsWithEscape(literal)) {
            sink.report(token.getStartIndex(), token.getStopIndex() + 1, "unterminated character literal");
            sink.suppressParseErrorsWithin(token.getStartIndex(), token.getStopIndex() + 1);
            return;
        }
        String body = literal.substring(1, literal.length() - 1);
        int chars = 0;
        for (int i = 0; i < body.length(); chars++) {
            if (body.charAt(i) != '\\') {
                i += Character.charCount(body.codePointAt(i));
            } else if (i + 1 < body.length() && body.charAt(i + 1) == 'x') {
                i += 2;
                while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                    i++;
                }
            } else if (i + 1 < body.length() && body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7') {
                i += 2;
                for (int k = 0; k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
                    i++;
                }
            } else {
                i += 2;
            }
        }
        if (chars != 1) {
            sink.report(token.getStartIndex(), token.getStopIndex() + 1, "character literal has " + chars + " characters instead of 1");
        }
    }

    // A closing quote preceded by an odd number of backslashes is escaped, not closing.
    private static boolean endsWithEscape(String literal) {
        int backslashes = 0;
        for (int i = literal.length() - 2; i >= 1 && literal.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
