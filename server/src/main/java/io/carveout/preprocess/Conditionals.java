package io.carveout.preprocess;

import io.carveout.preprocess.FileFrame.Conditional;
import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditional directives, {@code #if} to {@code #endif}: each file's stack of open groups, and
 * whether the lines being read are skipped. Kept together because they share that one state,
 * which everything else only reads.
 */
final class Conditionals {

    private final TranslationUnit unit;
    private boolean skipping;

    Conditionals(TranslationUnit unit) {
        this.unit = unit;
    }

    /** A file has ended: the groups it left open are reported and closed. */
    void endOfFile(FileFrame f) {
        for (Conditional c : f.conditionals) {
            unit.report(Code.UNTERMINATED_CONDITIONAL, Severity.ERROR, c.where, "unterminated #" + c.directive);
        }
        f.conditionals.clear();
        skipping = false;
    }

    void doIfdef(FileFrame f, int hash, String directive) {
        boolean cond = false;
        if (!skipping) {
            Token name = unit.reader.lexBase();
            if (unit.directives.checkMacroName(name, f, hash, "#" + directive)) {
                cond = isDefined(name.text) == directive.equals("ifdef");
            }
        }
        pushConditional(f, hash, cond, directive);
    }

    void doIf(FileFrame f, int hash) {
        boolean cond = !skipping && evaluateLine(f, hash);
        pushConditional(f, hash, cond, "if");
    }

    private void pushConditional(FileFrame f, int hash, boolean cond, String directive) {
        boolean wasSkipping = skipping;
        f.conditionals.add(new Conditional(wasSkipping, !wasSkipping && cond, directive, unit.reader.directiveSpan(f, hash)));
        skipping = wasSkipping || !cond;
    }

    void doElif(FileFrame f, int hash, String directive) {
        if (f.conditionals.isEmpty()) {
            unbalanced(f, hash, "#" + directive + " without #if");
            return;
        }
        Conditional c = f.conditionals.get(f.conditionals.size() - 1);
        if (c.sawElse) {
            unbalanced(f, hash, "#" + directive + " after #else");
        }
        c.directive = directive;
        c.where = unit.reader.directiveSpan(f, hash);
        if (c.wasSkipping) {
            return;
        }
        if (c.taken) {
            skipping = true;
            return;
        }
        skipping = false;
        boolean cond;
        if (directive.equals("elif")) {
            cond = evaluateLine(f, hash);
        } else {
            Token name = unit.reader.lexBase();
            cond = unit.directives.checkMacroName(name, f, hash, "#" + directive)
                    && isDefined(name.text) == directive.equals("elifdef");
        }
        c.taken = cond;
        skipping = !cond;
    }

    void doElse(FileFrame f, int hash) {
        if (f.conditionals.isEmpty()) {
            unbalanced(f, hash, "#else without #if");
            return;
        }
        Conditional c = f.conditionals.get(f.conditionals.size() - 1);
        if (c.sawElse) {
            unbalanced(f, hash, "#else after #else");
        }
        c.sawElse = true;
        c.directive = "else";
        c.where = unit.reader.directiveSpan(f, hash);
        if (!c.wasSkipping) {
            skipping = c.taken;
            c.taken = true;
        }
    }

    void doEndif(FileFrame f, int hash) {
        if (f.conditionals.isEmpty()) {
            unbalanced(f, hash, "#endif without #if");
            return;
        }
        Conditional c = f.conditionals.remove(f.conditionals.size() - 1);
        skipping = c.wasSkipping;
    }

    /** Reads and evaluates the rest of an #if or #elif line; false after any error, as in cpp. */
    private boolean evaluateLine(FileFrame f, int hash) {
        List<Token> tokens = new ArrayList<>();
        try {
            for (;;) {
                Token t = unit.expander.next();
                if (t.kind == Kind.PADDING) {
                    continue;
                }
                if (t.kind == Kind.EOF) {
                    break;
                }
                if (t.isIdentifier("defined")) {
                    tokens.add(parseDefined(t));
                    continue;
                }
                tokens.add(t);
            }
            return IfExpression.evaluate(tokens).isTrue();
        } catch (IfExpression.Failure e) {
            SourceSpan where = e.at == null || e.at.origin == null ? unit.reader.directiveSpan(f, hash) : unit.span(e.at);
            unit.report(e.divisionByZero ? Code.DIVISION_BY_ZERO : Code.BAD_EXPRESSION, Severity.ERROR, where,
                    e.getMessage());
            return false;
        }
    }

    private Token parseDefined(Token op) throws IfExpression.Failure {
        unit.expander.holdExpansion();
        try {
            Token t = unit.expander.nextNonPadding();
            boolean paren = t.is("(");
            if (paren) {
                t = unit.expander.nextNonPadding();
            }
            if (t.kind != Kind.IDENTIFIER) {
                throw new IfExpression.Failure("operator \"defined\" requires an identifier", t.kind == Kind.EOF ? op : t, false);
            }
            boolean defined = isDefined(t.text);
            if (paren) {
                Token close = unit.expander.nextNonPadding();
                if (!close.is(")")) {
                    throw new IfExpression.Failure("missing ')' after \"defined\"", close.kind == Kind.EOF ? op : close, false);
                }
            }
            return Token.of(Kind.NUMBER, defined ? "1" : "0", 0, op.origin);
        } finally {
            unit.expander.releaseExpansion();
        }
    }

    /** Whether {@code name} is a macro now, as {@code defined} and {@code #ifdef} ask. */
    boolean isDefined(String name) {
        Macro m = unit.macros.get(name);
        unit.replay.readMacro(name, m, true);
        return m != null;
    }

    private void unbalanced(FileFrame f, int hash, String message) {
        unit.report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, unit.reader.directiveSpan(f, hash), message);
    }

    /** Whether the lines being read are in a group whose condition failed. */
    boolean skipping() {
        return skipping;
    }
}
