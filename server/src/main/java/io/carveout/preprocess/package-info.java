/**
 * The C preprocessor of devicetree sources, equal to the kernel build's {@code cpp -nostdinc
 * -undef -D__DTS__ -x assembler-with-cpp}.
 *
 * <p>{@link io.carveout.preprocess.Preprocessor} is the entry point; it reads files only through
 * a {@link io.carveout.preprocess.SourceProvider} and returns a
 * {@link io.carveout.preprocess.PreprocessResult}: the expanded text, a
 * {@link io.carveout.preprocess.SourceMap} back to what the user wrote, and diagnostics.
 * {@link io.carveout.preprocess.IncludePaths} and {@link io.carveout.preprocess.FileSystemSources}
 * are the only classes that touch the file system. {@link io.carveout.preprocess.TokenCache}
 * shares tokenizations between boards by content, {@link io.carveout.preprocess.IncludeMemo} the
 * expansions of included files between the boards that include them alike.
 */
package io.carveout.preprocess;
