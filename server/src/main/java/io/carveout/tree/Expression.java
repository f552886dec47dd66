package io.carveout.tree;

import io.carveout.finding.Code;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import java.util.ArrayList;
import java.util.List;

/**
 * dtc's integer expressions: unsigned 64-bit arithmetic with C precedence, logical
 * operators giving 0 or 1, shifts of 64 or more giving 0, and "Division by zero" as an
 * error whose value is 0.
 */
final class Expression {
    private final Evaluation evaluation;

    Expression(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    static boolean isOperand(SyntaxKind kind) {
        return switch (kind) {
            case LITERAL, PAREN_EXPR, MACRO_CALL, UNARY_EXPR, BINARY_EXPR, CONDITIONAL_EXPR -> true;
            default -> false;
        };
    }

    long value(SyntaxNode node) {
        switch (node.kind()) {
            case LITERAL -> {
                return literal(node);
            }
            case PAREN_EXPR -> {
                List<SyntaxNode> inner = operands(node);
                return inner.isEmpty() ? 0 : value(inner.get(0));
            }
            case UNARY_EXPR -> {
                SyntaxToken op = firstToken(node);
                List<SyntaxNode> inner = operands(node);
                long v = inner.isEmpty() ? 0 : value(inner.get(0));
                return switch (op.kind()) {
                    case MINUS -> -v;
                    case TILDE -> ~v;
                    case BANG -> v == 0 ? 1 : 0;
                    default -> v;
                };
            }
            case BINARY_EXPR -> {
                return binary(node);
            }
            case CONDITIONAL_EXPR -> {
                List<SyntaxNode> parts = operands(node);
                if (parts.size() != 3) {
                    return 0;
                }
                return value(parts.get(0)) != 0 ? value(parts.get(1)) : value(parts.get(2));
            }
            case MACRO_CALL -> {
                SyntaxToken name = firstToken(node);
                evaluation.error(evaluation.at(node), Code.UNDEFINED_MACRO,
                        "Unexpected '" + evaluation.text(name) + "(...)': a function-like macro that is not defined?");
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private long literal(SyntaxNode node) {
        SyntaxToken token = firstToken(node);
        String text = evaluation.text(token);
        switch (token.kind()) {
            case INT, NAME -> {
                Long value = Character.isDigit(text.charAt(0)) ? Literals.integer(text) : null;
                if (value == null) {
                    evaluation.error(evaluation.at(token), Code.UNDEFINED_MACRO, Character.isDigit(text.charAt(0))
                            ? "Bad integer literal '" + text + "'"
                            : "Unexpected '" + text + "': a macro that is not defined?");
                    return 0;
                }
                return value;
            }
            case CHAR_LITERAL -> {
                return Literals.character(text);
            }
            case IDENT -> {
                evaluation.error(evaluation.at(token), Code.UNDEFINED_MACRO,
                        "Unexpected '" + text + "': a macro that is not defined?");
                return 0;
            }
            case REF, PATH_REF -> {
                evaluation.error(evaluation.at(token), Code.SYNTAX, "a reference cannot be used in an expression");
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /** A run of one precedence level (the parser keeps it as one node), evaluated left to right. */
    private long binary(SyntaxNode node) {
        List<SyntaxNode> sides = new ArrayList<>();
        List<SyntaxToken> ops = new ArrayList<>();
        for (SyntaxElement child : node.children()) {
            if (child instanceof SyntaxNode operand && isOperand(operand.kind())) {
                sides.add(operand);
            } else if (child instanceof SyntaxToken token && !token.isTrivia() && sides.size() == ops.size() + 1) {
                ops.add(token);
            }
        }
        if (sides.size() < 2 || ops.size() != sides.size() - 1) {
            return 0;
        }
        long a = value(sides.get(0));
        for (int i = 0; i < ops.size(); i++) {
            a = apply(node, ops.get(i), a, value(sides.get(i + 1)));
        }
        return a;
    }

    // && and || do not evaluate what they do not need, as in C; dtc's grammar evaluates
    // both sides, which only matters for a division by zero on the unused side.
    private long apply(SyntaxNode node, SyntaxToken op, long a, long b) {
        return switch (op.kind()) {
            case STAR -> a * b;
            case SLASH, PERCENT -> {
                if (b == 0) {
                    evaluation.error(evaluation.at(node), Code.DIVISION_BY_ZERO, "Division by zero");
                    yield 0;
                }
                yield op.kind() == SyntaxKind.SLASH ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
            }
            case PLUS -> a + b;
            case MINUS -> a - b;
            case LSHIFT -> Long.compareUnsigned(b, 64) < 0 ? a << b : 0;
            case RSHIFT -> Long.compareUnsigned(b, 64) < 0 ? a >>> b : 0;
            case LT -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case GT -> Long.compareUnsigned(a, b) > 0 ? 1 : 0;
            case LE -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case GE -> Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case EQEQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case AMP -> a & b;
            case CARET -> a ^ b;
            case PIPE -> a | b;
            case ANDAND -> a != 0 && b != 0 ? 1 : 0;
            case OROR -> a != 0 || b != 0 ? 1 : 0;
            default -> 0;
        };
    }

    private static List<SyntaxNode> operands(SyntaxNode node) {
        List<SyntaxNode> found = new ArrayList<>();
        for (SyntaxNode child : node.childNodes()) {
            if (isOperand(child.kind())) {
                found.add(child);
            }
        }
        return found;
    }

    private static SyntaxToken firstToken(SyntaxNode node) {
        for (SyntaxElement child : node.children()) {
            if (child instanceof SyntaxToken token && !token.isTrivia()) {
                return token;
            }
        }
        return new SyntaxToken(SyntaxKind.ERROR_CHAR, node.start(), node.start());
    }
}
