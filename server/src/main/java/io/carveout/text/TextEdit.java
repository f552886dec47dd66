package io.carveout.text;

import java.util.Objects;

/**
 * A change to a document as an editor sends it: replace a range with new text, or the
 * whole document when the range is absent (LSP's full-content change).
 */
public record TextEdit(TextRange range, String newText) {
    public TextEdit {
        Objects.requireNonNull(newText, "newText");
    }

    public static TextEdit replaceAll(String text) {
        return new TextEdit(null, text);
    }

    public boolean isFullReplacement() {
        return range == null;
    }
}
