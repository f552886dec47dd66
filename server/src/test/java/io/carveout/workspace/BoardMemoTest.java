package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One compile per board and snapshot however many threads ask, and a compile knows when another
 * thread waits for it: the per-key compile of the board in context (which the next key would
 * stop) then goes on for the hover waiting on it, rather than leaving that hover to start again.
 */
class BoardMemoTest {
    private static final BoardMemo.Key KEY = new BoardMemo.Key(Path.of("/virtual/board.dts"),
            FrontEndSettings.DEFAULT, List.of(), List.of());

    @Test
    void aCompileIsToldWhenAnotherThreadWaitsForItAndIsMadeOnce() throws Exception {
        BoardMemo memo = new BoardMemo();
        BoardMemo.Held made = new BoardMemo.Held(null, Map.of());
        CountDownLatch compiling = new CountDownLatch(1);
        AtomicBoolean aloneAtFirst = new AtomicBoolean();
        CompletableFuture<BoardMemo.Held> first = CompletableFuture.supplyAsync(() -> memo.obtain(KEY, 1,
                held -> false, held -> null, (earlier, othersWaiting) -> {
                    aloneAtFirst.set(!othersWaiting.getAsBoolean());
                    compiling.countDown();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!othersWaiting.getAsBoolean() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    return othersWaiting.getAsBoolean() ? made : new BoardMemo.Held(null, Map.of());
                }));
        assertTrue(compiling.await(30, TimeUnit.SECONDS));
        // a second asker of the same snapshot takes what the first made (its reuse hands the held board on)
        BoardMemo.Held second = memo.obtain(KEY, 1, held -> false, held -> held, (earlier, othersWaiting) -> {
            throw new AssertionError("compiled a second time");
        });

        assertTrue(aloneAtFirst.get(), "no other asker when the compile began");
        assertSame(made, first.get(30, TimeUnit.SECONDS), "the compile saw the second asker waiting");
        assertSame(made, second);
        assertEquals(1, memo.compiles());
    }

    @Test
    void aNewerSnapshotDoesNotWaitForAnOlderOnesCompile() throws Exception {
        BoardMemo memo = new BoardMemo();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch compiling = new CountDownLatch(1);
        CompletableFuture<BoardMemo.Held> older = CompletableFuture.supplyAsync(() -> memo.obtain(KEY, 1,
                held -> false, held -> null, (earlier, othersWaiting) -> {
                    compiling.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new BoardMemo.Held(null, Map.of());
                }));
        assertTrue(compiling.await(30, TimeUnit.SECONDS));
        AtomicBoolean newerToldOfWaiters = new AtomicBoolean();
        memo.obtain(KEY, 2, held -> false, held -> null, (earlier, othersWaiting) -> {
            newerToldOfWaiters.set(othersWaiting.getAsBoolean());
            return new BoardMemo.Held(null, Map.of());
        });
        assertFalse(older.isDone(), "the newer snapshot's compile ran while the older one's was held up");
        assertFalse(newerToldOfWaiters.get(), "nobody waits for the newer compile");
        release.countDown();
        older.get(30, TimeUnit.SECONDS);
        assertEquals(2, memo.compiles());
    }
}
