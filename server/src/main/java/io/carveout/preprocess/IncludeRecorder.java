package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one included file being read has done and read from outside so far: where its output
 * began, the macros, files and marks it consulted before changing them itself, and what it
 * changed. An included file's own includes report to it, and it takes in theirs when they end.
 */
final class IncludeRecorder {
    /** A macro written before it was read: nothing outside matters for it. */
    private static final Object WRITTEN = new Object();

    /** A macro read (what it was: a Macro, DEFINED or UNDEFINED), then written. */
    private record ReadThenWritten(Object was) {}

    final IncludeRecorder parent;
    final PendingInclude include;
    FileFrame frame;
    final int framesAtStart;
    final int outStart;
    final int mapStart;
    final long boundary;
    final int diagnosticsStart;
    final int inclusionsStart;
    final int definitionsStart;
    final int usesStart;
    final long workAtStart;
    final long tokensAtStart;
    final long roomAtStart;
    final Printer.Position printerAtStart;

    /** Per macro name: what it was when first read, and whether it was written. */
    final Map<String, Object> macroAccess = new HashMap<>();
    /** Paths looked up, with their texts; null for no such file. */
    final Map<Path, String> lookedUp = new LinkedHashMap<>();
    final Map<Path, Boolean> onceAsked = new LinkedHashMap<>();
    final Set<Path> onceMarked = new LinkedHashSet<>();
    /** Files pushed, in order, the recorded one first. */
    final Set<Path> opened = new LinkedHashSet<>();
    /** The most frames open when an #include was checked against the depth limit. */
    int deepest = Integer.MIN_VALUE;
    /** The least room left under the expansion-work limit. */
    long workRoom = Long.MAX_VALUE;
    /** Set when the reading depended on something the memo does not track. */
    boolean poisoned;

    /** Starts recording {@code include}, about to be read in {@code unit}, whose state now is its starting point. */
    IncludeRecorder(IncludeRecorder parent, PendingInclude include, TranslationUnit unit) {
        this.parent = parent;
        this.include = include;
        this.framesAtStart = unit.reader.depth();
        this.outStart = unit.printer.length();
        this.mapStart = unit.printer.map().count();
        this.boundary = mapStart > 0 ? unit.printer.map().endsOf(mapStart - 1) : 0;
        this.diagnosticsStart = unit.diagnostics.size();
        this.inclusionsStart = unit.inclusions.size();
        this.definitionsStart = unit.definitions.size();
        this.usesStart = unit.uses.size();
        this.workAtStart = unit.budget.work();
        this.tokensAtStart = unit.budget.tokensRead();
        this.roomAtStart = unit.budget.room();
        this.printerAtStart = unit.printer.position();
    }

    static Object readOf(Object state) {
        if (state == WRITTEN) {
            return null;
        }
        return state instanceof ReadThenWritten rw ? rw.was() : state;
    }

    static boolean wrote(Object state) {
        return state == WRITTEN || state instanceof ReadThenWritten;
    }

    /** A read of macro {@code name}, found as {@code m}; {@code presence} when only whether it is defined counts. */
    void readMacro(String name, Macro m, boolean presence) {
        Object state = macroAccess.get(name);
        if (state == null) {
            macroAccess.put(name, m == null ? IncludeExpansion.UNDEFINED : presence ? IncludeExpansion.DEFINED : m);
        } else if (state == IncludeExpansion.DEFINED && !presence) {
            // nothing wrote it since, so this is what it was when the file began
            macroAccess.put(name, m);
        }
    }

    private void readWas(String name, Object was) {
        Object state = macroAccess.get(name);
        if (state == null || (state == IncludeExpansion.DEFINED && was instanceof Macro)) {
            macroAccess.put(name, was);
        }
    }

    void wroteMacro(String name) {
        Object state = macroAccess.get(name);
        if (state == null) {
            macroAccess.put(name, WRITTEN);
        } else if (!wrote(state)) {
            macroAccess.put(name, new ReadThenWritten(state));
        }
    }

    void askedOnce(Path path, boolean marked) {
        if (!onceMarked.contains(path)) {
            onceAsked.putIfAbsent(path, marked);
        }
    }

    void lookedUp(Path path, String text) {
        if (!lookedUp.containsKey(path)) {
            lookedUp.put(path, text);
        }
    }

    /** Takes in what an included file recorded in full has read and done. */
    void absorb(IncludeRecorder child) {
        child.macroAccess.forEach((name, state) -> {
            Object was = readOf(state);
            if (was != null) {
                readWas(name, was);
            }
            if (wrote(state)) {
                wroteMacro(name);
            }
        });
        child.lookedUp.forEach(this::lookedUp);
        child.onceAsked.forEach(this::askedOnce);
        onceMarked.addAll(child.onceMarked);
        opened.addAll(child.opened);
        deepest = Math.max(deepest, child.deepest);
        workRoom = Math.min(workRoom, child.workRoom);
        poisoned |= child.poisoned;
    }

    /** Takes in what a replayed file read and did, at {@code framesNow} frames and {@code roomNow} room. */
    void absorb(IncludeExpansion e, int framesNow, long roomNow) {
        for (int i = 0; i < e.macroNames.length; i++) {
            readWas(e.macroNames[i], e.macroWere[i]);
        }
        for (String name : e.macrosWritten) {
            wroteMacro(name);
        }
        for (int i = 0; i < e.lookedUp.length; i++) {
            lookedUp(e.lookedUp[i], e.lookedUpTexts[i]);
        }
        for (int i = 0; i < e.onceAsked.length; i++) {
            askedOnce(e.onceAsked[i], e.onceWas[i]);
        }
        onceMarked.addAll(List.of(e.onceMarked));
        opened.addAll(List.of(e.opened));
        if (e.extraDepth != Integer.MIN_VALUE) {
            deepest = Math.max(deepest, framesNow + e.extraDepth);
        }
        if (e.workRoom != Long.MAX_VALUE) {
            workRoom = Math.min(workRoom, roomNow + e.workRoom);
        }
    }
}
