package io.carveout.preprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * The include directives a file's text names, found by reading its lines alone: no macro is
 * expanded and no conditional is decided, so a file under {@code #ifdef} counts as included.
 * That is what an index of which board includes which file needs (a board that turns out not to
 * include it is corrected when compiled), at a fraction of the cost of preprocessing.
 */
public final class IncludeLines {
    /** One {@code #include "name"}, {@code #include <name>} or dtc's {@code /include/ "name"}. */
    public record Include(String name, boolean angled, boolean dtc) {
    }

    private IncludeLines() {
    }

    /** Every include the text names, in order, outside comments; names made by a macro are skipped. */
    public static List<Include> scan(String text) {
        List<Include> found = new ArrayList<>();
        int n = text.length();
        boolean lineStart = true;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '"') {
                i = skipString(text, i);
                lineStart = false;
                continue;
            }
            if (c == '#' && lineStart) {
                i = directive(text, i + 1, found);
                lineStart = false;
                continue;
            }
            if (c == '/' && text.startsWith("/include/", i)) {
                int at = skipBlanks(text, i + "/include/".length());
                if (at < n && text.charAt(at) == '"') {
                    int end = text.indexOf('"', at + 1);
                    if (end > at) {
                        found.add(new Include(text.substring(at + 1, end), false, true));
                    }
                }
                i += "/include/".length();
                lineStart = false;
                continue;
            }
            lineStart = false;
            i++;
        }
        return found;
    }

    // After the '#' of a line: an include's name, then the rest of the line is skipped
    // (with its continuations).
    private static int directive(String text, int from, List<Include> found) {
        int n = text.length();
        int at = skipBlanks(text, from);
        int word = at;
        while (at < n && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        String keyword = text.substring(word, at);
        if (keyword.equals("include") || keyword.equals("include_next")) {
            at = skipBlanks(text, at);
            if (at < n && (text.charAt(at) == '"' || text.charAt(at) == '<')) {
                char close = text.charAt(at) == '"' ? '"' : '>';
                int end = at + 1;
                while (end < n && text.charAt(end) != close && text.charAt(end) != '\n') {
                    end++;
                }
                if (end < n && text.charAt(end) == close) {
                    found.add(new Include(text.substring(at + 1, end), close == '>', false));
                }
            }
        }
        while (at < n && text.charAt(at) != '\n') {
            if (text.charAt(at) == '\\' && at + 1 < n && text.charAt(at + 1) == '\n') {
                at++;
            }
            at++;
        }
        return at;
    }

    private static int skipBlanks(String text, int at) {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static int skipString(String text, int at) {
        int i = at + 1;
        while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(text.length(), i + 1);
    }
}
