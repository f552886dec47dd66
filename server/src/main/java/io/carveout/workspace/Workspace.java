package io.carveout.workspace;

import io.carveout.preprocess.TokenCache;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the snapshots of one workspace share: the documents and files they read through, and
 * the memos keyed by content (tokens, parses, included files' expansions, compiled boards) or
 * refined as queries run (which boards include which file). Safe for many threads.
 */
final class Workspace {
    private final Path root;
    private final OpenDocuments documents;
    private final TokenCache tokens;
    private final ParseCache parses;
    private final BoardCompiler compiler;
    private final BoardMemo boards = new BoardMemo();
    private final IncludeIndex index = new IncludeIndex();
    /** Each file's include lines as resolved, per include search and readable roots (boards of one tree share one). */
    private final Map<Object, Map<Path, Project.Scanned>> scans = new ConcurrentHashMap<>();
    /**
     * Line indexes by text and memory maps by merged tree, each made once whatever the snapshot
     * asking: an edit makes a new snapshot, and a hover after it describes places in the same
     * large files and regions of the same tree (weak keys: identity, and gone with their text or tree).
     */
    private final com.google.common.cache.Cache<String, io.carveout.text.LineIndex> lineIndexes =
            com.google.common.cache.CacheBuilder.newBuilder().weakKeys().maximumSize(64).build();
    private final com.google.common.cache.Cache<io.carveout.tree.DeviceTree, io.carveout.memory.MemoryMap> maps =
            com.google.common.cache.CacheBuilder.newBuilder().weakKeys().maximumSize(32).build();
    /** The board last reported: a .dtsi it includes is read in it first. */
    private volatile Path lastBoard;

    Workspace(Path root, OpenDocuments documents, TokenCache tokens, ParseCache parses) {
        this.root = root;
        this.documents = documents;
        this.tokens = tokens;
        this.parses = parses;
        this.compiler = new BoardCompiler(documents, tokens, parses, root == null ? java.util.List.of()
                : java.util.List.of(root));
    }

    Path root() {
        return root;
    }

    OpenDocuments documents() {
        return documents;
    }

    TokenCache tokens() {
        return tokens;
    }

    ParseCache parses() {
        return parses;
    }

    BoardCompiler compiler() {
        return compiler;
    }

    BoardMemo boards() {
        return boards;
    }

    IncludeIndex index() {
        return index;
    }

    Map<Object, Map<Path, Project.Scanned>> scans() {
        return scans;
    }

    io.carveout.text.LineIndex lines(String text) {
        try {
            return lineIndexes.get(text, () -> new io.carveout.text.LineIndex(text));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The line index of a text just edited, made from the one before the edit when that one is held. */
    void linesEdited(String before, io.carveout.text.TextChange change, String after) {
        io.carveout.text.LineIndex held = lineIndexes.getIfPresent(before);
        if (held != null) {
            lineIndexes.put(after, held.edited(change, after));
        }
    }

    io.carveout.memory.MemoryMap memoryMap(io.carveout.tree.DeviceTree tree) {
        try {
            return maps.get(tree, () -> io.carveout.memory.MemoryMap.of(tree));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    Path lastBoard() {
        return lastBoard;
    }

    void setLastBoard(Path board) {
        lastBoard = board;
    }
}
