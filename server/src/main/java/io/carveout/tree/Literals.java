package io.carveout.tree;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** dtc's reading of literals: integers (strtoull with base 0), strings and char literals with C escapes. */
final class Literals {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Literals() {
    }

    /** The value of an integer literal, or null when it is not one dtc accepts. */
    static Long integer(String literal) {
        int end = literal.length();
        while (end > 0 && (literal.charAt(end - 1) == 'U' || literal.charAt(end - 1) == 'L')) {
            end--;
        }
        String digits = literal.substring(0, end);
        if (digits.length() <= 15 && !digits.isEmpty() && digits.charAt(0) != '0') {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            BigInteger value;
            if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
                value = new BigInteger(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                value = new BigInteger(digits, 8);
            } else {
                value = new BigInteger(digits, 10);
            }
            return value.compareTo(MAX_U64) > 0 ? null : value.longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bytes of a quoted string (quotes included in the argument), escapes resolved, no NUL added. */
    static byte[] string(String quoted) {
        String body = quoted.length() >= 2 && quoted.endsWith("\"") ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(Math.min(1, quoted.length()));
        return unescape(body);
    }

    /** The value of a char literal (quotes included): its first byte, unsigned, as dtc takes it. */
    static long character(String quoted) {
        String body = quoted.length() >= 2 && quoted.endsWith("'") ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(Math.min(1, quoted.length()));
        byte[] bytes = unescape(body);
        return bytes.length == 0 ? 0 : bytes[0] & 0xff;
    }

    static byte[] unescape(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (c != '\\' || i + 1 >= raw.length) {
                out.write(c);
                continue;
            }
            byte e = raw[++i];
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'v' -> out.write(11);
                case 'f' -> out.write('\f');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < raw.length && Character.digit(raw[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(raw[++i], 16);
                        digits++;
                    }
                    out.write(value);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        for (int k = 0; k < 2 && i + 1 < raw.length && raw[i + 1] >= '0' && raw[i + 1] <= '7'; k++) {
                            value = value * 8 + (raw[++i] - '0');
                        }
                        out.write(value);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
