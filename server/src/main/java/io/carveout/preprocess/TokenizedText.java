package io.carveout.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The preprocessing tokens of one text, cut by the rules cpp uses for {@code -x
 * assembler-with-cpp}; immutable, so one tokenization serves every board that includes the file.
 *
 * <p>Offsets are into the original text, so a token that contains a backslash-newline splice
 * spans more characters than its spelling.
 */
public final class TokenizedText {

    static final byte PREV_WHITE = 1;
    static final byte BOL = 2;

    private static final PpTokenKind[] KINDS = PpTokenKind.values();

    private final String text;
    private final int count;
    private final byte[] kinds;
    private final byte[] flags;
    private final int[] starts;
    private final int[] ends;
    private final String[] spellings;
    private final int[] lineStarts;
    private final List<int[]> unterminatedComments;
    private final String includeGuard;

    private TokenizedText(Lexer lexer) {
        this.text = lexer.source;
        this.count = lexer.count;
        this.kinds = Arrays.copyOf(lexer.kinds, count);
        this.flags = Arrays.copyOf(lexer.flags, count);
        this.starts = Arrays.copyOf(lexer.starts, count);
        this.ends = Arrays.copyOf(lexer.ends, count);
        this.spellings = Arrays.copyOf(lexer.spellings, count);
        this.lineStarts = lineStarts(text);
        this.unterminatedComments = List.copyOf(lexer.unterminatedComments);
        this.includeGuard = findIncludeGuard();
    }

    /** Tokenizes {@code text}; never fails, whatever the bytes. */
    public static TokenizedText of(String text) {
        Lexer lexer = new Lexer(text);
        lexer.run(0, null);
        return new TokenizedText(lexer);
    }

    /**
     * The tokens of {@code after}, the text this one's becomes when {@code [start, end)} is
     * replaced: the tokens are read again from the line the edit starts on to the first line
     * break past it that ends a line of the old text too, and the rest are this text's, moved.
     * Equal to {@link #of} of {@code after}: a line break outside a comment leaves the lexer in
     * one state (at a line start, no space seen), and what follows it is the same text. A text
     * with backslash-newline splices or carriage returns is read whole.
     */
    public TokenizedText edited(int start, int end, String after) {
        int delta = after.length() - text.length();
        int newEnd = end + delta;
        if (start < 0 || end < start || end > text.length() || newEnd < start || Lexer.needsCleaning(text)) {
            return of(after);
        }
        // the last line break token that ends at or before the edit: lexing restarts after it
        int kept = lastNewlineEndingBy(start);
        int restart = kept < 0 ? 0 : ends[kept];
        for (int[] comment : unterminatedComments) {
            if (comment[0] < restart) {
                return of(after); // a comment that never closes runs over every later line break
            }
        }
        Lexer lexer = new Lexer(after);
        if (lexer.physical != null) { // the edit brought a splice or a carriage return
            lexer.run(0, null);
            return new TokenizedText(lexer);
        }
        lexer.copyFrom(this, 0, kept + 1, 0);
        int[] resumed = new int[] {-1};
        lexer.run(restart, lineEnd -> {
            if (lineEnd - 1 < newEnd) {
                return false; // the line break is inside the edit or before its end
            }
            int old = newlineEndingAt(lineEnd - delta);
            if (old < 0) {
                return false;
            }
            resumed[0] = old;
            return true;
        });
        if (resumed[0] >= 0) {
            lexer.copyFrom(this, resumed[0] + 1, count, delta);
            for (int[] comment : unterminatedComments) {
                if (comment[0] >= ends[resumed[0]]) {
                    lexer.unterminatedComments.add(new int[] {comment[0] + delta, after.length()});
                }
            }
        }
        return new TokenizedText(lexer);
    }

