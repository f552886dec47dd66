package io.carveout.syntax;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An inner node of the lossless tree. Its children, tokens and nodes, cover its range
 * without gap or overlap; trivia that precedes a node's first token belongs to the parent.
 *
 * <p>Immutable. A node that an edit only moved (it lies after the edit) is a copy of the
 * old node at another offset whose children are made the first time someone reads them:
 * an edit then costs what it touches, not the length of the rest of the file.
 *
 * <p>Compact, because the parse cache holds millions of tokens: a child token is not kept
 * as an object but as two ints of {@link #layout} (a {@link SyntaxToken} is a value, made
 * again each time a child is read); only child nodes are objects.
 */
public final class SyntaxNode implements SyntaxElement {
    private static final SyntaxKind[] KINDS = SyntaxKind.values();
    /** The kind byte of a layout entry whose child is in {@link #objects}; no kind has this ordinal. */
    private static final int OBJECT = 0xff;
    /** A token at least this long does not fit the 23 bits of length a layout entry has. */
    private static final int PACKED_LENGTH_LIMIT = 1 << 23;
    /** First int of a wide layout; a compact layout's entries are never negative. */
    private static final int WIDE = -1;
    private static final int[] NO_LAYOUT = new int[0];
    private static final SyntaxElement[] NO_OBJECTS = new SyntaxElement[0];

    static {
        if (KINDS.length > OBJECT) {
            throw new IllegalStateException("a syntax kind's ordinal must fit in a byte below " + OBJECT);
        }
    }

    private final SyntaxKind kind;
    private final int start;
    private final int end;
    /**
     * The children in order, in one of two forms. Compact, when they follow one another from
     * this node's start (nearly always: they cover its range): one int per child, a token's
     * length shifted left by 8 over its kind's ordinal, or any other child's index in
     * {@link #objects} shifted over {@link #OBJECT}; where a child starts is the sum of the
     * lengths before it. Wide otherwise (a gap where a spliced file's tokens were read): the
     * int {@link #WIDE}, then two ints per child, a token's start relative to this node's
     * start before the int of the compact form, or an object's index before {@link #OBJECT}.
     * Either way offsets are relative, so a moved copy shares the layout of the node it copies.
     */
    private final int[] layout;
    /**
     * The children that are objects, in order (nodes, and any token too long to pack), as a
     * {@code SyntaxElement[]}; or, while this node is a moved copy whose children have not
     * been read yet, the {@code SyntaxNode} it is a copy of. One field for both: a node has
     * one or the other, and there are millions of nodes.
     */
    private volatile Object objects;

