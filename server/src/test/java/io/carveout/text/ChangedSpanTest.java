package io.carveout.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** One span covers a run of edits: the old text outside it and the new text inside it make the new text. */
class ChangedSpanTest {

    @Test
    void aSpanCoversEveryRunOfRandomEdits() {
        Random random = new Random(42);
        for (int run = 0; run < 2000; run++) {
            String before = "0123456789abcdefghij".substring(0, random.nextInt(21));
            String text = before;
            ChangedSpan span = null;
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                int start = random.nextInt(text.length() + 1);
                int end = start + random.nextInt(text.length() - start + 1);
                TextChange change = new TextChange(start, end, "xyz".substring(0, random.nextInt(4)));
                span = span == null ? ChangedSpan.of(change) : span.then(change);
                text = change.applyTo(text);
            }
            String rebuilt = before.substring(0, span.start()) + text.substring(span.start(), span.newEnd())
                    + before.substring(span.oldEnd());
            assertEquals(text, rebuilt, "run " + run + ": " + span);
        }
    }

    @Test
    void aDocumentGivesTheOffsetsItsEditsApplyAt() {
        TextDocument document = new TextDocument("file:///a.dts", 1, "ab\ncd\n");
        TextEdit edit = new TextEdit(TextRange.of(1, 1, 1, 9), "X");
        assertEquals(new TextChange(4, 5, "X"), document.change(edit, PositionEncoding.UTF16));
        assertEquals(new TextChange(0, 6, "new"), document.change(TextEdit.replaceAll("new"), PositionEncoding.UTF16));
    }
}
