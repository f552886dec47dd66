package io.carveout.preprocess;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Evaluates the controlling expression of {@code #if} / {@code #elif} with cpp's arithmetic:
 * everything in intmax_t, switching to uintmax_t as soon as one operand is unsigned.
 *
 * <p>Its input is the line after macro expansion, with {@code defined} and
 * {@code __has_include} already replaced by 0 or 1.
 */
final class IfExpression {

    /** A value and whether it is unsigned, the two things C's conversions depend on. */
    record Value(long v, boolean unsigned) {
        boolean isTrue() {
            return v != 0;
        }
    }

    /** Why an expression could not be evaluated; the directive then counts as false, as in cpp. */
    static final class Failure extends Exception {
        final Token at;
        final boolean divisionByZero;

        Failure(String message, Token at, boolean divisionByZero) {
            super(message, null, false, false);
            this.at = at;
            this.divisionByZero = divisionByZero;
        }
    }

    private static final int MAX_NESTING = 200;

    private final List<Token> tokens;
    private int pos;
    /** Greater than zero inside an operand that is not evaluated, where errors stay silent. */
    private int skip;
    private int depth;

    private IfExpression(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Value evaluate(List<Token> tokens) throws Failure {
        if (tokens.isEmpty()) {
            throw new Failure("#if with no expression", null, false);
        }
        IfExpression e = new IfExpression(tokens);
        Value v = e.comma();
        if (e.pos < tokens.size()) {
            Token t = tokens.get(e.pos);
            if (t.is(")")) {
                throw new Failure("missing '(' in expression", t, false);
            }
            if (t.is(":")) {
                throw new Failure("':' without preceding '?'", t, false);
            }
            throw new Failure("missing binary operator before token \"" + t.text + "\"", t, false);
        }
        return v;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean at(String op) {
        Token t = peek();
        return t != null && t.is(op);
    }

    private Token previous() {
        return tokens.get(pos - 1);
    }

    private void enter() throws Failure {
        if (++depth > MAX_NESTING) {
            throw new Failure("#if expression nested too deeply", peek(), false);
        }
    }

    private Value comma() throws Failure {
        Value v = conditional();
        while (at(",")) {
            pos++;
            v = conditional();
        }
        return v;
    }

    private Value conditional() throws Failure {
        Value cond = binary(0);
        if (!at("?")) {
            return cond;
        }
        Token question = tokens.get(pos++);
        enter();
        if (!cond.isTrue()) {
            skip++;
        }
        Value yes = comma();
        if (!cond.isTrue()) {
            skip--;
        }
        if (!at(":")) {
            throw new Failure("'?' without following ':'", question, false);
        }
        pos++;
        if (cond.isTrue()) {
            skip++;
        }
        Value no = conditional();
        if (cond.isTrue()) {
            skip--;
        }
        depth--;
        boolean unsigned = yes.unsigned() || no.unsigned();
        return new Value(cond.isTrue() ? yes.v() : no.v(), unsigned);
    }

    private static final List<List<String>> LEVELS = List.of(
            List.of("||"),
            List.of("&&"),
            List.of("|"),
            List.of("^"),
            List.of("&"),
            List.of("==", "!="),
            List.of("<", ">", "<=", ">="),
            List.of("<<", ">>"),
            List.of("+", "-"),
            List.of("*", "/", "%"));

    private String operatorAt(int level) {
        Token t = peek();
        if (t == null || t.kind != Token.Kind.PUNCTUATOR) {
            return null;
        }
        return LEVELS.get(level).contains(t.text) ? t.text : null;
    }

    private Value binary(int level) throws Failure {
        if (level == LEVELS.size()) {
            return unary();
        }
        Value left = binary(level + 1);
        String op;
        while ((op = operatorAt(level)) != null) {
            Token opToken = tokens.get(pos++);
            boolean shortCircuit = (op.equals("&&") && !left.isTrue()) || (op.equals("||") && left.isTrue());
            if (shortCircuit) {
                skip++;
            }
            if (peek() == null) {
                throw new Failure("operator '" + op + "' has no right operand", opToken, false);
            }
            Value right = binary(level + 1);
            if (shortCircuit) {
                skip--;
            }
            left = apply(op, left, right, opToken);
        }
        return left;
    }

    private Value apply(String op, Value a, Value b, Token at) throws Failure {
        boolean unsigned = a.unsigned() || b.unsigned();
        long x = a.v();
        long y = b.v();
        switch (op) {
            case "||":
                return new Value(x != 0 || y != 0 ? 1 : 0, false);
            case "&&":
                return new Value(x != 0 && y != 0 ? 1 : 0, false);
            case "|":
                return new Value(x | y, unsigned);
            case "^":
                return new Value(x ^ y, unsigned);
            case "&":
                return new Value(x & y, unsigned);
            case "==":
                return new Value(x == y ? 1 : 0, false);
            case "!=":
                return new Value(x != y ? 1 : 0, false);
            case "<":
                return new Value(compare(x, y, unsigned) < 0 ? 1 : 0, false);
            case ">":
                return new Value(compare(x, y, unsigned) > 0 ? 1 : 0, false);
            case "<=":
                return new Value(compare(x, y, unsigned) <= 0 ? 1 : 0, false);
            case ">=":
                return new Value(compare(x, y, unsigned) >= 0 ? 1 : 0, false);
            case "<<":
                return shift(a, b, true);
            case ">>":
                return shift(a, b, false);
            case "+":
                return new Value(x + y, unsigned);
            case "-":
                return new Value(x - y, unsigned);
            case "*":
                return new Value(x * y, unsigned);
            case "/":
            case "%":
                if (y == 0) {
                    if (skip > 0) {
                        return new Value(0, unsigned);
                    }
                    throw new Failure("division by zero in #if", at, true);
                }
                if (unsigned) {
                    return new Value(op.equals("/") ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y), true);
                }
                return new Value(op.equals("/") ? x / y : x % y, false);
            default:
                throw new IllegalStateException(op);
        }
    }

    private static int compare(long x, long y, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(x, y) : Long.compare(x, y);
    }

    /** cpp shifts by a negative count the other way, and past the width to all-zero or all-one. */
    private static Value shift(Value a, Value b, boolean left) {
        long n = b.v();
        boolean negative = !b.unsigned() && n < 0;
        if (negative) {
            left = !left;
            n = n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
        }
        boolean huge = b.unsigned() ? Long.compareUnsigned(n, 64) >= 0 : n >= 64;
        long x = a.v();
        long result;
        if (left) {
            result = huge ? 0 : x << n;
        } else if (a.unsigned()) {
            result = huge ? 0 : x >>> n;
        } else {
            result = huge ? (x < 0 ? -1 : 0) : x >> n;
        }
        return new Value(result, a.unsigned());
    }

    private Value unary() throws Failure {
        Token t = peek();
        if (t == null) {
            Token before = pos > 0 ? previous() : null;
            String what = before == null ? "#if with no expression"
                    : "operator '" + before.text + "' has no right operand";
            throw new Failure(what, before, false);
        }
        if (t.kind == Token.Kind.PUNCTUATOR
                && (t.text.equals("+") || t.text.equals("-") || t.text.equals("~") || t.text.equals("!"))) {
            pos++;
            enter();
            Value v = unary();
            depth--;
            switch (t.text) {
                case "+":
                    return v;
                case "-":
                    return new Value(-v.v(), v.unsigned());
                case "~":
                    return new Value(~v.v(), v.unsigned());
                default:
                    return new Value(v.isTrue() ? 0 : 1, false);
            }
        }
        return primary();
    }

    private Value primary() throws Failure {
        Token t = peek();
        pos++;
        switch (t.kind) {
            case NUMBER:
                return number(t);
            case CHARACTER:
                return character(t);
            case IDENTIFIER:
                return new Value(0, false);
            case PUNCTUATOR:
                if (t.text.equals("(")) {
                    enter();
                    if (at(")")) {
                        throw new Failure("missing expression between '(' and ')'", t, false);
                    }
                    Value v = comma();
                    if (!at(")")) {
                        throw new Failure("missing ')' in expression", t, false);
                    }
                    pos++;
                    depth--;
                    return v;
                }
                if (isOperator(t.text)) {
                    Token before = pos > 1 ? tokens.get(pos - 2) : null;
                    throw new Failure(before == null
                            ? "operator '" + t.text + "' has no left operand"
                            : "operator '" + before.text + "' has no right operand", t, false);
                }
                throw new Failure("token \"" + t.text + "\" is not valid in preprocessor expressions", t, false);
            default:
                throw new Failure("token \"" + t.text + "\" is not valid in preprocessor expressions", t, false);
        }
    }

    private static boolean isOperator(String p) {
        for (List<String> level : LEVELS) {
            if (level.contains(p)) {
                return true;
            }
        }
        return p.equals("?") || p.equals(":") || p.equals(",") || p.equals(")");
    }

    /** An integer constant as cpp reads it: prefixes, suffixes, and the signedness they imply. */
    static Value number(Token t) throws Failure {
        String s = t.text;
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        int radix;
        int digitsFrom;
        if (lower.startsWith("0x")) {
            radix = 16;
            digitsFrom = 2;
            if (lower.indexOf('.') >= 0 || lower.indexOf('p') >= 0) {
                throw new Failure("floating constant in preprocessor expression", t, false);
            }
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digitsFrom = 2;
        } else {
            if (lower.indexOf('.') >= 0 || lower.indexOf('e') >= 0) {
                throw new Failure("floating constant in preprocessor expression", t, false);
            }
            radix = lower.startsWith("0") ? 8 : 10;
            digitsFrom = 0;
        }
        int i = digitsFrom;
        while (i < s.length() && Character.digit(s.charAt(i), radix == 8 || radix == 2 ? 10 : radix) >= 0) {
            i++;
        }
        String digits = s.substring(digitsFrom, i);
        String suffix = lower.substring(i);
        if (digits.isEmpty()) {
            throw new Failure("invalid suffix \"" + s.substring(Math.max(0, digitsFrom - 1)) + "\" on integer constant", t, false);
        }
        for (char c : digits.toCharArray()) {
            if (Character.digit(c, radix) < 0) {
                throw new Failure("invalid digit \"" + c + "\" in " + (radix == 8 ? "octal" : "binary") + " constant", t, false);
            }
        }
        boolean unsignedSuffix;
        switch (suffix) {
            case "":
            case "l":
            case "ll":
                unsignedSuffix = false;
                break;
            case "u":
            case "ul":
            case "lu":
            case "ull":
            case "llu":
                unsignedSuffix = true;
                break;
            default:
                if (suffix.equals("i") || suffix.equals("j")) {
                    throw new Failure("imaginary number in preprocessor expression", t, false);
                }
                throw new Failure("invalid suffix \"" + s.substring(i) + "\" on integer constant", t, false);
        }
        String originalSuffix = s.substring(i);
        if (originalSuffix.contains("lL") || originalSuffix.contains("Ll")) {
            throw new Failure("invalid suffix \"" + originalSuffix + "\" on integer constant", t, false);
        }
        long value = 0;
        for (char c : digits.toCharArray()) {
            // overflow wraps, as cpp keeps the low bits after its pedantic warning
            value = value * radix + Character.digit(c, radix);
        }
        boolean unsigned = unsignedSuffix || value < 0;
        return new Value(value, unsigned);
    }

    /** A character constant: bytes of plain char (signed on the hosts the kernel builds on). */
    static Value character(Token t) throws Failure {
        String s = t.text;
        boolean wide = s.startsWith("L");
        String body = s.substring(wide ? 2 : 1, s.length() - 1);
        int width = wide ? 32 : 8;
        long mask = (1L << width) - 1;
        int result = 0;
        int chars = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            long value;
            if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> value = '\n';
                    case 't' -> value = '\t';
                    case 'v' -> value = 0x0B;
                    case 'b' -> value = '\b';
                    case 'r' -> value = '\r';
                    case 'f' -> value = '\f';
                    case 'a' -> value = 7;
                    case 'e', 'E' -> value = 27;
                    case 'x' -> {
                        int from = i;
                        long v = 0;
                        while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) {
                            v = (v << 4) | Character.digit(body.charAt(i), 16);
                            i++;
                        }
                        if (i == from) {
                            throw new Failure("\\x used with no following hex digits", t, false);
                        }
                        value = v;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            long v = e - '0';
                            int n = 1;
                            while (n < 3 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7') {
                                v = v * 8 + (body.charAt(i) - '0');
                                i++;
                                n++;
                            }
                            value = v;
                        } else {
                            value = e;
                        }
                    }
                }
                result = (int) ((wide ? 0 : (long) result << width) | (value & mask));
                chars++;
            } else {
                int cp = body.codePointAt(i);
                i += Character.charCount(cp);
                if (wide || cp < 0x80) {
                    result = (int) ((wide ? 0 : (long) result << width) | (cp & mask));
                    chars++;
                } else {
                    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                        result = (result << width) | (b & 0xFF);
                        chars++;
                    }
                }
            }
        }
        if (chars == 0) {
            throw new Failure("empty character constant", t, false);
        }
        if (wide) {
            return new Value(result, false);
        }
        if (chars > 1) {
            return new Value(result, false);
        }
        return new Value((byte) result, false);
    }
}
