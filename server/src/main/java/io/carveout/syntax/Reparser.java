package io.carveout.syntax;

import io.carveout.grammar.DtsLexer;
import io.carveout.text.BinaryText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Derives the tree of an edited text from the tree before the edit by lexing and parsing
 * again only the smallest node body {@code { ... };} around the edit, and splicing the
 * new body in: what precedes it is reused as it is, what follows it is moved.
 *
 * <p>The result must equal a parse of the whole new text, always. A body can be parsed
 * on its own when nothing outside it depends on what is inside, and when nothing inside
 * depends on what is outside; every test below stands for one way that could fail, and
 * any doubt means the next enclosing body, or the whole file:
 * <ul>
 * <li>the lexer: the body must start at a token boundary that no earlier token's look-ahead
 * crossed ('&amp;{' could be a path, a quote earlier on the line could pair with a quote
 * inside), and after the edit a token must still end exactly at its ';' (an opened
 * comment or a moved quote can run on past it);</li>
 * <li>conditionals: an {@code #if}, {@code #else}... inside the body, before or after the
 * edit, changes which text far away is inactive;</li>
 * <li>nesting: the brackets of the body must still balance, and its depth must stay
 * clear of {@link TokenPass#MAX_NESTING}, or the limit's decisions elsewhere change;</li>
 * <li>the parser: parsed with the rule stack the whole-file parse has there, and no
 * prediction or recovery may look past the body's ';' (see {@link SyntaxParser#parseBody});</li>
 * <li>diagnostics: old ones outside the body are kept (moved when after it), those inside
 * are replaced by the body's own; a message that describes the whole file (a node left
 * open at its end) or a list cut at {@link DiagnosticSink#LIMIT} means a full parse.</li>
 * </ul>
 */
final class Reparser {
    private Reparser() {
    }

    /** Why an edit was parsed as a whole file instead of spliced; the tests report the shares. */
    enum FullParse {
        /** The tree came from a parse with /include/ spliced, or was too large to parse. */
        TREE_NOT_REUSABLE,
        /** The old parse reported a node left open at the end of the file. */
        UNCLOSED_AT_END,
        /** The old or the new diagnostics reach the limit. */
        DIAGNOSTIC_LIMIT,
        TOO_LARGE,
        /** The edit made the text binary: it is no longer parsed at all. */
        BINARY,
        /** The edit is not inside the braces of any node body (top level, or on a '{' or '};'). */
        NO_ENCLOSING_BODY,
        /** A token before the body could have read into it. */
        LEFT_CONTEXT,
        /** No token ends at the body's ';' any more: the edit opened a comment, a string... */
        TOKEN_BOUNDARY,
        /** The body's brackets no longer balance. */
        UNBALANCED,
        /** An #if, #ifdef, #else, #elif or #endif inside the body, before or after the edit. */
        CONDITIONAL,
        /** The body nests too deep to be sure of the nesting limit. */
        NESTING,
        /** The body cannot be parsed on its own: the parse looked past its end, or ended early. */
        PARSE,
        /** An old diagnostic outside the body spans into it. */
        DIAGNOSTIC_SPAN,
        /** The next body out is larger than {@link #LARGEST_BODY}. */
        LARGE_BODY
    }

    /**
     * The tree after an edit, why no body around it could be spliced (null when one was), and
     * whether the file was then parsed reading the untouched items whole ({@link ItemReuse})
     * rather than token by token.
     */
    record Reparse(SyntaxTree tree, FullParse fullParse, boolean itemsReused) {
        Reparse(SyntaxTree tree, FullParse fullParse) {
            this(tree, fullParse, false);
        }

        boolean spliced() {
            return fullParse == null;
        }
    }

    static Reparse edit(SyntaxTree old, int start, int end, String replacement) {
        return edit(old, start, end, replacement, true);
    }

    /**
     * The tree after an edit when a body around it could be re-parsed alone, or the file parsed
     * reading its untouched items whole; empty when the whole text would be parsed token by token.
     */
    static Optional<SyntaxTree> spliced(SyntaxTree old, int start, int end, String replacement) {
        return Optional.ofNullable(edit(old, start, end, replacement, false).tree());
    }

    // With parseWhole false, a Reparse without a tree stands for the whole parse not made.
    private static Reparse edit(SyntaxTree old, int start, int end, String replacement, boolean parseWhole) {
        String oldText = old.text();
        Objects.checkFromToIndex(start, end, oldText.length());
        Objects.requireNonNull(replacement, "replacement");
        String text = new StringBuilder(oldText.length() - (end - start) + replacement.length())
                .append(oldText, 0, start).append(replacement).append(oldText, end, oldText.length()).toString();
        ParseFacts facts = old.facts();
        FullParse reason;
        if (!facts.reusable()) {
            reason = FullParse.TREE_NOT_REUSABLE;
        } else if (facts.unclosedAtEnd()) {
            reason = FullParse.UNCLOSED_AT_END;
        } else if (facts.truncated()) {
            reason = FullParse.DIAGNOSTIC_LIMIT;
        } else if (text.length() > SyntaxTree.MAX_FILE_CHARS) {
            reason = FullParse.TOO_LARGE;
        } else if (start < BinaryText.SNIFF && BinaryText.looksBinary(text)) {
            reason = FullParse.BINARY;
        } else {
            Splice splice = new Splice(old, start, end, replacement.length() - (end - start), text);
            reason = splice.run();
            if (reason == null) {
                return new Reparse(splice.result, null);
            }
        }
        if (itemsMayBeReused(reason)) {
            SyntaxTree reused = ItemReuse.parse(old, start, end, replacement.length() - (end - start), text);
            if (reused != null) {
                return new Reparse(reused, reason, true);
            }
        }
        return new Reparse(parseWhole ? SyntaxParser.parse(text) : null, reason);
    }

    /** Whether a file that no body splice could serve may still be parsed reading untouched items whole. */
    private static boolean itemsMayBeReused(FullParse reason) {
        return switch (reason) {
            case TREE_NOT_REUSABLE, DIAGNOSTIC_LIMIT, TOO_LARGE, BINARY -> false;
            default -> true;
        };
    }

    /** Characters of the largest body spliced; an edit in a larger one reads the file's items whole. */
    static final int LARGEST_BODY = 32 * 1024;

    /** One attempt to splice: the bodies around the edit are tried from the innermost out. */
    private static final class Splice {
        private final SyntaxTree old;
        private final int start;
        private final int end;
        private final int delta;
        private final String text;
        /** DOCUMENT down to the innermost NODE_BODY around the edit, and each one's index in its parent. */
        private final List<SyntaxNode> path = new ArrayList<>();
        private final List<Integer> indexes = new ArrayList<>();
        /** How far a token that ran past an inner body's end reached (in the new text). */
        private int lexedTo;
        /** The edit opened more brackets than it closed, or the reverse. */
        private boolean bracketsChanged;
        SyntaxTree result;

        Splice(SyntaxTree old, int start, int end, int delta, String text) {
            this.old = old;
            this.start = start;
            this.end = end;
            this.delta = delta;
            this.text = text;
        }

        FullParse run() {
            findPath();
            FullParse reason = FullParse.NO_ENCLOSING_BODY;
            for (int level = path.size() - 1; level > 0; level--) {
                // A body that ends before a token that ran past an inner one would only lex
                // that token again: not worth the time.
                if (path.get(level).kind() != SyntaxKind.NODE_BODY || path.get(level).end() + delta < lexedTo) {
                    continue;
                }
                // A body this large costs a walk of all its tokens before it is even lexed:
                // reading the file's untouched items whole (ItemReuse) is cheaper.
                if (path.get(level).length() > LARGEST_BODY) {
                    return FullParse.LARGE_BODY;
                }
                reason = tryBody(level);
                if (reason == null) {
                    return null;
                }
                // Only a failure that a larger body could absorb is worth a second try; brackets
                // that no longer add up inside a body do not add up in any body around it (and
                // weighing the root's body reads every token of the file).
                if (reason != FullParse.TOKEN_BOUNDARY && reason != FullParse.UNBALANCED
                        && reason != FullParse.PARSE && reason != FullParse.LEFT_CONTEXT
                        || reason == FullParse.UNBALANCED && bracketsChanged) {
                    return reason;
                }
            }
            return reason;
        }

        // Descends from the root through the nodes whose inside holds the whole edit, as
        // long as they are the nodes that own or are node bodies.
        private void findPath() {
            SyntaxNode node = old.root();
            path.add(node);
            indexes.add(-1);
            while (true) {
                List<SyntaxElement> children = node.children();
                int index = childAt(children, start);
                if (index < 0 || !(children.get(index) instanceof SyntaxNode child)
                        || !(child.start() < start && end < child.end()) || !owns(node.kind(), child.kind())) {
                    return;
                }
                path.add(child);
                indexes.add(index);
                node = child;
            }
        }

        /** The grammar's nesting of bodies: document, root or override, body, child node, body... */
        private static boolean owns(SyntaxKind parent, SyntaxKind child) {
            return switch (parent) {
                case DOCUMENT -> child == SyntaxKind.ROOT_NODE || child == SyntaxKind.OVERRIDE_NODE;
                case ROOT_NODE, OVERRIDE_NODE, CHILD_NODE -> child == SyntaxKind.NODE_BODY;
                case NODE_BODY -> child == SyntaxKind.CHILD_NODE;
                default -> false;
            };
        }

        /** The index of the child that holds an offset (children tile their parent). */
        private static int childAt(List<SyntaxElement> children, int offset) {
            int low = 0;
            int high = children.size() - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                SyntaxElement child = children.get(mid);
                if (child.end() <= offset) {
                    low = mid + 1;
                } else if (child.start() > offset) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -1;
        }

        private FullParse tryBody(int level) {
            SyntaxNode body = path.get(level);
            int newEnd = body.end() + delta;
            if (!isClosedBody(body)) {
                return FullParse.UNBALANCED;
            }
            if (!leftContextIsSafe(body.start())) {
                return FullParse.LEFT_CONTEXT;
            }
            Nesting before = Nesting.of(old.text(), body);
            if (before == null) {
                return FullParse.CONDITIONAL;
            }
            if (!before.balanced) {
                return FullParse.UNBALANCED;
            }
            List<Token> tokens = SyntaxParser.lexRegion(text, body.start(), newEnd);
            Token last = tokens == null ? null : tokens.get(tokens.size() - 1);
            if (last == null || last.getStopIndex() + 1 != newEnd || last.getType() != DtsLexer.SEMI) {
                lexedTo = last == null ? text.length() : last.getStopIndex() + 1;
                return FullParse.TOKEN_BOUNDARY;
            }
            Nesting after = Nesting.of(tokens);
            if (after == null) {
                return FullParse.CONDITIONAL;
            }
            if (!after.balanced) {
                bracketsChanged = after.depth != 0;
                return FullParse.UNBALANCED;
            }
            // The body starts no deeper than the bound less its old depth; it must stay
            // clear of the limit with its new depth, and the bound must stay a bound.
            int bound = old.facts().nestingBound();
            int deepest = bound - before.deepest + after.deepest;
            if (after.hitLimit || deepest > TokenPass.MAX_NESTING) {
                return FullParse.NESTING;
            }

            DiagnosticSink sink = new DiagnosticSink();
            TokenPass.markConditionals(tokens, sink);
            TokenPass.checkLiterals(tokens, sink);
            List<SyntaxKind> owners = new ArrayList<>(level);
            for (int i = 0; i < level; i++) {
                owners.add(path.get(i).kind());
            }
            SyntaxNode parsed = SyntaxParser.parseBody(tokens, owners, body.start(), sink);
            if (parsed == null || parsed.start() != body.start() || parsed.end() != newEnd) {
                return FullParse.PARSE;
            }
            SyntaxChecks.run(text, parsed, sink);
            if (sink.truncated()) {
                return FullParse.DIAGNOSTIC_LIMIT;
            }
            List<SyntaxDiagnostic> diagnostics = mergeDiagnostics(body, sink.result());
            if (diagnostics == null) {
                return FullParse.DIAGNOSTIC_SPAN;
            }
            if (diagnostics.size() > DiagnosticSink.LIMIT) {
                return FullParse.DIAGNOSTIC_LIMIT;
            }
            SyntaxNode root = spliceIn(level, parsed);
            ParseFacts facts = new ParseFacts(true, Math.max(bound, deepest), false, false);
            result = new SyntaxTree(text, root, diagnostics, facts, irregular(level, root, parsed, body));
            return null;
        }

        // A body the old parse closed for real: its own '{' first, a '}', and its ';' last
        // (not conjured by recovery, not swallowed into an error). Only then did the parser
        // leave it in the state it will leave the new one in.
        private static boolean isClosedBody(SyntaxNode body) {
            List<SyntaxElement> children = body.children();
            if (children.size() < 3 || !(children.get(0) instanceof SyntaxToken open) || open.kind() != SyntaxKind.LBRACE
                    || !(children.get(children.size() - 1) instanceof SyntaxToken semi) || semi.kind() != SyntaxKind.SEMI) {
                return false;
            }
            for (int i = children.size() - 2; i > 0; i--) {
                if (children.get(i) instanceof SyntaxToken token && token.kind() == SyntaxKind.RBRACE) {
                    return true;
                }
            }
            return false;
        }

        // Which tokens before the '{' could have read past it: a char literal scans its line
        // for the closing quote (and "\\\n" continues the line), and "&{" may start a path.
        private boolean leftContextIsSafe(int brace) {
            String before = old.text();
            if (brace > 0 && before.charAt(brace - 1) == '&') {
                return false;
            }
            for (int i = brace - 1; i >= 0; i--) {
                char c = before.charAt(i);
                if (c == '\'') {
                    return false;
                }
                if ((c == '\n' || c == '\r') && !(i > 0 && before.charAt(i - 1) == '\\')) {
                    return true;
                }
            }
            return true;
        }

        // Old diagnostics before the body stay, those after it move, those inside it are
        // replaced by the body's own. Null when an old one starts before the body and ends
        // inside it: nothing says whether it still holds.
        private List<SyntaxDiagnostic> mergeDiagnostics(SyntaxNode body, List<SyntaxDiagnostic> inside) {
            List<SyntaxDiagnostic> merged = new ArrayList<>(old.diagnostics().size() + inside.size());
            List<SyntaxDiagnostic> after = new ArrayList<>();
            for (SyntaxDiagnostic d : old.diagnostics()) {
                if (d.start() <= body.start()) {
                    if (d.end() <= body.start()) {
                        merged.add(d);
                    } else if (d.end() >= body.end()) {
                        merged.add(new SyntaxDiagnostic(d.start(), d.end() + delta, d.message()));
                    } else {
                        return null;
                    }
                } else if (d.start() >= body.end()) {
                    after.add(new SyntaxDiagnostic(d.start() + delta, d.end() + delta, d.message()));
                }
            }
            merged.addAll(inside);
            merged.addAll(after);
            return merged;
        }

        // The old tree's irregular places, those inside the body replaced by the new body's;
        // the bodies around it are weighed again, as their '};' may share a line with the edit.
        private int[] irregular(int level, SyntaxNode root, SyntaxNode parsed, SyntaxNode body) {
            int[] inside = Irregular.of(text, parsed, node -> false);
            int[] kept = Irregular.spliced(old.irregular(), body.start(), body.end(), delta, inside);
            java.util.Set<Integer> around = new java.util.HashSet<>();
            java.util.Set<Integer> aroundIrregular = new java.util.TreeSet<>();
            SyntaxNode node = root;
            for (int i = 1; i < level; i++) {
                node = (SyntaxNode) node.children().get(indexes.get(i));
                if (node.kind() == SyntaxKind.NODE_BODY) {
                    around.add(node.start());
                    if (Irregular.misclosed(text, node)) {
                        aroundIrregular.add(node.start());
                    }
                }
            }
            if (around.isEmpty()) {
                return kept;
            }
            java.util.TreeSet<Integer> all = new java.util.TreeSet<>(aroundIrregular);
            for (int offset : kept) {
                if (!around.contains(offset)) {
                    all.add(offset);
                }
            }
            return all.stream().mapToInt(Integer::intValue).toArray();
        }

        // New nodes along the path from the root to the body; siblings before the path are
        // reused, siblings after it are moved.
        private SyntaxNode spliceIn(int level, SyntaxNode body) {
            SyntaxElement replacement = body;
            for (int i = level - 1; i >= 0; i--) {
                SyntaxNode parent = path.get(i);
                int index = indexes.get(i + 1);
                List<SyntaxElement> children = parent.children();
                SyntaxElement[] next = new SyntaxElement[children.size()];
                for (int k = 0; k < index; k++) {
                    next[k] = children.get(k);
                }
                next[index] = replacement;
                for (int k = index + 1; k < next.length; k++) {
                    next[k] = SyntaxNode.shifted(children.get(k), delta);
                }
                replacement = new SyntaxNode(parent.kind(), parent.start(), parent.end() + delta, Arrays.asList(next));
            }
            return (SyntaxNode) replacement;
        }
    }

    /**
     * How a body's brackets nest, counted as {@link TokenPass#guardNesting} counts them
     * (every '{', '(' and '[' the parser reads): balanced when its '{' closes only at its
     * end; depth, what is left open at its end (below zero: more closed than opened); null when
     * it holds a conditional directive or inactive text.
     */
    private record Nesting(boolean balanced, int deepest, boolean hitLimit, int depth) {
        static Nesting of(String text, SyntaxNode body) {
            Counter counter = new Counter();
            boolean[] conditional = {false};
            body.forEachToken(token -> {
                switch (token.kind()) {
                    case INACTIVE_CODE -> conditional[0] = true;
                    case PP_DIRECTIVE -> conditional[0] |= TokenPass.isConditional(Directive.of(token.text(text)));
                    default -> {
                        if (!token.isTrivia()) {
                            counter.add(token.kind());
                        }
                    }
                }
            });
            return conditional[0] ? null : counter.result();
        }

        static Nesting of(List<Token> tokens) {
            Counter counter = new Counter();
            for (Token token : tokens) {
                if (token.getType() == DtsLexer.PP_DIRECTIVE && TokenPass.isConditional(Directive.of(token.getText()))) {
                    return null;
                }
                if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                    counter.add(SyntaxParser.kindOf(token.getType()));
                }
            }
            return counter.result();
        }

        private static final class Counter {
            int depth;
            int deepest;
            int tokens;
            boolean closedEarly;
            final TokenPass.Depth nesting = new TokenPass.Depth();
            boolean hitLimit;

            void add(SyntaxKind kind) {
                if (depth == 0 && tokens > 0 && kind != SyntaxKind.SEMI) {
                    closedEarly = true; // something after the body's '}' other than its ';'
                }
                tokens++;
                switch (kind) {
                    case LBRACE, LPAREN, LBRACK -> ++depth;
                    case RBRACE, RPAREN, RBRACK -> closedEarly |= --depth < 0;
                    default -> {
                    }
                }
                hitLimit |= nesting.add(kind, -1);
                deepest = nesting.deepest;
            }

            Nesting result() {
                return new Nesting(!closedEarly && depth == 0, deepest, hitLimit, depth);
            }
        }
    }
}
