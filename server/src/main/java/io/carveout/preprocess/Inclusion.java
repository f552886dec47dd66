package io.carveout.preprocess;

import java.nio.file.Path;

/**
 * One {@code #include} that was followed: who included what, for the include graph that tells
 * which boards a {@code .dtsi} belongs to.
 *
 * @param directive the range of the {@code #include} line in the including file
 */
public record Inclusion(Path includer, SourceSpan directive, Path included) {}
