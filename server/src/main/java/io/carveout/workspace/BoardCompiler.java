package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.ConfinedSources;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.IncludeMemo;
import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.preprocess.Preprocessor;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtsIncludes;
import io.carveout.tree.Locator;
import io.carveout.tree.Overlays;
import io.carveout.tree.ParsedUnit;
import io.carveout.tree.TreeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Takes a board through the front end, as {@code cpp} then {@code dtc} would: preprocess,
 * splice {@code /include/}, parse, merge, apply overlays. The preprocessed text is cut at
 * the board's top-level {@code #include} lines so that each included file's expansion is
 * parsed once for all the boards that expand it the same way.
 */
public final class BoardCompiler {
    /** Every file as it is; a compilation reads them only through the rule for files ({@link ConfinedSources}). */
    private final SourceProvider files;
    private final TokenCache tokens;
    private final IncludeMemo includes;
    private final ParseCache parses;
    /** Folders files may be read from besides each board's own tree and include paths: the workspace folders. */
    private final List<Path> readableRoots;

    /** A compiler with an include memo of its own, shared by the boards it compiles. */
    public BoardCompiler(SourceProvider sources, TokenCache tokens, ParseCache parses) {
        this(sources, tokens, new IncludeMemo(), parses);
    }

    /**
     * A compiler that also reads files under {@code readableRoots} (the workspace folders); each
     * board may read its own tree and include paths besides.
     */
    public BoardCompiler(SourceProvider sources, TokenCache tokens, ParseCache parses, List<Path> readableRoots) {
        this(sources, tokens, new IncludeMemo(), parses, readableRoots);
    }

    /** @param includes included files' expansions, replayed for every board that includes them alike; null for none */
    public BoardCompiler(SourceProvider sources, TokenCache tokens, IncludeMemo includes, ParseCache parses) {
        this(sources, tokens, includes, parses, List.of());
    }

    private BoardCompiler(SourceProvider sources, TokenCache tokens, IncludeMemo includes, ParseCache parses,
            List<Path> readableRoots) {
        this.readableRoots = List.copyOf(readableRoots);
        this.files = sources;
        this.tokens = tokens;
        this.includes = includes;
        this.parses = parses;
    }

    /** A compiler that reads these files and shares this one's memos: one per snapshot of the workspace. */
    public BoardCompiler over(SourceProvider sources) {
        return new BoardCompiler(sources, tokens, includes, parses, readableRoots);
    }

    public IncludeMemo includeMemo() {
        return includes;
    }

    public ParseCache parseCache() {
        return parses;
    }

    public CompiledBoard compile(Path file, List<Path> overlays, FrontEndSettings settings) {
        return compile(file, overlays, settings, List.of());
    }

    /**
     * The files a board may read, as one rule for the whole board: the trees of every file the
     * user named, the include paths, the workspace folders ({@link ConfinedSources}).
     */
    public ConfinedSources sourcesFor(Path board, FrontEndSettings settings, List<Path> overlays, List<Path> named) {
        List<Path> roots = new ArrayList<>(readableRoots);
        roots.addAll(settings.includePaths());
        roots.add(IncludePaths.ownTree(board));
        for (Path other : overlays) {
            roots.add(IncludePaths.ownTree(other));
        }
        for (Path other : named) {
            roots.add(IncludePaths.ownTree(other));
        }
        return new ConfinedSources(files, roots);
    }

    /**
     * @param named files the user named besides the board and overlays (a file checked inside the
     *     board): their trees may be read too
     */
    public CompiledBoard compile(Path file, List<Path> overlays, FrontEndSettings settings, List<Path> named) {
        return compile(file, overlays, settings, named, () -> false, null);
    }

