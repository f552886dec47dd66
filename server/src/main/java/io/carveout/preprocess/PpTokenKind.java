package io.carveout.preprocess;

/** The kinds of C preprocessing token that a devicetree source is cut into. */
public enum PpTokenKind {
    IDENTIFIER,
    /** A pp-number: any digit-led run, so {@code 0x1p-3} and {@code 1.2.3} are single tokens. */
    NUMBER,
    CHARACTER,
    STRING,
    PUNCTUATOR,
    /**
     * Any other character, and also an unmatched {@code '} or {@code "} together with the rest of
     * its line, which is how cpp in assembler mode treats an apostrophe that never closes.
     */
    OTHER,
    /** The end of a logical line; comments and backslash-newline splices do not produce one. */
    NEWLINE
}
