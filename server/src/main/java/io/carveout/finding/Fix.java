package io.carveout.finding;

import java.util.List;

/** A quick-fix: a title for the menu and the edits that make it, possibly in several files. */
public record Fix(String title, List<Edit> edits) {
    public Fix {
        edits = List.copyOf(edits);
    }
}
