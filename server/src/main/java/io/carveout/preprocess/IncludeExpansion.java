package io.carveout.preprocess;

import io.carveout.finding.Finding;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What reading one included file (and everything it included) did to a translation unit, with
 * every outside fact that work depended on, so that a later inclusion of the same file in a
 * unit where those facts hold can replay it instead of reading it again. Immutable; made by a
 * unit ({@link IncludeReplay}) at the end of the file, replayed by any unit, on any thread.
 *
 * <p>Output offsets are relative to where the file began, files are indices into
 * {@link #opened}, so nothing refers to the unit that recorded it.
 */
final class IncludeExpansion {

    /** A dependency on a macro being defined, whatever its definition ({@code #ifdef}, {@code defined}). */
    static final Object DEFINED = new Object() {
        @Override
        public String toString() {
            return "<defined>";
        }
    };
    /** A dependency on a macro not being defined. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "<undefined>";
        }
    };

    /** Verdicts on whether a recording applies at an #include. */
    static final int APPLIES = 0;
    static final int NOT_HERE = 1;
    /** A file it read now reads otherwise: it will not apply again while the file stays so. */
    static final int STALE = 2;

    // the key: which file, found where, searched how
    final Path path;
    final String text;
    final int foundRoot;
    final IncludeSearch search;

    // what it read from outside, as it was when the file began
    /** Macro names read before the file wrote them, and what they were: a Macro, DEFINED or UNDEFINED. */
    final String[] macroNames;
    final Object[] macroWere;
    /** Paths looked up through the source provider, and their texts (null: no such file). */
    final Path[] lookedUp;
    final String[] lookedUpTexts;
    /** Paths whose {@code #pragma once} mark was consulted before the file set it, and the answer. */
    final Path[] onceAsked;
    final boolean[] onceWas;
    /** Include depth the file reached beyond where it began; cpp's limit must not cut it now. */
    final int extraDepth;
    /** The least room left under the expansion-work limit, relative to where it began. */
    final long workRoom;

    // what it did
    /** Every file pushed, in the order first pushed: the unit numbers files in that order. */
    final Path[] opened;
    final Set<Path> openedSet;
    final String output;
    final int[] segments;
    final String[] macrosWritten;
    /** What each written macro was at the end; null where it was left undefined. */
    final Macro[] macrosAfter;
    final Path[] onceMarked;
    final List<Finding> diagnostics;
    final List<Inclusion> inclusions;
    final List<MacroDefinition> definitions;
    final List<MacroUse> uses;
    final long work;
    final long tokensRead;
    /** Whether the printer's memory of the last token's place changed: it then names no open file. */
    final boolean movedPrinter;

    IncludeExpansion(Path path, String text, int foundRoot, IncludeSearch search,
            String[] macroNames, Object[] macroWere, Path[] lookedUp, String[] lookedUpTexts,
            Path[] onceAsked, boolean[] onceWas, int extraDepth, long workRoom,
            Path[] opened, String output, int[] segments, String[] macrosWritten, Macro[] macrosAfter,
            Path[] onceMarked, List<Finding> diagnostics, List<Inclusion> inclusions,
            List<MacroDefinition> definitions, List<MacroUse> uses, long work, long tokensRead,
            boolean movedPrinter) {
        this.path = path;
        this.text = text;
        this.foundRoot = foundRoot;
        this.search = search;
        this.macroNames = macroNames;
        this.macroWere = macroWere;
        this.lookedUp = lookedUp;
        this.lookedUpTexts = lookedUpTexts;
        this.onceAsked = onceAsked;
        this.onceWas = onceWas;
        this.extraDepth = extraDepth;
        this.workRoom = workRoom;
        this.opened = opened;
        this.openedSet = new HashSet<>(List.of(opened));
        this.output = output;
        this.segments = segments;
        this.macrosWritten = macrosWritten;
        this.macrosAfter = macrosAfter;
        this.onceMarked = onceMarked;
        this.diagnostics = List.copyOf(diagnostics);
        this.inclusions = List.copyOf(inclusions);
        this.definitions = List.copyOf(definitions);
        this.uses = List.copyOf(uses);
        this.work = work;
        this.tokensRead = tokensRead;
        this.movedPrinter = movedPrinter;
    }

    /** Whether a macro as it is now satisfies what the recording saw. */
    static boolean satisfies(Macro now, Object was) {
        if (was == UNDEFINED) {
            return now == null;
        }
        if (was == DEFINED) {
            return now != null;
        }
        return now != null && same(now, (Macro) was);
    }

    /**
     * Whether two macros expand alike and are reported alike: the same tokens and parameters, and
     * the same written definition (macro uses point at it).
     */
    static boolean same(Macro a, Macro b) {
        if (a == b) {
            return true;
        }
        return (a.definition == b.definition || a.definition.equals(b.definition)) && !a.differsFrom(b);
    }

    static boolean sameText(String a, String b) {
        return a == b || (a != null && a.equals(b));
    }

    /**
     * Rough bytes this recording alone keeps alive, for the memo's bound. File texts are not
     * counted: the source provider holds them, and a recording whose texts are gone is dropped
     * when next met. List elements (definitions, uses...) are counted though a nested file's
     * recording may share them, and macros by their bodies though other recordings share them.
     */
    long weight() {
        long w = 512L + output.length() + 4L * segments.length;
        w += 16L * (macroNames.length + lookedUp.length + onceAsked.length + opened.length + onceMarked.length
                + macrosWritten.length);
        w += 48L * (diagnostics.size() + inclusions.size() + definitions.size() + uses.size());
        for (Macro m : macrosAfter) {
            w += m == null ? 0 : 64 + 40L * m.body.length;
        }
        return w;
    }
}
