package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A text cut at line ends between its top-level items, each piece parsed alone: the pieces'
 * trees joined equal a parse of the whole text, structure, offsets and diagnostics, whenever
 * every piece parsed cleanly (the board compiler makes a board's whole output so when the
 * expansion of one of its #include lines stops parsing, rather than parsing it whole).
 */
class JoinedTreeTest {
    /** Files of the corpus cut, a sample across vendors and architectures (every 40th, in path order). */
    private static final int EVERY = 40;
    private static final int CUTS_PER_FILE = 5;

    @Test
    void cleanPiecesJoinedEqualAParseOfTheWhole() {
        List<Path> files = Corpus.devicetreeSources();
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < files.size(); i += EVERY) {
            sample.add(files.get(i));
        }
        Path qcom = Corpus.linux().resolve("arch/arm64/boot/dts/qcom");
        sample.add(qcom.resolve("kodiak.dtsi"));
        sample.add(qcom.resolve("hamoa.dtsi"));
        int joined = 0;
        for (Path file : sample) {
            String text = Corpus.read(file);
            SyntaxTree whole = SyntaxTree.parse(text);
            List<Integer> cuts = lineEndsBetweenItems(whole);
            if (cuts.isEmpty()) {
                continue;
            }
            Random random = new Random(file.getFileName().toString().hashCode());
            TreeSet<Integer> chosen = new TreeSet<>();
            for (int i = 0; i < CUTS_PER_FILE; i++) {
                chosen.add(cuts.get(random.nextInt(cuts.size())));
            }
            List<SyntaxTree> pieces = new ArrayList<>();
            int from = 0;
            for (int cut : chosen) {
                pieces.add(SyntaxTree.parse(text.substring(from, cut)));
                from = cut;
            }
            pieces.add(SyntaxTree.parse(text.substring(from)));
            Optional<SyntaxTree> made = SyntaxTree.joined(text, pieces);
            boolean clean = pieces.stream().allMatch(p -> p.diagnostics().isEmpty());
            assertTrue(made.isPresent() == clean, file + ": joined " + made.isPresent() + ", every piece clean " + clean);
            if (made.isPresent()) {
                SameTree.assertSame(whole, made.get(), file + " cut at " + chosen);
                // and the joined tree edits as the whole one does
                int at = chosen.first();
                SameTree.assertSame(whole.edit(at, at, "\n"), made.get().edit(at, at, "\n"), file + " edited at " + at);
                joined++;
            }
        }
        assertTrue(joined >= sample.size() * 9 / 10, joined + " of " + sample.size() + " files joined from clean pieces");
    }

    @Test
    void aPieceThatDidNotParseOrTextsThatDifferAreNotJoined() {
        String first = "/dts-v1/;\n\n/ {\n\ta { };\n};\n";
        String second = "\n&a {\n\tb = <1>;\n};\n";
        SyntaxTree one = SyntaxTree.parse(first);
        SyntaxTree two = SyntaxTree.parse(second);
        SameTree.assertSame(SyntaxTree.parse(first + second), SyntaxTree.joined(first + second, List.of(one, two))
                .orElseThrow(), "two clean pieces");
        String broken = "\n&a {\n\tb = <1>\n};\n";
        assertTrue(SyntaxTree.joined(first + broken, List.of(one, SyntaxTree.parse(broken))).isEmpty(),
                "a piece with a syntax error");
        assertTrue(SyntaxTree.joined(first + second + "x", List.of(one, two)).isEmpty(), "pieces that do not spell the text");
        String unended = "/ { };";
        assertTrue(SyntaxTree.joined(unended + second, List.of(SyntaxTree.parse(unended), two)).isEmpty(),
                "a piece that does not end its line");
    }

    // Offsets just past a line break inside blanks between the top-level items of a tree.
    private static List<Integer> lineEndsBetweenItems(SyntaxTree tree) {
        List<Integer> cuts = new ArrayList<>();
        String text = tree.text();
        for (SyntaxElement child : tree.root().children()) {
            if (child.kind() != SyntaxKind.WS) {
                continue;
            }
            for (int i = child.start(); i < child.end(); i++) {
                if (text.charAt(i) == '\n') {
                    cuts.add(i + 1);
                }
            }
        }
        return cuts;
    }
}
