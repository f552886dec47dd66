package io.carveout.workspace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a JSON text is written, so that a problem with a setting can be reported at
 * its line and column: Gson's tree keeps no positions. Reads what Gson's lenient parser accepts
 * (comments, single quotes, unquoted names); an array element's key is its index.
 */
final class JsonKeys {
    /** A 1-based line and column (in UTF-16 code units, as the rest of the command line counts them). */
    record Place(int line, int column) {
    }

    private final Map<List<String>, Place> places = new HashMap<>();

    private JsonKeys() {
    }

    /** The place of the key at {@code path}, or of the nearest key above it that is written. */
    static Place of(String json, List<String> path) {
        JsonKeys keys = read(json);
        for (int n = path.size(); n > 0; n--) {
            Place place = keys.places.get(path.subList(0, n));
            if (place != null) {
                return place;
            }
        }
        return new Place(1, 1);
    }

    private static final class Frame {
        final boolean object;
        final List<String> path;
        int index;
        String key;
        boolean expectKey;

        Frame(boolean object, List<String> path) {
            this.object = object;
            this.path = path;
            this.expectKey = object;
        }

        List<String> child() {
            List<String> out = new ArrayList<>(path);
            out.add(object ? String.valueOf(key) : String.valueOf(index));
            return out;
        }
    }

    private static JsonKeys read(String text) {
        JsonKeys keys = new JsonKeys();
        Deque<Frame> stack = new ArrayDeque<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (int j = i; j < end; j++) {
                    if (text.charAt(j) == '\n') {
                        line++;
                        lineStart = j + 1;
                    }
                }
                i = end;
                continue;
            }
            Place here = new Place(line, i - lineStart + 1);
            Frame top = stack.peek();
            switch (c) {
                case '{', '[' -> {
                    List<String> path = top == null ? List.of() : top.child();
                    if (top != null && !top.object) {
                        keys.places.putIfAbsent(path, here);
                    }
                    stack.push(new Frame(c == '{', path));
                    i++;
                }
                case '}', ']' -> {
                    if (!stack.isEmpty()) {
                        stack.pop();
                    }
                    i++;
                }
                case ':' -> {
                    if (top != null && top.object) {
                        top.expectKey = false;
                    }
                    i++;
                }
                case ',', ';' -> {
                    if (top != null) {
                        if (top.object) {
                            top.expectKey = true;
                        } else {
                            top.index++;
                        }
                    }
                    i++;
                }
                default -> {
                    int end = endOfToken(text, i);
                    String token = text.substring(i, end);
                    if (top != null && top.object && top.expectKey) {
                        top.key = c == '"' || c == '\'' ? unquote(token) : token;
                        keys.places.putIfAbsent(top.child(), here);
                    } else if (top != null && !top.object) {
                        keys.places.putIfAbsent(top.child(), here);
                    }
                    i = end;
                }
            }
        }
        return keys;
    }

    private static int endOfToken(String text, int start) {
        char quote = text.charAt(start);
        if (quote == '"' || quote == '\'') {
            int i = start + 1;
            while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return Math.min(i + 1, text.length());
        }
        int i = start;
        while (i < text.length() && "{}[]:,;\"'#/".indexOf(text.charAt(i)) < 0 && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return Math.max(i, start + 1);
    }

    // The name a quoted key spells, its escapes read as Gson reads them (single quotes too).
    private static String unquote(String token) {
        try {
            return com.google.gson.JsonParser.parseString(token).getAsString();
        } catch (RuntimeException e) {
            return token.length() >= 2 ? token.substring(1, token.length() - 1) : token;
        }
    }
}
