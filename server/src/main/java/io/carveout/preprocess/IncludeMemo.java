package io.carveout.preprocess;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembered expansions of included files, so that the 27 boards that include one SoC
 * {@code .dtsi}, or the 300 that include the same headers, read each once: an {@code #include}
 * whose file, include search, macros read and files looked up are as when it was recorded
 * replays the recorded output, source map, macros, inclusions, diagnostics and macro uses, which
 * are exactly what reading it again would give. Safe to share between preprocessors and threads.
 *
 * <p>Bounded by an estimate of the bytes it holds, least recently used first out: in an editor
 * every keystroke in a {@code .dtsi} makes a new text, and old expansions must not pile up.
 */
public final class IncludeMemo {

    /**
     * Room, by the estimate, for a few dozen SoC files' expansions with their headers: what an
     * editor's boards or a batch of boards sorted by name need at once. The estimate runs about
     * twice the heap really held (all 332 arm64 qcom boards: 101 MiB estimated, 50 MiB held).
     */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;
    /** Expansions kept per file: one per distinct context it is included in, the latest first. */
    static final int VARIANTS_PER_FILE = 6;

    private record Key(Path path, int foundRoot, IncludeSearch search) {}

    private final Cache<Key, List<IncludeExpansion>> byFile;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public IncludeMemo() {
        this(DEFAULT_MAX_BYTES);
    }

    public IncludeMemo(long maxBytes) {
        this.byFile = CacheBuilder.newBuilder()
                // one segment: the bound is on the whole memo, least recently used first out
                .concurrencyLevel(1)
                .maximumWeight(maxBytes)
                .<Key, List<IncludeExpansion>>weigher((key, variants) -> {
                    long w = 0;
                    for (IncludeExpansion e : variants) {
                        w += e.weight();
                    }
                    return (int) Math.min(Integer.MAX_VALUE, w);
                })
                .build();
    }

    /** The recorded expansions of {@code path} with this text, found under this root with this search, latest first. */
    List<IncludeExpansion> recorded(Path path, String text, int foundRoot, IncludeSearch search) {
        List<IncludeExpansion> variants = byFile.getIfPresent(new Key(path, foundRoot, search));
        if (variants == null) {
            return List.of();
        }
        List<IncludeExpansion> same = new ArrayList<>(variants.size());
        for (IncludeExpansion e : variants) {
            if (IncludeExpansion.sameText(e.text, text)) {
                same.add(e);
            }
        }
        return same;
    }

    void remember(IncludeExpansion e) {
        byFile.asMap().compute(new Key(e.path, e.foundRoot, e.search), (key, old) -> {
            List<IncludeExpansion> variants = new ArrayList<>();
            variants.add(e);
            if (old != null) {
                for (IncludeExpansion o : old) {
                    // an older text of the file is an edit that is gone: drop it
                    if (variants.size() < VARIANTS_PER_FILE && IncludeExpansion.sameText(o.text, e.text)) {
                        variants.add(o);
                    }
                }
            }
            return List.copyOf(variants);
        });
    }

    /** Drops a recording that will not apply again (a file it read has changed). */
    void forget(IncludeExpansion e) {
        byFile.asMap().computeIfPresent(new Key(e.path, e.foundRoot, e.search), (key, old) -> {
            List<IncludeExpansion> kept = new ArrayList<>(old);
            kept.remove(e);
            return kept.isEmpty() ? null : List.copyOf(kept);
        });
    }

    /** The estimated bytes the remembered expansions keep alive. */
    public long estimatedBytes() {
        long w = 0;
        for (List<IncludeExpansion> variants : byFile.asMap().values()) {
            for (IncludeExpansion e : variants) {
                w += e.weight();
            }
        }
        return w;
    }

    void counted(boolean hit) {
        (hit ? hits : misses).incrementAndGet();
    }

    /** Inclusions replayed from the memo since it was made. */
    public long hits() {
        return hits.get();
    }

    /** Inclusions read because no remembered expansion applied. */
    public long misses() {
        return misses.get();
    }

    /** Files with remembered expansions. */
    public long size() {
        return byFile.size();
    }

    /** Drops every entry, e.g. when the workspace closes. */
    public void clear() {
        byFile.invalidateAll();
    }
}
