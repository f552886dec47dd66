package io.carveout.text;

/**
 * Whether a file is binary rather than text, decided as git decides it: a NUL byte among
 * the first {@value #SNIFF} bytes. Devicetree sources never hold one; an object file, an
 * image or a compiled .dtb does within its first bytes.
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
        int n = Math.min(text.length(), SNIFF);
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    /** The first {@code length} bytes of a file. */
    public static boolean looksBinary(byte[] head, int length) {
        int n = Math.min(length, SNIFF);
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
