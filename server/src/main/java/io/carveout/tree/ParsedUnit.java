package io.carveout.tree;

import io.carveout.syntax.SyntaxTree;

/**
 * One piece of a board's preprocessed text, parsed: the board is evaluated as a sequence
 * of these, so a piece that many boards share (a SoC .dtsi expanded the same way) is
 * parsed once and reused.
 */
public record ParsedUnit(SyntaxTree tree, Locator locator) {
}