    /**
     * The same, stopped between stages (preprocessing, parsing, merging) by {@link Snapshot.Cancelled}
     * once {@code cancelled} says the board is no longer wanted: an edit replaced the text it was for.
     * With {@code earlier} not null, the tree keeps what it built for the evaluation after the
     * next edit to take (see {@link DeviceTree#evaluate(List, TreeOptions, DeviceTree,
     * UnaryOperator)}): the first key typed after a compile is then not evaluated from nothing;
     * and it takes what it can from the earlier tree there is.
     */
    CompiledBoard compile(Path file, List<Path> overlays, FrontEndSettings settings, List<Path> named,
            java.util.function.BooleanSupplier cancelled, Earlier earlier) {
        Path board = file.toAbsolutePath().normalize();
        SourceProvider sources = sourcesFor(board, settings, overlays, named);
        Front base = front(sources, board, settings, cancelled, overlays.isEmpty() ? earlier : null);
        DeviceTree tree = base.tree;
        List<Finding> ppDiagnostics = new ArrayList<>(base.preprocessed.diagnostics());
        List<Finding> treeDiagnostics = new ArrayList<>(base.spliceDiagnostics);
        treeDiagnostics.addAll(tree.diagnostics());
        for (Path overlay : overlays) {
            Front applied = front(sources, overlay.toAbsolutePath().normalize(), settings, cancelled, null);
            ppDiagnostics.addAll(applied.preprocessed.diagnostics());
            treeDiagnostics.addAll(applied.spliceDiagnostics);
            treeDiagnostics.addAll(applied.tree.diagnostics());
            treeDiagnostics.addAll(Overlays.apply(tree, applied.tree));
        }
        return new CompiledBoard(board, overlays, base.preprocessed, tree, ppDiagnostics, treeDiagnostics);
    }

    /**
     * A board without overlays compiled from preprocessed text that an edit made in place of
     * preprocessing its files again ({@link CopiedTextEdit}): parsed, merged and checked as
     * {@link #compile} does after preprocessing.
     */
    CompiledBoard fromPreprocessed(Path file, FrontEndSettings settings, List<Path> named, PreprocessResult result,
            DeviceTree earlier, UnaryOperator<SourceSpan> move) {
        Path board = file.toAbsolutePath().normalize();
        SourceProvider sources = sourcesFor(board, settings, List.of(), named);
        Front base = front(sources, board, settings, preprocessor(sources, board, settings), result, () -> false,
                new Earlier(earlier, move));
        List<Finding> treeDiagnostics = new ArrayList<>(base.spliceDiagnostics);
        treeDiagnostics.addAll(base.tree.diagnostics());
        return new CompiledBoard(board, List.of(), result, base.tree, new ArrayList<>(result.diagnostics()),
                treeDiagnostics);
    }

    private record Front(PreprocessResult preprocessed, DeviceTree tree, List<Finding> spliceDiagnostics) {
    }

    private Preprocessor preprocessor(SourceProvider sources, Path file, FrontEndSettings settings) {
        IncludePaths.Discovery discovery = IncludePaths.discover(file, settings.includePaths());
        return new Preprocessor(sources, discovery.search(), settings.defines(), tokens, includes);
    }

    private Front front(SourceProvider sources, Path file, FrontEndSettings settings,
            java.util.function.BooleanSupplier cancelled, Earlier earlier) {
        Preprocessor preprocessor = preprocessor(sources, file, settings);
        PreprocessResult result = preprocessor.preprocess(file);
        stopIf(cancelled);
        return front(sources, file, settings, preprocessor, result, cancelled, earlier);
    }

    /**
     * The board's tree before an edit, and how the edit moved places: what a compile or an
     * evaluation takes from; a null tree: none, but what is built is to be kept.
     */
    record Earlier(DeviceTree tree, UnaryOperator<SourceSpan> move) {
        /** Nothing to take; keep what is built. */
        static final Earlier KEEP = new Earlier(null, null);
    }

    private Front front(SourceProvider sources, Path file, FrontEndSettings settings, Preprocessor preprocessor,
            PreprocessResult result, java.util.function.BooleanSupplier cancelled, Earlier earlier) {
        List<Finding> spliceDiagnostics = new ArrayList<>();
        List<ParsedUnit> units = parseUnits(sources, file, result, preprocessor, spliceDiagnostics, List.of(), true);
        // Pieces alternate: the board's own text, then what an #include produced. A piece
        // from an include that does not parse may hold only part of an item (a node opened
        // in one file and closed in another): then read the text as one piece, as dtc does.
        // Errors in the board's own pieces stay local and need no second parse.
        boolean brokenInclude = false;
        for (int i = 1; i < units.size(); i += 2) {
            brokenInclude |= !units.get(i).tree().diagnostics().isEmpty();
        }
        if (brokenInclude) {
            spliceDiagnostics.clear();
            // the pieces' trees: the whole output's is made from them when no tree held is close
            List<SyntaxTree> pieces = units.stream().map(ParsedUnit::tree).toList();
            units = parseUnits(sources, file, result, preprocessor, spliceDiagnostics, pieces, false);
        }
        stopIf(cancelled);
        TreeOptions options = TreeOptions.DEFAULT.withSymbols(settings.symbols())
                .withBinaryFiles((name, from, offset, length) -> readBinary(sources, preprocessor, name, from,
                        offset, length));
        DeviceTree tree = earlier == null ? DeviceTree.evaluate(units, options)
                : DeviceTree.evaluate(units, options, earlier.tree(), earlier.move());
        return new Front(result, tree, spliceDiagnostics);
    }

