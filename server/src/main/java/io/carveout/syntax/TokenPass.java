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
     * {@link Integer#MAX_VALUE} when something was hidden.
     */
    static int guardNesting(List<Token> tokens, DiagnosticSink sink) {
        int depth = 0;
        int deepest = 0;
        boolean hid = false;
        int hideUntil = -1;
        int unaryRun = 0;
        for (Token token : tokens) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL || token.getType() == Token.EOF) {
                continue;
            }
            int type = token.getType();
            boolean opens = type == DtsLexer.LBRACE || type == DtsLexer.LPAREN || type == DtsLexer.LBRACK;
            boolean closes = type == DtsLexer.RBRACE || type == DtsLexer.RPAREN || type == DtsLexer.RBRACK;
            if (hideUntil >= 0) {
                if (opens) {
                    depth++;
                } else if (closes) {
                    depth--;
                    if (depth == hideUntil) {
                        hideUntil = -1;
                        continue;
                    }
                }
                ((CommonToken) token).setChannel(DtsLexer.INACTIVE);
                continue;
            }
            if (opens) {
                depth++;
                deepest = Math.max(deepest, depth);
                if (depth > MAX_NESTING) {
                    hid = true;
                    hideUntil = depth - 1;
                    sink.report(token, "nesting deeper than " + MAX_NESTING + " levels: what is inside is not analysed");
                }
            } else if (closes) {
                depth = Math.max(0, depth - 1);
            }
            // A long run of prefix operators nests the expression parser as deeply as brackets do.
            if (type == DtsLexer.MINUS || type == DtsLexer.TILDE || type == DtsLexer.BANG) {
                if (++unaryRun > MAX_NESTING) {
                    hid = true;
                    if (unaryRun == MAX_NESTING + 1) {
                        sink.report(token, "more than " + MAX_NESTING + " operators in a row: the rest is not analysed");
                    }
                    ((CommonToken) token).setChannel(DtsLexer.INACTIVE);
                }
            } else {
                unaryRun = 0;
            }
        }
        return hid ? Integer.MAX_VALUE : deepest;
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
