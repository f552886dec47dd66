package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The token under an offset, found by descending only into the subtrees that hold it, is the
 * one a walk over every token of the file finds: at every offset of the example, and at
 * offsets spread over the largest SoC file of the corpus, broken text included.
 */
class TokenAtTest {

    @Test
    void everyOffsetOfTheExampleAndOfALargeSocFile() throws IOException {
        check(Files.readString(Path.of("examples", "soc.dtsi")), 1);
        check(Files.readString(Path.of("examples", "board.dts")), 1);
        // the walk over every token is the slow definition: a prime step over the large file
        String hamoa = Corpus.read(Corpus.linux().resolve("arch/arm64/boot/dts/qcom/hamoa.dtsi"));
        check(hamoa, 97);
        // a file left broken by an edit: a node opened and never closed, a missing ';'
        check(hamoa.substring(0, hamoa.length() / 2).replaceFirst(";", ""), 89);
    }

    private static void check(String text, int step) {
        SyntaxTree tree = SyntaxTree.parse(text);
        for (int offset = 0; offset <= text.length(); offset += step) {
            assertEquals(everyToken(tree, offset), tree.tokenAt(offset), "offset " + offset);
        }
    }

    // The definition, read literally: a walk over every token in text order.
    private static Optional<SyntaxToken> everyToken(SyntaxTree tree, int offset) {
        SyntaxToken[] found = new SyntaxToken[2];
        tree.root().forEachToken(token -> {
            if (token.start() <= offset && offset < token.end()) {
                found[0] = token;
            } else if (token.end() == offset) {
                found[1] = token;
            }
        });
        if (found[0] != null && !found[0].isTrivia()) {
            return Optional.of(found[0]);
        }
        if (found[1] != null && !found[1].isTrivia()) {
            return Optional.of(found[1]);
        }
        return Optional.ofNullable(found[0] != null ? found[0] : found[1]);
    }
}
