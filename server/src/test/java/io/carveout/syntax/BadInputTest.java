package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Hostile input yields diagnostics, never an exception, a stack overflow or a hang. */
class BadInputTest {

    /**
     * Parses on a thread with a 1 MiB stack, the JVM's default for worker threads (the
     * language server analyses on one), so a recursion that only a big stack survives fails here.
     */
    private static SyntaxTree parseOnSmallStack(String text) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(SyntaxTree.parse(text));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "small-stack", 1024 * 1024);
        thread.start();
        thread.join(120_000);
        assertFalse(thread.isAlive(), "parse did not finish");
        if (result.get() instanceof Throwable t) {
            throw new AssertionError("parse threw " + t, t);
        }
        SyntaxTree tree = (SyntaxTree) result.get();
        assertEquals(text, tree.rebuildText());
        TreeInvariants.check(tree);
        return tree;
    }

    private static boolean mentions(SyntaxTree tree, String words) {
        return tree.diagnostics().stream().anyMatch(d -> d.message().contains(words));
    }

    @Test
    void binaryGarbage() throws Exception {
        byte[] bytes = new byte[256 * 1024];
        new Random(7).nextBytes(bytes);
        SyntaxTree tree = parseOnSmallStack(new String(bytes, StandardCharsets.UTF_8));
        assertFalse(tree.diagnostics().isEmpty());
        assertTrue(tree.diagnostics().size() <= DiagnosticSink.LIMIT + 1, "diagnostics are capped");
    }

    @Test
    void fiftyMegabyteFile() throws Exception {
        StringBuilder text = new StringBuilder(50 * 1024 * 1024 + 64);
        text.append("/dts-v1/;\n/ {\n");
        while (text.length() < 50 * 1024 * 1024) {
            text.append("\tprop = <0x0 0x81800000 0x0 0x1e00000>;\n");
        }
        text.append("};\n");
        SyntaxTree tree = parseOnSmallStack(text.toString());
        assertTrue(mentions(tree, "file too large"), tree.diagnostics().toString());
    }

    @Test
    void tenThousandNestedBraces() throws Exception {
        StringBuilder text = new StringBuilder("/dts-v1/;\n/ {\n");
        text.append("n {\n".repeat(10_000)).append("};\n".repeat(10_000)).append("};\n");
        SyntaxTree tree = parseOnSmallStack(text.toString());
        assertTrue(mentions(tree, "nesting deeper than"), tree.diagnostics().toString());
        assertEquals(1, tree.diagnostics().size(), tree.diagnostics().toString());
    }

    @Test
    void tenThousandUnclosedBracesAndParentheses() throws Exception {
        SyntaxTree braces = parseOnSmallStack("/ {\n" + "n {\n".repeat(10_000));
        assertTrue(mentions(braces, "nesting deeper than"));
        assertTrue(braces.diagnostics().size() <= 3, braces.diagnostics().toString());
        SyntaxTree parens = parseOnSmallStack("/ { p = <" + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ">; };");
        assertTrue(mentions(parens, "nesting deeper than"));
        SyntaxTree unary = parseOnSmallStack("/ { p = <(" + "-".repeat(10_000) + "1)>; };");
        assertTrue(mentions(unary, "operators in a row"));
    }

    @Test
    void aRunOfFiveThousandTermsIsOneNode() throws Exception {
        String sum = String.join("+", java.util.Collections.nCopies(5_000, "1"));
        SyntaxTree tree = parseOnSmallStack("/ { p = <(" + sum + ")>; q = <(1 + 2 * 3 - 4 << 1)>; };");
        assertEquals(java.util.List.of(), tree.diagnostics());
        java.util.List<SyntaxNode> runs = new java.util.ArrayList<>();
        tree.root().forEachNode(n -> {
            if (n.kind() == SyntaxKind.BINARY_EXPR) {
                runs.add(n);
            }
        });
        // the run, then q's three levels: '<<', '+ -' and '*'
        assertEquals(4, runs.size(), runs.toString());
        assertEquals(5_000, runs.get(0).childNodes().size());
        assertEquals(java.util.List.of(2, 3, 2), runs.subList(1, 4).stream().map(n -> n.childNodes().size()).toList());
    }

    @Test
    void deepTernariesAndParenthesesGetOneDiagnosticAndAnEmptyValue() throws Exception {
        for (String value : java.util.List.of(
                "(" + "1 ? ".repeat(20_000) + "1" + " : 0".repeat(20_000) + ")",
                "(" + "1 ? 1 : ".repeat(20_000) + "0)",
                "(" + "1 ? (".repeat(150) + "1 ? 1 : ".repeat(100) + "0" + ") : 0".repeat(150) + ")",
                "(".repeat(20_000) + "1" + ")".repeat(20_000))) {
            SyntaxTree tree = parseOnSmallStack("/ { p = <" + value + ">; q = <1>; };");
            assertEquals(1, tree.diagnostics().size(), tree.diagnostics().toString());
            assertTrue(mentions(tree, "expression nesting deeper than 200 levels: not evaluated"));
            SyntaxNode list = tree.root().childNodes().get(0).childNodes().get(0).childNodes().get(0)
                    .childNodes().get(0).childNodes().get(0);
            assertEquals(SyntaxKind.CELL_LIST, list.kind());
            assertEquals(java.util.List.of(), list.childNodes(), "the value is read as empty, the expression as inactive");
        }
    }

    @Test
    void unterminatedCommentStringAndConditional() throws Exception {
        assertTrue(mentions(parseOnSmallStack("/ {\n\tmodel = \"x\";\n};\n/* open"), "unterminated comment"));
        assertTrue(mentions(parseOnSmallStack("/ {\n\tmodel = \"open;\n\tok;\n};\n"), "unterminated string"));
        assertTrue(mentions(parseOnSmallStack("#if FOO\n/ {\n};\n"), "unterminated #if"));
    }

    @Test
    void emptyAndWhitespaceOnlyFiles() throws Exception {
        assertTrue(parseOnSmallStack("").diagnostics().isEmpty());
        assertTrue(parseOnSmallStack(" \n\t\r\n").diagnostics().isEmpty());
    }
}
