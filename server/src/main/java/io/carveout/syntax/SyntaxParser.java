package io.carveout.syntax;

import io.carveout.grammar.DtsLexer;
import io.carveout.grammar.DtsParser;
import io.carveout.text.BinaryText;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns the text of one file into its lossless {@link SyntaxTree}: lex, decide what the
 * parser sees ({@link TokenPass}), parse (the fast SLL mode first, full LL with error
 * recovery only when that fails), then fold ANTLR's parse tree and every skipped token
 * into our own tree, and run the checks that dtc makes while reading.
 */
final class SyntaxParser {
    private static final SyntaxKind[] KIND_OF_TYPE = buildTokenKinds();

    private SyntaxParser() {
    }

    static SyntaxKind kindOf(int tokenType) {
        return tokenType >= 0 && tokenType < KIND_OF_TYPE.length && KIND_OF_TYPE[tokenType] != null
                ? KIND_OF_TYPE[tokenType] : SyntaxKind.ERROR_CHAR;
    }

    static SyntaxTree parse(String text) {
        return parse(text, IncludeSplicer.NONE);
    }

    static SyntaxTree parse(String text, IncludeSplicer splicer) {
        if (text.length() > SyntaxTree.MAX_FILE_CHARS) {
            return tooLarge(text);
        }
        if (BinaryText.looksBinary(text)) {
            return unparsed(text, BinaryText.MESSAGE);
        }
        DiagnosticSink sink = new DiagnosticSink();
        List<Token> tokens = lex(text);
        TokenPass.markConditionals(tokens, sink);
        TokenPass.checkLiterals(tokens, sink);
        if (splicer != IncludeSplicer.NONE) {
            tokens = splice(tokens, splicer, new ArrayDeque<>(), sink);
        }
        int nesting = TokenPass.guardNesting(tokens, sink);
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(tokens));
        stream.fill();

