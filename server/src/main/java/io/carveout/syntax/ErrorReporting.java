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
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery (single-token insertion and deletion, then resynchronisation) with
 * messages in the user's terms, placed where the fix goes: a missing ';' is reported
 * just after the value it should end, not on the next line's first token.
 */
final class ErrorReporting extends DefaultErrorStrategy {
    private final DiagnosticSink sink;
    private boolean reportedEof;

    ErrorReporting(DiagnosticSink sink) {
        this.sink = sink;
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
        report(current, "unexpected " + describe(current) + "; expected " + describe(getExpectedTokens(parser)));
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

    // At the end of the file the useful fact is which node is still open.
    private void reportUnclosed(Parser parser, Token eof) {
        ParserRuleContext ctx = parser.getContext();
        while (ctx != null && !(ctx instanceof DtsParser.NodeBodyContext)) {
            ctx = ctx.getParent();
        }
        if (ctx == null) {
            report(eof, "unexpected end of file");
            return;
        }
        Token open = ctx.getStart();
        ParserRuleContext owner = ctx.getParent();
        String what = owner != null && owner.getStart() != null && owner.getStart() != open
                ? "'" + owner.getStart().getText() + "'" : "the node";
        report(eof, "expected '};' to close " + what + " opened at line " + open.getLine()
                + ", column " + (open.getCharPositionInLine() + 1));
    }

    private void report(Token token, String message) {
        if (token.getType() == Token.EOF) {
            if (reportedEof) {
                return;
            }
            reportedEof = true;
        }
        sink.report(token, message);
    }

    private void report(int start, int end, String message) {
        sink.report(start, end, message);
    }

    private static int endOfPrevious(Parser parser, Token current) {
        Token previous = parser.getInputStream().LT(-1);
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
