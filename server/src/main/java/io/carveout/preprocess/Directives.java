package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.text.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directive lines: recognising one, reading its line with the expansion set up for it, and
 * carrying out {@code #define}, {@code #undef}, {@code #line}, {@code #pragma}, {@code #error} and
 * {@code #warning}. The conditionals are {@link Conditionals}' and {@code #include} is
 * {@link Includes}'; this class hands them their lines.
 */
final class Directives {

    private final TranslationUnit unit;
    private final Map<String, List<Macro>> pushedMacros = new HashMap<>();

    Directives(TranslationUnit unit) {
        this.unit = unit;
    }

    /** Handles the directive whose # is at {@code hash}; false when the line is not a directive. */
    boolean handle(FileFrame f, int hash) {
        MacroExpander.Interrupted interrupted = unit.expander.enterDirective();
        boolean handled = true;
        try {
            Token dname = unit.reader.lexBase();
            if (dname.kind == Kind.EOF) {
                // the null directive
            } else if (dname.kind == Kind.IDENTIFIER && isDirectiveName(dname.text)) {
                boolean conditional = isConditional(dname.text);
                boolean include = dname.text.startsWith("include") || dname.text.equals("import");
                if (unit.conditionals.skipping() && !conditional) {
                    // only conditionals count inside a skipped group
                } else if (interrupted.inArguments() && include) {
                    // a file cannot start in the middle of an invocation's arguments
                    unit.report(Code.BAD_INCLUDE, Severity.ERROR, unit.reader.directiveSpan(f, hash),
                            "#" + dname.text + " inside macro arguments is not supported");
                } else {
                    runDirective(dname.text, f, hash);
                }
            } else if (!unit.conditionals.skipping()) {
                // assembler mode: "#address-cells" and other unknown directives are plain text
                f.cursor = hash + 1;
                handled = false;
            }
            if (handled) {
                unit.expander.closeDirectiveContexts(interrupted);
                unit.reader.finishLine(f, !interrupted.inArguments());
            }
        } finally {
            unit.expander.leaveDirective(interrupted);
        }
        PendingInclude p = unit.includes.takePending();
        if (p != null) {
            unit.replay.include(p);
        }
        return handled;
    }

    private static boolean isDirectiveName(String name) {
        return switch (name) {
            case "define", "undef", "include", "include_next", "import", "if", "ifdef", "ifndef",
                    "elif", "elifdef", "elifndef", "else", "endif", "error", "warning", "line", "pragma",
                    "ident", "sccs", "assert", "unassert" -> true;
            default -> false;
        };
    }

    private static boolean isConditional(String name) {
        return switch (name) {
            case "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif" -> true;
            default -> false;
        };
    }

    private void runDirective(String name, FileFrame f, int hash) {
        switch (name) {
            case "define" -> doDefine(f, hash);
            case "undef" -> doUndef(f, hash);
            case "include", "import" -> unit.includes.doInclude(f, hash, false, name);
            case "include_next" -> unit.includes.doInclude(f, hash, true, name);
            case "if" -> unit.conditionals.doIf(f, hash);
            case "ifdef", "ifndef" -> unit.conditionals.doIfdef(f, hash, name);
            case "elif", "elifdef", "elifndef" -> unit.conditionals.doElif(f, hash, name);
            case "else" -> unit.conditionals.doElse(f, hash);
            case "endif" -> unit.conditionals.doEndif(f, hash);
            case "error" -> unit.report(Code.ERROR_DIRECTIVE, Severity.ERROR, unit.reader.directiveSpan(f, hash),
                    "#error " + FileReader.restOfLine(f, hash));
            case "warning" -> unit.report(Code.WARNING_DIRECTIVE, Severity.WARNING, unit.reader.directiveSpan(f, hash),
                    "#warning " + FileReader.restOfLine(f, hash));
            case "line" -> doLine(f, hash);
            case "pragma" -> doPragma(f, hash);
            default -> {
                // #ident, #sccs, #assert, #unassert: nothing reaches the output in assembler mode
            }
        }
    }

    private void doDefine(FileFrame f, int hash) {
        Token name = unit.reader.lexBase();
        if (!checkMacroName(name, f, hash, "#define")) {
            return;
        }
        boolean functionLike = false;
        boolean variadic = false;
        List<String> params = new ArrayList<>();
        Token t = unit.reader.lexBase();
        if (t.is("(") && !t.has(Token.PREV_WHITE)) {
            functionLike = true;
            String error = null;
            t = unit.reader.lexBase();
            if (!t.is(")")) {
                for (;;) {
                    if (t.kind == Kind.IDENTIFIER) {
                        if (params.contains(t.text)) {
                            error = "duplicate macro parameter \"" + t.text + "\"";
                            break;
                        }
                        if (t.text.equals("__VA_ARGS__")) {
                            error = "__VA_ARGS__ can not be used as a parameter name";
                            break;
                        }
                        params.add(t.text);
                        t = unit.reader.lexBase();
                        if (t.is("...")) {
                            variadic = true;
                            t = unit.reader.lexBase();
                            if (!t.is(")")) {
                                error = "expected ')' after \"...\"";
                            }
                            break;
                        }
                        if (t.is(")")) {
                            break;
                        }
                        if (!t.is(",")) {
                            error = t.kind == Kind.EOF ? "expected ')' before end of line"
                                    : "expected ',' or ')', found \"" + t.text + "\"";
                            break;
                        }
                        t = unit.reader.lexBase();
                    } else if (t.is("...")) {
                        variadic = true;
                        params.add("__VA_ARGS__");
                        t = unit.reader.lexBase();
                        if (!t.is(")")) {
                            error = "expected ')' after \"...\"";
                        }
                        break;
                    } else {
                        error = t.kind == Kind.EOF ? "expected parameter name before end of line"
                                : "expected parameter name, found \"" + t.text + "\"";
                        break;
                    }
                }
            }
            if (error != null) {
                unit.report(Code.BAD_DEFINE, Severity.ERROR, t.kind == Kind.EOF ? unit.reader.directiveSpan(f, hash) : unit.span(t),
                        error);
                return;
            }
            t = unit.reader.lexBase();
        }
        List<Token> body = new ArrayList<>();
        StringBuilder spelled = new StringBuilder();
        boolean followingPaste = false;
        while (t.kind != Kind.EOF) {
            if (spelled.length() > 0 && t.has(Token.PREV_WHITE)) {
                spelled.append(' ');
            }
            spelled.append(t.text);
            Token bt = Token.of(t.kind, t.text, t.flags & Token.PREV_WHITE, t.origin);
            if (functionLike && t.kind == Kind.IDENTIFIER && params.contains(t.text)) {
                bt = new Token(Kind.PARAM, t.text, t.flags & Token.PREV_WHITE, t.origin, null, -1, null, params.indexOf(t.text));
            }
            Token last = body.isEmpty() ? null : body.get(body.size() - 1);
            boolean vaoptName = variadic && bt.isIdentifier("__VA_OPT__");
            if (functionLike && last != null && last.is("#") && !last.has(Token.STRINGIFY)
                    && (bt.kind == Kind.PARAM || vaoptName)) {
                int flags = (bt.flags & ~Token.PREV_WHITE) | Token.STRINGIFY | (last.flags & Token.PREV_WHITE);
                body.set(body.size() - 1, bt.withFlags(flags));
                followingPaste = false;
            } else if (bt.is("##")) {
                if (body.isEmpty()) {
                    unit.report(Code.BAD_DEFINE, Severity.ERROR, unit.span(t),
                            "'##' cannot appear at either end of a macro expansion");
                    return;
                }
                if (!followingPaste) {
                    body.set(body.size() - 1, last.withFlags(last.flags | Token.PASTE_LEFT));
                }
                followingPaste = true;
            } else {
                body.add(bt);
                followingPaste = false;
            }
            t = unit.reader.lexBase();
        }
        if (followingPaste) {
            unit.report(Code.BAD_DEFINE, Severity.ERROR, unit.reader.directiveSpan(f, hash),
                    "'##' cannot appear at either end of a macro expansion");
            return;
        }
        if (!body.isEmpty()) {
            body.set(0, body.get(0).withFlags(body.get(0).flags & ~Token.PREV_WHITE));
        }
        Optional<SourceSpan> where = f.path == Preprocessor.COMMAND_LINE && unit.quiet
                ? Optional.empty() : Optional.of(unit.span(name));
        MacroDefinition def = new MacroDefinition(name.text, functionLike, params, variadic, spelled.toString(), where);
        Macro m = new Macro(name.text, functionLike, params, variadic, body.toArray(new Token[0]), null, def);
        Macro old = unit.macros.get(name.text);
        unit.replay.redefined(name.text, old);
        if (old != null && old.differsFrom(m)) {
            unit.report(Code.MACRO_REDEFINED, Severity.WARNING, unit.span(name), "\"" + name.text + "\" redefined");
        }
        unit.macros.put(name.text, m);
        unit.definitions.add(def);
    }

    /** Whether {@code name} may be defined or asked about; reports why not. */
    boolean checkMacroName(Token name, FileFrame f, int hash, String directive) {
        if (name.kind == Kind.EOF) {
            unit.report(Code.BAD_DEFINE, Severity.ERROR, unit.reader.directiveSpan(f, hash),
                    "no macro name given in " + directive + " directive");
            return false;
        }
        if (name.kind != Kind.IDENTIFIER) {
            unit.report(Code.BAD_DEFINE, Severity.ERROR, unit.span(name), "macro names must be identifiers");
            return false;
        }
        if (name.text.equals("defined") || name.text.equals("__has_include") || name.text.equals("__has_include_next")) {
            unit.report(Code.BAD_DEFINE, Severity.ERROR, unit.span(name),
                    "\"" + name.text + "\" cannot be used as a macro name");
            return false;
        }
        return true;
    }

    private void doUndef(FileFrame f, int hash) {
        Token name = unit.reader.lexBase();
        if (checkMacroName(name, f, hash, "#undef")) {
            unit.replay.wroteMacro(name.text);
            unit.macros.remove(name.text);
        }
    }

    private void doLine(FileFrame f, int hash) {
        Token t = unit.expander.nextNonPadding();
        if (t.kind != Kind.NUMBER || !t.text.chars().allMatch(Character::isDigit)) {
            unit.report(Code.BAD_DIRECTIVE, Severity.ERROR, unit.reader.directiveSpan(f, hash),
                    "\"" + t.text + "\" after #line is not a positive integer");
            return;
        }
        try {
            int target = Integer.parseInt(t.text);
            int nextLine = f.tokens.lineOf(f.tokens.start(hash)) + 1;
            f.lineDelta = target - nextLine;
        } catch (NumberFormatException e) {
            unit.report(Code.BAD_DIRECTIVE, Severity.ERROR, unit.reader.directiveSpan(f, hash), "line number out of range");
        }
    }

    private void doPragma(FileFrame f, int hash) {
        Token first = unit.reader.lexBase();
        if (first.isIdentifier("once")) {
            unit.replay.markedOnce(f.path);
            unit.includes.markOnce(f.path);
        } else if (first.isIdentifier("push_macro") || first.isIdentifier("pop_macro")) {
            // the pushed stacks are state the memo does not carry
            unit.replay.poison();
            Token open = unit.reader.lexBase();
            Token str = unit.reader.lexBase();
            if (open.is("(") && str.kind == Kind.STRING && str.text.length() >= 2) {
                String name = str.text.substring(1, str.text.length() - 1);
                List<Macro> stack = pushedMacros.computeIfAbsent(name, k -> new ArrayList<>());
                if (first.text.equals("push_macro")) {
                    stack.add(unit.macros.get(name));
                } else if (!stack.isEmpty()) {
                    Macro saved = stack.remove(stack.size() - 1);
                    if (saved == null) {
                        unit.macros.remove(name);
                    } else {
                        unit.macros.put(name, saved);
                    }
                }
            }
        } else if (first.isIdentifier("GCC")) {
            Token what = unit.reader.lexBase();
            if (what.isIdentifier("error") || what.isIdentifier("warning")) {
                Token message = unit.reader.lexBase();
                boolean error = what.text.equals("error");
                unit.report(error ? Code.ERROR_DIRECTIVE : Code.WARNING_DIRECTIVE, error ? Severity.ERROR : Severity.WARNING,
                        unit.reader.directiveSpan(f, hash), message.kind == Kind.STRING ? message.text : FileReader.restOfLine(f, hash));
            }
        }
    }
}
