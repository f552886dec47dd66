package io.carveout.syntax;

import io.carveout.grammar.DtsParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (single-token insertion and deletion, then resynchronisation) with
 * messages in the user's terms, placed where the fix goes: a missing ';' is reported
 * just after the value it should end, not on the next line's first token.
 */
final class ErrorReporting extends DefaultErrorStrategy {
    private final DiagnosticSink sink;
    private boolean reportedEof;
    private boolean reportedUnclosed;

    ErrorReporting(DiagnosticSink sink) {
        this.sink = sink;
    }

    /** Whether a node was reported open at the end of the file (that message reads the whole file's layout). */
    boolean reportedUnclosed() {
        return reportedUnclosed;
    }

    /**
     * A matched token also forgets where {@link #sync} last met a token it could not place:
     * ANTLR keeps that context until a later sync, so an error inside one node body could
     * be described with the tokens expected in another item before it. Forgetting it here
     * makes each body's messages depend on that body alone, which is also what lets an
     * edited body be parsed again on its own.
     */
    @Override
    public void reportMatch(Parser parser) {
        super.reportMatch(parser);
        nextTokensContext = null;
        nextTokensState = ATNState.INVALID_STATE_NUMBER;
    }

    /**
     * Before a loop decision, ANTLR's default resynchronises at once: with a ';' missing
     * after a value it reports the next line's first token and swallows that line. When a
     * closing token is what the grammar waits for, leave the error to the match of that
     * token, whose single-token insertion reports "expected ';'" where the ';' belongs.
     */
    @Override
    public void sync(Parser parser) throws RecognitionException {
        if (!inErrorRecoveryMode(parser)) {
            IntervalSet expected = parser.getExpectedTokens();
            int next = parser.getInputStream().LA(1);
            if (!expected.contains(next) && (expected.contains(DtsParser.SEMI) || expected.contains(DtsParser.GT)
                    || expected.contains(DtsParser.RPAREN) || expected.contains(DtsParser.RBRACK)
                    || expected.contains(DtsParser.RBRACE))) {
                return;
            }
        }
        super.sync(parser);
    }

    /**
     * With "a = <1> };" ANTLR would rather delete the '}' (the ';' follows it) than insert
     * the missing ';' before it. A closing bracket is almost never the stray token, so
     * try the insertion first.
     */
    @Override
    public Token recoverInline(Parser parser) throws RecognitionException {
        int next = parser.getInputStream().LA(1);
        if ((next == DtsParser.RBRACE || next == DtsParser.RPAREN || next == DtsParser.GT || next == DtsParser.RBRACK)
                && singleTokenInsertion(parser)) {
            return getMissingSymbol(parser);
        }
        return super.recoverInline(parser);
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token current = parser.getCurrentToken();
        IntervalSet expected = getExpectedTokens(parser);
        if (current.getType() == Token.EOF && expected.contains(DtsParser.RBRACE)) {
            reportUnclosed(parser, current);
            return;
        }
        if (current instanceof SplicedToken) {
            report(current, "expected " + describe(expected));
            return;
        }
        int at = endOfPrevious(parser, current);
        report(at, at, "expected " + describe(expected));
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token current = parser.getCurrentToken();
        IntervalSet expected = getExpectedTokens(parser);
        if (current.getType() == Token.EOF && expected.contains(DtsParser.RBRACE)) {
            reportUnclosed(parser, current);
            return;
        }
        report(current, "unexpected " + describe(current) + "; expected " + describe(expected));
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        reportUnexpected(parser, e.getOffendingToken(), e);
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        reportUnexpected(parser, e.getOffendingToken(), e);
    }

    @Override
    protected void reportFailedPredicate(Parser parser, FailedPredicateException e) {
        reportUnexpected(parser, e.getOffendingToken(), e);
    }

    private void reportUnexpected(Parser parser, Token offending, RecognitionException e) {
        IntervalSet expected = e.getExpectedTokens();
        if (offending.getType() == Token.EOF && expected != null && expected.contains(DtsParser.RBRACE)) {
            reportUnclosed(parser, offending);
            return;
        }
        String message = "unexpected " + describe(offending);
        if (expected != null && !expected.isNil()) {
            message += "; expected " + describe(expected);
        }
        report(offending, message);
    }

    // At the end of the file the useful fact is which node is still open, and, when the
    // indentation shows it, which '};' was written for an outer node: the brace missing
    // belongs just before it.
    private void reportUnclosed(Parser parser, Token eof) {
        reportedUnclosed = true;
        ParserRuleContext ctx = parser.getContext();
        while (ctx != null && !(ctx instanceof DtsParser.NodeBodyContext)) {
            ctx = ctx.getParent();
        }
        if (ctx == null) {
            report(eof, "unexpected end of file");
            return;
        }
        DtsParser.NodeBodyContext misclosed = firstMisindentedClose((DtsParser.NodeBodyContext) ctx);
        if (misclosed != null) {
            int openIndent = indentOf(misclosed.getStart());
            // The first item indented no deeper than the opening line is a sibling: the
            // '};' belongs before it. Without one, it belongs before the stray '};'.
            Token at = misclosed.RBRACE().getSymbol();
            for (DtsParser.NodeItemContext item : misclosed.nodeItem()) {
                Token first = item.getStart();
                if (!(first instanceof SplicedToken) && first.getTokenIndex() >= 0 && indentOf(first) <= openIndent) {
                    at = first;
                    break;
                }
            }
            report(at, "expected '};' to close " + nameOf(misclosed) + " opened at line "
                    + misclosed.getStart().getLine() + " before this line (by its indentation)");
            return;
        }
        Token open = ctx.getStart();
        report(eof, "expected '};' to close " + nameOf(ctx) + " opened at line " + open.getLine()
                + ", column " + (open.getCharPositionInLine() + 1));
    }

