package io.carveout.text;

import java.util.Objects;

/** An edit in offsets: the characters {@code [start, end)} of a text replaced by {@code replacement}. */
public record TextChange(int start, int end, String replacement) {
    public TextChange {
        Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad change range " + start + ".." + end);
        }
    }

    /** The text with this change made. */
    public String applyTo(String text) {
        return text.substring(0, start) + replacement + text.substring(end);
    }
}
