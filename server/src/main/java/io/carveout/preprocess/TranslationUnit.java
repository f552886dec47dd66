package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Finding;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.preprocess.Token.Origin;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One preprocessing run over a main file and everything it includes, cpp's state machine made of
 * sections that share this unit's state as cpp's functions share its reader: {@link FileReader}
 * reads the files and hands over directive lines to {@link Directives}, {@link Conditionals} and
 * {@link Includes}; {@link MacroExpander} expands what it reads, with {@link MacroReplacement},
 * {@link BuiltinMacros} and within the {@link ExpansionBudget}; {@link Printer} writes the text and
 * its source map. Single use: create, {@link #run}, discard.
 *
 * <p>The expansion follows GCC's model closely because the output must equal cpp's token for
 * token: a stack of contexts, a macro disabled while its own context is on the stack, names met
 * while disabled painted so they never expand, padding tokens carrying white space, and arguments
 * pre-expanded in isolation.
 *
 * <p>With an {@link IncludeMemo}, each included file is recorded while it is read: its output,
 * map segments and findings, the macros and marks it changed, and everything it read from outside
 * (macros before it defined them, files looked up, once marks, the depth and work limits). Where
 * all of that holds at a later {@code #include} of the same text, the recording is replayed
 * instead ({@link IncludeReplay}). Nothing else crosses a file's boundaries: an include starts with
 * no expansion or argument open and the printer at a line start, and the end of a file reads as
 * the end of any argument list, so what a file prints does not depend on what surrounds it.
 */
final class TranslationUnit {

    final SourceProvider sources;
    final IncludeSearch search;
    final TokenCache cache;
    private final Map<String, String> defines;

    /** The macros defined now; the values may be shared with other units through the memo. */
    final Map<String, Macro> macros = new HashMap<>();
    Path mainPath;
    /** Set while the predefined and command-line macros are read, which print nothing. */
    boolean quiet;

    // the sections, which reach each other through this unit
    final FileReader reader = new FileReader(this);
    final MacroExpander expander = new MacroExpander(this);
    final BuiltinMacros builtins = new BuiltinMacros(this);
    final ExpansionBudget budget = new ExpansionBudget(this);
    final Directives directives = new Directives(this);
    final Conditionals conditionals = new Conditionals(this);
    final Includes includes = new Includes(this);
    final IncludeReplay replay;
    final Printer printer = new Printer(this);

    // what the run found, beside the text
    final List<Finding> diagnostics = new ArrayList<>();
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

    // ---------------------------------------------------------------------------------------------
    // the run

    PreprocessResult run(Path main, Optional<String> mainText) {
        mainPath = main;
        reader.fileId(main, mainText.map(cache::tokens).orElse(TokenizedText.of("")));
        StringBuilder predefined = new StringBuilder();
        for (String name : List.of("__DTS__", "__STDC__", "__STDC_HOSTED__", "__ASSEMBLER__")) {
            predefined.append("#define ").append(name).append(" 1\n");
        }
        defines.forEach((name, value) -> predefined.append("#define ").append(name).append(' ')
                .append(value.replace('\n', ' ').replace('\r', ' ')).append('\n'));
        builtins.define();
        quiet = true;
        reader.push(Preprocessor.COMMAND_LINE, TokenizedText.of(predefined.toString()), -1);
        while (expander.next().kind != Kind.EOF) {
            // definitions only; nothing to print
        }
        reader.closeAll();
        quiet = false;
        if (mainText.isEmpty()) {
            report(Code.MISSING_FILE, Severity.ERROR, new SourceSpan(main, 0, 0),
                    main + ": " + sources.refusal(main).orElse("No such file or directory"));
        } else {
            reader.push(main, reader.tokens(0), -1);
            try {
                printer.print();
            } catch (RuntimeException | StackOverflowError e) {
                // whatever the input, the caller gets diagnostics, never an exception
                report(Code.INTERNAL, Severity.ERROR, reader.frameSpan(), "internal preprocessor error: " + e);
            }
        }
        SourceMap sourceMap = new SourceMap(reader.files(), printer.map());
        return new PreprocessResult(printer.text(), sourceMap, diagnostics, inclusions, definitions, uses);
    }

    // ---------------------------------------------------------------------------------------------
    // diagnostics

    SourceSpan span(Token t) {
        if (t == null || t.origin == null) {
            return reader.frameSpan();
        }
        Origin o = t.origin;
        return new SourceSpan(reader.path(o.file()), o.start(), o.end());
    }

    void report(Code code, Severity severity, SourceSpan where, String message) {
        diagnostics.add(new Finding(where, severity, code.id(), message));
    }

    @Override
    public String toString() {
        return "TranslationUnit[" + mainPath + "]";
    }
}
