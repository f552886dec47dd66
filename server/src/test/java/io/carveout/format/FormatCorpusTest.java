package io.carveout.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxTree;
import io.carveout.testing.Corpus;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.Cell;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import io.carveout.tree.ValuePart;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Formatting changes nothing the kernel gets, proved on the whole corpus: every .dts, .dtsi and
 * .dtso formatted with the default options (no re-ordering) keeps its tokens, formats to itself
 * a second time, and every board compiled from the formatted files (read in memory, the corpus is
 * not written) has a merged tree byte-equal to the one of the files as written: the same nodes
 * in the same order, the same properties in the same order with the same bytes, the same
 * /memreserve/ entries and as many errors. The same for cpp + dtc on a sample of boards is in
 * {@link FormatDtcSampleTest}.
 */
class FormatCorpusTest {

    /** Every corpus source formatted, keyed by its real path; those already in style are absent. */
    record Formatted(Map<Path, String> changed, int files, int inStyle, int withSyntaxErrors) {
    }

    static Formatted formatCorpus(List<String> failures) {
        List<Path> files = Corpus.devicetreeSources();
        Map<Path, String> changed = new HashMap<>();
        int inStyle = 0;
        int broken = 0;
        for (Path file : files) {
            String text = Corpus.read(file);
            DtsFormatter.Result once = DtsFormatter.format(SyntaxTree.parse(text), FormatOptions.DEFAULT);
            if (once.brokenItems() > 0) {
                broken++;
            }
            if (!once.changed()) {
                inStyle++;
                continue;
            }
            if (!withoutWhitespace(text).equals(withoutWhitespace(once.text()))) {
                failures.add(file + ": formatting changed more than whitespace");
            }
            DtsFormatter.Result twice = DtsFormatter.format(SyntaxTree.parse(once.text()), FormatOptions.DEFAULT);
            if (twice.changed()) {
                DtsFormatter.Change first = twice.changes().get(0);
                failures.add(file + ": a second run changes " + twice.changes().size() + " places, first at "
                        + first.start() + " '" + once.text().substring(first.start(), first.end()) + "' -> '"
                        + first.replacement() + "'");
            }
            changed.put(realPath(file), once.text());
        }
        return new Formatted(changed, files.size(), inStyle, broken);
    }

