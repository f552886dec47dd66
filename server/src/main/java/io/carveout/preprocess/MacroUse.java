package io.carveout.preprocess;

import io.carveout.text.SourceSpan;

/**
 * A macro name the user typed that was expanded, with the definition that applied at that point.
 *
 * @param nameSpan the range of the macro name as typed
 */
public record MacroUse(SourceSpan nameSpan, MacroDefinition definition) {}