    private static String nameOf(ParserRuleContext body) {
        ParserRuleContext owner = body.getParent();
        Token open = body.getStart();
        if (owner instanceof DtsParser.ChildNodeContext child && child.NAME() != null) {
            return "'" + child.NAME().getText() + "'";
        }
        if (owner instanceof DtsParser.OverrideNodeContext override && override.nodeRef() != null) {
            return "'" + override.nodeRef().getText() + "'";
        }
        if (owner instanceof DtsParser.RootNodeContext) {
            return "'/'";
        }
        return "the node at line " + open.getLine();
    }

    // The node whose '};', first in text order, sits left of the line that opened it:
    // reading down the file, that is where the braces stopped matching the layout.
    private static DtsParser.NodeBodyContext firstMisindentedClose(DtsParser.NodeBodyContext body) {
        java.util.ArrayDeque<ParserRuleContext> stack = new java.util.ArrayDeque<>();
        stack.push(body);
        DtsParser.NodeBodyContext found = null;
        while (!stack.isEmpty()) {
            ParserRuleContext ctx = stack.pop();
            if (ctx != body && ctx instanceof DtsParser.NodeBodyContext inner && inner.RBRACE() != null
                    && inner.RBRACE().getSymbol().getTokenIndex() >= 0
                    && !(inner.RBRACE().getSymbol() instanceof SplicedToken)
                    && indentOf(inner.RBRACE().getSymbol()) < indentOf(inner.getStart())
                    && (found == null || inner.RBRACE().getSymbol().getTokenIndex()
                            < found.RBRACE().getSymbol().getTokenIndex())) {
                found = inner;
            }
            if (ctx.children != null) {
                for (int i = ctx.children.size() - 1; i >= 0; i--) {
                    if (ctx.children.get(i) instanceof ParserRuleContext child) {
                        stack.push(child);
                    }
                }
            }
        }
        return found;
    }

    /** The width of the blanks that start a token's line, a tab counting as eight. */
    private static int indentOf(Token token) {
        org.antlr.v4.runtime.CharStream input = token.getInputStream();
        int lineStart = token.getStartIndex() - token.getCharPositionInLine();
        return indentWidth(lineStart, token.getStartIndex(),
                i -> input.getText(org.antlr.v4.runtime.misc.Interval.of(i, i)).charAt(0));
    }

    /** The same for the token at {@code offset} of a text: what {@link Irregular} weighs. */
    static int indentAt(String text, int offset) {
        return indentWidth(text.lastIndexOf('\n', offset - 1) + 1, offset, text::charAt);
    }

    private static int indentWidth(int lineStart, int tokenStart, java.util.function.IntUnaryOperator charAt) {
        int width = 0;
        for (int i = lineStart; i < tokenStart; i++) {
            int c = charAt.applyAsInt(i);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else {
                break;
            }
        }
        return width;
    }

    private void report(Token token, String message) {
        if (token instanceof ItemReuse.ReusedToken reused) {
            throw new ItemReuse.Misread(reused);
        }
        if (token.getType() == Token.EOF) {
            if (reportedEof) {
                return;
            }
            reportedEof = true;
        }
        sink.reportParseError(token, message);
    }

    private void report(int start, int end, String message) {
        sink.reportParseError(start, end, message);
    }

    private static int endOfPrevious(Parser parser, Token current) {
        Token previous = parser.getInputStream().LT(-1);
        if (previous instanceof SplicedToken spliced) {
            previous = spliced.host;
        }
        if (previous == null || previous.getStopIndex() < 0) {
            return Math.max(0, current.getStartIndex());
        }
        return previous.getStopIndex() + 1;
    }

    private static String describe(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return "'" + text + "'";
    }

    private static String describe(IntervalSet expected) {
        if (expected.contains(DtsParser.RBRACE) && expected.contains(DtsParser.NAME)
                && expected.contains(DtsParser.DELETE_NODE)) {
            return "a property, a node or '};'";
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toArray()) {
            if (type == DtsParser.REUSED_ITEM || type == DtsParser.REUSED_TOP_ITEM) {
                continue; // never in a text, only in an incremental re-parse's tokens
            }
            if (type == Token.EOF) {
                names.add("end of file");
            } else {
                names.add(SyntaxParser.kindOf(type).display());
            }
        }
        List<String> unique = names.stream().distinct().toList();
        if (unique.size() > 6) {
            return String.join(", ", unique.subList(0, 6)) + " or another token";
        }
        if (unique.size() == 1) {
            return unique.get(0);
        }
        return String.join(", ", unique.subList(0, unique.size() - 1)) + " or " + unique.get(unique.size() - 1);
    }
}
