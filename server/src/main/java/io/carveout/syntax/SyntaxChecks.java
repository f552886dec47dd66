package io.carveout.syntax;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The errors dtc's lexer and grammar raise that the ANTLR grammar leaves to a second
 * look: malformed numbers, unterminated literals and comments, byte strings with an odd
 * digit, and properties written after a subnode.
 */
final class SyntaxChecks {
    // dtc: ([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)? and then strtoull(..., 0).
    private static final Pattern INTEGER = Pattern.compile("([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)?");
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SyntaxChecks() {
    }

    static void run(String text, SyntaxNode root, DiagnosticSink sink) {
        root.forEachToken(token -> checkToken(text, token, sink));
        root.forEachNode(node -> checkNode(text, node, sink));
    }

    private static void checkToken(String text, SyntaxToken token, DiagnosticSink sink) {
        switch (token.kind()) {
            case INT -> checkInteger(token, token.text(text), sink);
            case STRING -> {
                String s = token.text(text);
                if (s.length() < 2 || !s.endsWith("\"") || endsWithEscape(s)) {
                    sink.report(token.start(), token.end(), "unterminated string: add the closing '\"' on this line");
                }
            }
            case CHAR_LITERAL -> checkCharLiteral(token, token.text(text), sink);
            case BLOCK_COMMENT -> {
                String s = token.text(text);
                if (s.length() < 4 || !s.endsWith("*/")) {
                    sink.report(token.start(), token.start() + 2, "unterminated comment: '/*' has no closing '*/'");
                }
            }
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

    private static void checkCharLiteral(SyntaxToken token, String literal, DiagnosticSink sink) {
        if (literal.length() < 2 || !literal.endsWith("'") || endsWithEscape(literal)) {
            sink.report(token.start(), token.end(), "unterminated character literal");
            return;
        }
        String body = literal.substring(1, literal.length() - 1);
        int chars = 0;
        for (int i = 0; i < body.length(); chars++) {
            if (body.charAt(i) != '\\') {
                i += Character.charCount(body.codePointAt(i));
            } else if (i + 1 < body.length() && body.charAt(i + 1) == 'x') {
                i += 2;
                while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                    i++;
                }
            } else if (i + 1 < body.length() && body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7') {
                i += 2;
                for (int k = 0; k < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; k++) {
                    i++;
                }
            } else {
                i += 2;
            }
        }
        if (chars != 1) {
            sink.report(token.start(), token.end(), "character literal has " + chars + " characters instead of 1");
        }
    }

    // A closing quote preceded by an odd number of backslashes is escaped, not closing.
    private static boolean endsWithEscape(String literal) {
        int backslashes = 0;
        for (int i = literal.length() - 2; i >= 1 && literal.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
