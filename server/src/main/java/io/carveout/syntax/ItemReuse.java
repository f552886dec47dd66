package io.carveout.syntax;

import io.carveout.grammar.DtsLexer;
import io.carveout.grammar.DtsParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ParserATNSimulator;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Parses an edited file again when no node body around the edit can be parsed alone: a '{'
 * typed that leaves its node open to the end of the file moves every later item one level
 * down, and each key typed after it changes the whole tree's shape again. The parse then
 * reads the file as the whole-file parse does, except that each item the edit did not touch
 * and that parsed cleanly before (a property or a node, with its '};', no diagnostic, no
 * error recovery, no conditional inside) is one token standing for the old subtree, which is
 * moved into the new tree as it is. A file of fifty thousand tokens becomes a few hundred.
 *
 * <p>The result must equal a parse of the whole new text. A clean item parses the same in
 * any node body, so the only question is whether the parser would have read it as an item
 * at that place. The token stream watches: the parser may look at such a token only as the
 * next item of a body or of the file, and consume it only by matching it as an item. When it
 * looks further (a half-typed property whose parse runs on into the next line), when error
 * recovery would skip it or name it in a message, or when the lexer would not start a token
 * where it starts, that item is read token by token and the parse starts again; after
 * {@link #MAX_ATTEMPTS} the whole file is parsed. Nesting is bounded from the old tree's bound
 * and the depth each item had and has now.
 */
final class ItemReuse {
    private static final int MAX_ATTEMPTS = 24;

    private ItemReuse() {
    }

    /**
     * The tree of {@code text}, made from {@code old} whose {@code [start, end)} was replaced
     * (the text's length changed by {@code delta}); null when the whole text must be parsed.
     */
    static SyntaxTree parse(SyntaxTree old, int start, int end, int delta, String text) {
        ParseFacts facts = old.facts();
        if (!facts.reusable() || facts.truncated() || facts.nestingBound() > TokenPass.MAX_NESTING) {
            return null;
        }
        Set<Integer> opened = new HashSet<>();
        Attempt attempt = new Attempt(old, start, end, delta, text, opened);
        for (int tries = 0; tries < MAX_ATTEMPTS; tries++) {
            try {
                return attempt.run();
            } catch (Misread misread) {
                if (misread.token == null || !opened.add(misread.token.oldStart)) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A token standing for an item of the old tree, moved to where it now starts. */
    static final class ReusedToken extends CommonToken {
        private final transient SyntaxNode item;
        final int oldStart;
        /** The '{' around the item in the old tree: its depth there. */
        final int oldDepth;

        ReusedToken(Pair<TokenSource, CharStream> source, int type, SyntaxNode item, int oldStart, int oldDepth) {
            super(source, type, Token.DEFAULT_CHANNEL, item.start(), item.end() - 1);
            this.item = item;
            this.oldStart = oldStart;
            this.oldDepth = oldDepth;
        }

        SyntaxNode item() {
            return item;
        }
    }

    /**
     * The parser or the lexer would not have read this item as one whole item here; with no
     * item, reading items again one by one would not help (a comment that runs over them).
     */
    static final class Misread extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ReusedToken token;

        Misread(ReusedToken token) {
            super(null, null, false, false);
            this.token = token;
        }
    }

    private static final class Attempt {
        private final SyntaxTree old;
        private final int start;
        private final int end;
        private final int delta;
        private final String text;
        private final Set<Integer> opened;
        private final int[] irregular;
        private final List<SyntaxDiagnostic> diagnostics;
        private final DtsLexer lexer;
        private final Pair<TokenSource, CharStream> source;
        /** Where each line of the new text starts. */
        private final int[] lineStarts;

        Attempt(SyntaxTree old, int start, int end, int delta, String text, Set<Integer> opened) {
            this.old = old;
            this.start = start;
            this.end = end;
            this.delta = delta;
            this.text = text;
            this.opened = opened;
            this.irregular = old.irregular();
            this.diagnostics = old.diagnostics();
            this.lexer = new DtsLexer(new Utf16CharStream(text, "<dts>"));
            lexer.removeErrorListeners();
            this.source = new Pair<>(lexer, lexer.getInputStream());
            this.lineStarts = lineStarts(text);
        }

        SyntaxTree run() {
            List<ReusedToken> items = new ArrayList<>();
            collect(old.root(), 0, items);
            List<Token> tokens = new ArrayList<>();
            int at = 0;
            for (ReusedToken item : items) {
                lex(at, item, tokens);
                tokens.add(item);
                at = item.getStopIndex() + 1;
            }
            lex(at, null, tokens);

            for (Token token : tokens) {
                if (token.getType() == DtsLexer.PP_DIRECTIVE && TokenPass.isConditional(Directive.of(token.getText()))) {
                    return null; // what is inactive depends on every directive, inside reused items too
                }
            }
            DiagnosticSink sink = new DiagnosticSink();
            TokenPass.markConditionals(tokens, sink);
            TokenPass.checkLiterals(tokens, sink);
            int bound = nestingBound(tokens);
            if (bound > TokenPass.MAX_NESTING) {
                return null;
            }

            WatchedStream stream = new WatchedStream(new ListTokenSource(tokens));
            stream.fill();
            DtsParser parser = new DtsParser(stream);
            stream.parser = parser;
            parser.removeErrorListeners();
            ParserATNSimulator shared = parser.getInterpreter();
            parser.setInterpreter(new ParserATNSimulator(parser, DtsParser._ATN, shared.decisionToDFA,
                    shared.getSharedContextCache()) {
                @Override
                public int adaptivePredict(TokenStream input, int decision, ParserRuleContext outerContext) {
                    stream.predictingFrom = input.index();
                    try {
                        return super.adaptivePredict(input, decision, outerContext);
                    } finally {
                        stream.predictingFrom = -1;
                    }
                }
            });
            SyntaxParser.Parsed parsed = SyntaxParser.parse(parser, sink);
            boolean unclosed = parsed.unclosed();
            SyntaxNode root = new SyntaxParser.TreeBuilder(stream.getTokens(), 0).build(parsed.document(), text.length());
            Set<SyntaxNode> settled = Collections.newSetFromMap(new IdentityHashMap<>());
            for (ReusedToken item : items) {
                settled.add(item.item());
            }
            SyntaxChecks.run(text, root, sink, settled::contains);
            if (sink.truncated()) {
                return null;
            }
            ParseFacts facts = new ParseFacts(true, bound, unclosed, false);
            return new SyntaxTree(text, root, sink.result(), facts, Irregular.of(text, root, settled::contains));
        }

        // The items of the old tree to reuse, in text order: every clean item outside the
        // edit, looking inside the others (and the ones opened after a misread) for more.
        private void collect(SyntaxNode node, int depth, List<ReusedToken> out) {
            int inner = node.kind() == SyntaxKind.NODE_BODY ? depth + 1 : depth;
            for (SyntaxElement child : node.children()) {
                if (!(child instanceof SyntaxNode item)) {
                    continue;
                }
                int type = reusedType(node, item);
                if (type != 0 && !opened.contains(item.start()) && outsideEdit(item) && clean(item)) {
                    SyntaxNode moved = item.start() >= end ? item.shifted(delta) : item;
                    out.add(new ReusedToken(source, type, moved, item.start(), inner));
                } else if (holdsItems(item.kind())) {
                    collect(item, inner, out);
                }
            }
        }

        private static int reusedType(SyntaxNode parent, SyntaxNode item) {
            return switch (item.kind()) {
                case PROPERTY, CHILD_NODE, DELETE_PROPERTY_STMT, DELETE_NODE_STMT -> DtsLexer.REUSED_ITEM;
                case ROOT_NODE, OVERRIDE_NODE -> parent.kind() == SyntaxKind.DOCUMENT ? DtsLexer.REUSED_TOP_ITEM : 0;
                default -> 0;
            };
        }

        private static boolean holdsItems(SyntaxKind kind) {
            return switch (kind) {
                case ROOT_NODE, OVERRIDE_NODE, CHILD_NODE, NODE_BODY -> true;
                default -> false;
            };
        }

        // After the edit, the item must start on a later line: the blanks that start its first
        // line are the indentation a node left open is measured by.
        private boolean outsideEdit(SyntaxNode item) {
            return item.end() <= start || item.start() >= end && old.text().lastIndexOf('\n', item.start() - 1) >= end;
        }

        // Whole (it ends with its ';', and a node's body with a '}' of its own), nothing
        // reported inside or at its ends, and nothing irregular inside.
        private boolean clean(SyntaxNode item) {
            if (!endsWhole(item) || Irregular.anyIn(irregular, item.start(), item.end())) {
                return false;
            }
            for (SyntaxDiagnostic d : diagnostics) {
                if (d.start() > item.end()) {
                    break;
                }
                // Exactly the item's range: the order check of the body it is in, made again.
                boolean aboutTheItem = d.start() == item.start() && d.end() == item.end();
                if (!aboutTheItem && d.end() >= item.start()) {
                    return false;
                }
            }
            return true;
        }

        private static boolean endsWhole(SyntaxNode item) {
            List<SyntaxElement> children = item.children();
            if (children.isEmpty()) {
                return false;
            }
            SyntaxElement last = children.get(children.size() - 1);
            if (last.kind() == SyntaxKind.SEMI) {
                return item.kind() == SyntaxKind.PROPERTY || item.kind() == SyntaxKind.DELETE_PROPERTY_STMT
                        || item.kind() == SyntaxKind.DELETE_NODE_STMT;
            }
            if (!(last instanceof SyntaxNode body) || body.kind() != SyntaxKind.NODE_BODY) {
                return false;
            }
            List<SyntaxElement> inside = body.children();
            if (inside.size() < 3 || inside.get(0).kind() != SyntaxKind.LBRACE
                    || inside.get(inside.size() - 1).kind() != SyntaxKind.SEMI) {
                return false;
            }
            for (int i = inside.size() - 2; i > 0; i--) {
                if (inside.get(i).kind() == SyntaxKind.RBRACE) {
                    return true;
                }
            }
            return false;
        }

        // Lexes the new text from `from` up to where `next` starts (to the end with no next),
        // as the whole-file lexer would; a token that runs into the item, or a value mode still
        // open there, means the item is not read as one by the whole-file lexer.
        private void lex(int from, ReusedToken next, List<Token> out) {
            int to = next == null ? text.length() : next.getStartIndex();
            if (from == to && next != null) {
                position(next, to);
                return;
            }
            lexer.reset();
            lexer.getInputStream().seek(from);
            int line = line(from);
            lexer.getInterpreter().setLine(line + 1);
            lexer.getInterpreter().setCharPositionInLine(from - lineStarts[line]);
            while (true) {
                Token token = lexer.nextToken();
                if (token.getType() == Token.EOF) {
                    if (next != null) {
                        throw new Misread(next);
                    }
                    out.add(token);
                    return;
                }
                out.add(token);
                int tokenEnd = token.getStopIndex() + 1;
                if (next != null && tokenEnd >= to) {
                    if (tokenEnd > next.getStopIndex() + 1) {
                        throw new Misread(null); // a comment or a string that runs over whole items
                    }
                    if (tokenEnd > to || lexer._mode != Lexer.DEFAULT_MODE || !lexer._modeStack.isEmpty()) {
                        throw new Misread(next);
                    }
                    position(next, to);
                    return;
                }
            }
        }

        private void position(ReusedToken item, int offset) {
            int line = line(offset);
            item.setLine(line + 1);
            item.setCharPositionInLine(offset - lineStarts[line]);
        }

        /** The index of the line holding an offset. */
        private int line(int offset) {
            int at = Arrays.binarySearch(lineStarts, offset);
            return at >= 0 ? at : -at - 2;
        }

        private static int[] lineStarts(String text) {
            int count = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                count++;
            }
            int[] starts = new int[count];
            int line = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                starts[line++] = i + 1;
            }
            return starts;
        }

        // At least the deepest nesting of the new text: the tokens read here counted as
        // TokenPass counts them, and inside each reused item no deeper than the old bound let
        // it go below the depth it had then, from the depth it has now.
        private int nestingBound(List<Token> tokens) {
            int oldBound = old.facts().nestingBound();
            TokenPass.Depth depth = new TokenPass.Depth();
            int bound = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.getChannel() != Token.DEFAULT_CHANNEL || token.getType() == Token.EOF) {
                    continue;
                }
                if (token instanceof ReusedToken reused) {
                    bound = Math.max(bound, depth.depth() + oldBound - reused.oldDepth);
                } else if (depth.add(SyntaxParser.kindOf(token.getType()), i)) {
                    return Integer.MAX_VALUE;
                }
            }
            return Math.max(bound, depth.deepest);
        }
    }

    /**
     * Tokens that watch how the parser reads the reused ones: looked at only as the next
     * token where an item may start (not as look-ahead past another token, not inside an
     * item), consumed only by matching it as an item.
     */
    private static final class WatchedStream extends CommonTokenStream {
        DtsParser parser;
        /** The token index a prediction started at, or -1 outside predictions. */
        int predictingFrom = -1;

        WatchedStream(TokenSource source) {
            super(source);
        }

        @Override
        public Token LT(int k) {
            Token token = super.LT(k);
            if (k <= 0 || token == null) {
                return token;
            }
            // Where the parser stands; a look-ahead past a reused item would have read its tokens.
            int base = predictingFrom >= 0 ? predictingFrom : index();
            int position = token.getTokenIndex();
            for (int i = base; i < position; i++) {
                if (get(i) instanceof ReusedToken passed) {
                    throw new Misread(passed);
                }
            }
            if (token instanceof ReusedToken reused && (position != base || !mayStartHere(reused))) {
                throw new Misread(reused);
            }
            return token;
        }

        @Override
        public void consume() {
            if (predictingFrom < 0 && super.LT(1) instanceof ReusedToken reused) {
                ParserRuleContext context = parser.getContext();
                if (!(context instanceof DtsParser.NodeItemContext || context instanceof DtsParser.TopItemContext)) {
                    throw new Misread(reused);
                }
            }
            super.consume();
        }

        private boolean mayStartHere(ReusedToken reused) {
            ParserRuleContext context = parser.getContext();
            boolean topLevel = context instanceof DtsParser.DocumentContext || context instanceof DtsParser.TopItemContext;
            if (reused.getType() == DtsLexer.REUSED_TOP_ITEM) {
                return topLevel;
            }
            // In a body, only once its '{' is read: before, the parser is not choosing an item.
            return topLevel || context instanceof DtsParser.NodeItemContext
                    || context instanceof DtsParser.NodeBodyContext body && body.LBRACE() != null;
        }
    }
}
