package io.carveout.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lossless syntax tree of one file as written: every character belongs to exactly
 * one token of the tree, so {@link #rebuildText()} gives the file back byte for byte.
 * Immutable; {@link #edit} derives the tree of an edited text from it.
 */
public final class SyntaxTree {
    /**
     * Larger texts are not analysed: kept as one unparsed token with a diagnostic, decided
     * from the length alone. Real devicetree files are well below 1 MiB.
     */
    public static final int MAX_FILE_CHARS = 16 * 1024 * 1024;

    private final String text;
    private final SyntaxNode root;
    private final List<SyntaxDiagnostic> diagnostics;
    /** What an incremental re-parse of this tree needs to know about the whole file. */
    private final ParseFacts facts;
    /** Where items may not be reused as they are ({@link Irregular}); made when first asked for. */
    private volatile int[] irregular;

    public SyntaxTree(String text, SyntaxNode root, List<SyntaxDiagnostic> diagnostics) {
        this(text, root, diagnostics, ParseFacts.NOT_REUSABLE);
    }

    SyntaxTree(String text, SyntaxNode root, List<SyntaxDiagnostic> diagnostics, ParseFacts facts) {
        this(text, root, diagnostics, facts, null);
    }

    /** @param irregular the tree's {@link Irregular} offsets when the maker knows them, else null */
    SyntaxTree(String text, SyntaxNode root, List<SyntaxDiagnostic> diagnostics, ParseFacts facts, int[] irregular) {
        this.text = text;
        this.root = root;
        this.diagnostics = List.copyOf(diagnostics);
        this.facts = facts;
        this.irregular = irregular;
    }

    public static SyntaxTree parse(String text) {
        return SyntaxParser.parse(text, IncludeSplicer.NONE);
    }

    /** Parses with the files that /include/ names spliced in, as dtc reads them. */
    public static SyntaxTree parse(String text, IncludeSplicer splicer) {
        return SyntaxParser.parse(text, splicer);
    }

    /**
     * The tree of this text with {@code [start, end)} replaced by {@code replacement}
     * (offsets in this tree's text). Only the smallest node body {@code { ... };} that holds
     * the edit and still balances is lexed and parsed again, and spliced in; when the edit
     * could change what lies outside that body (it crosses it, opens a comment that runs on,
     * touches an #if...) the whole text is parsed. Either way the result equals
     * {@code SyntaxTree.parse} of the new text: same nodes, offsets and diagnostics.
     */
    public SyntaxTree edit(int start, int end, String replacement) {
        return Reparser.edit(this, start, end, replacement).tree();
    }

    /**
     * The same as {@link #edit} when only a body around the edit is re-parsed, or the untouched
     * items are read whole (a brace typed that leaves a node open); empty when the whole text
     * would be parsed token by token (a comment opened, an #if typed): for a thread that must not
     * spend a parse of a large file on each keystroke.
     */
    public Optional<SyntaxTree> editSpliced(int start, int end, String replacement) {
        return Reparser.spliced(this, start, end, replacement);
    }

    /**
     * The tree of {@code text} made from the trees of pieces that put end to end spell it,
     * without a parse: what a parse of the whole text gives when every piece parsed cleanly (no
     * diagnostic, whole top-level items, which parse alike wherever they stand) and each but the
     * last ends a line, which no token but blanks runs over; the blanks either side of a join are
     * one token. Empty otherwise, or when the pieces do not spell the text.
     */
    public static Optional<SyntaxTree> joined(String text, List<SyntaxTree> pieces) {
        List<SyntaxElement> children = new ArrayList<>();
        List<int[]> irregulars = new ArrayList<>();
        int at = 0;
        int bound = 0;
        for (int i = 0; i < pieces.size(); i++) {
            SyntaxTree piece = pieces.get(i);
            String own = piece.text;
            ParseFacts facts = piece.facts;
            if (!piece.diagnostics.isEmpty() || !facts.reusable() || facts.truncated() || facts.unclosedAtEnd()
                    || piece.root.kind() != SyntaxKind.DOCUMENT || !text.startsWith(own, at)) {
                return Optional.empty();
            }
            if (own.isEmpty()) {
                continue;
            }
            List<SyntaxElement> ownChildren = piece.root.children();
            SyntaxElement last = ownChildren.get(ownChildren.size() - 1);
            if (i < pieces.size() - 1 && (own.charAt(own.length() - 1) != '\n' || last.kind() != SyntaxKind.WS)) {
                return Optional.empty();
            }
            for (SyntaxElement child : ownChildren) {
                SyntaxElement moved = SyntaxNode.shifted(child, at);
                int previous = children.size() - 1;
                if (previous >= 0 && moved.kind() == SyntaxKind.WS && children.get(previous).kind() == SyntaxKind.WS
                        && children.get(previous).end() == moved.start()) {
                    moved = new SyntaxToken(SyntaxKind.WS, children.get(previous).start(), moved.end());
                    children.set(previous, moved);
                } else {
                    children.add(moved);
                }
            }
            int[] irregular = piece.irregular().clone();
            for (int j = 0; j < irregular.length; j++) {
                irregular[j] += at;
            }
            irregulars.add(irregular);
            bound = Math.max(bound, facts.nestingBound());
            at += own.length();
        }
        if (at != text.length()) {
            return Optional.empty();
        }
        int[] irregular = irregulars.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        return Optional.of(new SyntaxTree(text, new SyntaxNode(SyntaxKind.DOCUMENT, 0, text.length(), children),
                List.of(), new ParseFacts(true, bound, false, false), irregular));
    }

    /**
     * This tree over {@code equal}, when it is the same text: the one String object the editor's
     * document holds, so that the caches keyed by text hash and compare that one (a 230 kB
     * file costs a pass per new String at each keystroke); empty when the texts differ.
     */
    public Optional<SyntaxTree> over(String equal) {
        if (equal == text) {
            return Optional.of(this);
        }
        return equal.equals(text) ? Optional.of(new SyntaxTree(equal, root, diagnostics, facts, irregular))
                : Optional.empty();
    }

    /**
     * Whether the text was not read as devicetree at all (too large, or binary): the tree
     * is one unparsed token and one diagnostic, and nothing later may analyse the text.
     */
    public boolean unparsed() {
        return root.children().size() == 1 && root.children().get(0) instanceof SyntaxToken token
                && token.kind() == SyntaxKind.UNPARSED;
    }

    public String text() {
        return text;
    }

    public SyntaxNode root() {
        return root;
    }

    public List<SyntaxDiagnostic> diagnostics() {
        return diagnostics;
    }

    ParseFacts facts() {
        return facts;
    }

    /** The sorted {@link Irregular} offsets of this tree. */
    int[] irregular() {
        int[] made = irregular;
        if (made == null) {
            made = Irregular.of(text, root, node -> false);
            irregular = made;
        }
        return made;
    }

    /** The text as the tree's tokens spell it, concatenated in order. */
    public String rebuildText() {
        StringBuilder out = new StringBuilder(text.length());
        root.forEachToken(token -> out.append(text, token.start(), token.end()));
        return out.toString();
    }

    /** Preprocessor lines and /include/ directives, in file order. */
    public List<SyntaxToken> directives() {
        List<SyntaxToken> found = new ArrayList<>();
        root.forEachToken(token -> {
            if (token.kind() == SyntaxKind.PP_DIRECTIVE || token.kind() == SyntaxKind.DTS_INCLUDE) {
                found.add(token);
            }
        });
        return found;
    }

    public String text(SyntaxElement element) {
        return text.substring(element.start(), element.end());
    }

    /**
     * The token under an offset. At the boundary between two tokens the one that is not
     * trivia wins, so a cursor just after a name still means the name.
     */
    public java.util.Optional<SyntaxToken> tokenAt(int offset) {
        SyntaxToken[] found = new SyntaxToken[2];
        // only the subtrees whose range holds the offset: a hover in a large .dtsi must not read
        // its fifty thousand tokens
        tokensTouching(root, offset, found);
        if (found[0] != null && !found[0].isTrivia()) {
            return java.util.Optional.of(found[0]);
        }
        if (found[1] != null && !found[1].isTrivia()) {
            return java.util.Optional.of(found[1]);
        }
        return java.util.Optional.ofNullable(found[0] != null ? found[0] : found[1]);
    }

    /** The token, trivia included, whose characters include the one at {@code offset}. */
    public java.util.Optional<SyntaxToken> tokenContaining(int offset) {
        SyntaxToken[] found = new SyntaxToken[2];
        tokensTouching(root, offset, found);
        return java.util.Optional.ofNullable(found[0]);
    }

    // The tokens whose range holds the offset, in text order, as tokenAt weighs them: one that
    // contains it, and one that ends there.
    private static void tokensTouching(SyntaxNode node, int offset, SyntaxToken[] found) {
        for (SyntaxElement child : node.children()) {
            if (child.start() > offset) {
                return;
            }
            if (child.end() < offset) {
                continue;
            }
            if (child instanceof SyntaxToken token) {
                if (token.start() <= offset && offset < token.end()) {
                    found[0] = token;
                } else if (token.end() == offset) {
                    found[1] = token;
                }
            } else {
                tokensTouching((SyntaxNode) child, offset, found);
            }
        }
    }

    /** The nodes that contain an offset, outermost first. */
    public List<SyntaxNode> ancestorsAt(int offset) {
        List<SyntaxNode> path = new ArrayList<>();
        SyntaxNode node = root;
        path.add(node);
        boolean descended = true;
        while (descended) {
            descended = false;
            for (SyntaxElement child : node.children()) {
                if (child instanceof SyntaxNode inner && inner.start() <= offset && offset <= inner.end()
                        && inner.length() > 0) {
                    node = inner;
                    path.add(node);
                    descended = true;
                    break;
                }
            }
        }
        return path;
    }
}
