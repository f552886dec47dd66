package io.carveout.preprocess;

import io.carveout.preprocess.MacroReplacement.Argument;
import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Macro expansion, GCC's {@code cpp_get_token}: a stack of contexts over the tokens the files
 * give, a macro disabled while its own context is open, names met while disabled painted so they
 * never expand, arguments collected and pre-expanded in isolation. The replacement of the
 * arguments is {@link MacroReplacement}'s; the macros cpp defines itself are {@link BuiltinMacros}'.
 */
final class MacroExpander {

    static final int MAX_ARGUMENT_NESTING = 200;
    private static final Token END_OF_ARGUMENT = Token.of(Kind.EOF, "", 0, null);

    private final TranslationUnit unit;
    // Macros are shared with other units through the memo, so whether one is being expanded
    // (and must not expand inside itself) is this unit's business, kept here.
    private final Set<Macro> disabled = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Context> contexts = new ArrayList<>();
    private boolean inDirective;
    /** 0 when no invocation is being read, 1 while looking for its '(', 2 inside its arguments. */
    private int parsingArgs;
    private int preventExpansion;
    private int argumentNesting;

    /** Tokens being read back: a macro's expansion, an argument being pre-expanded, or a push-back. */
    private static final class Context {
        final Macro macro;
        final Token[] tokens;
        int pos;

        Context(Macro macro, Token[] tokens) {
            this.macro = macro;
            this.tokens = tokens;
        }
    }

    MacroExpander(TranslationUnit unit) {
        this.unit = unit;
    }

    /** The next token after macro expansion, directives handled on the way; PADDING and EOF included. */
    Token next() {
        for (;;) {
            Token result;
            int top = contexts.size() - 1;
            if (top < 0) {
                if (parsingArgs == 0 && argumentNesting == 0) {
                    unit.budget.newUse();
                }
                result = unit.reader.lexBase();
            } else {
                Context ctx = contexts.get(top);
                if (ctx.pos < ctx.tokens.length) {
                    result = ctx.tokens[ctx.pos++];
                    if (result.has(Token.PASTE_LEFT)) {
                        pasteAll(ctx, result);
                        if (inDirective) {
                            continue;
                        }
                        return Token.padding(result);
                    }
                } else {
                    popContext();
                    if (inDirective) {
                        continue;
                    }
                    return MacroReplacement.AVOID_PASTE;
                }
            }
            if (result.kind != Kind.IDENTIFIER || result.has(Token.NO_EXPAND) || unit.budget.stopped()) {
                return result;
            }
            if (unit.budget.useStopped()) {
                if (top >= 0 && unit.macros.containsKey(result.text)) {
                    continue; // what a stopped use would have expanded is dropped, not shown as undefined names
                }
                return result;
            }
            Macro m = unit.macros.get(result.text);
            // Under "defined" and while arguments are collected a name reads the same whether it
            // is a macro or not, unless it is being expanded: then the recording wrote or read it.
            if (preventExpansion == 0) {
                unit.replay.readMacro(result.text, m, false);
            }
            if (m == null) {
                return result;
            }
            if (disabled.contains(m)) {
                return result.withFlags(result.flags | Token.NO_EXPAND);
            }
            if (preventExpansion > 0) {
                return result;
            }
            if (enterMacroContext(m, result)) {
                if (inDirective) {
                    continue;
                }
                return Token.padding(result);
            }
            if (unit.budget.useStopped()) {
                continue; // the use that went over its budget: reported there, and not left as an unknown name
            }
            return result;
        }
    }

    private void popContext() {
        Context c = contexts.remove(contexts.size() - 1);
        if (c.macro != null && (contexts.isEmpty() || contexts.get(contexts.size() - 1).macro != c.macro)) {
            disabled.remove(c.macro);
        }
    }

    private Macro currentMacro() {
        return contexts.isEmpty() ? null : contexts.get(contexts.size() - 1).macro;
    }

    /** Pushes tokens that belong to whatever expansion is being read now. */
    void pushContinuing(Token... tokens) {
        contexts.add(new Context(currentMacro(), tokens));
    }

