package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Work for a version the user already replaced stops at the next stage: a publish asked with a
 * cancellation that turns true mid-way throws {@link Snapshot.Cancelled}, leaves no board behind
 * in the memo, and the next question compiles the board as if nothing had happened.
 */
class CancellationTest {
    private static final Path BOARD = Path.of("examples", "board.dts").toAbsolutePath();
    private static final Path SOC = Path.of("examples", "soc.dtsi").toAbsolutePath();

    @Test
    void aPublishAlreadyReplacedCompilesNothing() {
        Project project = new Project(null, new OpenDocuments());
        assertThrows(Snapshot.Cancelled.class, () -> project.snapshot().report(BOARD, () -> true));
        assertEquals(0, project.compileCount());
    }

    @Test
    void anEditDuringTheCompileStopsItBetweenStages() {
        Project project = new Project(null, new OpenDocuments());
        project.indexBoard(BOARD);
        // replaced after the report's first look: the compile is under way when it notices
        AtomicInteger asked = new AtomicInteger();
        assertThrows(Snapshot.Cancelled.class,
                () -> project.snapshot().reportInContext(SOC, () -> asked.incrementAndGet() > 1));
        assertEquals(0, project.compileCount(), "the stopped compile is not remembered");
        assertFalse(project.snapshot().reportInContext(SOC).findings().isEmpty(), "the next question is answered");
        assertEquals(1, project.compileCount());
    }
}
