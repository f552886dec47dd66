package io.carveout.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The include memo at work in one unit: each included file is recorded while it is read, and at
 * a later {@code #include} of the same text a recording whose conditions all hold here is
 * replayed instead of reading the file. The rest of the unit reports what a recording depends on
 * through the notes below, which do nothing when no file is being recorded.
 */
final class IncludeReplay {

    private final TranslationUnit unit;
    /** Null: every included file is read. */
    private final IncludeMemo memo;
    /** The innermost included file whose reading is being recorded for the memo; null when none. */
    private IncludeRecorder recorder;

    IncludeReplay(TranslationUnit unit, IncludeMemo memo) {
        this.unit = unit;
        this.memo = memo;
    }

    // ---------------------------------------------------------------------------------------------
    // notes: what the file being recorded read and did

    /** A file was pushed; whether its unterminated comments are reported depends on what came before. */
    void opened(Path path, TokenizedText tokens) {
        if (recorder != null) {
            recorder.opened.add(path);
            if (!tokens.unterminatedComments().isEmpty()) {
                // whether they are reported depends on what was reported before this file
                recorder.poisoned = true;
            }
        }
    }

    /** A read of macro {@code name}, found as {@code m}; {@code presence} when only whether it is defined counts. */
    void readMacro(String name, Macro m, boolean presence) {
        if (recorder != null) {
            recorder.readMacro(name, m, presence);
        }
    }

    /** Macro {@code name}, which was {@code old} (null: undefined), was defined anew. */
    void redefined(String name, Macro old) {
        if (recorder != null) {
            recorder.readMacro(name, old, false);
            recorder.wroteMacro(name);
        }
    }

    void wroteMacro(String name) {
        if (recorder != null) {
            recorder.wroteMacro(name);
        }
    }

    void markedOnce(Path path) {
        if (recorder != null) {
            recorder.onceMarked.add(path);
        }
    }

    void askedOnce(Path path, boolean marked) {
        if (recorder != null) {
            recorder.askedOnce(path, marked);
        }
    }

    /** An include candidate was looked up; {@code text} is null for no such file. */
    void lookedUp(Path path, String text) {
        if (recorder != null) {
            recorder.lookedUp(path, text);
        }
    }

    /** An #include was checked against the depth limit with {@code frames} files open. */
    void checkedDepth(int frames) {
        if (recorder != null) {
            recorder.deepest = Math.max(recorder.deepest, frames);
        }
    }

    /** The file being recorded, if any, has come within {@code room} of the expansion-work limit. */
    void workRoom(long room) {
        if (recorder != null) {
            recorder.workRoom = Math.min(recorder.workRoom, room);
        }
    }

    /** The reading depends on something the memo does not track, so it is not remembered. */
    void poison() {
        if (recorder != null) {
            recorder.poisoned = true;
        }
    }

    /** File {@code f} has ended; when it is the one being recorded, its recording is complete. */
    void ended(FileFrame f) {
        if (recorder != null && recorder.frame == f) {
            finishRecording();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // recording and replaying

    /**
     * Whether an included file would begin with nothing carried in from around it: no expansion
     * or argument open, the printer at a line start with no token to keep apart from.
     */
    private boolean startsClean() {
        return !unit.quiet && unit.expander.idle() && !unit.budget.stopped() && !unit.budget.useStopped()
                && !unit.conditionals.skipping() && unit.printer.atCleanLineStart();
    }

    /** Reads the file an #include named, or replays a remembered reading of it that applies here. */
    void include(PendingInclude p) {
        boolean memoized = memo != null && startsClean();
        if (memoized) {
            for (IncludeExpansion e : memo.recorded(p.path(), p.text(), p.root(), unit.search)) {
                int verdict = applies(e);
                if (verdict == IncludeExpansion.APPLIES) {
                    memo.counted(true);
                    replay(e, p);
                    return;
                }
                if (verdict == IncludeExpansion.STALE) {
                    memo.forget(e);
                }
            }
            memo.counted(false);
            recorder = new IncludeRecorder(recorder, p, unit);
        }
        unit.reader.push(p.path(), unit.cache.tokens(p.text()), p.root());
        if (memoized) {
            recorder.frame = unit.reader.frame();
        }
    }

    /** Whether {@code e} applies here; {@link IncludeExpansion#STALE} when a file it read has changed since. */
    private int applies(IncludeExpansion e) {
        // files first: a recording made from a text that is gone is dropped rather than kept
        for (int i = 0; i < e.lookedUp.length; i++) {
            Optional<String> now = unit.reader.read(e.lookedUp[i]);
            String was = e.lookedUpTexts[i];
            if (was == null ? now.isPresent() : now.isEmpty() || !IncludeExpansion.sameText(now.get(), was)) {
                return IncludeExpansion.STALE;
            }
        }
        if (e.extraDepth != Integer.MIN_VALUE && unit.reader.depth() + (long) e.extraDepth > Includes.MAX_INCLUDE_DEPTH) {
            return IncludeExpansion.NOT_HERE;
        }
        if (e.workRoom != Long.MAX_VALUE && unit.budget.room() + e.workRoom < 0) {
            return IncludeExpansion.NOT_HERE;
        }
        for (FileFrame open : unit.reader.open()) {
            if (e.openedSet.contains(open.path)) {
                return IncludeExpansion.NOT_HERE;
            }
        }
        if (!unit.printer.map().sealedBefore(unit.printer.length(), id -> e.openedSet.contains(unit.reader.path(id)))) {
            return IncludeExpansion.NOT_HERE;
        }
        for (int i = 0; i < e.macroNames.length; i++) {
            if (!IncludeExpansion.satisfies(unit.macros.get(e.macroNames[i]), e.macroWere[i])) {
                return IncludeExpansion.NOT_HERE;
            }
        }
        for (int i = 0; i < e.onceAsked.length; i++) {
            if (unit.includes.isOnce(e.onceAsked[i]) != e.onceWas[i]) {
                return IncludeExpansion.NOT_HERE;
            }
        }
        return IncludeExpansion.APPLIES;
    }

    /** Does what reading the file did: the same output, map, macros, findings and file numbering. */
    private void replay(IncludeExpansion e, PendingInclude p) {
        long roomBefore = unit.budget.room();
        int[] ids = new int[e.opened.length];
        for (int i = 0; i < ids.length; i++) {
            Path path = e.opened[i];
            String text = path.equals(p.path()) ? p.text() : unit.reader.textOf(path);
            ids[i] = unit.reader.fileId(path, unit.cache.tokens(text));
        }
        unit.printer.append(e.output, e.segments, ids, e.movedPrinter);
        unit.diagnostics.addAll(e.diagnostics);
        unit.inclusions.addAll(e.inclusions);
        unit.definitions.addAll(e.definitions);
        unit.uses.addAll(e.uses);
        for (int i = 0; i < e.macrosWritten.length; i++) {
            Macro m = e.macrosAfter[i];
            if (m == null) {
                unit.macros.remove(e.macrosWritten[i]);
            } else {
                unit.macros.put(e.macrosWritten[i], m);
            }
        }
        for (Path marked : e.onceMarked) {
            unit.includes.markOnce(marked);
        }
        unit.budget.add(e.work, e.tokensRead);
        if (recorder != null) {
            recorder.absorb(e, unit.reader.depth(), roomBefore);
        }
    }

    /** The included file being recorded has ended: remember what it did, if that can be replayed. */
    private void finishRecording() {
        IncludeRecorder r = recorder;
        recorder = r.parent;
        if (recorder != null) {
            recorder.absorb(r);
        }
        if (r.poisoned || unit.budget.stopped()) {
            return;
        }
        if (r.mapStart > 0 && unit.printer.map().endsOf(r.mapStart - 1) != r.boundary) {
            // the file's first output joined the segment before it, which depends on what that was
            return;
        }
        List<Path> opened = new ArrayList<>(r.opened);
        Map<Path, Integer> local = new HashMap<>();
        for (int i = 0; i < opened.size(); i++) {
            local.put(opened.get(i), i);
        }
        for (int s = r.mapStart; s < unit.printer.map().count(); s++) {
            if (!local.containsKey(unit.reader.path(unit.printer.map().fileOf(s)))) {
                // output mapped to a file outside this one could not be renumbered
                return;
            }
        }
        int[] segments = unit.printer.map().export(r.mapStart, r.outStart, id -> local.get(unit.reader.path(id)));
        List<String> depNames = new ArrayList<>();
        List<Object> depWere = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<Macro> after = new ArrayList<>();
        r.macroAccess.forEach((name, state) -> {
            Object was = IncludeRecorder.readOf(state);
            if (was != null) {
                depNames.add(name);
                depWere.add(was);
            }
            if (IncludeRecorder.wrote(state)) {
                written.add(name);
                after.add(unit.macros.get(name));
            }
        });
        Path[] lookedUp = r.lookedUp.keySet().toArray(new Path[0]);
        String[] lookedUpTexts = r.lookedUp.values().toArray(new String[0]);
        Path[] onceAsked = r.onceAsked.keySet().toArray(new Path[0]);
        boolean[] onceWas = new boolean[onceAsked.length];
        for (int i = 0; i < onceAsked.length; i++) {
            onceWas[i] = r.onceAsked.get(onceAsked[i]);
        }
        IncludeExpansion e = new IncludeExpansion(r.include.path(), r.include.text(), r.include.root(), unit.search,
                depNames.toArray(new String[0]), depWere.toArray(), lookedUp, lookedUpTexts, onceAsked, onceWas,
                r.deepest == Integer.MIN_VALUE ? Integer.MIN_VALUE : r.deepest - r.framesAtStart,
                r.workRoom == Long.MAX_VALUE ? Long.MAX_VALUE : r.workRoom - r.roomAtStart,
                opened.toArray(new Path[0]), unit.printer.textFrom(r.outStart), segments,
                written.toArray(new String[0]), after.toArray(new Macro[0]), r.onceMarked.toArray(new Path[0]),
                unit.diagnostics.subList(r.diagnosticsStart, unit.diagnostics.size()),
                unit.inclusions.subList(r.inclusionsStart, unit.inclusions.size()),
                unit.definitions.subList(r.definitionsStart, unit.definitions.size()),
                unit.uses.subList(r.usesStart, unit.uses.size()),
                unit.budget.work() - r.workAtStart, unit.budget.tokensRead() - r.tokensAtStart,
                !unit.printer.position().equals(r.printerAtStart));
        memo.remember(e);
    }
}