    // Index of the last NEWLINE token whose end is at or before offset; -1 when none.
    private int lastNewlineEndingBy(int offset) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) { // the last token starting before offset
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = found; i >= 0; i--) {
            if (kinds[i] == PpTokenKind.NEWLINE.ordinal() && ends[i] <= offset) {
                return i;
            }
        }
        return -1;
    }

    // Index of the NEWLINE token that ends at offset; -1 when none does.
    private int newlineEndingAt(int offset) {
        int i = Arrays.binarySearch(starts, 0, count, offset - 1);
        return i >= 0 && kinds[i] == PpTokenKind.NEWLINE.ordinal() && ends[i] == offset ? i : -1;
    }

    public String text() {
        return text;
    }

    public int size() {
        return count;
    }

    public PpTokenKind kind(int i) {
        return KINDS[kinds[i]];
    }

    /** Offset of the token's first character in {@link #text()}. */
    public int start(int i) {
        return starts[i];
    }

    /** Offset just past the token's last character in {@link #text()}. */
    public int end(int i) {
        return ends[i];
    }

    /** The token as the preprocessor sees it: splices removed; {@code "\n"} for a newline. */
    public String spelling(int i) {
        String s = spellings[i];
        return s == null ? "\n" : s;
    }

    /** Whether white space or a comment separates the token from the one before on its line. */
    public boolean precededBySpace(int i) {
        return (flags[i] & PREV_WHITE) != 0;
    }

    /** Whether the token is the first of its logical line, the only place a directive starts. */
    public boolean atLineStart(int i) {
        return (flags[i] & BOL) != 0;
    }

    byte flags(int i) {
        return flags[i];
    }

    /** One-based physical line of an offset, as {@code __LINE__} counts. */
    public int lineOf(int offset) {
        int pos = Arrays.binarySearch(lineStarts, offset);
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /** Ranges {@code [start, end)} of block comments that never close. */
    public List<int[]> unterminatedComments() {
        return unterminatedComments;
    }

    /**
     * The macro of a classic {@code #ifndef X / #define X ... #endif} guard around the whole text;
     * when X is defined a second inclusion yields nothing, so it can be skipped, as cpp does.
     */
    public Optional<String> includeGuard() {
        return Optional.ofNullable(includeGuard);
    }

    private static int[] lineStarts(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] result = new int[lines];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                result[n++] = i + 1;
            }
        }
        return result;
    }

    private boolean isDirective(int i, String name) {
        return i + 1 < count
                && (flags[i] & BOL) != 0
                && "#".equals(spellings[i])
                && kinds[i + 1] == PpTokenKind.IDENTIFIER.ordinal()
                && name.equals(spellings[i + 1]);
    }

    private String findIncludeGuard() {
        int i = 0;
        while (i < count && kinds[i] == PpTokenKind.NEWLINE.ordinal()) {
            i++;
        }
        if (!isDirective(i, "ifndef")
                || i + 3 >= count
                || kinds[i + 2] != PpTokenKind.IDENTIFIER.ordinal()
                || kinds[i + 3] != PpTokenKind.NEWLINE.ordinal()) {
            return null;
        }
        String guard = spellings[i + 2];
        int depth = 0;
        for (int j = i; j < count; j++) {
            if (!(j + 1 < count && (flags[j] & BOL) != 0 && "#".equals(spellings[j]))) {
                continue;
            }
            if (isDirective(j, "if") || isDirective(j, "ifdef") || isDirective(j, "ifndef")) {
                depth++;
            } else if (depth == 1
                    && (isDirective(j, "else") || isDirective(j, "elif")
                            || isDirective(j, "elifdef") || isDirective(j, "elifndef"))) {
                return null;
            } else if (isDirective(j, "endif")) {
                depth--;
                if (depth == 0) {
                    int k = j + 2;
                    while (k < count && kinds[k] != PpTokenKind.NEWLINE.ordinal()) {
                        k++;
                    }
                    for (; k < count; k++) {
                        if (kinds[k] != PpTokenKind.NEWLINE.ordinal()) {
                            return null;
                        }
                    }
                    return unterminatedComments.isEmpty() ? guard : null;
                }
            }
        }
        return null;
    }

    /**
     * Lexes {@code spelling} as one token, the test cpp applies to the result of {@code ##}; empty
     * when it does not form exactly one token.
     */
    static Optional<PpTokenKind> singleToken(String spelling) {
        Lexer lexer = new Lexer(spelling);
        lexer.run(0, null);
        if (lexer.count == 1
                && lexer.starts[0] == 0
                && lexer.ends[0] == spelling.length()
                && lexer.unterminatedComments.isEmpty()) {
            return Optional.of(KINDS[lexer.kinds[0]]);
        }
        return Optional.empty();
    }

    /** Cuts text into tokens; works on the text with splices removed, then maps offsets back. */
    private static final class Lexer {
        private static final String[] PUNCTUATORS_3 = {"...", "<<=", ">>="};
        private static final String[] PUNCTUATORS_2 = {
            "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
            "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##"
        };
        private static final String PUNCTUATORS_1 = "[](){}.&*+-~!/%<>^|?:;=,#";
        private static final Map<String, String> CONSTANTS = new HashMap<>();

        static {
            for (String p : PUNCTUATORS_3) {
                CONSTANTS.put(p, p);
            }
            for (String p : PUNCTUATORS_2) {
                CONSTANTS.put(p, p);
            }
            for (char c : PUNCTUATORS_1.toCharArray()) {
                String p = String.valueOf(c);
                CONSTANTS.put(p, p);
            }
        }

        final String source;
        /** The text with splices removed and every line end as a single '\n'. */
        private final String logical;
        /** Physical offset of each logical character; null when the two coincide. */
        private final int[] physical;

        int count;
        byte[] kinds = new byte[64];
        byte[] flags = new byte[64];
        int[] starts = new int[64];
        int[] ends = new int[64];
        String[] spellings = new String[64];
        final List<int[]> unterminatedComments = new ArrayList<>();
        private final Map<String, String> interned = new HashMap<>();

        Lexer(String source) {
            this.source = source;
            if (needsCleaning(source)) {
                StringBuilder sb = new StringBuilder(source.length());
                int[] map = new int[source.length() + 1];
                int n = source.length();
                int i = 0;
                while (i < n) {
                    char c = source.charAt(i);
                    if (c == '\\') {
                        int j = i + 1;
                        while (j < n && isHorizontalSpace(source.charAt(j))) {
                            j++;
                        }
                        if (j == n) {
                            i = n;
                            continue;
                        }
                        if (source.charAt(j) == '\n') {
                            i = j + 1;
                            continue;
                        }
                        if (source.charAt(j) == '\r') {
                            i = j + 1 < n && source.charAt(j + 1) == '\n' ? j + 2 : j + 1;
                            continue;
                        }
                    }
                    map[sb.length()] = i;
                    if (c == '\r') {
                        sb.append('\n');
                        i = i + 1 < n && source.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                map[sb.length()] = n;
                this.logical = sb.toString();
                this.physical = map;
            } else {
                this.logical = source;
                this.physical = null;
            }
        }

        private static boolean needsCleaning(String s) {
            return s.indexOf('\\') >= 0 || s.indexOf('\r') >= 0;
        }

        private static boolean isHorizontalSpace(char c) {
            return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
        }

        private int phys(int logicalOffset) {
            return physical == null ? logicalOffset : physical[logicalOffset];
        }

        /** Told where each line break token ends; true stops the lexing there. */
        interface LineBreaks {
            boolean stopAfter(int lineEnd);
        }

        /** Appends tokens {@code [from, to)} of another tokenization, moved by {@code delta}. */
        void copyFrom(TokenizedText other, int from, int to, int delta) {
            for (int i = from; i < to; i++) {
                if (count == kinds.length) {
                    grow();
                }
                kinds[count] = other.kinds[i];
                flags[count] = other.flags[i];
                starts[count] = other.starts[i] + delta;
                ends[count] = other.ends[i] + delta;
                spellings[count] = other.spellings[i];
                count++;
            }
        }

        /** Lexes from {@code from}, a line start outside any comment, to the end or to where {@code breaks} says. */
        void run(int from, LineBreaks breaks) {
            String s = logical;
            int n = s.length();
            int i = from;
            boolean bol = true;
            boolean white = false;
            while (i < n) {
                char c = s.charAt(i);
                if (c == '\n') {
                    add(PpTokenKind.NEWLINE, i, i + 1, false, false);
                    bol = true;
                    white = false;
                    i++;
                    if (breaks != null && breaks.stopAfter(i)) {
                        return;
                    }
                    continue;
                }
                if (isHorizontalSpace(c) || c == 0) {
                    white = true;
                    i++;
                    continue;
                }
                if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                    int close = s.indexOf("*/", i + 2);
                    int stop = close < 0 ? n : close + 2;
                    if (close < 0) {
                        unterminatedComments.add(new int[] {phys(i), source.length()});
                    }
                    if (s.indexOf('\n', i) >= 0 && s.indexOf('\n', i) < stop) {
                        // cpp marks no line start after a comment that crossed a line end
                        bol = false;
                    }
                    white = true;
                    i = stop;
                    continue;
                }
                if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                    int nl = s.indexOf('\n', i);
                    i = nl < 0 ? n : nl;
                    white = true;
                    continue;
                }
                int start = i;
                PpTokenKind kind;
                if (c == 'L' && i + 1 < n && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
                    i = quoted(s, i + 1);
                    kind = quoteKind(s, start + 1, i);
                } else if (isIdentStart(c)) {
                    i++;
                    while (i < n && isIdentPart(s.charAt(i))) {
                        i++;
                    }
                    kind = PpTokenKind.IDENTIFIER;
                } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                    i = number(s, i);
                    kind = PpTokenKind.NUMBER;
                } else if (c == '"' || c == '\'') {
                    i = quoted(s, i);
                    kind = quoteKind(s, start, i);
                } else {
                    int len = punctuator(s, i);
                    if (len > 0) {
                        i += len;
                        kind = PpTokenKind.PUNCTUATOR;
                    } else {
                        i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
                        kind = PpTokenKind.OTHER;
                    }
                }
                add(kind, start, i, white, bol);
                bol = false;
                white = false;
            }
        }

        /** Scans a quoted literal from its opening quote; an unclosed one runs to the line end. */
        private static int quoted(String s, int open) {
            char terminator = s.charAt(open);
            int n = s.length();
            int j = open + 1;
            while (j < n) {
                char ch = s.charAt(j);
                if (ch == '\\' && j + 1 < n && s.charAt(j + 1) != '\n') {
                    j += 2;
                } else if (ch == terminator) {
                    return j + 1;
                } else if (ch == '\n') {
                    return j;
                } else {
                    j++;
                }
            }
            return n;
        }

        private static PpTokenKind quoteKind(String s, int open, int end) {
            char terminator = s.charAt(open);
            boolean closed = end - open >= 2 && s.charAt(end - 1) == terminator
                    && !escapedAt(s, open + 1, end - 1);
            if (!closed) {
                return PpTokenKind.OTHER;
            }
            return terminator == '"' ? PpTokenKind.STRING : PpTokenKind.CHARACTER;
        }

        /** Whether the character at {@code pos} is escaped by the backslashes before it. */
        private static boolean escapedAt(String s, int from, int pos) {
            int backslashes = 0;
            for (int k = pos - 1; k >= from && s.charAt(k) == '\\'; k--) {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }

        private static int number(String s, int i) {
            int n = s.length();
            i++;
            while (i < n) {
                char ch = s.charAt(i);
                if (isIdentPart(ch) || ch == '.') {
                    i++;
                } else if ((ch == '+' || ch == '-') && isExponent(s.charAt(i - 1))) {
                    i++;
                } else {
                    break;
                }
            }
            return i;
        }

        private static boolean isExponent(char c) {
            return c == 'e' || c == 'E' || c == 'p' || c == 'P';
        }

        private static int punctuator(String s, int i) {
            for (String p : PUNCTUATORS_3) {
                if (s.startsWith(p, i)) {
                    return 3;
                }
            }
            for (String p : PUNCTUATORS_2) {
                if (s.startsWith(p, i)) {
                    return 2;
                }
            }
            return PUNCTUATORS_1.indexOf(s.charAt(i)) >= 0 ? 1 : 0;
        }

        private void add(PpTokenKind kind, int logicalStart, int logicalEnd, boolean white, boolean bol) {
            if (count == kinds.length) {
                grow();
            }
            kinds[count] = (byte) kind.ordinal();
            flags[count] = (byte) ((white ? PREV_WHITE : 0) | (bol ? BOL : 0));
            starts[count] = phys(logicalStart);
            ends[count] = phys(logicalEnd - 1) + 1;
            if (kind != PpTokenKind.NEWLINE) {
                String spelling = logical.substring(logicalStart, logicalEnd);
                String constant = CONSTANTS.get(spelling);
                if (constant != null) {
                    spelling = constant;
                } else {
                    // a file repeats its names and numbers; one string each keeps cached files small
                    spelling = interned.computeIfAbsent(spelling, k -> k);
                }
                spellings[count] = spelling;
            }
            count++;
        }

        private void grow() {
            int cap = count * 2;
            kinds = Arrays.copyOf(kinds, cap);
            flags = Arrays.copyOf(flags, cap);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            spellings = Arrays.copyOf(spellings, cap);
        }

        static boolean isIdentStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        static boolean isIdentPart(char c) {
            return isIdentStart(c) || isDigit(c);
        }

        static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