    /** Steps back over the token just read, so the next read returns it again. */
    void backup() {
        if (!contexts.isEmpty()) {
            contexts.get(contexts.size() - 1).pos--;
        } else {
            unit.reader.backup();
        }
    }

    private boolean enterMacroContext(Macro m, Token name) {
        if (m.builtin != null) {
            return unit.builtins.expand(m, name);
        }
        Token[] expansion;
        if (m.functionLike) {
            preventExpansion++;
            parsingArgs = 1;
            Argument[] args = funlikeInvocation(m, name);
            parsingArgs = 0;
            preventExpansion--;
            if (args == null) {
                return false;
            }
            expansion = m.paramCount() > 0
                    ? MacroReplacement.replaceArgs(m, args, name.origin, inDirective, this::expandArg)
                    : MacroReplacement.copyBody(m, name.origin);
        } else {
            expansion = MacroReplacement.copyBody(m, name.origin);
        }
        if (!unit.budget.charge(expansion.length, name)) {
            return false;
        }
        disabled.add(m);
        if (name.frame != null && !unit.quiet) {
            unit.uses.add(new MacroUse(unit.span(name), m.definition));
        }
        contexts.add(new Context(m, expansion));
        return true;
    }

    private Argument[] funlikeInvocation(Macro m, Token name) {
        Token padding = null;
        Token t;
        for (;;) {
            t = next();
            if (t.kind != Kind.PADDING) {
                break;
            }
            if (padding == null || t.source == null) {
                padding = t;
            }
        }
        if (t.is("(")) {
            parsingArgs = 2;
            return collectArgs(m, name);
        }
        // an EOF from the files must not be stepped back over: it ends this read, not the file
        if (t.kind != Kind.EOF || t == END_OF_ARGUMENT) {
            backup();
            if (padding != null) {
                pushContinuing(padding);
            }
        }
        return null;
    }

    private Argument[] collectArgs(Macro m, Token name) {
        int paramc = m.paramCount();
        List<Argument> args = new ArrayList<>();
        int argc = 0;
        Token t;
        do {
            argc++;
            List<Token> tokens = new ArrayList<>();
            int depth = 0;
            for (;;) {
                t = next();
                if (t.kind == Kind.PADDING) {
                    if (tokens.isEmpty()) {
                        continue;
                    }
                } else if (t.is("(")) {
                    depth++;
                } else if (t.is(")")) {
                    if (depth-- == 0) {
                        break;
                    }
                } else if (t.is(",")) {
                    if (depth == 0 && !(m.variadic && argc == paramc)) {
                        break;
                    }
                } else if (t.kind == Kind.EOF || (t.is("#") && t.has(Token.BOL))) {
                    break;
                }
                tokens.add(t);
            }
            while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind == Kind.PADDING) {
                tokens.remove(tokens.size() - 1);
            }
            if (argc <= Math.max(paramc, 1)) {
                args.add(new Argument(tokens));
            }
            if (!unit.budget.charge(tokens.size(), name)) {
                return null;
            }
        } while (!t.is(")") && t.kind != Kind.EOF);

