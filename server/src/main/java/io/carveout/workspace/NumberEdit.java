package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.memory.MemoryMap;
import io.carveout.tree.Cell;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * An edit that only gives one number of a property's {@code <...>} cells another value:
 * the edit a carve-out gets when its base or size is changed digit by digit. Such an edit
 * changes the boards that include the file in that one cell and nowhere else: the
 * preprocessor copies a number through untouched (when no macro reads it), the merged tree
 * differs in that cell's value, and what comes after it in the file only moves by the
 * change in length. A compiled board is then brought up to date in place of being preprocessed
 * and evaluated again; whatever this cannot vouch for is compiled again.
 *
 * @param literal where the number was written in the file before the edit
 * @param before the number as written before the edit
 * @param after the number as written after it (from the same offset)
 */
record NumberEdit(SourceSpan literal, String before, String after, long value) implements InPlaceEdit {

    /**
     * The edit from {@code before} to {@code after} of a file, when it is such an edit: the
     * changed text lies inside one integer literal that is a whole cell of a property, the
     * literal stays one that dtc reads, and the rest of the file's syntax (its diagnostics
     * included) is unchanged but for where it now is.
     */
    static Optional<NumberEdit> of(Path file, SyntaxTree before, SyntaxTree after, ChangedSpan span) {
        int delta = span.newEnd() - span.oldEnd();
        if ((span.oldEnd() <= span.start() && span.newEnd() <= span.start())
                || before.text().length() + delta != after.text().length()) {
            return Optional.empty();
        }
        Optional<SyntaxToken> old = cellLiteral(before, span.start(), span.oldEnd());
        Optional<SyntaxToken> now = cellLiteral(after, span.start(), span.newEnd());
        if (old.isEmpty() || now.isEmpty() || old.get().start() != now.get().start()
                || old.get().end() + delta != now.get().end()) {
            return Optional.empty();
        }
        int end = old.get().end();
        List<SyntaxDiagnostic> moved = before.diagnostics().stream()
                .map(d -> new SyntaxDiagnostic(d.start() >= end ? d.start() + delta : d.start(),
                        d.end() >= end ? d.end() + delta : d.end(), d.message()))
                .toList();
        if (!moved.equals(after.diagnostics())) {
            return Optional.empty();
        }
        String written = before.text(old.get());
        String rewritten = after.text(now.get());
        // Letters and digits only: the preprocessor still reads one pp-number, nothing else.
        if (!rewritten.chars().allMatch(Character::isLetterOrDigit)) {
            return Optional.empty();
        }
        OptionalLong value = Cell.literalValue(rewritten);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NumberEdit(new SourceSpan(file, old.get().start(), end), written, rewritten,
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
     * board's output as one copy that no macro read,
     * no diagnostic is about it (a truncation warning, say, would have to be decided again),
     * and the merged tree takes the new value in the cells written there; every place after
     * it in the file moves by the change in length. Empty: compile the board again. The
     * board given is left as it was: its tree is copied before the new value is written.
     */
    @Override
    public Optional<Update> applyTo(CompiledBoard board, Evaluator evaluator) {
        PreprocessResult preprocessed = board.preprocessed();
        int delta = after.length() - before.length();
        if (!board.overlays().isEmpty()) {
            return Optional.empty();
        }
        // The board's own instance of the file's path: the places it remembers hold that one,
        // and comparing paths by identity first keeps moving them cheap.
        Path file = preprocessed.sourceMap().files().stream().filter(literal.file()::equals).findFirst()
                .orElse(literal.file());
        SourceSpan place = new SourceSpan(file, literal.start(), literal.end());
        Optional<int[]> found = preprocessed.sourceMap().verbatimOutputs(file, place.start(), place.end());
        // One copy at most: a file included twice is rare, and its copies would have to be told apart.
        if (found.isEmpty() || found.get().length > 1) {
            return Optional.empty();
        }
        int[] outputs = found.get();
        for (int at : outputs) {
            if (!preprocessed.text().startsWith(before, at)) {
                return Optional.empty();
            }
        }
        for (Finding d : board.preprocessDiagnostics()) {
            if (touches(d.where(), place)) {
                return Optional.empty();
            }
        }
        for (Finding d : board.treeDiagnostics()) {
            if (touches(d.where(), place)) {
                return Optional.empty();
            }
        }
        boolean memoryUnchanged = delta == 0; // else the memory findings' places move
        // The board given may be read meanwhile, from an earlier snapshot: the edit goes to a copy.
        DeviceTree tree = board.tree();
        if (outputs.length > 0) {
            tree = tree.copy();
            Optional<List<DeviceTree.CellHolder>> holders = tree.replaceLiteralCells(place, value);
            if (holders.isEmpty() || holders.get().isEmpty()) {
                return Optional.empty();
            }
            memoryUnchanged &= holders.get().stream().noneMatch(h -> MemoryMap.mayRead(h.nodePath(), h.property()));
        } else if (delta == 0) {
            return Optional.of(new Update(board, true)); // not in this board's output (an inactive #if branch)
        }
        PreprocessResult now = preprocessed;
        for (int at : outputs.length == 0 ? new int[] {-1} : outputs) {
            now = now.withCopiedTextReplaced(file, place.start(), place.end(), at, after);
        }
        if (delta == 0) {
            return Optional.of(new Update(new CompiledBoard(board.file(), board.overlays(), now, tree,
                    board.preprocessDiagnostics(), board.treeDiagnostics()), memoryUnchanged));
        }
        UnaryOperator<SourceSpan> move = SpanMove.insertion(file, place.end(), delta);
        return Optional.of(new Update(new CompiledBoard(board.file(), board.overlays(), now,
                (tree == board.tree() ? tree.copy() : tree).withSpansMoved(move),
                board.preprocessDiagnostics().stream()
                        .map(d -> d.withWhere(move.apply(d.where()))).toList(),
                board.treeDiagnostics().stream()
                        .map(d -> d.withWhere(move.apply(d.where())))
                        .toList()), false));
    }

    private static boolean touches(SourceSpan span, SourceSpan place) {
        return span != null && span.file().equals(place.file()) && span.start() < place.end()
                && place.start() < span.end() + (span.start() == span.end() ? 1 : 0);
    }
}
