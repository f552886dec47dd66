package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.carveout.testing.Corpus;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.TextChange;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A large text the cache does not hold is made from a held tree whose text differs from it in
 * one stretch (the next version of an expansion a keystroke changed): the tree must be the one a
 * parse of the text gives, whatever the edit (balanced or not, a brace typed, a comment opened).
 */
class ParseCacheTest {

    @Test
    void aTreeMadeFromTheHeldVersionBeforeAnEditEqualsAParse() {
        String text = Corpus.read(Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi"));
        ParseCache parses = new ParseCache();
        parses.parse(text);
        Random random = new Random(20261207);
        String[] typed = {"x", " ", "{", "}", ";", "\n", "/*", "\"", "<0x1>", "};", "new-node@1 {", "#if 0\n", "&"};
        int from = text.indexOf("reserved-memory {");
        for (int i = 0; i < 40; i++) {
            int at = random.nextBoolean() ? from + random.nextInt(4_000) : random.nextInt(text.length());
            TextChange change = random.nextInt(4) == 0 ? new TextChange(at, Math.min(text.length(), at + 1 + random.nextInt(7)), "")
                    : new TextChange(at, at, typed[random.nextInt(typed.length)]);
            String edited = change.applyTo(text);
            SyntaxTree tree = parses.parse(edited);
            SyntaxTree parsed = SyntaxTree.parse(edited);
            String what = "edit " + i + ": " + change;
            assertSame(edited, tree.text(), what);
            assertEquals(parsed.diagnostics(), tree.diagnostics(), what);
            assertEquals(parsed.root().toString(), tree.root().toString(), what);
            if (random.nextBoolean()) {
                text = edited; // the next edit is made on this version, as typing does
            }
        }
        assertEquals(41, parses.parseCount(), "each text not held is counted once");
    }

    /**
     * A version made from another by an edit takes its place in the cache (keys typed make one
     * per key, which the cache held until a dozen large trees lived just long enough to be copied
     * by every young collection); the version before stays among the trees made last, where an
     * undo finds it.
     */
    @Test
    void anEditedVersionTakesThePlaceOfTheOneBefore() {
        String text = Corpus.read(Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi"));
        ParseCache parses = new ParseCache();
        SyntaxTree before = parses.parse(text);
        int at = text.indexOf("reserved-memory {");
        String typed = text.substring(0, at) + "x" + text.substring(at);
        parses.parse(typed);
        assertEquals(typed.length(), parses.characters(), "only the version typed is held");
        assertSame(before, parses.cached(text).orElseThrow(), "the version before is among the trees made last");
        String twice = typed.substring(0, at) + "x" + typed.substring(at);
        SyntaxTree edited = parses.parse(twice);
        parses.remember(edited.edit(at, at + 1, "").over(typed).orElseThrow(), edited);
        assertEquals(typed.length(), parses.characters(), "a tree remembered in place of the one it was made from");
    }

    /**
     * While a node typed is open, a board parses its SoC file's expansion and then its whole
     * output at each key; a cache too small to hold the output the key before parsed still makes
     * the next one from it (kept among the trees made last), sharing its untouched subtrees.
     */
    @Test
    void aTextMadeTwoParsesAgoIsStillMadeFromTheTreeBefore() {
        String soc = Corpus.read(Corpus.linux().resolve("arch/arm64/boot/dts/qcom/kodiak.dtsi"));
        String expansion = soc.substring(0, soc.indexOf("\n};\n", 60_000) + 4);
        String output = "/dts-v1/;\n" + expansion + "\n/ { model = \"board\"; };\n";
        ParseCache parses = new ParseCache(expansion.length() + 1_000);
        int at = expansion.indexOf("reserved-memory {");
        SyntaxTree outputBefore = null;
        for (int key = 0; key < 3; key++) {
            String typed = "x".repeat(key);
            parses.parse(expansion.substring(0, at) + typed + expansion.substring(at));
            SyntaxTree now = parses.parse(output.substring(0, at + 10) + typed + output.substring(at + 10));
            if (outputBefore != null) {
                SyntaxNode lastBefore = outputBefore.root().childNodes().get(outputBefore.root().childNodes().size() - 1);
                SyntaxNode lastNow = now.root().childNodes().get(now.root().childNodes().size() - 1);
                assertSame(lastBefore.shape(), lastNow.shape(), "key " + key + ": the output's last item taken from the tree before");
            }
            outputBefore = now;
        }
    }
}
