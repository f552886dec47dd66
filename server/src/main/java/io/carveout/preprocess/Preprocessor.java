package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The C preprocessor as the kernel's devicetree build runs it ({@code cpp -nostdinc -undef
 * -D__DTS__ -x assembler-with-cpp -I ...}): give it a file, get back the expanded text, the map
 * from that text to what the user wrote, and diagnostics instead of failures.
 *
 * <p>Pure: files come only through the {@link SourceProvider}; no threads, no clock. Each call
 * keeps its state to itself, so one instance may serve many boards, from several threads when
 * the source provider allows; the {@link TokenCache} and the {@link IncludeMemo} are what carry
 * over between calls.
 */
public final class Preprocessor {

    /** The file that diagnostics about macros from settings (the {@code defines}) refer to, as cpp names it. */
    public static final Path COMMAND_LINE = Path.of("<command-line>");

    private final SourceProvider sources;
    private final IncludeSearch search;
    private final Map<String, String> defines;
    private final TokenCache cache;
    private final IncludeMemo memo;

    /**
     * @param defines extra macros, as {@code -D} would give them: name (or {@code NAME(params)}) to
     *     replacement text; iteration order is definition order
     * @param memo remembered expansions of included files to replay where they apply; null to read
     *     every included file
     */
    public Preprocessor(SourceProvider sources, IncludeSearch search, Map<String, String> defines, TokenCache cache,
            IncludeMemo memo) {
        this.sources = sources;
        this.search = search;
        this.defines = new LinkedHashMap<>(defines);
        this.cache = cache;
        this.memo = memo;
    }

    /** A preprocessor that reads every included file, remembering none. */
    public Preprocessor(SourceProvider sources, IncludeSearch search, Map<String, String> defines, TokenCache cache) {
        this(sources, search, defines, cache, null);
    }

    public Preprocessor(SourceProvider sources, IncludeSearch search) {
        this(sources, search, Map.of(), new TokenCache());
    }

    /** Preprocesses the file at {@code file}, read through the source provider. */
    public PreprocessResult preprocess(Path file) {
        return new TranslationUnit(sources, search, cache, defines, memo).run(file, sources.read(file));
    }

    /** Preprocesses {@code text} as if it were the file at {@code file}, e.g. an unsaved buffer. */
    public PreprocessResult preprocess(Path file, String text) {
        return new TranslationUnit(sources, search, cache, defines, memo).run(file, Optional.of(text));
    }

    /**
     * Resolves dtc's own {@code /include/ "name"}, which cpp leaves in the text for dtc: the
     * including file's folder first, then the include paths. The file is not preprocessed by dtc.
     */
    public Optional<Path> resolveDtcInclude(String name, Path includingFile) {
        List<Path> candidates = search.dtcCandidates(name, includingFile);
        for (Path candidate : candidates) {
            if (sources.read(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The file dtc's {@code /incbin/ "name"} names: found as {@code /include/} is, but by its
     * existence, whatever its size, since only a slice of it may be read.
     */
    public Optional<Path> resolveDtcBinary(String name, Path includingFile) {
        for (Path candidate : search.dtcCandidates(name, includingFile)) {
            if (sources.facts(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why dtc's {@code name} was not found though a file of that name exists, as {@link SourceProvider#refusal}. */
    public Optional<String> dtcRefusal(String name, Path includingFile) {
        for (Path candidate : search.dtcCandidates(name, includingFile)) {
            Optional<String> refusal = sources.refusal(candidate);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    public IncludeSearch search() {
        return search;
    }
}
