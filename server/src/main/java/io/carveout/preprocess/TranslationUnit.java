package io.carveout.preprocess;

import io.carveout.preprocess.MacroReplacement.Argument;
import io.carveout.preprocess.FileFrame.Conditional;
import io.carveout.preprocess.PpDiagnostic.Code;
import io.carveout.preprocess.PpDiagnostic.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.preprocess.Token.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;

/**
 * One preprocessing run over a main file and everything it includes: the state machine that
 * mirrors cpp's, from reading tokens through directives and macro expansion to the printed text.
 *
 * <p>The expansion follows GCC's model closely because the output must equal cpp's token for
 * token: a stack of contexts, a macro disabled while its own context is on the stack, names met
 * while disabled painted so they never expand, padding tokens carrying white space, and arguments
 * pre-expanded in isolation. Single use: create, {@link #run}, discard.
 *
 * <p>With an {@link IncludeMemo}, each included file is recorded while it is read: its output,
 * map segments and findings, the macros and marks it changed, and everything it read from outside
 * (macros before it defined them, files looked up, once marks, the depth and work limits). Where
 * all of that holds at a later {@code #include} of the same text, the recording is replayed
 * instead. Nothing else crosses a file's boundaries: an include starts with no expansion or
 * argument open and the printer at a line start, and the end of a file reads as the end of any
 * argument list, so what a file prints does not depend on what surrounds it.
 */
final class TranslationUnit {

    static final int MAX_INCLUDE_DEPTH = 200;
    static final int MAX_ARGUMENT_NESTING = 200;
    static final Path COMMAND_LINE = Preprocessor.COMMAND_LINE;

    private static final Token EOF = Token.of(Kind.EOF, "", 0, null);
    private static final Token END_OF_ARGUMENT = Token.of(Kind.EOF, "", 0, null);
    final SourceProvider sources;
    final IncludeSearch search;
    final TokenCache cache;
    final Map<String, String> defines;
    final Map<Path, Optional<String>> reads = new HashMap<>();
    final List<Path> files = new ArrayList<>();
    final List<TokenizedText> fileTokens = new ArrayList<>();
    final Map<Path, Integer> fileIds = new HashMap<>();
    final Set<Path> onceOnly = new HashSet<>();
    final Set<Path> reportedLexProblems = new HashSet<>();
    final List<FileFrame> frames = new ArrayList<>();
    final Map<String, Macro> macros = new HashMap<>();
    // Macros are shared with other units through the memo, so whether one is being expanded
    // (and must not expand inside itself) is this unit's business, kept here.
    final Set<Macro> disabled = Collections.newSetFromMap(new IdentityHashMap<>());
    final Map<String, List<Macro>> pushedMacros = new HashMap<>();
    final List<Context> contexts = new ArrayList<>();

    boolean inDirective;
    int parsingArgs;
    int preventExpansion;
    boolean skipping;
    int argumentNesting;
    int counter;
    Path mainPath;
    PendingInclude pendingInclude;
    /** Set while the predefined and command-line macros are read, which print nothing. */
    boolean quiet;

    final Printer printer = new Printer(this);
    final IncludeReplay replay;
    final ExpansionBudget budget = new ExpansionBudget(this);
    final List<PpDiagnostic> diagnostics = new ArrayList<>();
    final List<Inclusion> inclusions = new ArrayList<>();
    final List<MacroDefinition> definitions = new ArrayList<>();
    final List<MacroUse> uses = new ArrayList<>();

    TranslationUnit(SourceProvider sources, IncludeSearch search, TokenCache cache, Map<String, String> defines,
            IncludeMemo memo) {
        this.sources = sources;
        this.search = search;
        this.cache = cache;
        this.defines = defines;
        this.replay = new IncludeReplay(this, memo);
    }

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

    // ---------------------------------------------------------------------------------------------
    // the run

