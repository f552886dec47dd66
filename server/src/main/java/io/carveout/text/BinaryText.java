package io.carveout.text;

import java.util.function.IntUnaryOperator;

/**
 * Whether a file is binary rather than text, decided much as git decides it: a NUL byte
 * among the first {@value #SNIFF} bytes; but a NUL inside a string literal on its line is
 * text, since dtc reads it there ({@code "a\0b"} written with a raw NUL, as dtc's own tests
 * do). An object file, an image or a compiled .dtb has a NUL outside any quotes within its
 * first bytes.
 */
public final class BinaryText {
    /** How much of the start of a file is looked at (git's own figure). */
    public static final int SNIFF = 8000;

    /** What the user is told about such a file, in the CLI and in the editor. */
    public static final String MESSAGE = "binary file: not a devicetree source";

    private BinaryText() {
    }

    /** The start of a text as decoded: a NUL byte decodes to the NUL character. */
    public static boolean looksBinary(CharSequence text) {
        return looksBinary(text::charAt, Math.min(text.length(), SNIFF));
    }

    /** The first {@code length} bytes of a file. */
    public static boolean looksBinary(byte[] head, int length) {
        return looksBinary(i -> head[i] & 0xff, Math.min(length, SNIFF));
    }

    private static boolean looksBinary(IntUnaryOperator at, int length) {
        boolean quoted = false;
        for (int i = 0; i < length; i++) {
            int c = at.applyAsInt(i);
            if (c == 0 && !quoted) {
                return true;
            } else if (c == '\n') {
                quoted = false; // a string literal ends with its line
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++; // an escaped character, a NUL or a quote, stays inside the string
            }
        }
        return false;
    }
}