    private static void stopIf(java.util.function.BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new Snapshot.Cancelled();
        }
    }

    private List<ParsedUnit> parseUnits(SourceProvider sources, Path file, PreprocessResult result,
            Preprocessor preprocessor, List<Finding> diagnostics, List<SyntaxTree> pieces, boolean split) {
        String text = result.text();
        List<int[]> ranges = split ? pieces(sources, file, result) : List.of(new int[] {0, text.length()});
        List<ParsedUnit> units = new ArrayList<>();
        // dtc's /include/ follows the same rule for files as #include
        DtsIncludes.Resolver resolver = new DtsIncludes.Resolver() {
            @Override
            public Optional<DtsIncludes.Resolved> resolve(String name, Path includer) {
                return preprocessor.resolveDtcInclude(name, includer)
                        .flatMap(path -> sources.read(path).map(t -> new DtsIncludes.Resolved(path, t)));
            }

            @Override
            public Optional<String> refusal(String name, Path includer) {
                return preprocessor.dtcRefusal(name, includer);
            }
        };
        for (int[] range : ranges) {
            int base = range[0];
            int length = range[1] - range[0];
            Locator locator = (start, end) -> result.sourceMap()
                    .origin(base + Math.min(start, length), base + Math.min(end, length))
                    .orElse(new SourceSpan(file, 0, 0));
            DtsIncludes.Spliced spliced = DtsIncludes.splice(text.substring(range[0], range[1]), locator, file, resolver);
            diagnostics.addAll(spliced.diagnostics());
            units.add(new ParsedUnit(parses.parse(spliced.text(), pieces), spliced.locator()));
        }
        return units;
    }

    // The output ranges that the board's top-level #include lines produced, and the board's
    // own text between them.
    private List<int[]> pieces(SourceProvider sources, Path file, PreprocessResult result) {
        String text = result.text();
        Optional<String> own = sources.read(file);
        if (own.isEmpty()) {
            return List.of(new int[] {0, text.length()});
        }
        SyntaxTree board = parses.parse(own.get());
        List<int[]> pieces = new ArrayList<>();
        int cursor = 0;
        for (SyntaxElement element : board.root().children()) {
            if (!(element instanceof SyntaxToken token) || token.kind() != SyntaxKind.PP_DIRECTIVE
                    || !board.text(token).matches("(?s)\\s*#\\s*include\\b.*")) {
                continue;
            }
            boolean followed = result.inclusions().stream()
                    .anyMatch(i -> i.includer().equals(file) && i.directive().start() == token.start());
            if (!followed) {
                continue;
            }
            // The directive's line break is printed before what the file produced.
            OptionalInt lineBreak = result.sourceMap().outputOf(file, token.end());
            if (lineBreak.isEmpty()) {
                continue;
            }
            int start = lineBreak.getAsInt() + 1;
            int end = result.sourceMap().nextOutputFrom(file, start, text.length());
            if (start < cursor || end < start) {
                return List.of(new int[] {0, text.length()});
            }
            pieces.add(new int[] {cursor, start});
            pieces.add(new int[] {start, end});
            cursor = end;
        }
        pieces.add(new int[] {cursor, text.length()});
        return pieces;
    }

    /**
     * What an {@code /incbin/} asks for, read after its size is known: a slice (or, with no length,
     * the rest of the file) larger than the parser's limit is refused without reading a byte.
     */
    private static TreeOptions.Binary readBinary(SourceProvider sources, Preprocessor preprocessor, String name,
            SourceSpan from, long offset, long length) {
        Optional<Path> path = preprocessor.resolveDtcBinary(name, from.file());
        Optional<SourceProvider.FileFacts> facts = path.flatMap(sources::facts);
        if (facts.isEmpty()) {
            return preprocessor.dtcRefusal(name, from.file()).map(TreeOptions.Binary::refused)
                    .orElse(TreeOptions.Binary.missing());
        }
        long size = facts.get().size();
        long start = Math.min(offset, size);
        long count = length < 0 ? size - start : Math.min(length, size - start);
        if (count > FileSystemSources.MAX_FILE_BYTES) {
            return TreeOptions.Binary.refused((length < 0 ? "the file" : "the slice") + " is "
                    + FileSystemSources.TOO_LARGE);
        }
        return sources.bytes(path.get(), start, (int) count).map(TreeOptions.Binary::of)
                .orElse(TreeOptions.Binary.missing());
    }
}
