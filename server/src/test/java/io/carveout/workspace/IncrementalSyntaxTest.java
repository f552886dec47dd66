package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.TextChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An open document's edits reach the project as offsets, and its next tree is derived, not parsed. */
class IncrementalSyntaxTest {
    private static final Path FILE = Path.of("/virtual/soc.dtsi");
    private static final String TEXT = "/ {\n\treserved-memory {\n\t\thyp@80000000 {\n\t\t\treg = <0x80000000 0x600000>;"
            + "\n\t\t\tno-map;\n\t\t};\n\t};\n};\n";

    @Test
    void editsInsideANodeAreSplicedIntoTheLastTree() {
        Opened opened = opened();
        assertEquals(1, opened.parses().parseCount());

        // Two keystrokes before the next analysis: 0x600000 becomes 0x700000, then 0x7000.
        int digit = TEXT.indexOf("0x600000") + 2;
        List<TextChange> changes = List.of(new TextChange(digit, digit + 1, "7"),
                new TextChange(digit + 4, digit + 6, ""));
        String text = TEXT;
        for (TextChange change : changes) {
            text = change.applyTo(text);
        }
        opened.documents().open(FILE, text);
        opened.project().edited(FILE, changes);
        SyntaxTree tree = opened.project().syntax(FILE);

        assertEquals(1, opened.parses().parseCount(), "the edited tree was derived, not parsed");
        assertEquals(text, tree.text());
        assertEqualsAParse(text, tree);
    }

    @Test
    void aMissedEditFallsBackToAFullParse() {
        Opened opened = opened();
        int at = TEXT.indexOf("no-map");
        opened.documents().open(FILE, TEXT.replace("no-map", "reusable"));
        opened.project().edited(FILE, List.of(new TextChange(at, at, "x"))); // not what happened
        SyntaxTree tree = opened.project().syntax(FILE);
        assertEquals(TEXT.replace("no-map", "reusable"), tree.text());
        assertEquals(2, opened.parses().parseCount());
    }

    /**
     * An edit that types an #if can be neither spliced nor parsed reading untouched items whole
     * (what it hides depends on every directive): the edit is applied without parsing the file (the
     * thread that applies edits serves every request's snapshot), and the tree is parsed when
     * asked for, equal to a parse of the new text.
     */
    @Test
    void anEditThatNeedsAWholeParseIsParsedWhenAskedForNotWhenApplied() {
        Opened opened = opened();
        int at = TEXT.indexOf("no-map");
        TextChange conditional = new TextChange(at, at, "\n#if 0\n");
        String text = conditional.applyTo(TEXT);
        opened.documents().open(FILE, text);
        opened.project().edited(FILE, List.of(conditional));

        assertTrue(opened.parses().cached(text).isEmpty(), "the edit was applied without a parse");
        SyntaxTree tree = opened.project().syntax(FILE);
        assertEqualsAParse(text, tree);
        assertEquals(2, opened.parses().parseCount());
    }

    /**
     * An edit that leaves a brace unbalanced cannot be spliced, but the file is parsed reading
     * its untouched items whole when the edit is applied: the tree is there, equal to a parse,
     * and nothing is parsed when it is asked for.
     */
    @Test
    void anUnbalancedEditIsDerivedWhenApplied() {
        Opened opened = opened();
        int at = TEXT.indexOf("no-map");
        TextChange brace = new TextChange(at, at, "new-node {\n\t\t\t");
        String text = brace.applyTo(TEXT);
        opened.documents().open(FILE, text);
        opened.project().edited(FILE, List.of(brace));

        assertTrue(opened.parses().cached(text).isPresent(), "the edit was applied with its tree derived");
        SyntaxTree tree = opened.project().syntax(FILE);
        assertEqualsAParse(text, tree);
        assertEquals(1, opened.parses().parseCount());
    }

    private record Opened(OpenDocuments documents, ParseCache parses, Project project) {
    }

    // A project with the file open and its tree parsed once.
    private static Opened opened() {
        OpenDocuments documents = new OpenDocuments(SourceProvider.of(Map.of()));
        ParseCache parses = new ParseCache();
        Project project = new Project(null, documents, new TokenCache(), parses);
        documents.open(FILE, TEXT);
        project.syntax(FILE);
        return new Opened(documents, parses, project);
    }

    private static void assertEqualsAParse(String text, SyntaxTree tree) {
        SyntaxTree full = SyntaxTree.parse(text);
        assertEquals(full.diagnostics(), tree.diagnostics());
        assertEquals(full.root().toString(), tree.root().toString());
    }
}