    public SyntaxNode(SyntaxKind kind, int start, int end, List<SyntaxElement> children) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        int size = children.size();
        int objectCount = 0;
        boolean contiguous = true;
        int cursor = start;
        for (SyntaxElement child : children) {
            if (!packs(child)) {
                objectCount++;
            }
            contiguous &= child.start() == cursor && child.end() >= child.start()
                    && child.length() < PACKED_LENGTH_LIMIT;
            cursor = child.end();
        }
        contiguous &= objectCount < PACKED_LENGTH_LIMIT;
        int width = contiguous ? 1 : 2;
        int[] packed = size == 0 ? NO_LAYOUT : new int[width * size + (contiguous ? 0 : 1)];
        int base = 0;
        if (!contiguous) {
            packed[0] = WIDE;
            base = 1;
        }
        SyntaxElement[] held = objectCount == 0 ? NO_OBJECTS : new SyntaxElement[objectCount];
        int next = 0;
        for (int i = 0; i < size; i++) {
            SyntaxElement child = children.get(i);
            int at = base + width * i;
            if (packs(child)) {
                if (!contiguous) {
                    packed[at++] = child.start() - start;
                }
                packed[at] = (child.length() << 8) | child.kind().ordinal();
            } else {
                if (contiguous) {
                    packed[at] = (next << 8) | OBJECT;
                } else {
                    packed[at] = next;
                    packed[at + 1] = OBJECT;
                }
                held[next++] = child;
            }
        }
        this.layout = packed;
        this.objects = held;
    }

    private SyntaxNode(SyntaxNode original, int delta) {
        this.kind = original.kind;
        this.start = original.start + delta;
        this.end = original.end + delta;
        this.layout = original.layout;
        this.objects = original;
    }

    // A token packs into the layout when its offsets, taken from this node's start, and its
    // length fit; a malformed token (outside its parent) is kept as it is.
    private boolean packs(SyntaxElement child) {
        return child instanceof SyntaxToken token && token.start() >= start && token.end() >= token.start()
                && token.length() < PACKED_LENGTH_LIMIT;
    }

    /** This node moved by {@code delta} characters; it shares this node's subtree until read. */
    SyntaxNode shifted(int delta) {
        if (delta == 0) {
            return this;
        }
        // a copy of a copy is a copy of the first, at the summed offset
        SyntaxNode base = objects instanceof SyntaxNode original ? original : this;
        return new SyntaxNode(base, start + delta - base.start);
    }

    static SyntaxElement shifted(SyntaxElement element, int delta) {
        if (delta == 0) {
            return element;
        }
        return element instanceof SyntaxNode node ? node.shifted(delta)
                : new SyntaxToken(element.kind(), element.start() + delta, element.end() + delta);
    }

    private synchronized SyntaxElement[] materialize() {
        if (objects instanceof SyntaxNode original) {
            int delta = start - original.start;
            SyntaxElement[] source = original.objects();
            SyntaxElement[] moved = source.length == 0 ? NO_OBJECTS : new SyntaxElement[source.length];
            for (int i = 0; i < moved.length; i++) {
                moved[i] = shifted(source[i], delta);
            }
            objects = moved;
        }
        return (SyntaxElement[]) objects;
    }

    private SyntaxElement[] objects() {
        return objects instanceof SyntaxElement[] made ? made : materialize();
    }

    /**
     * What this node and every moved copy of it share, and no other node: the identity of the
     * subtree as parsed, whatever offset it now sits at (an edit elsewhere moved it). Null for a
     * node without children, which has no identity of its own.
     */
    public Object shape() {
        return layout.length == 0 ? null : layout;
    }

    @Override
    public SyntaxKind kind() {
        return kind;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return end;
    }

    /** The children in order; unmodifiable. A token read from it is a new, equal value each time. */
    public List<SyntaxElement> children() {
        return new Children(objects());
    }

    /** A view of the layout: tokens are made as they are read. */
    private final class Children extends AbstractList<SyntaxElement> implements RandomAccess {
        private final SyntaxElement[] held;
        private final boolean wide = layout.length > 0 && layout[0] == WIDE;
        private final int size = wide ? (layout.length - 1) / 2 : layout.length;
        /** Compact form: where each child starts, relative to the node; made on the first read. */
        private int[] starts;

        Children(SyntaxElement[] held) {
            this.held = held;
        }

        @Override
        public SyntaxElement get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            int packed;
            int at;
            if (wide) {
                at = layout[1 + 2 * index];
                packed = layout[2 + 2 * index];
                if (packed == OBJECT) {
                    return held[at];
                }
            } else {
                packed = layout[index];
                if ((packed & 0xff) == OBJECT) {
                    return held[packed >>> 8];
                }
                at = starts()[index];
            }
            int tokenStart = start + at;
            return new SyntaxToken(KINDS[packed & 0xff], tokenStart, tokenStart + (packed >>> 8));
        }

        private int[] starts() {
            if (starts == null) {
                int[] made = new int[size];
                int cursor = 0;
                for (int i = 0; i < size; i++) {
                    made[i] = cursor;
                    int packed = layout[i];
                    cursor += (packed & 0xff) == OBJECT ? held[packed >>> 8].length() : packed >>> 8;
                }
                starts = made;
            }
            return starts;
        }

        @Override
        public int size() {
            return size;
        }
    }

    public List<SyntaxNode> childNodes() {
        List<SyntaxNode> nodes = new ArrayList<>();
        for (SyntaxElement child : children()) {
            if (child instanceof SyntaxNode node) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    public List<SyntaxNode> childNodes(SyntaxKind wanted) {
        List<SyntaxNode> nodes = new ArrayList<>();
        for (SyntaxElement child : children()) {
            if (child instanceof SyntaxNode node && node.kind == wanted) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    public Optional<SyntaxNode> childNode(SyntaxKind wanted) {
        for (SyntaxElement child : children()) {
            if (child instanceof SyntaxNode node && node.kind == wanted) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /** The first direct child token of a kind. */
    public Optional<SyntaxToken> childToken(SyntaxKind wanted) {
        for (SyntaxElement child : children()) {
            if (child instanceof SyntaxToken token && token.kind() == wanted) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    public List<SyntaxToken> childTokens(SyntaxKind wanted) {
        List<SyntaxToken> tokens = new ArrayList<>();
        for (SyntaxElement child : children()) {
            if (child instanceof SyntaxToken token && token.kind() == wanted) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** Every token below this node, trivia included, in text order. */
    public void forEachToken(Consumer<SyntaxToken> action) {
        // An explicit stack: a tree from a hostile file may be deep.
        ArrayList<Object> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            Object top = stack.remove(stack.size() - 1);
            if (top instanceof SyntaxToken token) {
                action.accept(token);
            } else {
                List<SyntaxElement> kids = ((SyntaxNode) top).children();
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.add(kids.get(i));
                }
            }
        }
    }

    /** Every node below this one (itself included) in pre-order. */
    public void forEachNode(Consumer<SyntaxNode> action) {
        ArrayList<SyntaxNode> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            SyntaxNode top = stack.remove(stack.size() - 1);
            action.accept(top);
            SyntaxElement[] kids = top.objects(); // the child nodes, in order, without making tokens
            for (int i = kids.length - 1; i >= 0; i--) {
                if (kids[i] instanceof SyntaxNode node) {
                    stack.add(node);
                }
            }
        }
    }

    /** The source text of this node, trivia inside it included. */
    public String text(String source) {
        return source.substring(start, end);
    }

    @Override
    public String toString() {
        return kind + "@" + start + ".." + end;
    }
}
