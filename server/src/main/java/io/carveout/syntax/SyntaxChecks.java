package io.carveout.syntax;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The errors dtc's lexer and grammar raise that the ANTLR grammar leaves to a second
 * look, on the finished tree: malformed numbers, byte strings with an odd digit, and
 * properties written after a subnode. (Unterminated literals are found on the tokens,
 * before parsing: {@link TokenPass}.)
 */
final class SyntaxChecks {
    // dtc: ([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)? and then strtoull(..., 0).
    private static final Pattern INTEGER = Pattern.compile("([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)?");
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SyntaxChecks() {
    }

    static void run(String text, SyntaxNode root, DiagnosticSink sink) {
        run(text, root, sink, null);
    }

    /**
     * The checks of the nodes and tokens under {@code root}, except inside the nodes that
     * {@code settled} names (null for none): items an incremental re-parse took whole from a
     * tree in which nothing inside them was reported. A body's order check still sees them.
     */
    static void run(String text, SyntaxNode root, DiagnosticSink sink, Predicate<SyntaxNode> settled) {
        // A macro's arguments are not dtc's literals until cpp has pasted or replaced them
        // (EFUSE_OUTPUT(08) makes a name): their numbers are not checked.
        List<SyntaxNode> arguments = new java.util.ArrayList<>();
        forEachNode(root, settled, node -> {
            if (node.kind() == SyntaxKind.CALL_ARGS) {
                arguments.add(node);
            }
        });
        arguments.sort(java.util.Comparator.comparingInt(SyntaxNode::start));
        int[] next = {0};
        forEachToken(root, settled, token -> {
            while (next[0] < arguments.size() && arguments.get(next[0]).end() <= token.start()) {
                next[0]++;
            }
            boolean inArguments = next[0] < arguments.size() && arguments.get(next[0]).start() <= token.start();
            if (!inArguments) {
                checkToken(text, token, sink);
            }
        });
        forEachNode(root, settled, node -> checkNode(text, node, sink));
    }

    private static void forEachNode(SyntaxNode root, Predicate<SyntaxNode> settled, Consumer<SyntaxNode> action) {
        if (settled == null) {
            root.forEachNode(action);
            return;
        }
        List<SyntaxNode> stack = new java.util.ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            SyntaxNode node = stack.remove(stack.size() - 1);
            if (settled.test(node)) {
                continue;
            }
            action.accept(node);
            List<SyntaxElement> children = node.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i) instanceof SyntaxNode inner) {
                    stack.add(inner);
                }
            }
        }
    }

    private static void forEachToken(SyntaxNode root, Predicate<SyntaxNode> settled, Consumer<SyntaxToken> action) {
        if (settled == null) {
            root.forEachToken(action);
            return;
        }
        List<SyntaxElement> stack = new java.util.ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            SyntaxElement top = stack.remove(stack.size() - 1);
            if (top instanceof SyntaxToken token) {
                action.accept(token);
            } else if (!settled.test((SyntaxNode) top)) {
                List<SyntaxElement> children = ((SyntaxNode) top).children();
                for (int i = children.size() - 1; i >= 0; i--) {
                    stack.add(children.get(i));
                }
            }
        }
    }

    private static void checkToken(String text, SyntaxToken token, DiagnosticSink sink) {
        switch (token.kind()) {
            case INT -> checkInteger(token, token.text(text), sink);
            case BYTE_WORD -> {
                String s = token.text(text);
                boolean hex = s.chars().allMatch(c -> Character.digit(c, 16) >= 0);
                if (hex && s.length() % 2 != 0) {
                    sink.report(token.start(), token.end(), "byte string '" + s + "' has an odd number of hex digits: write two per byte");
                } else if (!hex && !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') {
                    sink.report(token.start(), token.end(), "bad byte '" + s + "' in byte string: write two hex digits per byte");
                }
            }
            case ERROR_CHAR -> {
                // reported by the parser as an unexpected token
            }
            default -> {
            }
        }
    }

    private static void checkNode(String text, SyntaxNode node, DiagnosticSink sink) {
        switch (node.kind()) {
            case NODE_BODY -> checkOrder(node, sink);
            case DOCUMENT -> checkTopLevel(node, sink);
            case LITERAL -> {
                // Outside '<...>' a number arrives as a NAME token: /memreserve/ and /bits/ operands.
                node.childToken(SyntaxKind.NAME).ifPresent(name -> {
                    String s = name.text(text);
                    if (Character.isDigit(s.charAt(0))) {
                        checkInteger(name, s, sink);
                    }
                });
            }
            case MACRO_VALUE -> node.childToken(SyntaxKind.NAME).ifPresent(name -> {
                String s = name.text(text);
                if (Character.isDigit(s.charAt(0))) {
                    sink.report(name.start(), name.end(), "a number as a property value must be in a cell list: <" + s + ">");
                }
            });
            default -> {
            }
        }
    }

    // A file of bare node items is a fragment that a board includes inside a node (powerpc/fsl,
    // TI's thermal zones); dtc reads it there. Next to /dts-v1/, / { } or &label { } the file is a
    // whole tree, and dtc rejects the same items as a syntax error.
    private static void checkTopLevel(SyntaxNode document, DiagnosticSink sink) {
        boolean wholeTree = document.childNodes().stream().anyMatch(item -> switch (item.kind()) {
            case VERSION, PLUGIN_HEADER, MEMRESERVE_ENTRY, ROOT_NODE, OVERRIDE_NODE, OMIT_DECL -> true;
            default -> false;
        });
        if (!wholeTree) {
            checkOrder(document, sink);
            return;
        }
        for (SyntaxNode item : document.childNodes()) {
            String what = switch (item.kind()) {
                case PROPERTY, DELETE_PROPERTY_STMT -> "a property";
                case CHILD_NODE -> "a node";
                default -> null;
            };
            if (what != null) {
                sink.report(item.start(), item.end(), what + " outside any node: write it inside / { ... } or &label { ... }"
                        + " (a file of bare node items can only be included inside a node)");
            }
        }
    }

    // dtc: "Properties must precede subnodes".
    private static void checkOrder(SyntaxNode body, DiagnosticSink sink) {
        boolean sawSubnode = false;
        List<SyntaxNode> items = body.childNodes();
        for (SyntaxNode item : items) {
            switch (item.kind()) {
                case CHILD_NODE, DELETE_NODE_STMT -> sawSubnode = true;
                case PROPERTY, DELETE_PROPERTY_STMT -> {
                    if (sawSubnode) {
                        sink.report(item.start(), item.end(), "properties must precede subnodes: move this property above the first child node");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void checkInteger(SyntaxToken token, String literal, DiagnosticSink sink) {
        if (!INTEGER.matcher(literal).matches()) {
            sink.report(token.start(), token.end(), "bad integer literal '" + literal + "'");
            return;
        }
        String digits = literal.replaceFirst("[UL]+$", "");
        BigInteger value;
        if (digits.length() > 1 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
                sink.report(token.start(), token.end(), "bad integer literal '" + literal + "': a leading 0 makes it octal");
                return;
            }
            value = new BigInteger(digits, 8);
        } else {
            value = new BigInteger(digits);
        }
        if (value.compareTo(MAX_U64) > 0) {
            sink.report(token.start(), token.end(), "integer literal '" + literal + "' out of range: it does not fit in 64 bits");
        }
    }

}
