package io.carveout.workspace;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.carveout.syntax.SyntaxTree;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syntax trees by the exact text they were parsed from, shared by every board: a SoC
 * .dtsi that 300 boards include and expand the same way is parsed once. Bounded by the
 * characters held, least recently used first out.
 */
public final class ParseCache {
    private final Cache<String, SyntaxTree> trees;
    private final AtomicLong parses = new AtomicLong();

    public ParseCache(long maxCharacters) {
        trees = CacheBuilder.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((String text, SyntaxTree tree) -> text.length())
                .build();
    }

    /**
     * Room for the expanded SoC files that many boards share: the largest expands to a few
     * hundred thousand characters, so this holds several of them with the boards' own texts.
     * A tree weighs some 10 bytes per character (a compact {@link io.carveout.syntax.SyntaxNode}),
     * so the bound costs some 30 MB; it was 6M characters when a tree weighed 40 bytes per
     * character, and halved to keep a whole kernel tree open within ten times its source.
     */
    public ParseCache() {
        this(3L * 1024 * 1024);
    }

    /** How many characters of text the held trees were parsed from, for benchmarks. */
    public long characters() {
        return trees.asMap().keySet().stream().mapToLong(String::length).sum();
    }

    public SyntaxTree parse(String text) {
        try {
            return trees.get(text, () -> {
                parses.incrementAndGet();
                return SyntaxTree.parse(text);
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The tree of a text if it is held, without parsing. */
    public Optional<SyntaxTree> cached(String text) {
        return Optional.ofNullable(trees.getIfPresent(text));
    }

    /** Holds a tree derived without a parse (an edited tree), under its own text. */
    public void remember(SyntaxTree tree) {
        trees.put(tree.text(), tree);
    }

    /** How many texts were actually parsed (cache misses), for tests and benchmarks. */
    public long parseCount() {
        return parses.get();
    }
}
