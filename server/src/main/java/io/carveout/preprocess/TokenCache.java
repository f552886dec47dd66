package io.carveout.preprocess;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import io.carveout.text.CommonEnds;

/**
 * Tokenizations keyed by the hash of the text, so checking 300 boards that include the same
 * {@code .dtsi} tokenizes it once; safe to share between threads.
 *
 * <p>Bounded by the characters it holds, least recently used first out, because in an editor
 * every keystroke makes a new text and old versions must not pile up.
 */
public final class TokenCache {

    /**
     * Room for the SoC files and headers that many boards read: since the include memo replays
     * what an unchanged include expands to, a file is tokenized again only when it changed or
     * is read under other macros, so the cache need not hold the whole tree (a tokenization
     * weighs some 4 bytes a character).
     */
    public static final long DEFAULT_MAX_CHARACTERS = 4L << 20;

    private final Cache<HashCode, TokenizedText> byContent;
    // The same String instance comes back for every board from a memoized source
    // provider: recognising it saves hashing a large .dtsi once per board. Bounded as the
    // other: open documents keep their texts alive, so weak keys alone would hold them all.
    private final Cache<String, TokenizedText> byInstance;

    public TokenCache() {
        this(DEFAULT_MAX_CHARACTERS);
    }

    public TokenCache(long maxCharacters) {
        this.byContent = CacheBuilder.newBuilder()
                .maximumWeight(maxCharacters)
                .<HashCode, TokenizedText>weigher((key, tokens) -> Math.max(1, tokens.text().length()))
                .build();
        this.byInstance = CacheBuilder.newBuilder().weakKeys()
                .maximumWeight(maxCharacters)
                .<String, TokenizedText>weigher((text, tokens) -> Math.max(1, text.length()))
                .build();
    }

    /** The tokens of {@code text}, from the cache when an equal text was tokenized before. */
    public TokenizedText tokens(String text) {
        TokenizedText same = byInstance.getIfPresent(text);
        if (same != null) {
            return same;
        }
        TokenizedText tokens = tokensByContent(text);
        byInstance.put(text, tokens);
        return tokens;
    }

    private TokenizedText tokensByContent(String text) {
        HashCode key = Hashing.murmur3_128().hashUnencodedChars(text);
        TokenizedText cached = byContent.getIfPresent(key);
        // a hash collision must never hand back another file's tokens
        if (cached != null && cached.text().equals(text)) {
            return cached;
        }
        TokenizedText fresh = editedOrLexed(text);
        byContent.put(key, fresh);
        return fresh;
    }

    /** Below this a text is lexed whole: finding a held version of it costs more than that. */
    private static final int EDITED_FROM_CHARACTERS = 16_384;

    /**
     * The tokens of a text not held: from a held text it differs from in one stretch (the file
     * before a keystroke), only the lines around that stretch lexed again; else the whole text.
     * Lexing the edited SoC file afresh was most of preprocessing it at each keystroke.
     */
    private TokenizedText editedOrLexed(String text) {
        if (text.length() < EDITED_FROM_CHARACTERS) {
            return TokenizedText.of(text);
        }
        TokenizedText recent = last;
        Iterable<TokenizedText> held = recent == null ? byInstance.asMap().values()
                : com.google.common.collect.Iterables.concat(java.util.List.of(recent), byInstance.asMap().values());
        var closest = CommonEnds.closest(held, TokenizedText::text, text, EDITED_FROM_CHARACTERS);
        TokenizedText made = closest
                .map(c -> c.held().edited(c.ends().prefix(), c.held().text().length() - c.ends().suffix(), text))
                .orElseGet(() -> TokenizedText.of(text));
        closest.ifPresent(c -> superseded(c.held()));
        last = made;
        return made;
    }

    /**
     * Tokens another text's were made from by an edit leave the cache: while a file is typed in,
     * each key makes a new version, and a cache that kept those before held a score of large
     * tokenizations no one would ask for again, each living just long enough to be copied by the
     * collector. A text that comes back (an undo) is made again from the last one.
     */
    private void superseded(TokenizedText tokens) {
        byInstance.invalidate(tokens.text());
        byContent.asMap().values().removeIf(held -> held == tokens);
    }

    /** The large text tokenized last: the one the next keystroke's text is most likely edited from. */
    private volatile TokenizedText last;

    public long size() {
        return byContent.size();
    }

    /** Drops every entry, e.g. when the workspace closes. */
    public void clear() {
        byContent.invalidateAll();
        byInstance.invalidateAll();
    }
}
