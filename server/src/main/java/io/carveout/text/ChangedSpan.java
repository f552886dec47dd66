package io.carveout.text;

/**
 * Where a run of edits changed a text: {@code [start, oldEnd)} of the text before them
 * became {@code [start, newEnd)} of the text after; everything else is unchanged. One span
 * covers any number of edits (and the text between them), so that what depends on the
 * text can be brought up to date once for all of them.
 */
public record ChangedSpan(int start, int oldEnd, int newEnd) {
    public static ChangedSpan of(TextChange change) {
        return new ChangedSpan(change.start(), change.end(), change.start() + change.replacement().length());
    }

    /** This span and then one more change, whose offsets are in the text after this span's edits. */
    public ChangedSpan then(TextChange change) {
        int from = Math.min(start, change.start());
        // Past newEnd the current text is the old one, at the same distance from oldEnd.
        int through = Math.max(newEnd, change.end());
        return new ChangedSpan(from, oldEnd + (through - newEnd),
                through + change.replacement().length() - (change.end() - change.start()));
    }
}
