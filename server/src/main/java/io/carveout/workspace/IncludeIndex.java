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

    /** The boards that include a file, directly or not, in the order they were learnt. */
    synchronized List<Path> boardsIncluding(Path file) {
        return List.copyOf(boardsByFile.getOrDefault(file, Set.of()));
    }

    /**
     * What a board includes now: replaces what was known of it. A file's boards keep the order
     * they were first learnt in, so that the first of them (the board in context when none is
     * open) does not change each time one is compiled.
     *
     * @return the files whose boards changed: the board now includes them, or no longer does
     */
    synchronized Set<Path> record(Path board, Set<Path> included) {
        Set<Path> changed = new LinkedHashSet<>();
        Set<Path> before = filesByBoard.getOrDefault(board, Set.of());
        for (Path file : before) {
            if (!included.contains(file)) {
                dropFrom(file, board);
                changed.add(file);
            }
        }
        filesByBoard.put(board, Set.copyOf(included));
        for (Path file : included) {
            if (boardsByFile.computeIfAbsent(file, k -> new LinkedHashSet<>()).add(board)) {
                changed.add(file);
            }
        }
        return changed;
    }

    /**
     * A board that is no more (deleted from disk): no file is read in it any longer.
     *
     * @return the files it included
     */
    synchronized Set<Path> forget(Path board) {
        Set<Path> before = filesByBoard.remove(board);
        if (before == null) {
            return Set.of();
        }
        before.forEach(file -> dropFrom(file, board));
        return before;
    }

    /** Whether the index knows a board (indexed or compiled, and not forgotten since). */
    synchronized boolean knows(Path board) {
        return filesByBoard.containsKey(board);
    }

    private void dropFrom(Path file, Path board) {
        Set<Path> boards = boardsByFile.get(file);
        if (boards != null) {
            boards.remove(board);
            if (boards.isEmpty()) {
                boardsByFile.remove(file);
            }
        }
    }
}
