package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;

/** The shape every syntax tree must have: children tile their parent, and the root tiles the text. */
final class TreeInvariants {
    private TreeInvariants() {
    }

    static void check(SyntaxTree tree) {
        SyntaxNode root = tree.root();
        assertEquals(0, root.start(), "root starts at 0");
        assertEquals(tree.text().length(), root.end(), "root ends at the end of the text");
        Deque<SyntaxNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            SyntaxNode node = stack.pop();
            int at = node.start();
            for (SyntaxElement child : node.children()) {
                if (child.start() != at) {
                    fail("gap or overlap in " + node + " at " + at + ": child " + child.kind() + "@" + child.start());
                }
                at = child.end();
                if (child instanceof SyntaxNode inner) {
                    stack.push(inner);
                } else if (child.length() == 0) {
                    fail("empty token " + child.kind() + " at " + child.start());
                }
            }
            if (at != node.end()) {
                fail(node + " children end at " + at);
            }
        }
    }
}
