package io.carveout.workspace;

import io.carveout.memory.check.MemoryReport;
import java.nio.file.Path;
import java.util.List;

/**
 * One file checked: the file the user named, the board it was compiled as (itself, or the
 * board given with {@code --board}), the front end's result and the memory report.
 *
 * @param problems things that did not stop the check but the user must hear of (bad settings)
 */
public record CheckedFile(Path file, Path board, CompiledBoard compiled, MemoryReport report, List<String> problems) {
    public CheckedFile {
        problems = List.copyOf(problems);
    }
}