    @Test
    void formattingKeepsEveryBoardsMergedTree() throws IOException {
        Path linux = Corpus.linux().toAbsolutePath().normalize();
        List<String> failures = new ArrayList<>();
        Formatted formatted = formatCorpus(failures);
        System.out.printf("format over the corpus: %d sources, %d already in style, %d reformatted, %d with syntax"
                + " errors%n", formatted.files(), formatted.inStyle(), formatted.changed().size(),
                formatted.withSyntaxErrors());

        SourceProvider disk = new FileSystemSources().memoized();
        SourceProvider formattedSources = over(disk, formatted.changed());
        BoardCompiler asWritten = new BoardCompiler(disk, new TokenCache(), new ParseCache());
        BoardCompiler asFormatted = new BoardCompiler(formattedSources, new TokenCache(), new ParseCache());
        List<Path> boards;
        try (Stream<Path> walk = Files.walk(linux.resolve("arch"))) {
            boards = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        int compared = 0;
        int touched = 0;
        for (Path board : boards) {
            CompiledBoard before = asWritten.compile(board, List.of(), FrontEndSettings.DEFAULT);
            CompiledBoard after = asFormatted.compile(board, List.of(), FrontEndSettings.DEFAULT);
            compared++;
            if (readsAFormattedFile(after, formatted.changed())) {
                touched++;
            }
            String was = dump(before);
            String is = dump(after);
            if (!was.equals(is)) {
                failures.add(linux.relativize(board) + ": merged tree differs after formatting: "
                        + firstDifference(was, is));
            }
        }
        System.out.printf("format over the corpus: %d boards compiled formatted, %d of them read a reformatted"
                + " file, merged trees equal: %d%n", compared, touched, compared - failures.size());
        assertTrue(formatted.files() > 4000, formatted.files() + " sources");
        assertTrue(compared > 2000, compared + " boards");
        assertTrue(touched > 1000, touched + " boards read a reformatted file: the comparison must compare something");
        assertEquals("", String.join("\n", failures.subList(0, Math.min(30, failures.size()))),
                failures.size() + " failures");
    }

    /**
     * With both re-orderings on, formatting is idempotent too, and moves statements only: on a
     * sample of boards (one in ten) each node of the merged tree holds the same properties with
     * the same bytes and the same children, whatever their order.
     */
    @Test
    void reorderingIsIdempotentAndKeepsWhatEachNodeHolds() throws IOException {
        Path linux = Corpus.linux().toAbsolutePath().normalize();
        FormatOptions sorting = new FormatOptions(0, true, true);
        List<String> failures = new ArrayList<>();
        Map<Path, String> changed = new HashMap<>();
        for (Path file : Corpus.devicetreeSources()) {
            String text = Corpus.read(file);
            DtsFormatter.Result once = DtsFormatter.format(SyntaxTree.parse(text), sorting);
            if (!once.changed()) {
                continue;
            }
            if (DtsFormatter.format(SyntaxTree.parse(once.text()), sorting).changed()) {
                failures.add(file + ": a second sorting run changes it again");
            }
            changed.put(realPath(file), once.text());
        }
        SourceProvider disk = new FileSystemSources().memoized();
        BoardCompiler asWritten = new BoardCompiler(disk, new TokenCache(), new ParseCache());
        BoardCompiler sorted = new BoardCompiler(over(disk, changed), new TokenCache(), new ParseCache());
        List<Path> boards;
        try (Stream<Path> walk = Files.walk(linux.resolve("arch"))) {
            boards = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        int compared = 0;
        for (int i = 0; i < boards.size(); i += 10) {
            Path board = boards.get(i);
            String was = unordered(asWritten.compile(board, List.of(), FrontEndSettings.DEFAULT));
            String is = unordered(sorted.compile(board, List.of(), FrontEndSettings.DEFAULT));
            compared++;
            if (!was.equals(is)) {
                failures.add(linux.relativize(board) + ": what a node holds changed: " + firstDifference(was, is));
            }
        }
        System.out.printf("format with re-ordering: %d sources re-ordered or reformatted, %d boards compared%n",
                changed.size(), compared);
        assertEquals("", String.join("\n", failures.subList(0, Math.min(30, failures.size()))),
                failures.size() + " failures");
    }

    // The dump's lines in sorted order: each node with what it holds, order aside.
    private static String unordered(CompiledBoard board) {
        return String.join("\n", dumpLines(board).stream().sorted().toList());
    }

    // Phandles are numbered in node order, so a reference is written as the path it names.
    private static List<String> dumpLines(CompiledBoard board) {
        List<String> lines = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        DeviceTree tree = board.tree();
        tree.forEachNode(node -> {
            lines.add(node.path());
            for (DtProperty property : node.properties()) {
                StringBuilder value = new StringBuilder();
                if (!property.name().equals("phandle") && !property.name().equals("linux,phandle")) {
                    for (ValuePart part : property.value().parts()) {
                        if (part instanceof ValuePart.CellArray array && array.bits() == 32) {
                            for (Cell cell : array.cells()) {
                                value.append(cell.isReference()
                                        ? "&" + tree.byPhandle(cell.value()).map(DtNode::path).orElse("?")
                                        : Long.toHexString(cell.value())).append(' ');
                            }
                        } else {
                            value.append(hex.formatHex(part.bytes())).append(' ');
                        }
                    }
                }
                lines.add(node.path() + " " + property.name() + " = " + value);
            }
        });
        return lines;
    }

    /** The files of {@code base} with the texts of {@code replaced} (by real path) instead. */
    static SourceProvider over(SourceProvider base, Map<Path, String> replaced) {
        return new SourceProvider() {
            @Override
            public Optional<String> read(Path path) {
                Optional<FileFacts> facts = base.facts(path);
                String text = facts.map(f -> replaced.get(f.realPath())).orElse(null);
                return text != null ? Optional.of(text) : base.read(path);
            }

            @Override
            public Optional<FileFacts> facts(Path path) {
                return base.facts(path).map(f -> {
                    String text = replaced.get(f.realPath());
                    return text == null ? f : new FileFacts(f.realPath(), text.getBytes(StandardCharsets.UTF_8).length);
                });
            }

            @Override
            public Optional<byte[]> bytes(Path path, long offset, int length) {
                return base.bytes(path, offset, length);
            }
        };
    }

    private static boolean readsAFormattedFile(CompiledBoard board, Map<Path, String> changed) {
        if (changed.containsKey(realPath(board.file()))) {
            return true;
        }
        return board.preprocessed().inclusions().stream().anyMatch(i -> changed.containsKey(realPath(i.included())));
    }

    /** The merged tree as a blob has it: nodes in order, properties in order with their bytes. */
    static String dump(CompiledBoard board) {
        DeviceTree tree = board.tree();
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder();
        out.append(tree.memReserves().stream().map(r -> Long.toHexString(r.address()) + "+" + Long.toHexString(r.size()))
                .toList()).append('\n');
        tree.forEachNode(node -> {
            out.append(node.path()).append('\n');
            for (DtProperty property : node.properties()) {
                out.append("  ").append(property.name()).append(" = ").append(hex.formatHex(property.bytes()))
                        .append('\n');
            }
        });
        long errors = Stream.concat(board.preprocessDiagnostics().stream(), board.treeDiagnostics().stream())
                .filter(Finding::isError).count();
        out.append(errors).append(" errors\n");
        return out.toString();
    }

    private static String firstDifference(String was, String is) {
        String[] a = was.split("\n");
        String[] b = is.split("\n");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + ": '" + a[i] + "' became '" + b[i] + "'";
            }
        }
        return a.length + " lines became " + b.length;
    }

    static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