    PreprocessResult run(Path main, Optional<String> mainText) {
        mainPath = main;
        fileId(main, mainText.map(cache::tokens).orElse(TokenizedText.of("")));
        StringBuilder predefined = new StringBuilder();
        for (String name : List.of("__DTS__", "__STDC__", "__STDC_HOSTED__", "__ASSEMBLER__")) {
            predefined.append("#define ").append(name).append(" 1\n");
        }
        defines.forEach((name, value) -> predefined.append("#define ").append(name).append(' ')
                .append(value.replace('\n', ' ').replace('\r', ' ')).append('\n'));
        defineBuiltins();
        quiet = true;
        pushFrame(COMMAND_LINE, TokenizedText.of(predefined.toString()), -1);
        while (next().kind != Kind.EOF) {
            // definitions only; nothing to print
        }
        frames.clear();
        quiet = false;
        if (mainText.isEmpty()) {
            report(Code.MISSING_FILE, Severity.ERROR, new SourceSpan(main, 0, 0),
                    main + ": " + sources.refusal(main).orElse("No such file or directory"));
        } else {
            pushFrame(main, fileTokens.get(0), -1);
            try {
                printer.print();
            } catch (RuntimeException | StackOverflowError e) {
                // whatever the input, the caller gets diagnostics, never an exception
                report(Code.INTERNAL, Severity.ERROR, frameSpan(), "internal preprocessor error: " + e);
            }
        }
        SourceMap sourceMap = new SourceMap(files, printer.map());
        return new PreprocessResult(printer.text(), sourceMap, diagnostics, inclusions, definitions, uses);
    }

    void defineBuiltins() {
        for (Macro.Builtin b : Macro.Builtin.values()) {
            String name = switch (b) {
                case FILE -> "__FILE__";
                case LINE -> "__LINE__";
                case BASE_FILE -> "__BASE_FILE__";
                case FILE_NAME -> "__FILE_NAME__";
                case INCLUDE_LEVEL -> "__INCLUDE_LEVEL__";
                case COUNTER -> "__COUNTER__";
                case HAS_INCLUDE -> "__has_include";
                case HAS_INCLUDE_NEXT -> "__has_include_next";
            };
            MacroDefinition def = new MacroDefinition(name, false, List.of(), false, "", Optional.empty());
            macros.put(name, new Macro(name, false, List.of(), false, new Token[0], b, def));
        }
    }

    int fileId(Path path, TokenizedText tokens) {
        Integer id = fileIds.get(path);
        if (id == null) {
            id = files.size();
            files.add(path);
            fileTokens.add(tokens);
            fileIds.put(path, id);
        }
        return id;
    }

    void pushFrame(Path path, TokenizedText tokens, int foundRoot) {
        int id = fileId(path, tokens);
        FileFrame frame = new FileFrame(tokens, path, id, foundRoot);
        frames.add(frame);
        replay.opened(path, tokens);
        if (!tokens.unterminatedComments().isEmpty() && reportedLexProblems.add(path)) {
            for (int[] range : tokens.unterminatedComments()) {
                report(Code.UNTERMINATED_COMMENT, Severity.ERROR, new SourceSpan(path, range[0], Math.min(range[0] + 2, range[1])),
                        "unterminated comment");
            }
        }
    }

    FileFrame frame() {
        return frames.get(frames.size() - 1);
    }

    // ---------------------------------------------------------------------------------------------
    // reading tokens: cpp_get_token

