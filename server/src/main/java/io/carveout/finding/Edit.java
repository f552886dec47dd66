package io.carveout.finding;

import io.carveout.text.SourceSpan;

/** One text replacement in one file: the characters of {@code span} become {@code newText}. */
public record Edit(SourceSpan span, String newText) {
}
