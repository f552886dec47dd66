package io.carveout.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.Inclusion;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxTree;
import io.carveout.testing.Corpus;
import io.carveout.testing.Tools;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.FrontEndSettings;
import io.carveout.workspace.ParseCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Formatting changes nothing the kernel gets, as the kernel's own tools see it: for a sample of
 * boards spread over every architecture of the corpus (every board with
 * {@code -Dcarveout.format.everyBoard=true}), the board and every file it includes are copied
 * twice to a scratch folder, once as written and once formatted with the default options, and
 * cpp with the kernel's flags then dtc make a blob of each: the two blobs are byte-equal.
 */
class FormatDtcSampleTest {
    private static final int SAMPLE = 40;

    @Test
    void cppAndDtcMakeTheSameBlobFromTheFormattedFiles() throws IOException {
        Tools.require("cpp");
        Tools.require("dtc");
        Path linux = Corpus.linux().toRealPath();
        List<Path> boards;
        try (Stream<Path> walk = Files.walk(linux.resolve("arch"))) {
            boards = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        boolean every = Boolean.getBoolean("carveout.format.everyBoard");
        int step = every ? 1 : Math.max(1, boards.size() / SAMPLE);
        BoardCompiler compiler = new BoardCompiler(new FileSystemSources().memoized(), new TokenCache(), new ParseCache());
        Path scratch = Files.createTempDirectory("carveout-format-dtc");
        List<String> differ = new ArrayList<>();
        int compared = 0;
        int reformatted = 0;
        int rejected = 0;
        for (int i = 0; i < boards.size(); i += step) {
            Path board = boards.get(i);
            CompiledBoard compiled = compiler.compile(board, List.of(), FrontEndSettings.DEFAULT);
            Set<Path> files = new LinkedHashSet<>();
            files.add(board);
            for (Inclusion inclusion : compiled.preprocessed().inclusions()) {
                Path real = inclusion.included().toRealPath();
                if (real.startsWith(linux)) {
                    files.add(real);
                }
            }
            Path asWritten = scratch.resolve("as-written-" + i);
            Path formatted = scratch.resolve("formatted-" + i);
            boolean changed = false;
            for (Path file : files) {
                String text = Files.readString(file);
                String name = file.getFileName().toString();
                String laidOut = name.endsWith(".h") ? text
                        : DtsFormatter.format(SyntaxTree.parse(text), FormatOptions.DEFAULT).text();
                changed |= !laidOut.equals(text);
                write(asWritten.resolve(linux.relativize(file).toString()), text);
                write(formatted.resolve(linux.relativize(file).toString()), laidOut);
            }
            String relative = linux.relativize(board).toString();
            byte[] before = blob(asWritten, relative);
            byte[] after = blob(formatted, relative);
            if (before == null) {
                rejected++;
                continue;
            }
            compared++;
            reformatted += changed ? 1 : 0;
            if (after == null || !Arrays.equals(before, after)) {
                differ.add(relative + (after == null ? ": cpp + dtc reject the formatted files" : ": the blobs differ"));
            }
        }
        System.out.printf("format against cpp + dtc: %d boards compared (%d read a reformatted file), %d rejected as"
                + " written, %d differ%n", compared, reformatted, rejected, differ.size());
        assertTrue(compared >= (every ? 2000 : SAMPLE / 2), compared + " boards compared");
        assertTrue(reformatted > compared / 3, reformatted + " boards read a reformatted file");
        assertEquals(List.of(), differ);
    }

    private static void write(Path target, String text) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }

    /** The blob cpp + dtc make of a board in a copy of the kernel's layout; null when they reject it. */
    private static byte[] blob(Path root, String board) throws IOException {
        String arch = Path.of(board).getName(1).toString();
        Path prefixes = root.resolve("include-prefixes");
        Files.createDirectories(prefixes);
        for (Map.Entry<String, String> link : Map.of("arm", "arch/arm/boot/dts", "arm64", "arch/arm64/boot/dts",
                "dt-bindings", "include/dt-bindings").entrySet()) {
            Path target = root.resolve(link.getValue());
            Files.createDirectories(target);
            if (!Files.exists(prefixes.resolve(link.getKey()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(prefixes.resolve(link.getKey()), target);
            }
        }
        Tools.Result cpp = Tools.run(root, List.of("cpp", "-nostdinc", "-undef", "-D__DTS__", "-x", "assembler-with-cpp",
                "-I", "include", "-I", "arch/" + arch + "/boot/dts", "-I", prefixes.toString(), "-o", "board.pp",
                board), 60);
        if (cpp.status() != 0) {
            return null;
        }
        Tools.Result dtc = Tools.run(root, List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "board.dtb",
                "board.pp"), 60);
        if (dtc.status() != 0) {
            return null;
        }
        return Files.readAllBytes(root.resolve("board.dtb"));
    }
}