        if (t.kind == Kind.EOF) {
            if (t == END_OF_ARGUMENT) {
                backup();
            }
            unit.report(Code.UNTERMINATED_ARGUMENTS, Severity.ERROR, unit.span(name),
                    "unterminated argument list invoking macro \"" + m.name + "\"");
            return null;
        }
        if (argc == 1 && paramc == 0 && args.get(0).count() == 0) {
            argc = 0;
        }
        if (argc != paramc) {
            if (argc < paramc && argc + 1 == paramc && m.variadic) {
                // a variadic argument may be left out entirely
            } else {
                String message = argc < paramc
                        ? "macro \"" + m.name + "\" requires " + paramc + " arguments, but only " + argc + " given"
                        : "macro \"" + m.name + "\" passed " + argc + " arguments, but takes just " + paramc;
                unit.report(Code.WRONG_ARGUMENT_COUNT, Severity.ERROR, unit.span(name), message);
                return null;
            }
        }
        Argument[] result = new Argument[Math.max(paramc, 1)];
        for (int i = 0; i < result.length; i++) {
            result[i] = i < args.size() ? args.get(i) : new Argument(null);
        }
        if (m.variadic && (argc < paramc || (argc == 1 && args.get(0).count() == 0))) {
            // GNU comma elision: ", ## __VA_ARGS__" drops the comma only when the argument is absent
            result[paramc - 1] = new Argument(null);
        }
        return result;
    }

    private void expandArg(Argument arg) {
        if (arg.first == null) {
            arg.expanded = List.of();
            return;
        }
        if (++argumentNesting > MAX_ARGUMENT_NESTING) {
            argumentNesting--;
            if (unit.budget.stop()) {
                Token at = arg.first.isEmpty() ? null : arg.first.get(0);
                unit.report(Code.EXPANSION_LIMIT, Severity.ERROR, at == null ? unit.reader.frameSpan() : unit.span(at),
                        "macro arguments nested more than " + MAX_ARGUMENT_NESTING + " deep");
            }
            arg.expanded = arg.first;
            return;
        }
        Token[] tokens = arg.first.toArray(new Token[arg.first.size() + 1]);
        tokens[tokens.length - 1] = END_OF_ARGUMENT;
        contexts.add(new Context(null, tokens));
        List<Token> expanded = new ArrayList<>();
        for (;;) {
            Token t = next();
            if (t.kind == Kind.EOF) {
                break;
            }
            expanded.add(t);
        }
        popContext();
        argumentNesting--;
        arg.expanded = expanded;
    }

    /** Handles a run of ## operators from {@code lhs}; the result goes in a context of its own. */
    private void pasteAll(Context ctx, Token lhs) {
        Token rhs;
        do {
            if (ctx.pos >= ctx.tokens.length) {
                lhs = lhs.withFlags(lhs.flags & ~Token.PASTE_LEFT);
                break;
            }
            rhs = ctx.tokens[ctx.pos++];
            if (rhs.kind == Kind.PADDING) {
                lhs = lhs.withFlags(lhs.flags & ~Token.PASTE_LEFT);
                break;
            }
            Token pasted = MacroReplacement.paste(lhs, rhs);
            if (pasted == null) {
                // in assembler mode a failed paste is silent: the right side is read again on its own
                ctx.pos--;
                lhs = lhs.withFlags(lhs.flags & ~Token.PASTE_LEFT);
                break;
            }
            lhs = pasted;
        } while (rhs.has(Token.PASTE_LEFT));
        pushContinuing(lhs.withFlags(lhs.flags & ~Token.PASTE_LEFT));
    }

    Token nextNonPadding() {
        Token t;
        do {
            t = next();
        } while (t.kind == Kind.PADDING);
        return t;
    }

    /** Whether a directive's line is being read: its end reads as the end of input. */
    boolean inDirective() {
        return inDirective;
    }

    /** 0 when no invocation is being read, 1 while looking for its '(', 2 inside its arguments. */
    int parsingArgs() {
        return parsingArgs;
    }

    /** Whether nothing is being expanded or collected, so what comes next starts afresh. */
    boolean idle() {
        return !inDirective && parsingArgs == 0 && preventExpansion == 0 && contexts.isEmpty() && argumentNesting == 0;
    }

    /** Names read until {@link #releaseExpansion} are not expanded, as the operand of {@code defined}. */
    void holdExpansion() {
        preventExpansion++;
    }

    void releaseExpansion() {
        preventExpansion--;
    }

    /** What a directive met in the middle of an invocation's arguments interrupts, restored after it. */
    record Interrupted(int parsingArgs, int preventExpansion, int contexts) {
        boolean inArguments() {
            return parsingArgs != 0;
        }
    }

    /** Starts reading a directive's line, from the files, with no invocation being collected. */
    Interrupted enterDirective() {
        Interrupted saved = new Interrupted(parsingArgs, preventExpansion, contexts.size());
        inDirective = true;
        if (parsingArgs != 0) {
            parsingArgs = 0;
            preventExpansion = 0;
        }
        return saved;
    }

    /** Closes the expansions the directive opened and left unread. */
    void closeDirectiveContexts(Interrupted saved) {
        while (contexts.size() > saved.contexts()) {
            popContext();
        }
    }

    void leaveDirective(Interrupted saved) {
        inDirective = false;
        parsingArgs = saved.parsingArgs();
        preventExpansion = saved.preventExpansion();
    }
}
