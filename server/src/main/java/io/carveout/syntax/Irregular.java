package io.carveout.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The places of a tree that make an item around them depend on more than its own text, so
 * that an incremental re-parse ({@link ItemReuse}) must read the item again rather than take
 * it whole: where error recovery skipped tokens (an ERROR node), where a node's '};' sits left
 * of the line that opened it (the message for a node left open reads every such close), and
 * where a conditional or inactive text starts (it hides text far from it). Offsets are starts,
 * sorted.
 */
final class Irregular {
    private static final int[] NONE = new int[0];

    private Irregular() {
    }

    /** The offsets under {@code root}, not looking inside the nodes {@code settled} says are known to have none. */
    static int[] of(String text, SyntaxNode root, Predicate<SyntaxNode> settled) {
        int[] found = new int[16];
        int count = 0;
        List<SyntaxNode> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            SyntaxNode node = stack.remove(stack.size() - 1);
            if (settled.test(node)) {
                continue;
            }
            int at = -1;
            if (node.kind() == SyntaxKind.ERROR || node.kind() == SyntaxKind.NODE_BODY && misclosed(text, node)) {
                at = node.start();
            }
            if (at >= 0) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = at;
            }
            for (SyntaxElement child : node.children()) {
                if (child instanceof SyntaxNode inner) {
                    stack.add(inner);
                } else if (hidesText(text, (SyntaxToken) child)) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = child.start();
                }
            }
        }
        if (count == 0) {
            return NONE;
        }
        int[] sorted = Arrays.copyOf(found, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Whether any offset lies in {@code [start, end)}. */
    static boolean anyIn(int[] offsets, int start, int end) {
        int at = Arrays.binarySearch(offsets, start);
        if (at < 0) {
            at = -at - 1;
        }
        return at < offsets.length && offsets[at] < end;
    }

    /**
     * The offsets of a tree made from {@code old}'s by replacing what lay in {@code [start, end)}
     * (old offsets) with a part whose own offsets are {@code inside}; those after it move by delta.
     */
    static int[] spliced(int[] old, int start, int end, int delta, int[] inside) {
        int[] out = new int[old.length + inside.length];
        int count = 0;
        for (int offset : old) {
            if (offset < start) {
                out[count++] = offset;
            }
        }
        for (int offset : inside) {
            out[count++] = offset;
        }
        for (int offset : old) {
            if (offset >= end) {
                out[count++] = offset + delta;
            }
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    /**
     * Whether a body's '}' sits left of the line of its '{', as ErrorReporting measures them,
     * or a brace of its own is missing.
     */
    static boolean misclosed(String text, SyntaxNode body) {
        List<SyntaxElement> children = body.children();
        if (children.isEmpty() || children.get(0).kind() != SyntaxKind.LBRACE) {
            return true;
        }
        for (int i = children.size() - 1; i > 0; i--) {
            if (children.get(i) instanceof SyntaxToken token && token.kind() == SyntaxKind.RBRACE) {
                return ErrorReporting.indentAt(text, token.start()) < ErrorReporting.indentAt(text, body.start());
            }
        }
        return true;
    }

    private static boolean hidesText(String text, SyntaxToken token) {
        return token.kind() == SyntaxKind.INACTIVE_CODE || token.kind() == SyntaxKind.PP_DIRECTIVE
                && TokenPass.isConditional(Directive.of(token.text(text)));
    }
}
