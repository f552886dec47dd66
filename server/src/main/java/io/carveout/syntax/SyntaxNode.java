package io.carveout.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An inner node of the lossless tree. Its children, tokens and nodes, cover its range
 * without gap or overlap; trivia that precedes a node's first token belongs to the parent.
 *
 * <p>Immutable. A node that an edit only moved (it lies after the edit) is a copy of the
 * old node at another offset whose children are made the first time someone reads them:
 * an edit then costs what it touches, not the length of the rest of the file.
 */
public final class SyntaxNode implements SyntaxElement {
    private final SyntaxKind kind;
    private final int start;
    private final int end;
    /** Null while this node is a moved copy whose children have not been read yet. */
    private volatile List<SyntaxElement> children;
    /** The node this one is a moved copy of, until its children are made. */
    private SyntaxNode original;

    public SyntaxNode(SyntaxKind kind, int start, int end, List<SyntaxElement> children) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.children = Collections.unmodifiableList(children);
    }

    private SyntaxNode(SyntaxNode original, int delta) {
        this.kind = original.kind;
        this.start = original.start + delta;
        this.end = original.end + delta;
        this.original = original;
    }

    /** This node moved by {@code delta} characters; it shares this node's subtree until read. */
    SyntaxNode shifted(int delta) {
        if (delta == 0) {
            return this;
        }
        SyntaxNode base = this;
        synchronized (this) {
            if (children == null) {
                base = original; // a copy of a copy is a copy of the first, at the summed offset
            }
        }
        return new SyntaxNode(base, start + delta - base.start);
    }

    static SyntaxElement shifted(SyntaxElement element, int delta) {
        if (delta == 0) {
            return element;
        }
        return element instanceof SyntaxNode node ? node.shifted(delta)
                : new SyntaxToken(element.kind(), element.start() + delta, element.end() + delta);
    }

    private synchronized List<SyntaxElement> materialize() {
        if (children == null) {
            int delta = start - original.start;
            List<SyntaxElement> source = original.children();
            SyntaxElement[] moved = new SyntaxElement[source.size()];
            for (int i = 0; i < moved.length; i++) {
                moved[i] = shifted(source.get(i), delta);
            }
            children = Collections.unmodifiableList(Arrays.asList(moved));
            original = null;
        }
        return children;
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

    public List<SyntaxElement> children() {
        List<SyntaxElement> made = children;
        return made != null ? made : materialize();
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
            List<SyntaxElement> kids = top.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                if (kids.get(i) instanceof SyntaxNode node) {
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
