package io.carveout.workspace;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which boards include which file, learnt from include lines (the workspace index) and
 * corrected by each compile. The one piece of the workspace that queries refine as they run:
 * it is derived data, eventually right, never a user's text; so it is shared by every snapshot
 * and guarded here rather than copied per edit (a kernel tree indexes thousands of boards).
 */
final class IncludeIndex {
    private final Map<Path, Set<Path>> boardsByFile = new HashMap<>();
    private final Map<Path, Set<Path>> filesByBoard = new HashMap<>();
    private volatile boolean complete;

    /** The boards that include a file, directly or not, in the order they were learnt. */
    synchronized List<Path> boardsIncluding(Path file) {
        return List.copyOf(boardsByFile.getOrDefault(file, Set.of()));
    }

    /**
     * What a board includes now: replaces what was known of it. A file's boards keep the order
     * they were first learnt in, so that the first of them (the board in context when none is
     * open) does not change each time one is compiled.
     */
    synchronized void record(Path board, Set<Path> included) {
        for (Path before : filesByBoard.getOrDefault(board, Set.of())) {
            Set<Path> boards = boardsByFile.get(before);
            if (boards != null && !included.contains(before)) {
                boards.remove(board);
            }
        }
        filesByBoard.put(board, Set.copyOf(included));
        for (Path file : included) {
            boardsByFile.computeIfAbsent(file, k -> new LinkedHashSet<>()).add(board);
        }
    }

    boolean isComplete() {
        return complete;
    }

    void markComplete() {
        complete = true;
    }
}