        DtsParser parser = new DtsParser(stream);
        parser.removeErrorListeners();
        Parsed parsed = parse(parser, sink);
        SyntaxNode root = new TreeBuilder(stream.getTokens(), 0).build(parsed.document(), text.length());
        SyntaxChecks.run(text, root, sink);
        ParseFacts facts = new ParseFacts(splicer == IncludeSplicer.NONE, nesting, parsed.unclosed(), sink.truncated());
        return new SyntaxTree(text, root, sink.result(), facts);
    }

    /**
     * Lexes {@code text} from {@code start} (a '{' that the whole-file lexer also starts a
     * token at) as the whole-file lexer would, up to the token that reaches {@code end}.
     * When that token ends past {@code end}, the edit moved a token boundary out of the
     * region (an unterminated comment, a quote that now pairs with one further on).
     * Returns null only when the text ends first.
     */
    static List<Token> lexRegion(String text, int start, int end) {
        DtsLexer lexer = new DtsLexer(new Utf16CharStream(text, "<dts>"));
        lexer.removeErrorListeners();
        lexer.getInputStream().seek(start);
        List<Token> tokens = new ArrayList<>();
        while (true) {
            Token token = lexer.nextToken();
            if (token.getType() == Token.EOF) {
                return null;
            }
            tokens.add(token);
            int tokenEnd = token.getStopIndex() + 1;
            if (tokenEnd >= end) {
                return tokens;
            }
        }
    }

    /**
     * Parses the tokens of one node body, from its '{' to its ';', as the whole-file parse
     * reads them at that place: with the same rule invocation stack below it (so error
     * recovery and full-context prediction see the same follow sets), SLL first and LL
     * with error recovery when SLL fails. Returns null when the result might differ from
     * the whole-file parse: a decision or a recovery looked past the ';' (there the whole
     * file has other tokens than this end of input), the body ended before its last token,
     * or a node was reported open at the end.
     *
     * @param owners the kinds of the nodes around the body, from DOCUMENT to its owner
     */
    static SyntaxNode parseBody(List<Token> tokens, List<SyntaxKind> owners, int start, DiagnosticSink sink) {
        WatchedTokenStream stream = new WatchedTokenStream(new ListTokenSource(tokens));
        stream.fill();
        DtsParser parser = new DtsParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        DtsParser.NodeBodyContext body;
        try {
            enterOwners(parser, owners);
            body = parser.nodeBody();
        } catch (ParseCancellationException e) {
            parser.reset();
            stream.sawEnd = false;
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            ErrorReporting errors = new ErrorReporting(sink);
            parser.setErrorHandler(errors);
            enterOwners(parser, owners);
            body = parser.nodeBody();
            if (errors.reportedUnclosed()) {
                return null;
            }
        }
        if (stream.sawEnd || stream.LA(1) != Token.EOF) {
            return null;
        }
        return new TreeBuilder(stream.getTokens(), start).buildBody(body);
    }

    // The parser's state numbers at which one rule calls another: a context records the
    // state that invoked it, and follow sets are computed from that chain.
    private static final Map<Integer, Integer> CALL_SITES = callSites();

    private static Map<Integer, Integer> callSites() {
        Map<Integer, Integer> sites = new HashMap<>();
        for (ATNState state : DtsParser._ATN.states) {
            if (state == null) {
                continue;
            }
            for (int i = 0; i < state.getNumberOfTransitions(); i++) {
                if (state.transition(i) instanceof RuleTransition call) {
                    int key = state.ruleIndex * 1024 + call.target.ruleIndex;
                    // A rule that calls another from two places has no single call site.
                    sites.merge(key, state.stateNumber, (a, b) -> -1);
                }
            }
        }
        return sites;
    }

    private static int callSite(int caller, int callee) {
        Integer site = CALL_SITES.get(caller * 1024 + callee);
        if (site == null || site < 0) {
            throw new IllegalStateException("no single call site of rule " + callee + " in rule " + caller);
        }
        return site;
    }

    // Builds the contexts the whole-file parse would have on its stack when it calls
    // nodeBody for a body owned as the kinds say, and leaves the parser in that state.
    private static void enterOwners(DtsParser parser, List<SyntaxKind> owners) {
        ParserRuleContext ctx = new DtsParser.DocumentContext(null, -1);
        int rule = DtsParser.RULE_document;
        for (SyntaxKind kind : owners.subList(1, owners.size())) {
            switch (kind) {
                case ROOT_NODE, OVERRIDE_NODE -> {
                    ctx = new DtsParser.TopItemContext(ctx, callSite(rule, DtsParser.RULE_topItem));
                    rule = DtsParser.RULE_topItem;
                    int owner = kind == SyntaxKind.ROOT_NODE ? DtsParser.RULE_rootNode : DtsParser.RULE_overrideNode;
                    ctx = kind == SyntaxKind.ROOT_NODE
                            ? new DtsParser.RootNodeContext(ctx, callSite(rule, owner))
                            : new DtsParser.OverrideNodeContext(ctx, callSite(rule, owner));
                    rule = owner;
                }
                case NODE_BODY -> {
                    ctx = new DtsParser.NodeBodyContext(ctx, callSite(rule, DtsParser.RULE_nodeBody));
                    rule = DtsParser.RULE_nodeBody;
                }
                case CHILD_NODE -> {
                    ctx = new DtsParser.NodeItemContext(ctx, callSite(rule, DtsParser.RULE_nodeItem));
                    rule = DtsParser.RULE_nodeItem;
                    ctx = new DtsParser.ChildNodeContext(ctx, callSite(rule, DtsParser.RULE_childNode));
                    rule = DtsParser.RULE_childNode;
                }
                default -> throw new IllegalArgumentException("a node body is not owned by " + kind);
            }
        }
        parser.setContext(ctx);
        parser.setState(callSite(rule, DtsParser.RULE_nodeBody));
    }

    /** A token stream that notes when anyone looks at its end: a region parse must not need to. */
    private static final class WatchedTokenStream extends CommonTokenStream {
        boolean sawEnd;

        WatchedTokenStream(TokenSource source) {
            super(source);
        }

        @Override
        public Token LT(int k) {
            Token token = super.LT(k);
            if (k > 0 && token != null && token.getType() == Token.EOF) {
                sawEnd = true;
            }
            return token;
        }
    }

    private static List<Token> lex(String text) {
        DtsLexer lexer = new DtsLexer(new Utf16CharStream(text, "<dts>"));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        return new ArrayList<>(stream.getTokens());
    }

    private static final int MAX_SPLICE_DEPTH = 32;

    // Inserts, after each active /include/ directive, the tokens the parser would read
    // from that file (recursively), as dtc's lexer does.
    private static List<Token> splice(List<Token> tokens, IncludeSplicer splicer, Deque<String> open,
            DiagnosticSink sink) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            out.add(token);
            if (token.getType() != DtsLexer.DTS_INCLUDE || token.getChannel() == DtsLexer.INACTIVE) {
                continue;
            }
            String name = includedName(token.getText());
            Token host = token instanceof SplicedToken spliced ? spliced.host : token;
            if (open.contains(name) || open.size() >= MAX_SPLICE_DEPTH) {
                sink.report(host, "/include/ \"" + name + "\" includes itself");
                continue;
            }
            Optional<String> included = splicer.textOf(name);
            if (included.isEmpty()) {
                continue;
            }
            List<Token> inner = lex(included.get());
            TokenPass.markConditionals(inner, new DiagnosticSink());
            open.push(name);
            List<Token> nested = splice(inner, splicer, open, sink);
            open.pop();
            for (Token t : nested) {
                if (t.getType() != Token.EOF && t.getChannel() == Token.DEFAULT_CHANNEL) {
                    out.add(t instanceof SplicedToken ? t : new SplicedToken(t, host, name));
                }
            }
        }
        return out;
    }

    private static String includedName(String directive) {
        int open = directive.indexOf('"');
        int close = directive.lastIndexOf('"');
        return close > open ? directive.substring(open + 1, close) : directive.substring(open + 1);
    }

    private static SyntaxTree tooLarge(String text) {
        String size = String.format("%.1f MiB", text.length() / (1024.0 * 1024.0));
        return unparsed(text, "file too large to analyse (" + size + " of text; the limit is "
                + SyntaxTree.MAX_FILE_CHARS / (1024 * 1024) + " MiB)");
    }

    /** A file that is not read as devicetree at all: one token, one diagnostic saying why. */
    private static SyntaxTree unparsed(String text, String why) {
        SyntaxNode root = new SyntaxNode(SyntaxKind.DOCUMENT, 0, text.length(),
                List.of(new SyntaxToken(SyntaxKind.UNPARSED, 0, text.length())));
        return new SyntaxTree(text, root, List.of(new SyntaxDiagnostic(0, 0, why)));
    }

    private static SyntaxKind[] buildTokenKinds() {
        int max = DtsLexer.VOCABULARY.getMaxTokenType();
        SyntaxKind[] kinds = new SyntaxKind[max + 1];
        for (int type = 1; type <= max; type++) {
            String name = DtsLexer.VOCABULARY.getSymbolicName(type);
            if (name != null && type != DtsLexer.REUSED_ITEM && type != DtsLexer.REUSED_TOP_ITEM) {
                kinds[type] = SyntaxKind.valueOf(name);
            }
        }
        return kinds;
    }

    /** A document as parsed, and whether error recovery reported a node left open at the end. */
    record Parsed(DtsParser.DocumentContext document, boolean unclosed) {
    }

    /**
     * Parses a document the fast way (SLL, giving up at the first error), and again with full
     * prediction and error recovery only when that fails: most files have no error.
     */
    static Parsed parse(DtsParser parser, DiagnosticSink sink) {
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return new Parsed(parser.document(), false);
        } catch (ParseCancellationException e) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            ErrorReporting errors = new ErrorReporting(sink);
            parser.setErrorHandler(errors);
            DtsParser.DocumentContext document = parser.document();
            return new Parsed(document, errors.reportedUnclosed());
        }
    }

    /** Folds the parse tree and the token list into one lossless tree, in text order. */
    static final class TreeBuilder {
        private final List<Token> tokens;
        private int next;
        /** Every element starts where the previous one ended: the tree tiles the text. */
        private int cursor;

        /** @param start the offset of the first token */
        TreeBuilder(List<Token> tokens, int start) {
            this.tokens = tokens;
            this.cursor = start;
        }

        SyntaxNode build(DtsParser.DocumentContext document, int textLength) {
            List<SyntaxElement> children = new ArrayList<>();
            visitChildren(document, children);
            flushUpTo(tokens.size(), children);
            return new SyntaxNode(SyntaxKind.DOCUMENT, 0, textLength, children);
        }

        /** The NODE_BODY of a body parsed on its own, or null if its tokens did not fold into one. */
        SyntaxNode buildBody(DtsParser.NodeBodyContext body) {
            List<SyntaxElement> out = new ArrayList<>(1);
            visit(body, out);
            flushUpTo(tokens.size(), out);
            return out.size() == 1 && out.get(0) instanceof SyntaxNode node && node.kind() == SyntaxKind.NODE_BODY
                    ? node : null;
        }

        private void visit(ParseTree tree, List<SyntaxElement> out) {
            if (tree instanceof TerminalNode terminal) {
                Token token = terminal.getSymbol();
                int index = token.getTokenIndex();
                // Tokens conjured by recovery (index -1) have no text; EOF is not part of the tree.
                if (index < next || token.getType() == Token.EOF) {
                    return;
                }
                flushUpTo(index, out);
                next = index + 1;
                if (token instanceof SplicedToken) {
                    return; // read by the parser, but its text is another file's
                }
                if (token instanceof ItemReuse.ReusedToken reused) {
                    out.add(reused.item());
                    cursor = reused.item().end();
                    return;
                }
                SyntaxToken element = emit(token);
                out.add(terminal instanceof ErrorNode
                        ? new SyntaxNode(SyntaxKind.ERROR, element.start(), element.end(), List.of(element))
                        : element);
                return;
            }
            ParserRuleContext ctx = (ParserRuleContext) tree;
            SyntaxKind kind = kindOf(ctx);
            if (kind == null) {
                visitChildren(ctx, out);
                return;
            }
            Token first = ctx.getStart();
            if (first != null && first.getTokenIndex() >= next && first.getType() != Token.EOF) {
                flushUpTo(first.getTokenIndex(), out);
            }
            int start = cursor;
            List<SyntaxElement> children = new ArrayList<>();
            if (ctx instanceof DtsParser.BinaryExprContext binary) {
                for (ParseTree child : chain(binary)) {
                    visit(child, children);
                }
            } else {
                visitChildren(ctx, children);
            }
            out.add(new SyntaxNode(kind, start, cursor, children));
        }

        /**
         * The operands and operators of a run of one precedence level, e.g. 1 + 2 - 3 + 4, in
         * text order. ANTLR nests such a run one level per operator, down its left side; read
         * as one node, 5,000 terms are a list rather than a tree 5,000 deep.
         */
        private static List<ParseTree> chain(DtsParser.BinaryExprContext outer) {
            ArrayDeque<DtsParser.BinaryExprContext> spine = new ArrayDeque<>();
            DtsParser.BinaryExprContext inner = outer;
            while (isPlain(inner) && inner.children.get(0) instanceof DtsParser.BinaryExprContext left
                    && isPlain(left) && precedence(inner.op) > 0 && precedence(left.op) == precedence(inner.op)) {
                spine.push(inner);
                inner = left;
            }
            List<ParseTree> parts = new ArrayList<>(inner.children == null ? List.of() : inner.children);
            while (!spine.isEmpty()) {
                List<ParseTree> kids = spine.pop().children;
                parts.addAll(kids.subList(1, kids.size()));
            }
            return parts;
        }

        /** Operand, operator, operand: nothing error recovery added or left out. */
        private static boolean isPlain(DtsParser.BinaryExprContext ctx) {
            return ctx.children != null && ctx.children.size() == 3 && ctx.op != null
                    && ctx.children.get(1) instanceof TerminalNode op && !(op instanceof ErrorNode)
                    && op.getSymbol() == ctx.op;
        }

        private static int precedence(Token op) {
            return switch (op.getType()) {
                case DtsLexer.STAR, DtsLexer.SLASH, DtsLexer.PERCENT -> 1;
                case DtsLexer.PLUS, DtsLexer.MINUS -> 2;
                case DtsLexer.LSHIFT, DtsLexer.RSHIFT -> 3;
                case DtsLexer.LT, DtsLexer.GT, DtsLexer.LE, DtsLexer.GE -> 4;
                case DtsLexer.EQEQ, DtsLexer.NE -> 5;
                case DtsLexer.AMP -> 6;
                case DtsLexer.CARET -> 7;
                case DtsLexer.PIPE -> 8;
                case DtsLexer.ANDAND -> 9;
                case DtsLexer.OROR -> 10;
                default -> -1;
            };
        }

        private void visitChildren(ParserRuleContext ctx, List<SyntaxElement> out) {
            if (ctx.children == null) {
                return;
            }
            for (ParseTree child : ctx.children) {
                visit(child, out);
            }
        }

        // Emits every token before index that the parse tree does not hold: trivia, and
        // tokens the parser never consumed (wrapped as ERROR so the text stays whole).
        private void flushUpTo(int index, List<SyntaxElement> out) {
            while (next < index && next < tokens.size()) {
                Token token = tokens.get(next++);
                if (token.getType() == Token.EOF || token instanceof SplicedToken) {
                    continue;
                }
                if (token instanceof ItemReuse.ReusedToken reused) {
                    throw new ItemReuse.Misread(reused); // an item the parser did not read as one
                }
                SyntaxToken element = emit(token);
                if (element.kind() == SyntaxKind.INACTIVE_CODE && !out.isEmpty()
                        && out.get(out.size() - 1) instanceof SyntaxToken last
                        && last.kind() == SyntaxKind.INACTIVE_CODE && last.end() == element.start()) {
                    out.set(out.size() - 1, new SyntaxToken(SyntaxKind.INACTIVE_CODE, last.start(), element.end()));
                } else if (element.isTrivia()) {
                    out.add(element);
                } else {
                    out.add(new SyntaxNode(SyntaxKind.ERROR, element.start(), element.end(), List.of(element)));
                }
            }
        }

        private SyntaxToken emit(Token token) {
            SyntaxToken element = token(token);
            cursor = element.end();
            return element;
        }

        private static SyntaxToken token(Token token) {
            SyntaxKind kind = token.getChannel() == DtsLexer.INACTIVE ? SyntaxKind.INACTIVE_CODE
                    : SyntaxParser.kindOf(token.getType());
            return new SyntaxToken(kind, token.getStartIndex(), token.getStopIndex() + 1);
        }

        private static SyntaxKind kindOf(ParserRuleContext ctx) {
            if (ctx instanceof DtsParser.VersionDeclContext) return SyntaxKind.VERSION;
            if (ctx instanceof DtsParser.PluginDeclContext) return SyntaxKind.PLUGIN_HEADER;
            if (ctx instanceof DtsParser.MemreserveContext) return SyntaxKind.MEMRESERVE_ENTRY;
            if (ctx instanceof DtsParser.RootNodeContext) return SyntaxKind.ROOT_NODE;
            if (ctx instanceof DtsParser.OverrideNodeContext) return SyntaxKind.OVERRIDE_NODE;
            if (ctx instanceof DtsParser.OmitIfNoRefContext) return SyntaxKind.OMIT_DECL;
            if (ctx instanceof DtsParser.MacroStatementContext) return SyntaxKind.MACRO_STATEMENT;
            if (ctx instanceof DtsParser.NodeBodyContext) return SyntaxKind.NODE_BODY;
            if (ctx instanceof DtsParser.PropertyContext) return SyntaxKind.PROPERTY;
            if (ctx instanceof DtsParser.ChildNodeContext) return SyntaxKind.CHILD_NODE;
            if (ctx instanceof DtsParser.DeletePropertyContext) return SyntaxKind.DELETE_PROPERTY_STMT;
            if (ctx instanceof DtsParser.DeleteNodeContext) return SyntaxKind.DELETE_NODE_STMT;
            if (ctx instanceof DtsParser.PropertyValueContext) return SyntaxKind.PROPERTY_VALUE;
            if (ctx instanceof DtsParser.StringValueContext) return SyntaxKind.STRING_VALUE;
            if (ctx instanceof DtsParser.CellListContext) return SyntaxKind.CELL_LIST;
            if (ctx instanceof DtsParser.ByteStringContext) return SyntaxKind.BYTE_STRING;
            if (ctx instanceof DtsParser.ReferenceValueContext) return SyntaxKind.REFERENCE_VALUE;
            if (ctx instanceof DtsParser.IncbinContext) return SyntaxKind.INCBIN_VALUE;
            if (ctx instanceof DtsParser.MacroValueContext) return SyntaxKind.MACRO_VALUE;
            if (ctx instanceof DtsParser.UnaryExprContext) return SyntaxKind.UNARY_EXPR;
            if (ctx instanceof DtsParser.BinaryExprContext) return SyntaxKind.BINARY_EXPR;
            if (ctx instanceof DtsParser.ConditionalExprContext) return SyntaxKind.CONDITIONAL_EXPR;
            if (ctx instanceof DtsParser.CallArgsContext) return SyntaxKind.CALL_ARGS;
            if (ctx instanceof DtsParser.MacroArgContext) return SyntaxKind.MACRO_ARG;
            if (ctx instanceof DtsParser.MacroLabelContext) return SyntaxKind.MACRO_LABEL;
            if (ctx instanceof DtsParser.IntegerPrimContext prim) {
                return operandKind(prim.LPAREN() != null, prim.callArgs() != null);
            }
            if (ctx instanceof DtsParser.PrimaryContext prim) {
                return operandKind(prim.LPAREN() != null, prim.callArgs() != null);
            }
            // Pass-through rules (topItem, nodeItem, valueItem, cell, label, nodeRef,
            // byteItem, primaryExpr, macroArgTokens) add no node of their own.
            return null;
        }

        private static SyntaxKind operandKind(boolean parenthesised, boolean call) {
            if (call) return SyntaxKind.MACRO_CALL;
            if (parenthesised) return SyntaxKind.PAREN_EXPR;
            return SyntaxKind.LITERAL;
        }
    }
}
