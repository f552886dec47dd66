package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Structural equality of two syntax trees: same text, same kinds, offsets and children, same diagnostics. */
final class SameTree {
    private SameTree() {
    }

    /** Null when the trees are equal, else where they first differ. */
    static String difference(SyntaxTree expected, SyntaxTree actual) {
        if (!expected.text().equals(actual.text())) {
            return "texts differ";
        }
        Deque<SyntaxElement[]> pairs = new ArrayDeque<>();
        pairs.push(new SyntaxElement[] {expected.root(), actual.root()});
        while (!pairs.isEmpty()) {
            SyntaxElement[] pair = pairs.pop();
            SyntaxElement e = pair[0];
            SyntaxElement a = pair[1];
            if (e.kind() != a.kind() || e.start() != a.start() || e.end() != a.end()
                    || (e instanceof SyntaxNode) != (a instanceof SyntaxNode)) {
                return "expected " + describe(e) + " but found " + describe(a) + near(expected.text(), e.start());
            }
            if (e instanceof SyntaxNode en) {
                List<SyntaxElement> ec = en.children();
                List<SyntaxElement> ac = ((SyntaxNode) a).children();
                if (ec.size() != ac.size()) {
                    return describe(e) + " has " + ac.size() + " children, expected " + ec.size() + ": " + ac + " vs " + ec
                            + near(expected.text(), e.start());
                }
                for (int i = ec.size() - 1; i >= 0; i--) {
                    pairs.push(new SyntaxElement[] {ec.get(i), ac.get(i)});
                }
            }
        }
        if (!expected.diagnostics().equals(actual.diagnostics())) {
            return "diagnostics differ:\n  expected " + expected.diagnostics() + "\n  found    " + actual.diagnostics();
        }
        return null;
    }

    static void assertSame(SyntaxTree expected, SyntaxTree actual, String where) {
        String difference = difference(expected, actual);
        if (difference != null) {
            fail(where + ": " + difference);
        }
    }

    private static String describe(SyntaxElement element) {
        return element.kind() + "@" + element.start() + ".." + element.end();
    }

    private static String near(String text, int offset) {
        int from = Math.max(0, offset - 40);
        int to = Math.min(text.length(), offset + 40);
        return " near «" + text.substring(from, to).replace("\n", "⏎") + "»";
    }
}
