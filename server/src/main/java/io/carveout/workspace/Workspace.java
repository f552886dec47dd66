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

    Path lastBoard() {
        return lastBoard;
    }

    void setLastBoard(Path board) {
        lastBoard = board;
    }
}
