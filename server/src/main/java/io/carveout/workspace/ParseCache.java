package io.carveout.workspace;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.Iterables;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.CommonEnds;
import io.carveout.text.TextChange;
import java.util.ArrayList;
import java.util.List;
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
    /**
     * The large trees made last, newest first: those the next keystroke's texts are most likely
     * made from. More than one: while a node typed is open, a board parses its SoC file's
     * expansion and then, finding it broken, its whole output, at each key; a cache full of
     * expansions may no longer hold the output the key before parsed.
     */
    private final SyntaxTree[] recent = new SyntaxTree[4];

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
        return parse(text, List.of());
    }

    /**
     * The tree of a text that {@code pieces}, parsed trees, spell end to end (a board's output,
     * read whole because the expansion of one of its #include lines did not parse): when no held
     * tree is close to it, made from the pieces' trees joined, each piece that did not parse
     * standing as the held clean tree closest to it (the expansion before the keystroke that broke
     * it), by re-parsing what differs. The first key that leaves a node half typed in a SoC file
     * otherwise parsed the board's whole output (a quarter of a second while typing).
     */
    public SyntaxTree parse(String text, List<SyntaxTree> pieces) {
        SyntaxTree recentlyMade = recent(text);
        if (recentlyMade != null) {
            return recentlyMade;
        }
        try {
            return trees.get(text, () -> {
                parses.incrementAndGet();
                return derivedOrParsed(text, pieces);
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many texts were made from pieces joined, for tests. */
    public long joinedCount() {
        return joins.get();
    }

    private final AtomicLong joins = new AtomicLong();

    /**
     * Below this, a text is parsed whole: finding a held text it was edited from costs more
     * than the parse saves.
     */
    private static final int DERIVED_FROM_CHARACTERS = 16_384;

    /**
     * The tree of a text not held: made from a held tree whose text differs from it in one
     * stretch (the same included file's expansion before a keystroke) by re-parsing only the
     * smallest balanced body around that stretch, as the editor's own file is; else parsed. A
     * keystroke in a SoC .dtsi changes the expansion that each of its boards parses, and parsing
     * that whole was two thirds of the board's compile. {@link SyntaxTree#edit} answers the same
     * tree as a parse of the new text, whichever held text it starts from.
     */
    private SyntaxTree derivedOrParsed(String text, List<SyntaxTree> pieces) {
        if (text.length() < DERIVED_FROM_CHARACTERS) {
            return SyntaxTree.parse(text);
        }
        Iterable<SyntaxTree> held = Iterables.concat(recentTrees(), trees.asMap().values());
        Optional<CommonEnds.Closest<SyntaxTree>> closest = CommonEnds.closest(held, SyntaxTree::text, text,
                DERIVED_FROM_CHARACTERS);
        Optional<SyntaxTree> joined = closest.isPresent() || pieces.isEmpty() ? Optional.empty() : joined(pieces);
        SyntaxTree made;
        if (joined.isPresent()) {
            joins.incrementAndGet();
            SyntaxTree from = joined.get();
            TextChange change = CommonEnds.of(from.text(), text).change(from.text(), text);
            made = (change.start() == change.end() && change.replacement().isEmpty() ? from
                    : from.edit(change.start(), change.end(), change.replacement())).over(text)
                    .orElseGet(() -> SyntaxTree.parse(text));
        } else if (closest.isEmpty()) {
            made = SyntaxTree.parse(text);
        } else {
            SyntaxTree from = closest.get().held();
            TextChange change = closest.get().ends().change(from.text(), text);
            made = from.edit(change.start(), change.end(), change.replacement()).over(text)
                    .orElseGet(() -> SyntaxTree.parse(text));
            superseded(from);
            keepIfClean(from);
        }
        madeRecently(made);
        return made;
    }

    // The pieces' trees joined, each with diagnostics replaced by the held tree without any
    // whose text is closest to its own; empty when one has none close, or they do not join.
    private Optional<SyntaxTree> joined(List<SyntaxTree> pieces) {
        List<SyntaxTree> clean = new ArrayList<>(pieces.size());
        StringBuilder text = new StringBuilder();
        for (SyntaxTree piece : pieces) {
            SyntaxTree standing = piece;
            if (!piece.diagnostics().isEmpty()) {
                Iterable<SyntaxTree> held = Iterables.filter(Iterables.concat(recentTrees(), cleanBefore(),
                        trees.asMap().values()), tree -> tree.diagnostics().isEmpty());
                Optional<CommonEnds.Closest<SyntaxTree>> before = CommonEnds.closest(held, SyntaxTree::text,
                        piece.text(), 0);
                if (before.isEmpty()) {
                    return Optional.empty();
                }
                standing = before.get().held();
            }
            clean.add(standing);
            text.append(standing.text());
        }
        return SyntaxTree.joined(text.toString(), clean);
    }

    /**
     * A tree another was made from by an edit leaves the cache (the recent trees keep it to
     * make the next one from): while a file is typed in, each key makes a new version of its
     * text and of each expansion of it, and a cache that kept the versions before held a dozen
     * large trees that no one would ask for again, each living just long enough to be copied
     * by the collector. A text that comes back (an undo) is made again from a recent tree.
     */
    private void superseded(SyntaxTree tree) {
        trees.invalidate(tree.text());
    }

    /**
     * The last large trees without diagnostics that a text this cache made was derived from: the
     * expansion as it was before the key that broke it, which a whole output is joined from
     * ({@link #parse(String, List)}) right after. Neither the cache (superseded) nor the recent
     * trees (pushed out by the edited file's own trees of the keys since) keep it.
     */
    private final SyntaxTree[] cleanBefore = new SyntaxTree[2];

    private void keepIfClean(SyntaxTree tree) {
        if (tree.diagnostics().isEmpty()) {
            push(cleanBefore, tree);
        }
    }

    private List<SyntaxTree> cleanBefore() {
        return held(cleanBefore);
    }

    private List<SyntaxTree> recentTrees() {
        return held(recent);
    }

    // A ring of trees, newest first: what it holds, and a tree put in front (the oldest out).
    private static List<SyntaxTree> held(SyntaxTree[] ring) {
        synchronized (ring) {
            List<SyntaxTree> trees = new ArrayList<>(ring.length);
            for (SyntaxTree tree : ring) {
                if (tree != null) {
                    trees.add(tree);
                }
            }
            return trees;
        }
    }

    private static void push(SyntaxTree[] ring, SyntaxTree tree) {
        synchronized (ring) {
            System.arraycopy(ring, 0, ring, 1, ring.length - 1);
            ring[0] = tree;
        }
    }

    private void madeRecently(SyntaxTree tree) {
        push(recent, tree);
    }

    /** The tree of a text if it is held, without parsing. */
    public Optional<SyntaxTree> cached(String text) {
        SyntaxTree held = trees.getIfPresent(text);
        return Optional.ofNullable(held != null ? held : recent(text));
    }

    // One of the recent trees made from this very text (the cache may have let it go: superseded).
    private SyntaxTree recent(String text) {
        if (text.length() < DERIVED_FROM_CHARACTERS) {
            return null;
        }
        synchronized (recent) {
            for (SyntaxTree tree : recent) {
                if (tree != null && (tree.text() == text
                        || (tree.text().length() == text.length() && tree.text().equals(text)))) {
                    return tree;
                }
            }
        }
        return null;
    }

    /** Holds a tree derived without a parse (an edited tree), under its own text, in place of the one it was derived from. */
    public void remember(SyntaxTree tree, SyntaxTree derivedFrom) {
        if (derivedFrom.text().length() >= DERIVED_FROM_CHARACTERS) {
            superseded(derivedFrom);
        }
        remember(tree);
    }

    /** Holds a tree derived without a parse, under its own text. */
    public void remember(SyntaxTree tree) {
        trees.put(tree.text(), tree);
        if (tree.text().length() >= DERIVED_FROM_CHARACTERS) {
            madeRecently(tree);
        }
    }

    /** How many texts were not held (cache misses: parsed, or derived from a held tree), for tests and benchmarks. */
    public long parseCount() {
        return parses.get();
    }
}
