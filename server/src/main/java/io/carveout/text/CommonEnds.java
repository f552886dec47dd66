package io.carveout.text;

/**
 * How much two texts share at their start and at their end: a keystroke's new version of a file
 * (or of its expansion) differs from the version before in one stretch between the two, which
 * is all that needs lexing or parsing again.
 *
 * @param prefix characters equal from the start
 * @param suffix characters equal from the end, not overlapping the prefix in either text
 */
public record CommonEnds(int prefix, int suffix) {

    /** The ends two texts share. */
    public static CommonEnds of(String before, String after) {
        int n = Math.min(before.length(), after.length());
        int prefix = 0;
        while (prefix < n && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < n - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return new CommonEnds(prefix, suffix);
    }

    /** A quick look before {@link #of}: another file's text differs at once at one end or the other. */
    public static boolean maySharePrefixAndSuffix(String a, String b) {
        int look = Math.min(64, Math.min(a.length(), b.length()));
        return a.regionMatches(0, b, 0, look) && a.regionMatches(a.length() - look, b, b.length() - look, look);
    }

    /** A held value, and the ends its text shares with another. */
    public record Closest<T>(T held, CommonEnds ends) {
    }

    /**
     * A text that differs from another in no more than this many characters on either side is
     * taken at once: a keystroke's version of a file is a character away from the one before, and
     * comparing a 300 kB expansion with every version a cache holds cost milliseconds per key.
     */
    static final int NEAR_ENOUGH = 1024;

    /**
     * Of values holding texts, the one whose text shares most with {@code text} at its ends,
     * when that is at least half of {@code text} (else lexing or parsing it whole costs no more);
     * texts shorter than {@code minLength} are not looked at. The first value whose text differs
     * in one stretch of at most {@link #NEAR_ENOUGH} characters is taken without looking further:
     * put the likeliest first (the text made last).
     */
    public static <T> java.util.Optional<Closest<T>> closest(Iterable<T> held,
            java.util.function.Function<T, String> textOf, String text, int minLength) {
        Closest<T> best = null;
        for (T candidate : held) {
            String before = textOf.apply(candidate);
            if (before.length() < minLength || !maySharePrefixAndSuffix(before, text)) {
                continue;
            }
            CommonEnds ends = of(before, text);
            if (best == null || ends.shared() > best.ends().shared()) {
                best = new Closest<>(candidate, ends);
            }
            if (text.length() - ends.shared() <= NEAR_ENOUGH && before.length() - ends.shared() <= NEAR_ENOUGH) {
                break;
            }
        }
        return best == null || best.ends().shared() < text.length() / 2 ? java.util.Optional.empty()
                : java.util.Optional.of(best);
    }

    /** The characters the two texts share. */
    public int shared() {
        return prefix + suffix;
    }

    /** The change that makes {@code after} of {@code before}. */
    public TextChange change(String before, String after) {
        return new TextChange(prefix, before.length() - suffix, after.substring(prefix, after.length() - suffix));
    }
}
