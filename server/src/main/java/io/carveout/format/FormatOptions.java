package io.carveout.format;

/**
 * How {@link DtsFormatter} lays a file out.
 *
 * @param indentSpaces spaces per level, or 0 for one tab per level (the kernel's style)
 * @param sortProperties put each node's properties in the style's order: compatible, reg,
 *     ranges, standard, vendor-prefixed, status; changes the order of properties in the blob
 * @param sortNodes put child nodes with a unit address in address order; changes the order of
 *     nodes in the blob
 */
public record FormatOptions(int indentSpaces, boolean sortProperties, boolean sortNodes) {
    /** Whitespace and layout only: the blob is the same byte for byte. */
    public static final FormatOptions DEFAULT = new FormatOptions(0, false, false);
    /** Columns a tab advances to, for aligning continuation lines. */
    public static final int TAB_WIDTH = 8;

    public FormatOptions {
        if (indentSpaces < 0 || indentSpaces > 16) {
            throw new IllegalArgumentException("indentation of " + indentSpaces + " spaces");
        }
    }

    /** Whether the blob may change: its order of properties or nodes. */
    public boolean reorders() {
        return sortProperties || sortNodes;
    }

    int levelWidth() {
        return indentSpaces == 0 ? TAB_WIDTH : indentSpaces;
    }

    String level() {
        return indentSpaces == 0 ? "\t" : " ".repeat(indentSpaces);
    }
}
