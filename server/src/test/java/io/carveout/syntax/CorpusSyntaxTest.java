package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Corpus;
import io.carveout.text.LineIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every devicetree source of the Linux corpus parses without a syntax error and rebuilds byte for byte. */
class CorpusSyntaxTest {

    @Test
    void everyCorpusFileParsesCleanlyAndRoundTrips() {
        List<Path> files = Corpus.devicetreeSources();
        assertTrue(files.size() > 600, "expected the whole corpus, found " + files.size() + " files");
        StringBuilder failures = new StringBuilder();
        long bytes = 0;
        for (Path file : files) {
            String text = Corpus.read(file);
            bytes += text.length();
            SyntaxTree tree = SyntaxTree.parse(text);
            if (!tree.diagnostics().isEmpty()) {
                LineIndex lines = new LineIndex(text);
                failures.append(file).append(":\n").append(tree.diagnostics().stream().limit(3)
                        .map(d -> "  " + (lines.positionOf(d.start()).line() + 1) + ": " + d.message())
                        .collect(Collectors.joining("\n"))).append('\n');
            }
            if (!tree.rebuildText().equals(text)) {
                failures.append(file).append(": the tree does not rebuild the text\n");
            }
            TreeInvariants.check(tree);
        }
        assertEquals("", failures.toString());
        System.out.printf("parsed %d corpus files, %.1f MB, no syntax error, all round-trip%n",
                files.size(), bytes / 1e6);
    }
}
