package io.carveout.text;

import java.util.List;
import java.util.Objects;

/**
 * One version of a document as the editor holds it. Immutable: an edit yields a new
 * document, so an analysis running on an older version is never disturbed.
 */
public final class TextDocument {
    private final String uri;
    private final int version;
    private final String text;
    private volatile LineIndex lineIndex;

    public TextDocument(String uri, int version, String text) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.version = version;
        this.text = Objects.requireNonNull(text, "text");
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    public LineIndex lineIndex() {
        LineIndex index = lineIndex;
        if (index == null) {
            index = new LineIndex(text);
            lineIndex = index;
        }
        return index;
    }

    /** Applies edits in order, each against the text the previous one produced, as LSP's didChange does. */
    public TextDocument apply(List<TextEdit> edits, int newVersion, PositionEncoding encoding) {
        String current = text;
        LineIndex index = lineIndex();
        for (TextEdit edit : edits) {
            TextChange change = change(current, index, edit, encoding);
            current = change.applyTo(current);
            index = index.edited(change, current);
        }
        TextDocument next = new TextDocument(uri, newVersion, current);
        next.lineIndex = index;
        return next;
    }

    /**
     * An edit of this document in offsets of its text, as {@link #apply} makes it (a
     * position past the end of a line or of the text is clamped; a full replacement
     * replaces everything).
     */
    public TextChange change(TextEdit edit, PositionEncoding encoding) {
        return change(text, lineIndex(), edit, encoding);
    }

    private static TextChange change(String text, LineIndex index, TextEdit edit, PositionEncoding encoding) {
        if (edit.isFullReplacement()) {
            return new TextChange(0, text.length(), edit.newText());
        }
        int start = index.offsetOf(edit.range().start(), encoding);
        int end = Math.max(start, index.offsetOf(edit.range().end(), encoding));
        return new TextChange(start, end, edit.newText());
    }

    public TextDocument apply(List<TextEdit> edits, int newVersion) {
        return apply(edits, newVersion, PositionEncoding.UTF16);
    }
}
