package io.carveout.preprocess;

import io.carveout.text.SourceSpan;
import java.nio.file.Path;

/** An {@code #include} whose file was found: it is read, or replayed, once the directive's line is done. */
record PendingInclude(Path path, String text, int root, SourceSpan directive) {}
