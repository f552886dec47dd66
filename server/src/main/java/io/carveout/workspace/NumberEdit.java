package io.carveout.workspace;

import io.carveout.preprocess.PpDiagnostic;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.preprocess.SourceSpan;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.memory.MemoryMap;
import io.carveout.tree.Cell;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.TreeDiagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An edit that only gives one number of a property's {@code <...>} cells another value
 * written with as many characters: the edit a carve-out gets when its base or size is
 * changed digit by digit. Such an edit changes the boards that include the file in that one
 * cell and nowhere else: the preprocessor copies a number through untouched (when no macro
 * reads it), every offset after it stays where it was, and the merged tree differs in that
 * cell's value. A compiled board is then brought up to date in place of being preprocessed
 * and evaluated again; whatever this cannot vouch for is compiled again.
 *
 * @param literal the number as written in the file, before and after (same range)
 */
record NumberEdit(SourceSpan literal, String before, String after, long value) {

    /**
     * The edit from {@code before} to {@code after} of a file, when it is such an edit: the
     * changed text lies inside one integer literal that is a whole cell of a property, the
     * literal keeps its length and stays one that dtc reads, and the rest of the file's syntax
     * (its diagnostics included) is unchanged.
     */
    static Optional<NumberEdit> of(Path file, SyntaxTree before, SyntaxTree after, ChangedSpan span) {
        if (span.oldEnd() != span.newEnd() || span.oldEnd() <= span.start()
                || before.text().length() != after.text().length()
                || !before.diagnostics().equals(after.diagnostics())) {
            return Optional.empty();
        }
        Optional<SyntaxToken> old = cellLiteral(before, span.start(), span.oldEnd());
        Optional<SyntaxToken> now = cellLiteral(after, span.start(), span.newEnd());
        if (old.isEmpty() || now.isEmpty() || !old.get().equals(now.get())) {
            return Optional.empty();
        }
        SyntaxToken token = now.get();
        String written = before.text(token);
        String rewritten = after.text(token);
        // Letters and digits only: the preprocessor still reads one pp-number, nothing else.
        if (!rewritten.chars().allMatch(Character::isLetterOrDigit)) {
            return Optional.empty();
        }
        OptionalLong value = Cell.literalValue(rewritten);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NumberEdit(new SourceSpan(file, token.start(), token.end()), written, rewritten,
                value.getAsLong()));
    }

    // The integer token around [start, end) when it is, alone, one cell of a property value:
    // a literal directly in '<...>' (not in an expression, a macro's arguments or /bits/).
    private static Optional<SyntaxToken> cellLiteral(SyntaxTree tree, int start, int end) {
        List<SyntaxNode> path = new ArrayList<>();
        SyntaxNode node = tree.root();
        SyntaxToken found = null;
        while (found == null) {
            path.add(node);
            SyntaxElement next = null;
            for (SyntaxElement child : node.children()) {
                if (child.start() <= start && end <= child.end() && child.end() > child.start()) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return Optional.empty();
            } else if (next instanceof SyntaxToken token) {
                found = token;
            } else {
                node = (SyntaxNode) next;
            }
        }
        int depth = path.size();
        if (found.kind() != SyntaxKind.INT || depth < 4) {
            return Optional.empty();
        }
        SyntaxNode literal = path.get(depth - 1);
        SyntaxNode cells = path.get(depth - 2);
        boolean inProperty = path.stream().anyMatch(n -> n.kind() == SyntaxKind.PROPERTY);
        if (literal.kind() != SyntaxKind.LITERAL || literal.start() != found.start() || literal.end() != found.end()
                || cells.kind() != SyntaxKind.CELL_LIST || !inProperty || !afterOpeningBracket(cells, literal)) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    private static boolean afterOpeningBracket(SyntaxNode cells, SyntaxNode literal) {
        for (SyntaxElement child : cells.children()) {
            if (child == literal) {
                return false;
            }
            if (child.kind() == SyntaxKind.LT) {
                return true;
            }
        }
        return false;
    }

    /**
     * The board with this edit made, when it can be made in place: the number reaches the
     * board's output only as copies that no macro read, no diagnostic is about it (a
     * truncation warning, say, would have to be decided again), and the merged tree takes the
     * new value in the cells written there. Empty: compile the board again. The board's tree
     * is changed in place; the board given must not be used afterwards.
     */
    Optional<Update> applyTo(CompiledBoard board) {
        PreprocessResult preprocessed = board.preprocessed();
        if (!board.overlays().isEmpty()) {
            return Optional.empty();
        }
        Optional<int[]> outputs = preprocessed.sourceMap().verbatimOutputs(literal.file(), literal.start(),
                literal.end());
        if (outputs.isEmpty()) {
            return Optional.empty();
        }
        if (outputs.get().length == 0) {
            return Optional.of(new Update(board, true)); // not in this board's output (an inactive #if branch)
        }
        String text = preprocessed.text();
        for (int at : outputs.get()) {
            if (!text.startsWith(before, at)) {
                return Optional.empty();
            }
        }
        for (PpDiagnostic d : board.preprocessDiagnostics()) {
            if (touches(d.span())) {
                return Optional.empty();
            }
        }
        for (TreeDiagnostic d : board.treeDiagnostics()) {
            if (touches(d.origin())) {
                return Optional.empty();
            }
        }
        Optional<List<DeviceTree.CellHolder>> holders = board.tree().replaceLiteralCells(literal, value);
        if (holders.isEmpty() || holders.get().isEmpty()) {
            return Optional.empty();
        }
        boolean memoryUnchanged = holders.get().stream().noneMatch(h -> MemoryMap.mayRead(h.nodePath(), h.property()));
        StringBuilder edited = new StringBuilder(text);
        for (int at : outputs.get()) {
            edited.replace(at, at + after.length(), after);
        }
        PreprocessResult now = new PreprocessResult(edited.toString(), preprocessed.sourceMap(),
                preprocessed.diagnostics(), preprocessed.inclusions(), preprocessed.definitions(), preprocessed.uses());
        return Optional.of(new Update(new CompiledBoard(board.file(), board.overlays(), now, board.tree(),
                board.preprocessDiagnostics(), board.treeDiagnostics()), memoryUnchanged));
    }

    /**
     * A board brought up to date in place.
     *
     * @param memoryUnchanged no property the memory analysis reads took the new value, so the
     *     memory findings of the board before hold for it unchanged
     */
    record Update(CompiledBoard board, boolean memoryUnchanged) {
    }

    private boolean touches(SourceSpan span) {
        return span != null && span.file().equals(literal.file()) && span.start() < literal.end()
                && literal.start() < span.end() + (span.start() == span.end() ? 1 : 0);
    }
}
