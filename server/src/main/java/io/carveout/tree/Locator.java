package io.carveout.tree;

import io.carveout.text.SourceSpan;

/**
 * Maps a range of the text the tree was parsed from (preprocessor output) back to the
 * file the user wrote, so that every part of the merged tree knows its origin.
 */
@FunctionalInterface
public interface Locator {
    SourceSpan locate(int start, int end);
}