    /** The next token after macro expansion, directives handled on the way; PADDING and EOF included. */
    Token next() {
        for (;;) {
            Token result;
            int top = contexts.size() - 1;
            if (top < 0) {
                if (parsingArgs == 0 && argumentNesting == 0) {
                    budget.newUse();
                }
                result = lexBase();
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
            if (result.kind != Kind.IDENTIFIER || result.has(Token.NO_EXPAND) || budget.stopped()) {
                return result;
            }
            if (budget.useStopped()) {
                if (top >= 0 && macros.containsKey(result.text)) {
                    continue; // what a stopped use would have expanded is dropped, not shown as undefined names
                }
                return result;
            }
            Macro m = macros.get(result.text);
            // Under "defined" and while arguments are collected a name reads the same whether it
            // is a macro or not, unless it is being expanded: then the recording wrote or read it.
            if (preventExpansion == 0) {
                replay.readMacro(result.text, m, false);
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
            if (budget.useStopped()) {
                continue; // the use that went over its budget: reported there, and not left as an unknown name
            }
            return result;
        }
    }

    void popContext() {
        Context c = contexts.remove(contexts.size() - 1);
        if (c.macro != null && (contexts.isEmpty() || contexts.get(contexts.size() - 1).macro != c.macro)) {
            disabled.remove(c.macro);
        }
    }

    Macro currentMacro() {
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
            FileFrame f = frame();
            f.cursor = f.lastReadStart;
        }
    }

    /**
     * The next token of the files, directives handled: cpp's lexer level. In a directive the line
     * end reads as EOF; while arguments are collected so does the end of an included file.
     */
    Token lexBase() {
        FileFrame f = frame();
        int readStart = f.cursor;
        for (;;) {
            if (f.cursor >= f.tokens.size()) {
                if (inDirective || parsingArgs > 0) {
                    return EOF;
                }
                endOfFile(f);
                if (frames.size() == 1) {
                    return EOF;
                }
                frames.remove(frames.size() - 1);
                printer.endFile();
                replay.ended(f);
                f = frame();
                readStart = f.cursor;
                continue;
            }
            int i = f.cursor;
            PpTokenKind kind = f.tokens.kind(i);
            if (kind == PpTokenKind.NEWLINE) {
                if (inDirective) {
                    return EOF;
                }
                f.cursor++;
                if (parsingArgs == 0) {
                    printer.newline(f, i);
                }
                continue;
            }
            if (!inDirective && parsingArgs != 1 && f.tokens.atLineStart(i) && f.tokens.spelling(i).equals("#")) {
                f.cursor++;
                if (handleDirective(f, i)) {
                    f = frame();
                    readStart = f.cursor;
                    continue;
                }
                if (skipping) {
                    continue;
                }
                f.lastReadStart = i;
                return fileToken(f, i);
            }
            if (skipping && !inDirective) {
                f.cursor++;
                continue;
            }
            f.cursor++;
            f.lastReadStart = readStart;
            return fileToken(f, i);
        }
    }

    Token fileToken(FileFrame f, int i) {
        budget.tokenRead();
        TokenizedText tt = f.tokens;
        int flags = tt.flags(i) & (TokenizedText.PREV_WHITE | TokenizedText.BOL);
        if (parsingArgs == 2 && (flags & Token.BOL) != 0) {
            // a line end inside an invocation's arguments counts as white space
            flags |= Token.PREV_WHITE;
        }
        Origin origin = new Origin(f.fileId, tt.start(i), tt.end(i));
        return new Token(Kind.of(tt.kind(i)), tt.spelling(i), flags, origin, f, i, null, -1);
    }

    void endOfFile(FileFrame f) {
        for (Conditional c : f.conditionals) {
            report(Code.UNTERMINATED_CONDITIONAL, Severity.ERROR, c.where, "unterminated #" + c.directive);
        }
        f.conditionals.clear();
        skipping = false;
    }

    // ---------------------------------------------------------------------------------------------
    // macro expansion

    boolean enterMacroContext(Macro m, Token name) {
        if (m.builtin != null) {
            return expandBuiltin(m, name);
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
        if (!budget.charge(expansion.length, name)) {
            return false;
        }
        disabled.add(m);
        if (name.frame != null && !quiet) {
            uses.add(new MacroUse(span(name), m.definition));
        }
        contexts.add(new Context(m, expansion));
        return true;
    }

    Argument[] funlikeInvocation(Macro m, Token name) {
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

    Argument[] collectArgs(Macro m, Token name) {
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
            if (!budget.charge(tokens.size(), name)) {
                return null;
            }
        } while (!t.is(")") && t.kind != Kind.EOF);

        if (t.kind == Kind.EOF) {
            if (t == END_OF_ARGUMENT) {
                backup();
            }
            report(Code.UNTERMINATED_ARGUMENTS, Severity.ERROR, span(name),
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
                report(Code.WRONG_ARGUMENT_COUNT, Severity.ERROR, span(name), message);
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

    void expandArg(Argument arg) {
        if (arg.first == null) {
            arg.expanded = List.of();
            return;
        }
        if (++argumentNesting > MAX_ARGUMENT_NESTING) {
            argumentNesting--;
            if (budget.stop()) {
                Token at = arg.first.isEmpty() ? null : arg.first.get(0);
                report(Code.EXPANSION_LIMIT, Severity.ERROR, at == null ? frameSpan() : span(at),
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
    void pasteAll(Context ctx, Token lhs) {
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

    boolean expandBuiltin(Macro m, Token name) {
        String text;
        Kind kind = Kind.NUMBER;
        switch (m.builtin) {
            case FILE -> {
                text = quote(frame().path.toString());
                kind = Kind.STRING;
            }
            case BASE_FILE -> {
                replay.poison();
                text = quote(mainPath.toString());
                kind = Kind.STRING;
            }
            case FILE_NAME -> {
                Path fileName = frame().path.getFileName();
                text = quote(fileName == null ? "" : fileName.toString());
                kind = Kind.STRING;
            }
            case LINE -> {
                Origin o = name.origin;
                int line = o == null ? 0 : fileTokens.get(o.file()).lineOf(o.start());
                if (o != null && o.file() == frame().fileId) {
                    line += frame().lineDelta;
                }
                text = Integer.toString(line);
            }
            case INCLUDE_LEVEL -> {
                replay.poison();
                text = Integer.toString(frames.size() - 1);
            }
            case COUNTER -> {
                replay.poison();
                text = Integer.toString(counter++);
            }
            case HAS_INCLUDE, HAS_INCLUDE_NEXT -> text = hasInclude(m, name) ? "1" : "0";
            default -> throw new IllegalStateException();
        }
        pushContinuing(Token.of(kind, text, 0, name.origin));
        return true;
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    boolean hasInclude(Macro m, Token name) {
        if (!inDirective) {
            report(Code.BAD_EXPRESSION, Severity.ERROR, span(name),
                    "\"" + m.name + "\" used outside of preprocessing directive");
            return false;
        }
        Token t = nextNonPadding();
        boolean paren = t.is("(");
        if (paren) {
            t = nextNonPadding();
        } else {
            report(Code.BAD_EXPRESSION, Severity.ERROR, span(name), "missing '(' before \"" + m.name + "\" operand");
        }
        HeaderName header = headerNameFrom(t);
        if (header == null) {
            report(Code.BAD_EXPRESSION, Severity.ERROR, span(name), "operator \"" + m.name + "\" requires a header-name");
            return false;
        }
        if (paren && !nextNonPadding().is(")")) {
            report(Code.BAD_EXPRESSION, Severity.ERROR, span(name), "missing ')' after \"" + m.name + "\" operand");
        }
        if (skipping) {
            return false;
        }
        int firstRoot = m.builtin == Macro.Builtin.HAS_INCLUDE_NEXT ? Math.max(frame().foundRoot + 1, 0) : 0;
        return findInclude(header.name(), header.angled(), firstRoot, m.builtin == Macro.Builtin.HAS_INCLUDE_NEXT) != null;
    }

    Token nextNonPadding() {
        Token t;
        do {
            t = next();
        } while (t.kind == Kind.PADDING);
        return t;
    }

    // ---------------------------------------------------------------------------------------------
    // directives

    private record HeaderName(String name, boolean angled) {}

    /** Handles the directive whose # is at {@code hash}; false when the line is not a directive. */
    boolean handleDirective(FileFrame f, int hash) {
        int savedParsing = parsingArgs;
        int savedPrevent = preventExpansion;
        int savedContexts = contexts.size();
        inDirective = true;
        if (parsingArgs != 0) {
            parsingArgs = 0;
            preventExpansion = 0;
        }
        boolean handled = true;
        try {
            Token dname = lexBase();
            if (dname.kind == Kind.EOF) {
                // the null directive
            } else if (dname.kind == Kind.IDENTIFIER && isDirectiveName(dname.text)) {
                boolean conditional = isConditional(dname.text);
                boolean includes = dname.text.startsWith("include") || dname.text.equals("import");
                if (skipping && !conditional) {
                    // only conditionals count inside a skipped group
                } else if (savedParsing != 0 && includes) {
                    // a file cannot start in the middle of an invocation's arguments
                    report(Code.BAD_INCLUDE, Severity.ERROR, directiveSpan(f, hash),
                            "#" + dname.text + " inside macro arguments is not supported");
                } else {
                    runDirective(dname.text, f, hash);
                }
            } else if (!skipping) {
                // assembler mode: "#address-cells" and other unknown directives are plain text
                f.cursor = hash + 1;
                handled = false;
            }
            if (handled) {
                while (contexts.size() > savedContexts) {
                    popContext();
                }
                finishLine(f, savedParsing == 0);
            }
        } finally {
            inDirective = false;
            parsingArgs = savedParsing;
            preventExpansion = savedPrevent;
        }
        if (pendingInclude != null) {
            PendingInclude p = pendingInclude;
            pendingInclude = null;
            replay.include(p);
        }
        return handled;
    }

    /** Consumes the rest of the directive's line and its line end. */
    void finishLine(FileFrame f, boolean printNewline) {
        TokenizedText tt = f.tokens;
        while (f.cursor < tt.size() && tt.kind(f.cursor) != PpTokenKind.NEWLINE) {
            f.cursor++;
        }
        if (f.cursor < tt.size()) {
            if (printNewline) {
                printer.newline(f, f.cursor);
            }
            f.cursor++;
        }
    }

    static boolean isDirectiveName(String name) {
        return switch (name) {
            case "define", "undef", "include", "include_next", "import", "if", "ifdef", "ifndef",
                    "elif", "elifdef", "elifndef", "else", "endif", "error", "warning", "line", "pragma",
                    "ident", "sccs", "assert", "unassert" -> true;
            default -> false;
        };
    }

    static boolean isConditional(String name) {
        return switch (name) {
            case "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif" -> true;
            default -> false;
        };
    }

    void runDirective(String name, FileFrame f, int hash) {
        switch (name) {
            case "define" -> doDefine(f, hash);
            case "undef" -> doUndef(f, hash);
            case "include", "import" -> doInclude(f, hash, false, name);
            case "include_next" -> doInclude(f, hash, true, name);
            case "if" -> doIf(f, hash);
            case "ifdef", "ifndef" -> doIfdef(f, hash, name);
            case "elif", "elifdef", "elifndef" -> doElif(f, hash, name);
            case "else" -> doElse(f, hash);
            case "endif" -> doEndif(f, hash);
            case "error" -> report(Code.ERROR_DIRECTIVE, Severity.ERROR, directiveSpan(f, hash), "#error " + restOfLine(f, hash));
            case "warning" -> report(Code.WARNING_DIRECTIVE, Severity.WARNING, directiveSpan(f, hash), "#warning " + restOfLine(f, hash));
            case "line" -> doLine(f, hash);
            case "pragma" -> doPragma(f, hash);
            default -> {
                // #ident, #sccs, #assert, #unassert: nothing reaches the output in assembler mode
            }
        }
    }

    SourceSpan directiveSpan(FileFrame f, int hash) {
        TokenizedText tt = f.tokens;
        int end = tt.end(hash);
        for (int i = hash + 1; i < tt.size() && tt.kind(i) != PpTokenKind.NEWLINE; i++) {
            end = tt.end(i);
        }
        return new SourceSpan(f.path, tt.start(hash), end);
    }

    /** The text after the directive name, as written. */
    static String restOfLine(FileFrame f, int hash) {
        TokenizedText tt = f.tokens;
        StringBuilder sb = new StringBuilder();
        for (int i = hash + 2; i < tt.size() && tt.kind(i) != PpTokenKind.NEWLINE; i++) {
            if (sb.length() > 0 && tt.precededBySpace(i)) {
                sb.append(' ');
            }
            sb.append(tt.spelling(i));
        }
        return sb.toString();
    }

    SourceSpan frameSpan() {
        FileFrame f = frames.isEmpty() ? null : frame();
        if (f == null) {
            return new SourceSpan(mainPath, 0, 0);
        }
        int i = Math.min(Math.max(f.cursor - 1, 0), Math.max(f.tokens.size() - 1, 0));
        if (f.tokens.size() == 0) {
            return new SourceSpan(f.path, 0, 0);
        }
        return new SourceSpan(f.path, f.tokens.start(i), f.tokens.end(i));
    }

    void doDefine(FileFrame f, int hash) {
        Token name = lexBase();
        if (!checkMacroName(name, f, hash, "#define")) {
            return;
        }
        boolean functionLike = false;
        boolean variadic = false;
        List<String> params = new ArrayList<>();
        Token t = lexBase();
        if (t.is("(") && !t.has(Token.PREV_WHITE)) {
            functionLike = true;
            String error = null;
            t = lexBase();
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
                        t = lexBase();
                        if (t.is("...")) {
                            variadic = true;
                            t = lexBase();
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
                        t = lexBase();
                    } else if (t.is("...")) {
                        variadic = true;
                        params.add("__VA_ARGS__");
                        t = lexBase();
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
                report(Code.BAD_DEFINE, Severity.ERROR, t.kind == Kind.EOF ? directiveSpan(f, hash) : span(t), error);
                return;
            }
            t = lexBase();
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
                    report(Code.BAD_DEFINE, Severity.ERROR, span(t), "'##' cannot appear at either end of a macro expansion");
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
            t = lexBase();
        }
        if (followingPaste) {
            report(Code.BAD_DEFINE, Severity.ERROR, directiveSpan(f, hash), "'##' cannot appear at either end of a macro expansion");
            return;
        }
        if (!body.isEmpty()) {
            body.set(0, body.get(0).withFlags(body.get(0).flags & ~Token.PREV_WHITE));
        }
        Optional<SourceSpan> where = f.path == COMMAND_LINE && quiet ? Optional.empty() : Optional.of(span(name));
        MacroDefinition def = new MacroDefinition(name.text, functionLike, params, variadic, spelled.toString(), where);
        Macro m = new Macro(name.text, functionLike, params, variadic, body.toArray(new Token[0]), null, def);
        Macro old = macros.get(name.text);
        replay.redefined(name.text, old);
        if (old != null && old.differsFrom(m)) {
            report(Code.MACRO_REDEFINED, Severity.WARNING, span(name), "\"" + name.text + "\" redefined");
        }
        macros.put(name.text, m);
        definitions.add(def);
    }

    boolean checkMacroName(Token name, FileFrame f, int hash, String directive) {
        if (name.kind == Kind.EOF) {
            report(Code.BAD_DEFINE, Severity.ERROR, directiveSpan(f, hash), "no macro name given in " + directive + " directive");
            return false;
        }
        if (name.kind != Kind.IDENTIFIER) {
            report(Code.BAD_DEFINE, Severity.ERROR, span(name), "macro names must be identifiers");
            return false;
        }
        if (name.text.equals("defined") || name.text.equals("__has_include") || name.text.equals("__has_include_next")) {
            report(Code.BAD_DEFINE, Severity.ERROR, span(name), "\"" + name.text + "\" cannot be used as a macro name");
            return false;
        }
        return true;
    }

    void doUndef(FileFrame f, int hash) {
        Token name = lexBase();
        if (checkMacroName(name, f, hash, "#undef")) {
            replay.wroteMacro(name.text);
            macros.remove(name.text);
        }
    }

    void doIfdef(FileFrame f, int hash, String directive) {
        boolean cond = false;
        if (!skipping) {
            Token name = lexBase();
            if (checkMacroName(name, f, hash, "#" + directive)) {
                cond = isDefined(name.text) == directive.equals("ifdef");
            }
        }
        pushConditional(f, hash, cond, directive);
    }

    void doIf(FileFrame f, int hash) {
        boolean cond = !skipping && evaluateLine(f, hash);
        pushConditional(f, hash, cond, "if");
    }

    void pushConditional(FileFrame f, int hash, boolean cond, String directive) {
        boolean wasSkipping = skipping;
        f.conditionals.add(new Conditional(wasSkipping, !wasSkipping && cond, directive, directiveSpan(f, hash)));
        skipping = wasSkipping || !cond;
    }

    void doElif(FileFrame f, int hash, String directive) {
        if (f.conditionals.isEmpty()) {
            report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, directiveSpan(f, hash), "#" + directive + " without #if");
            return;
        }
        Conditional c = f.conditionals.get(f.conditionals.size() - 1);
        if (c.sawElse) {
            report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, directiveSpan(f, hash), "#" + directive + " after #else");
        }
        c.directive = directive;
        c.where = directiveSpan(f, hash);
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
            Token name = lexBase();
            cond = checkMacroName(name, f, hash, "#" + directive)
                    && isDefined(name.text) == directive.equals("elifdef");
        }
        c.taken = cond;
        skipping = !cond;
    }

    void doElse(FileFrame f, int hash) {
        if (f.conditionals.isEmpty()) {
            report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, directiveSpan(f, hash), "#else without #if");
            return;
        }
        Conditional c = f.conditionals.get(f.conditionals.size() - 1);
        if (c.sawElse) {
            report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, directiveSpan(f, hash), "#else after #else");
        }
        c.sawElse = true;
        c.directive = "else";
        c.where = directiveSpan(f, hash);
        if (!c.wasSkipping) {
            skipping = c.taken;
            c.taken = true;
        }
    }

    void doEndif(FileFrame f, int hash) {
        if (f.conditionals.isEmpty()) {
            report(Code.UNBALANCED_CONDITIONAL, Severity.ERROR, directiveSpan(f, hash), "#endif without #if");
            return;
        }
        Conditional c = f.conditionals.remove(f.conditionals.size() - 1);
        skipping = c.wasSkipping;
    }

    /** Reads and evaluates the rest of an #if or #elif line; false after any error, as in cpp. */
    boolean evaluateLine(FileFrame f, int hash) {
        List<Token> tokens = new ArrayList<>();
        try {
            for (;;) {
                Token t = next();
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
            SourceSpan where = e.at == null || e.at.origin == null ? directiveSpan(f, hash) : span(e.at);
            report(e.divisionByZero ? Code.DIVISION_BY_ZERO : Code.BAD_EXPRESSION, Severity.ERROR, where, e.getMessage());
            return false;
        }
    }

    Token parseDefined(Token op) throws IfExpression.Failure {
        preventExpansion++;
        try {
            Token t = nextNonPadding();
            boolean paren = t.is("(");
            if (paren) {
                t = nextNonPadding();
            }
            if (t.kind != Kind.IDENTIFIER) {
                throw new IfExpression.Failure("operator \"defined\" requires an identifier", t.kind == Kind.EOF ? op : t, false);
            }
            boolean defined = isDefined(t.text);
            if (paren) {
                Token close = nextNonPadding();
                if (!close.is(")")) {
                    throw new IfExpression.Failure("missing ')' after \"defined\"", close.kind == Kind.EOF ? op : close, false);
                }
            }
            return Token.of(Kind.NUMBER, defined ? "1" : "0", 0, op.origin);
        } finally {
            preventExpansion--;
        }
    }

    void doLine(FileFrame f, int hash) {
        Token t = nextNonPadding();
        if (t.kind != Kind.NUMBER || !t.text.chars().allMatch(Character::isDigit)) {
            report(Code.BAD_DIRECTIVE, Severity.ERROR, directiveSpan(f, hash),
                    "\"" + t.text + "\" after #line is not a positive integer");
            return;
        }
        try {
            int target = Integer.parseInt(t.text);
            int nextLine = f.tokens.lineOf(f.tokens.start(hash)) + 1;
            f.lineDelta = target - nextLine;
        } catch (NumberFormatException e) {
            report(Code.BAD_DIRECTIVE, Severity.ERROR, directiveSpan(f, hash), "line number out of range");
        }
    }

    void doPragma(FileFrame f, int hash) {
        Token first = lexBase();
        if (first.isIdentifier("once")) {
            replay.markedOnce(f.path);
            onceOnly.add(f.path);
        } else if (first.isIdentifier("push_macro") || first.isIdentifier("pop_macro")) {
            // the pushed stacks are state the memo does not carry
            replay.poison();
            Token open = lexBase();
            Token str = lexBase();
            if (open.is("(") && str.kind == Kind.STRING && str.text.length() >= 2) {
                String name = str.text.substring(1, str.text.length() - 1);
                List<Macro> stack = pushedMacros.computeIfAbsent(name, k -> new ArrayList<>());
                if (first.text.equals("push_macro")) {
                    stack.add(macros.get(name));
                } else if (!stack.isEmpty()) {
                    Macro saved = stack.remove(stack.size() - 1);
                    if (saved == null) {
                        macros.remove(name);
                    } else {
                        macros.put(name, saved);
                    }
                }
            }
        } else if (first.isIdentifier("GCC")) {
            Token what = lexBase();
            if (what.isIdentifier("error") || what.isIdentifier("warning")) {
                Token message = lexBase();
                boolean error = what.text.equals("error");
                report(error ? Code.ERROR_DIRECTIVE : Code.WARNING_DIRECTIVE, error ? Severity.ERROR : Severity.WARNING,
                        directiveSpan(f, hash), message.kind == Kind.STRING ? message.text : restOfLine(f, hash));
            }
        }
    }

    void doInclude(FileFrame f, int hash, boolean next, String directive) {
        HeaderName header = readHeaderName(f);
        SourceSpan where = directiveSpan(f, hash);
        if (header == null) {
            report(Code.BAD_INCLUDE, Severity.ERROR, where, "#" + directive + " expects \"FILENAME\" or <FILENAME>");
            return;
        }
        if (header.name().isEmpty()) {
            report(Code.BAD_INCLUDE, Severity.ERROR, where, "empty filename in #" + directive);
            return;
        }
        replay.checkedDepth(frames.size());
        if (frames.size() > MAX_INCLUDE_DEPTH) {
            replay.poison();
            report(Code.INCLUDE_DEPTH, Severity.ERROR, where,
                    "#include nested depth " + frames.size() + " exceeds maximum of " + MAX_INCLUDE_DEPTH);
            return;
        }
        boolean asNext = next && frames.size() > 1 && f.foundRoot >= 0;
        int firstRoot = asNext ? f.foundRoot + 1 : 0;
        IncludeSearch.Candidate found = findInclude(header.name(), header.angled(), firstRoot, asNext);
        if (found == null) {
            report(Code.MISSING_INCLUDE, Severity.ERROR, where,
                    header.name() + ": " + whyNotFound(header.name(), header.angled(), firstRoot, asNext));
            return;
        }
        Path path = found.path();
        String text = reads.get(path).orElseThrow();
        inclusions.add(new Inclusion(f.path, where, path));
        boolean once = onceOnly.contains(path);
        replay.askedOnce(path, once);
        if (once) {
            return;
        }
        TokenizedText tokens = cache.tokens(text);
        Optional<String> guard = tokens.includeGuard();
        if (guard.isPresent() && isDefined(guard.get())) {
            // cpp's multiple-include optimization: the second reading would yield nothing
            return;
        }
        for (FileFrame open : frames) {
            if (open.path.equals(path)) {
                StringBuilder chain = new StringBuilder();
                boolean on = false;
                for (FileFrame g : frames) {
                    on |= g.path.equals(path);
                    if (on) {
                        chain.append(g.path.getFileName()).append(" -> ");
                    }
                }
                chain.append(path.getFileName());
                replay.poison();
                report(Code.INCLUDE_CYCLE, Severity.ERROR, where, "include cycle: " + chain);
                return;
            }
        }
        pendingInclude = new PendingInclude(path, text, found.root(), where);
    }

    IncludeSearch.Candidate findInclude(String name, boolean angled, int firstRoot, boolean next) {
        Path dir = frame().path.getParent();
        List<IncludeSearch.Candidate> candidates = search.candidates(name, angled || next, dir, firstRoot);
        for (IncludeSearch.Candidate c : candidates) {
            Optional<String> read = reads.computeIfAbsent(c.path(), sources::read);
            replay.lookedUp(c.path(), read.orElse(null));
            if (read.isPresent()) {
                return c;
            }
        }
        return null;
    }

    /** Why no candidate was read: the first one that exists but may not be read says so. */
    String whyNotFound(String name, boolean angled, int firstRoot, boolean next) {
        Path dir = frame().path.getParent();
        for (IncludeSearch.Candidate c : search.candidates(name, angled || next, dir, firstRoot)) {
            Optional<String> refusal = sources.refusal(c.path());
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        return "No such file or directory";
    }

    /**
     * The operand of #include. Written directly, it is read from the raw text, since in a header
     * name neither quotes nor comments mean what they mean elsewhere; from a macro, it is the
     * expansion's string, or its tokens from {@code <} to {@code >} joined.
     */
    HeaderName readHeaderName(FileFrame f) {
        int at = f.cursor;
        if (at < f.tokens.size() && f.tokens.kind(at) != PpTokenKind.NEWLINE) {
            String spelling = f.tokens.spelling(at);
            char open = spelling.isEmpty() ? 0 : spelling.charAt(0);
            if (open == '"' || open == '<') {
                String raw = rawUntil(f.tokens.text(), f.tokens.start(at) + 1, open == '"' ? '"' : '>');
                if (raw != null) {
                    return new HeaderName(raw, open == '<');
                }
            }
        }
        return headerNameFrom(nextNonPadding());
    }

    /** The raw characters from {@code from} to {@code close} on the same logical line; null if none. */
    static String rawUntil(String text, int from, char close) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < text.length() && (text.charAt(j) == '\n' || text.charAt(j) == '\r')) {
                    i = j + 1 + (text.charAt(j) == '\r' && j + 1 < text.length() && text.charAt(j + 1) == '\n' ? 1 : 0);
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                return null;
            }
            if (c == close) {
                return sb.toString();
            }
            sb.append(c);
            i++;
        }
        return null;
    }

    HeaderName headerNameFrom(Token t) {
        if (t.kind == Kind.STRING && !t.text.startsWith("L")) {
            return new HeaderName(t.text.substring(1, t.text.length() - 1), false);
        }
        if (t.is("<")) {
            StringBuilder sb = new StringBuilder();
            Token source = null;
            for (;;) {
                Token u = next();
                if (u.kind == Kind.PADDING) {
                    if (source == null) {
                        source = u.source;
                    }
                    continue;
                }
                if (u.kind == Kind.EOF) {
                    return null;
                }
                if (u.is(">")) {
                    return new HeaderName(sb.toString(), true);
                }
                Token s = source == null ? u : source;
                if (sb.length() > 0 && s.has(Token.PREV_WHITE)) {
                    sb.append(' ');
                }
                source = null;
                sb.append(u.text);
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // the include memo

    boolean isDefined(String name) {
        Macro m = macros.get(name);
        replay.readMacro(name, m, true);
        return m != null;
    }

    // ---------------------------------------------------------------------------------------------
    // diagnostics

    SourceSpan span(Token t) {
        if (t == null || t.origin == null) {
            return frameSpan();
        }
        Origin o = t.origin;
        return new SourceSpan(files.get(o.file()), o.start(), o.end());
    }

    void report(Code code, Severity severity, SourceSpan where, String message) {
        diagnostics.add(new PpDiagnostic(code, severity, where, message));
    }

    @Override
    public String toString() {
        return "TranslationUnit[" + mainPath + "]";
    }
}
