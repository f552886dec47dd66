package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An edit that only widens, narrows or retypes the blanks (spaces and tabs) between two tokens
 * of a line, or that end it: a space typed after a {@code ;}, an indent made deeper. Neither
 * cpp nor dtc reads such blanks: the tokens are the same, the lines are the same (so is
 * {@code __LINE__}), and the merged tree differs only in where things are. A compiled board
 * then has its places moved in place of being preprocessed and evaluated again, where the
 * blanks reach its output as a copy (or, ending a line, reach it not at all).
 *
 * @param start where the blanks changed, in the text before and after the edit
 * @param oldEnd the end of the changed blanks in the text before
 * @param before the blanks replaced
 * @param after the blanks that replaced them
 * @param dropped whether the blanks end a line: cpp drops those, so no output holds them
 */
record BlankEdit(Path file, int start, int oldEnd, String before, String after, boolean dropped)
        implements InPlaceEdit {

    /**
     * The edit from {@code before} to {@code after} of a file, when it is such an edit: the text
     * replaced and the text put in are blanks with no line break, the tokens either side are the
     * same tokens in both texts (none split or joined: a blank in {@code 0x100} or a string, a
     * comment or a directive line is more than layout), and the file's syntax diagnostics are the
     * same but for where they are.
     */
    static Optional<BlankEdit> of(Path file, SyntaxTree before, SyntaxTree after, ChangedSpan span) {
        String old = before.text();
        String now = after.text();
        int start = span.start();
        int oldEnd = span.oldEnd();
        int newEnd = span.newEnd();
        int delta = newEnd - oldEnd;
        if ((oldEnd == start && newEnd == start) || start == 0 || oldEnd >= old.length()
                || old.length() + delta != now.length() || !blanks(old, start, oldEnd) || !blanks(now, start, newEnd)) {
            return Optional.empty();
        }
        Optional<SyntaxToken[]> sidesBefore = sides(before, start, oldEnd);
        Optional<SyntaxToken[]> sidesAfter = sides(after, start, newEnd);
        if (sidesBefore.isEmpty() || sidesAfter.isEmpty()
                || !sameToken(before, sidesBefore.get()[0], after, sidesAfter.get()[0], 0)
                || !sameToken(before, sidesBefore.get()[1], after, sidesAfter.get()[1], delta)) {
            return Optional.empty();
        }
        UnaryOperator<SourceSpan> move = SpanMove.blanks(file, start, oldEnd, delta);
        List<SyntaxDiagnostic> moved = before.diagnostics().stream().map(d -> {
            SourceSpan at = move.apply(new SourceSpan(file, d.start(), d.end()));
            return new SyntaxDiagnostic(at.start(), at.end(), d.message());
        }).toList();
        if (!moved.equals(after.diagnostics())) {
            return Optional.empty();
        }
        return Optional.of(new BlankEdit(file, start, oldEnd, old.substring(start, oldEnd), now.substring(start, newEnd),
                lineEndsAfter(now, newEnd)));
    }

    // cpp copies the blanks between two tokens of a line but drops those that end a line: a
    // blank typed (or bared by a word deleted) before a line break changes the text, not the
    // output. True when a blank over [from, to) is one of those.
    static boolean endsALine(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(text.length(), to); i++) {
            if ((text.charAt(i) == ' ' || text.charAt(i) == '\t') && lineEndsAfter(text, i)) {
                return true;
            }
        }
        return false;
    }

    // Whether only blanks lie between offset `from` and the end of its line.
    static boolean lineEndsAfter(String text, int from) {
        int end = blanksEnd(text, from);
        return end == text.length() || text.charAt(end) == '\n' || text.charAt(end) == '\r';
    }

    // The offset of the first character at or after `from` that is not a blank.
    static int blanksEnd(String text, int from) {
        int end = from;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return end;
    }

    private static boolean blanks(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    // The tokens holding the characters just before and just after the changed blanks, when the
    // blanks lie between tokens: each side is white space itself, or a token that ends (starts)
    // right there. A token that runs across the blanks (a string, a comment, a directive line,
    // inactive code) makes the edit more than layout.
    private static Optional<SyntaxToken[]> sides(SyntaxTree tree, int start, int end) {
        Optional<SyntaxToken> left = tree.tokenContaining(start - 1);
        Optional<SyntaxToken> right = tree.tokenContaining(end);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        boolean leftApart = left.get().kind() == SyntaxKind.WS || left.get().end() == start;
        boolean rightApart = right.get().kind() == SyntaxKind.WS || right.get().start() == end;
        if (!leftApart || !rightApart || !layoutAround(left.get()) || !layoutAround(right.get())) {
            return Optional.empty();
        }
        return Optional.of(new SyntaxToken[] {left.get(), right.get()});
    }

    // Tokens whose meaning does not depend on the blanks next to them. A directive is one token
    // up to its line's end, so blanks after it belong to it: cpp would read them.
    private static boolean layoutAround(SyntaxToken token) {
        SyntaxKind kind = token.kind();
        return kind != SyntaxKind.PP_DIRECTIVE && kind != SyntaxKind.INACTIVE_CODE && kind != SyntaxKind.UNPARSED
                && kind != SyntaxKind.DTS_INCLUDE && kind != SyntaxKind.LINE_COMMENT;
    }

    private static boolean sameToken(SyntaxTree before, SyntaxToken a, SyntaxTree after, SyntaxToken b, int delta) {
        if (a.kind() != b.kind()) {
            return false;
        }
        if (a.kind() == SyntaxKind.WS) {
            return true; // the blanks beside the edit: the edit's own text is compared
        }
        return a.start() + delta == b.start() && a.end() + delta == b.end() && before.text(a).equals(after.text(b));
    }

    // A place that begins or ends inside the blanks, or is an empty place at them: the front end
    // decided it from what it read there (a missing ';' is reported where the next token starts).
    private boolean onTheBlanks(SourceSpan span) {
        if (span == null || !span.file().equals(file)) {
            return false;
        }
        if (span.start() == span.end()) {
            return start <= span.start() && span.start() <= oldEnd;
        }
        return (start < span.start() && span.start() < oldEnd) || (start < span.end() && span.end() < oldEnd);
    }

    /**
     * The board with its places moved, when the blanks and the characters either side of them
     * were copied into the board's output as they were written (no macro read them) or not at all
     * (an inactive branch, or blanks that end a line): then a fresh compile would print the new
     * blanks in their place and read the same tokens. No finding may sit on the blanks: where it would land is decided by
     * what the front end reads there.
     */
    @Override
    public Optional<Update> applyTo(CompiledBoard board, Evaluator evaluator) {
        if (!board.overlays().isEmpty()) {
            return Optional.empty();
        }
        PreprocessResult preprocessed = board.preprocessed();
        // The board's own instance of the file's path: comparing paths by identity first keeps moving places cheap.
        Path own = preprocessed.sourceMap().files().stream().filter(file::equals).findFirst().orElse(file);
        int at = -1;
        if (!dropped) {
            Optional<int[]> found = preprocessed.sourceMap().verbatimOutputs(own, start - 1, oldEnd + 1);
            if (found.isEmpty() || found.get().length > 1) {
                return Optional.empty();
            }
            at = found.get().length == 0 ? -1 : found.get()[0] + 1;
            if (at >= 0 && !preprocessed.text().startsWith(before, at)) {
                return Optional.empty();
            }
        }
        for (List<Finding> findings : List.of(board.preprocessDiagnostics(), board.treeDiagnostics())) {
            for (Finding d : findings) {
                if (onTheBlanks(d.where())) {
                    return Optional.empty();
                }
            }
        }
        int delta = after.length() - before.length();
        UnaryOperator<SourceSpan> move = SpanMove.blanks(own, start, oldEnd, delta);
        PreprocessResult now;
        if (dropped) {
            Optional<PreprocessResult> moved = preprocessed.withDroppedTextChanged(own, start, oldEnd, delta, move);
            if (moved.isEmpty()) {
                return Optional.empty();
            }
            now = moved.get();
        } else {
            now = preprocessed.withCopiedTextReplaced(own, start, oldEnd, at, after, move);
        }
        if (delta == 0) {
            return Optional.of(new Update(new CompiledBoard(board.file(), board.overlays(), now, board.tree(),
                    board.preprocessDiagnostics(), board.treeDiagnostics()), true));
        }
        DeviceTree tree = board.tree().copy().withSpansMoved(move);
        return Optional.of(new Update(new CompiledBoard(board.file(), board.overlays(), now, tree,
                board.preprocessDiagnostics().stream().map(d -> d.withWhere(move.apply(d.where()))).toList(),
                board.treeDiagnostics().stream().map(d -> d.withWhere(move.apply(d.where()))).toList()), false));
    }
}
