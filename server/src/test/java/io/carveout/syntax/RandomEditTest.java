package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.carveout.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random one-character insertions and deletions into real corpus files,
 * as a user typing would make them (with a fixed seed, so a failure replays): the
 * parser never throws, never hangs, and always yields a tree that tiles the text.
 */
class RandomEditTest {
    private static final long SEED = 0x5eedcafeL;
    private static final int FILES = 12;
    private static final int EDITS_PER_FILE = 250;
    private static final String TYPED = "{};<>()[]/\"'=&,:#*x0 \n\\";

    @Test
    void randomEditsNeverBreakTheParser() {
        List<Path> all = Corpus.devicetreeSources();
        Random random = new Random(SEED);
        int edits = 0;
        for (int f = 0; f < FILES; f++) {
            Path file = all.get(random.nextInt(all.size()));
            StringBuilder text = new StringBuilder(Corpus.read(file));
            for (int i = 0; i < EDITS_PER_FILE; i++) {
                int at = random.nextInt(text.length() + 1);
                if (random.nextBoolean() && at < text.length()) {
                    text.deleteCharAt(at);
                } else {
                    text.insert(at, TYPED.charAt(random.nextInt(TYPED.length())));
                }
                String current = text.toString();
                String where = file.getFileName() + " after edit " + i + " at offset " + at;
                // A bound that only a hang would cross: the shared CI machine is noisy.
                SyntaxTree tree = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SyntaxTree.parse(current), where);
                assertEquals(current, tree.rebuildText(), where);
                TreeInvariants.check(tree);
                edits++;
            }
        }
        System.out.println("random edits parsed: " + edits);
    }
}
