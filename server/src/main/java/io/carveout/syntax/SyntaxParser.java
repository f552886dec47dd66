package io.carveout.syntax;

import io.carveout.grammar.DtsLexer;
import io.carveout.grammar.DtsParser;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
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
    /** Larger files are kept as one token with a diagnostic; real devicetree files are well below 1 MiB. */
    static final int MAX_FILE_CHARS = 16 * 1024 * 1024;

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
        if (text.length() > MAX_FILE_CHARS) {
            return tooLarge(text);
        }
        DiagnosticSink sink = new DiagnosticSink();
        List<Token> tokens = lex(text);
        TokenPass.markConditionals(tokens, sink);
        TokenPass.checkLiterals(tokens, sink);
        if (splicer != IncludeSplicer.NONE) {
            tokens = splice(tokens, splicer, new ArrayDeque<>(), sink);
        }
        TokenPass.guardNesting(tokens, sink);
        CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(tokens));
        stream.fill();

        DtsParser parser = new DtsParser(stream);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        DtsParser.DocumentContext document;
        try {
            document = parser.document();
        } catch (ParseCancellationException e) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new ErrorReporting(sink));
            document = parser.document();
        }
        SyntaxNode root = new TreeBuilder(stream.getTokens(), text.length()).build(document);
        SyntaxChecks.run(text, root, sink);
        return new SyntaxTree(text, root, sink.result());
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
        SyntaxNode root = new SyntaxNode(SyntaxKind.DOCUMENT, 0, text.length(),
                List.of(new SyntaxToken(SyntaxKind.UNPARSED, 0, text.length())));
        String size = String.format("%.1f MiB", text.length() / (1024.0 * 1024.0));
        return new SyntaxTree(text, root, List.of(new SyntaxDiagnostic(0, 0,
                "file too large to analyse (" + size + " of text; the limit is "
                        + MAX_FILE_CHARS / (1024 * 1024) + " MiB)")));
    }

    private static SyntaxKind[] buildTokenKinds() {
        int max = DtsLexer.VOCABULARY.getMaxTokenType();
        SyntaxKind[] kinds = new SyntaxKind[max + 1];
        for (int type = 1; type <= max; type++) {
            String name = DtsLexer.VOCABULARY.getSymbolicName(type);
            if (name != null) {
                kinds[type] = SyntaxKind.valueOf(name);
            }
        }
        return kinds;
    }

    /** Folds the parse tree and the token list into one lossless tree, in text order. */
    private static final class TreeBuilder {
        private final List<Token> tokens;
        private final int textLength;
        private int next;
        /** Every element starts where the previous one ended: the tree tiles the text. */
        private int cursor;

        TreeBuilder(List<Token> tokens, int textLength) {
            this.tokens = tokens;
            this.textLength = textLength;
        }

        SyntaxNode build(DtsParser.DocumentContext document) {
            List<SyntaxElement> children = new ArrayList<>();
            visitChildren(document, children);
            flushUpTo(tokens.size(), children);
            return new SyntaxNode(SyntaxKind.DOCUMENT, 0, textLength, children);
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
            visitChildren(ctx, children);
            out.add(new SyntaxNode(kind, start, cursor, children));
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
