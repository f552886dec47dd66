package io.carveout.preprocess;

import io.carveout.text.SourceSpan;
import java.nio.file.Path;

/**
 * One {@code #include} that resolved to a file: who included what, for the include graph that
 * tells which boards a {@code .dtsi} belongs to. A repeated inclusion that an include guard or
 * {@code #pragma once} made empty is listed too, since the board still depends on that file.
 *
 * @param directive the range of the {@code #include} line in the including file
 */
public record Inclusion(Path includer, SourceSpan directive, Path included) {}
