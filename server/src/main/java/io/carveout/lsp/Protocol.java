package io.carveout.lsp;

import io.carveout.text.TextEdit;
import io.carveout.text.TextRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** Conversions between the engine's values and LSP4J's protocol types. */
final class Protocol {
    private Protocol() {
    }

    static Position toPosition(io.carveout.text.Position position) {
        return new Position(position.line(), position.character());
    }

    static io.carveout.text.Position fromPosition(Position position) {
        return new io.carveout.text.Position(Math.max(0, position.getLine()), Math.max(0, position.getCharacter()));
    }

    static TextEdit toEdit(TextDocumentContentChangeEvent change) {
        if (change.getRange() == null) {
            return TextEdit.replaceAll(change.getText());
        }
        io.carveout.text.Position start = fromPosition(change.getRange().getStart());
        io.carveout.text.Position end = fromPosition(change.getRange().getEnd());
        if (end.compareTo(start) < 0) {
            io.carveout.text.Position swap = start;
            start = end;
            end = swap;
        }
        return new TextEdit(new TextRange(start, end), change.getText());
    }
}
