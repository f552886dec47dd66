package io.carveout.finding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A quick-fix: a title for the menu and the edits that make it, possibly in several files. */
public record Fix(String title, List<Edit> edits) {
    public Fix {
        edits = List.copyOf(edits);
    }

    /**
     * The fixes without repeats: of fixes that make the same edits, only the first stays, whatever
     * its title. Two menu entries that change the text alike (a shift that lands in the lowest gap
     * and the move to that gap) only make the user wonder how they differ.
     */
    public static List<Fix> distinct(List<Fix> fixes) {
        Map<Set<Edit>, Fix> byEdits = new LinkedHashMap<>();
        for (Fix fix : fixes) {
            byEdits.putIfAbsent(Set.copyOf(fix.edits()), fix);
        }
        return List.copyOf(byEdits.values());
    }
}
