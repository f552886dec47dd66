package io.carveout.preprocess;

import io.carveout.finding.Code;
import io.carveout.finding.Severity;
import io.carveout.preprocess.Token.Kind;
import io.carveout.text.SourceSpan;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code #include}, {@code #include_next} and {@code #import}: the header name, the search along
 * the include path, {@code #pragma once} marks, include guards, the depth limit and cycles. An
 * include found here is read, or replayed by {@link IncludeReplay}, once its line is done.
 */
final class Includes {

    static final int MAX_INCLUDE_DEPTH = 200;

    /** The operand of an #include or __has_include: the name, and whether it was in angle brackets. */
    record HeaderName(String name, boolean angled) {}

    private final TranslationUnit unit;
    /** Files marked by {@code #pragma once}. */
    private final Set<Path> onceOnly = new HashSet<>();
    private PendingInclude pendingInclude;

    Includes(TranslationUnit unit) {
        this.unit = unit;
    }

    /** {@code #include}, {@code #import} and, with {@code next}, {@code #include_next}. */
    void doInclude(FileFrame f, int hash, boolean next, String directive) {
        HeaderName header = readHeaderName(f);
        SourceSpan where = unit.reader.directiveSpan(f, hash);
        if (header == null) {
            unit.report(Code.BAD_INCLUDE, Severity.ERROR, where, "#" + directive + " expects \"FILENAME\" or <FILENAME>");
            return;
        }
        if (header.name().isEmpty()) {
            unit.report(Code.BAD_INCLUDE, Severity.ERROR, where, "empty filename in #" + directive);
            return;
        }
        unit.replay.checkedDepth(unit.reader.depth());
        if (unit.reader.depth() > MAX_INCLUDE_DEPTH) {
            unit.replay.poison();
            unit.report(Code.INCLUDE_DEPTH, Severity.ERROR, where,
                    "#include nested depth " + unit.reader.depth() + " exceeds maximum of " + MAX_INCLUDE_DEPTH);
            return;
        }
        boolean asNext = next && unit.reader.depth() > 1 && f.foundRoot >= 0;
        int firstRoot = asNext ? f.foundRoot + 1 : 0;
        IncludeSearch.Candidate found = findInclude(header.name(), header.angled(), firstRoot, asNext);
        if (found == null) {
            unit.report(Code.MISSING_INCLUDE, Severity.ERROR, where,
                    header.name() + ": " + whyNotFound(header.name(), header.angled(), firstRoot, asNext));
            return;
        }
        Path path = found.path();
        String text = unit.reader.textOf(path);
        unit.inclusions.add(new Inclusion(f.path, where, path));
        boolean once = onceOnly.contains(path);
        unit.replay.askedOnce(path, once);
        if (once) {
            return;
        }
        TokenizedText tokens = unit.cache.tokens(text);
        Optional<String> guard = tokens.includeGuard();
        if (guard.isPresent() && unit.conditionals.isDefined(guard.get())) {
            // cpp's multiple-include optimization: the second reading would yield nothing
            return;
        }
        for (FileFrame open : unit.reader.open()) {
            if (open.path.equals(path)) {
                StringBuilder chain = new StringBuilder();
                boolean on = false;
                for (FileFrame g : unit.reader.open()) {
                    on |= g.path.equals(path);
                    if (on) {
                        chain.append(g.path.getFileName()).append(" -> ");
                    }
                }
                chain.append(path.getFileName());
                unit.replay.poison();
                unit.report(Code.INCLUDE_CYCLE, Severity.ERROR, where, "include cycle: " + chain);
                return;
            }
        }
        pendingInclude = new PendingInclude(path, text, found.root(), where);
    }

    IncludeSearch.Candidate findInclude(String name, boolean angled, int firstRoot, boolean next) {
        Path dir = unit.reader.frame().path.getParent();
        List<IncludeSearch.Candidate> candidates = unit.search.candidates(name, angled || next, dir, firstRoot);
        for (IncludeSearch.Candidate c : candidates) {
            Optional<String> read = unit.reader.read(c.path());
            unit.replay.lookedUp(c.path(), read.orElse(null));
            if (read.isPresent()) {
                return c;
            }
        }
        return null;
    }

    /** Why no candidate was read: the first one that exists but may not be read says so. */
    private String whyNotFound(String name, boolean angled, int firstRoot, boolean next) {
        Path dir = unit.reader.frame().path.getParent();
        for (IncludeSearch.Candidate c : unit.search.candidates(name, angled || next, dir, firstRoot)) {
            Optional<String> refusal = unit.sources.refusal(c.path());
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        return "No such file or directory";
    }

    /**
     * The operand of #include. Written directly, it is read from the raw text, since in a header
     * name neither quotes nor comments mean what they mean elsewhere; from a macro, it is the
     * expansion's string, or its tokens from {@code <} to {@code >} joined.
     */
    private HeaderName readHeaderName(FileFrame f) {
        int at = f.cursor;
        if (at < f.tokens.size() && f.tokens.kind(at) != PpTokenKind.NEWLINE) {
            String spelling = f.tokens.spelling(at);
            char open = spelling.isEmpty() ? 0 : spelling.charAt(0);
            if (open == '"' || open == '<') {
                String raw = rawUntil(f.tokens.text(), f.tokens.start(at) + 1, open == '"' ? '"' : '>');
                if (raw != null) {
                    return new HeaderName(raw, open == '<');
                }
            }
        }
        return headerNameFrom(unit.expander.nextNonPadding());
    }

    /** The raw characters from {@code from} to {@code close} on the same logical line; null if none. */
    private static String rawUntil(String text, int from, char close) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < text.length() && (text.charAt(j) == '\n' || text.charAt(j) == '\r')) {
                    i = j + 1 + (text.charAt(j) == '\r' && j + 1 < text.length() && text.charAt(j + 1) == '\n' ? 1 : 0);
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                return null;
            }
            if (c == close) {
                return sb.toString();
            }
            sb.append(c);
            i++;
        }
        return null;
    }

    HeaderName headerNameFrom(Token t) {
        if (t.kind == Kind.STRING && !t.text.startsWith("L")) {
            return new HeaderName(t.text.substring(1, t.text.length() - 1), false);
        }
        if (t.is("<")) {
            StringBuilder sb = new StringBuilder();
            Token source = null;
            for (;;) {
                Token u = unit.expander.next();
                if (u.kind == Kind.PADDING) {
                    if (source == null) {
                        source = u.source;
                    }
                    continue;
                }
                if (u.kind == Kind.EOF) {
                    return null;
                }
                if (u.is(">")) {
                    return new HeaderName(sb.toString(), true);
                }
                Token s = source == null ? u : source;
                if (sb.length() > 0 && s.has(Token.PREV_WHITE)) {
                    sb.append(' ');
                }
                source = null;
                sb.append(u.text);
            }
        }
        return null;
    }

    /** The include found on the directive line just read, if any; it is handed over once. */
    PendingInclude takePending() {
        PendingInclude p = pendingInclude;
        pendingInclude = null;
        return p;
    }

    /** Marks a file read once only, by {@code #pragma once}. */
    void markOnce(Path path) {
        onceOnly.add(path);
    }

    boolean isOnce(Path path) {
        return onceOnly.contains(path);
    }
}
