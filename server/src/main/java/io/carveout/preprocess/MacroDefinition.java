package io.carveout.preprocess;

import io.carveout.text.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * A {@code #define} as written, for hover, go-to-definition and rename of macros.
 *
 * @param parameters empty for an object-like macro; see {@link #functionLike()}
 * @param body the replacement list, its tokens joined by single spaces where they had any
 * @param nameSpan where the macro's name is written; empty for predefined and settings macros
 */
public record MacroDefinition(
        String name,
        boolean functionLike,
        List<String> parameters,
        boolean variadic,
        String body,
        Optional<SourceSpan> nameSpan) {

    public MacroDefinition {
        parameters = List.copyOf(parameters);
    }

    /** The definition as a {@code #define} line would spell it. */
    public String signature() {
        if (!functionLike) {
            return body.isEmpty() ? name : name + " " + body;
        }
        List<String> shown = new java.util.ArrayList<>(parameters);
        if (variadic && !shown.isEmpty()) {
            int last = shown.size() - 1;
            shown.set(last, shown.get(last).equals("__VA_ARGS__") ? "..." : shown.get(last) + "...");
        }
        String head = name + "(" + String.join(", ", shown) + ")";
        return body.isEmpty() ? head : head + " " + body;
    }
}
