package io.carveout.workspace;

import io.carveout.memory.check.MemoryReport;
import io.carveout.preprocess.SourceProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled boards remembered by what they read: a board compiled under one snapshot is handed
 * to a later one while every file it read (or looked for and did not find) has the same text
 * there. Shared by the snapshots of one workspace and by the threads that query them; a board
 * is compiled once however many requests ask for it at the same time.
 */
final class BoardMemo {
    /**
     * Boards kept besides those of the file being worked on: a board is recompiled in tens of
     * milliseconds, and a workspace with hundreds of boards open would otherwise hold hundreds
     * of merged trees.
     */
    private static final int KEPT = 8;

    /** What identifies a compilation besides the texts it reads. */
    record Key(Path board, FrontEndSettings settings, List<Path> overlays, List<Path> named) {
        Key {
            overlays = List.copyOf(overlays);
            named = List.copyOf(named);
        }
    }

    /**
     * A compiled board, the texts it read (empty: looked for, not found), and the memory reports
     * made over it, by checked file and settings. The reports live and die with the board: each
     * holds its merged tree.
     */
    record Held(CompiledBoard board, Map<Path, Optional<String>> reads, Map<List<Object>, MemoryReport> reports) {
        Held(CompiledBoard board, Map<Path, Optional<String>> reads) {
            this(board, Map.copyOf(reads), new ConcurrentHashMap<>());
        }

        /** The files whose text in {@code sources} differs from what this board read. */
        List<Path> changedIn(SourceProvider sources) {
            List<Path> changed = new java.util.ArrayList<>(1);
            for (Map.Entry<Path, Optional<String>> read : reads.entrySet()) {
                Optional<String> now = sources.read(read.getKey());
                if (!sameText(now, read.getValue())) {
                    changed.add(read.getKey());
                }
            }
            return changed;
        }
    }

    static boolean sameText(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get() == b.get() || a.get().equals(b.get());
    }

    private final Map<Key, Held> held = new LinkedHashMap<>(16, 0.75f, true);
    /** The compiles under way, by board and snapshot, each with how many threads ask for it. */
    private final Map<List<Object>, Compiling> compiling = new ConcurrentHashMap<>();
    private final AtomicLong compiles = new AtomicLong();
    /** The boards of the file being worked on: kept whatever their number (27 for a large SoC file). */
    private volatile Set<Path> workingSet = Set.of();

    /** A compile under way: its lock, and how many threads wait for it or run it. */
    private static final class Compiling {
        final AtomicInteger askers = new AtomicInteger();
    }

    synchronized Held get(Key key) {
        return held.get(key);
    }

    synchronized void put(Key key, Held value) {
        held.put(key, value);
        Iterator<Key> oldest = held.keySet().iterator();
        while (held.size() > KEPT && oldest.hasNext()) {
            if (!workingSet.contains(oldest.next().board())) {
                oldest.remove();
            }
        }
    }

    /** Replaces {@code before} by {@code after}, unless another board took its place meanwhile. */
    synchronized void replace(Key key, Held before, Held after) {
        if (held.get(key) == before) {
            put(key, after);
        }
    }

    void keepBoardsOf(Set<Path> boards) {
        workingSet = Set.copyOf(boards);
    }

    /**
     * The board for a key: the one held when {@code current} finds it read the caller's texts;
     * else, under the lock of the caller's snapshot, what {@code reuse} makes of it (numbers
     * edited since made in a copy) or, failing that, what {@code compile} makes. Two threads
     * asking at once for one snapshot bring it up to date, or compile it, once. {@code compile}
     * is told whether another thread waits for the board it makes: work the next keystroke
     * would stop (the board brought up to date while typing) goes on when a hover waits for it,
     * rather than leaving that hover to compile the board again from the start; and it is given
     * the board held before (null: none), for what of it the compile can take.
     */
    Held obtain(Key key, long revision, java.util.function.Predicate<Held> current,
            java.util.function.Function<Held, Held> reuse,
            java.util.function.BiFunction<Held, java.util.function.BooleanSupplier, Held> compile) {
        Held held = get(key);
        if (held != null && current.test(held)) {
            return held;
        }
        Held found;
        // Askers of one snapshot share a compile; a newer snapshot does not wait for an older
        // one's (a hover while typing must not queue behind the publish of a replaced version).
        List<Object> compileKey = List.of(key, revision);
        Compiling lock = compiling.compute(compileKey, (k, under) -> {
            Compiling asked = under == null ? new Compiling() : under;
            asked.askers.incrementAndGet();
            return asked;
        });
        try {
            synchronized (lock) {
                Held earlier = get(key);
                found = reuse.apply(earlier); // made by another thread while this one waited, or updated now
                if (found != null) {
                    return found;
                }
                Held made = compile.apply(earlier, () -> lock.askers.get() > 1);
                compiles.incrementAndGet();
                put(key, made);
                return made;
            }
        } finally {
            compiling.computeIfPresent(compileKey, (k, under) -> under == lock && lock.askers.decrementAndGet() == 0
                    ? null : under);
        }
    }

    /** How many boards were compiled from scratch, for tests that tell an update in place from a compile. */
    long compiles() {
        return compiles.get();
    }

    private final AtomicLong evaluations = new AtomicLong();

    /** A board's tree was evaluated again from preprocessed text an edit made in place. */
    void evaluatedAgain() {
        evaluations.incrementAndGet();
    }

    long evaluations() {
        return evaluations.get();
    }

    private final AtomicLong stepsMade = new AtomicLong();

    /** A held board was brought up to date by this many edit steps. */
    void madeSteps(int steps) {
        stepsMade.addAndGet(steps);
    }

    long stepsMade() {
        return stepsMade.get();
    }

}
