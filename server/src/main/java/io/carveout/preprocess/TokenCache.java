package io.carveout.preprocess;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokenizations keyed by the hash of the text, so checking 300 boards that include the same
 * {@code .dtsi} tokenizes it once; safe to share between threads.
 */
public final class TokenCache {

  private final ConcurrentMap<HashCode, TokenizedText> byContent = new ConcurrentHashMap<>();

  /** The tokens of {@code text}, from the cache when an equal text was tokenized before. */
  public TokenizedText tokens(String text) {
    HashCode key = Hashing.murmur3_128().hashUnencodedChars(text);
    TokenizedText cached = byContent.get(key);
    // a hash collision must never hand back another file's tokens
    if (cached != null && cached.text().equals(text)) {
      return cached;
    }
    TokenizedText fresh = TokenizedText.of(text);
    byContent.put(key, fresh);
    return fresh;
  }

  public int size() {
    return byContent.size();
  }

  /** Drops every entry, e.g. when the workspace closes. */
  public void clear() {
    byContent.clear();
  }
}
