package io.carveout.workspace;

import io.carveout.finding.Finding;
import io.carveout.preprocess.MacroDefinition;
import io.carveout.preprocess.PreprocessResult;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.ChangedSpan;
import io.carveout.text.SourceSpan;
import io.carveout.text.SpanMove;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An edit of text that the preprocessor copies into a board's output as it is written: a node's
 * name typed, a property begun, a '{' or a '};' typed, a value changed, anywhere no macro reads.
 * cpp's output then differs from the one before by the same characters, at the place it copied
 * them to, and everything else only moves; a board is brought up to date by making that change
 * in its preprocessed text and evaluating the tree again from it, in place of preprocessing the
 * SoC file again at each key (a third of a board's compile while typing).
 *
 * <p>cpp reads these characters as the same kind of tokens wherever they are: nothing that
 * opens or closes a comment, a string, a character literal or a macro's arguments
 * ({@code / * " ' ( )}, but a '"' last on its line: see quoteEndingItsLine), no '#' or '\',
 * and no name that is a macro in the board or one of cpp's own. Inside a string they stay
 * string: cpp copies a string as written, and one left open (each key typed after its '"')
 * as written to its line's end, one token of assembler-with-cpp that no macro reads either.
 * A line break is copied too (cpp prints each line end of active text where it read it, and
 * offsets, not lines, place everything after), unless it makes or unmakes a directive (a '#'
 * first on its line), ends a line on a '\', or the file or a macro reads {@code __LINE__}. Which names are macros, and whether the old
 * text reached the output as a copy, is asked of each board.
 *
 * @param start where the edit starts, in the text before and after it
 * @param oldEnd the end of the text replaced, in the text before
 * @param before the text replaced
 * @param after the text that replaced it
 * @param dropped the blanks just before {@code start} that ended the line before the edit, which
 *     cpp dropped and copies now that a word follows them (empty when there were none)
 * @param from the start of the words the edit touches (in both texts)
 * @param to the end of those words in the text before
 * @param names the names among the words touched, before and after the edit
 * @param lineBreaks whether the edit types or deletes a line break (lines after it move)
 */
record CopiedTextEdit(Path file, int start, int oldEnd, String before, String after, String dropped, int from,
        int to, Set<String> names, boolean lineBreaks) implements InPlaceEdit {

    /** Characters cpp reads alike wherever they stand, besides letters, digits and '_'. */
    private static final String PLAIN = " \t@,:;<>=&{}[]|^~!?%-+.";

    /**
     * The edit from {@code before} to {@code after} of a file, when it changes only text cpp
     * copies as written: one stretch of plain characters replaced by another, outside comments,
     * strings, directive lines and inactive text, and not followed by a '(' that a name before
     * it could take as a macro's arguments.
     */
    static Optional<CopiedTextEdit> of(Path file, SyntaxTree beforeTree, SyntaxTree afterTree, ChangedSpan span) {
        String old = beforeTree.text();
        String now = afterTree.text();
        int start = span.start();
        int oldEnd = span.oldEnd();
        int newEnd = span.newEnd();
        int delta = newEnd - oldEnd;
        if ((oldEnd == start && newEnd == start) || old.length() + delta != now.length() || !plain(old, start, oldEnd)
                || !(plain(now, start, newEnd) || quoteEndingItsLine(now, start, oldEnd, newEnd))
                || BlankEdit.endsALine(now, start - 1, newEnd + 1)
                || !linesKept(old, start, oldEnd) || !linesKept(now, start, newEnd)) {
            return Optional.empty();
        }
        boolean lineBreaks = old.substring(start, oldEnd).indexOf('\n') >= 0 || now.substring(start, newEnd).indexOf('\n') >= 0;
        if (lineBreaks && now.contains("__LINE__")) {
            return Optional.empty();
        }
        // Blanks that ended the line before a word typed after them were dropped; the output
        // holds them once the word is there. Other blanks the edit bares or ends are not made here.
        int bared = start;
        if (BlankEdit.endsALine(old, start - 1, oldEnd + 1)) {
            while (bared > 0 && (old.charAt(bared - 1) == ' ' || old.charAt(bared - 1) == '\t')) {
                bared--;
            }
            if (oldEnd != start || bared == start || !BlankEdit.lineEndsAfter(old, start)) {
                return Optional.empty();
            }
        }
        // A string left open runs to its line's end with the blanks there, which cpp copies: none
        // is taken for blanks it dropped, and no line break may move its end.
        boolean stringsCopied = !lineBreaks && (bared == start || beforeTree.tokenContaining(bared)
                .map(t -> t.kind() != SyntaxKind.STRING).orElse(false));
        // The words the edit touches, widened over the characters of names and numbers beside it.
        int from = start;
        while (from > 0 && wordChar(now.charAt(from - 1))) {
            from--;
        }
        int newTo = newEnd;
        while (newTo < now.length() && wordChar(now.charAt(newTo))) {
            newTo++;
        }
        int to = newTo - delta;
        if (from == 0 || newTo >= now.length() || !apart(old, from, to) || !apart(now, from, newTo)
                || !tokensCopied(beforeTree, from - 1, to + 1, stringsCopied)
                || !tokensCopied(afterTree, from - 1, newTo + 1, stringsCopied)) {
            return Optional.empty();
        }
        // A '(' after the edit could be a macro's arguments for a name the edit put before it.
        for (int i = newTo; i < now.length(); i++) {
            char c = now.charAt(i);
            if (c == '(' || c == '/') {
                return Optional.empty();
            }
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
        }
        Set<String> names = new java.util.HashSet<>();
        if (!names(old, from, to, names) || !names(now, from, newTo, names)) {
            return Optional.empty();
        }
        return Optional.of(new CopiedTextEdit(file, start, oldEnd, old.substring(start, oldEnd),
                now.substring(start, newEnd), old.substring(bared, start), from, to, Set.copyOf(names), lineBreaks));
    }

    /**
     * Whether the edit types one '"' last on its line, which opens a string there or closes the
     * one left open: cpp reads the line as before up to the last quote, whose string (or, left
     * open, the quote and the rest of the line as one token) it copies as written, so its output
     * takes the quote too. Not on a line with a '\', a character literal or a comment.
     */
    private static boolean quoteEndingItsLine(String now, int start, int oldEnd, int newEnd) {
        if (oldEnd != start || newEnd != start + 1 || now.charAt(start) != '"' || newEnd >= now.length()
                || now.charAt(newEnd) != '\n') {
            return false;
        }
        int lineStart = now.lastIndexOf('\n', start - 1) + 1;
        for (int i = lineStart; i < start; i++) {
            char c = now.charAt(i);
            if (c == '\\' || c == '\'' || (c == '/' && i + 1 < start && (now.charAt(i + 1) == '/' || now.charAt(i + 1) == '*'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!wordChar(text.charAt(i)) && PLAIN.indexOf(text.charAt(i)) < 0 && text.charAt(i) != '\n') {
                return false;
            }
        }
        return true;
    }

    // Each line break over [from, to) of the text leaves the lines as cpp reads them: the line
    // it ends does not end on a '\' (which would join the next line to it), and the line it
    // starts does not start with a '#' (a directive, or text that was one before).
    private static boolean linesKept(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                continue;
            }
            if (i > 0 && (text.charAt(i - 1) == '\\' || text.charAt(i - 1) == '\r')) {
                return false;
            }
            int next = BlankEdit.blanksEnd(text, i + 1);
            if (next < text.length() && text.charAt(next) == '#') {
                return false;
            }
        }
        return true;
    }

    private static boolean wordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    // cpp's numbers run on over '.', and over a sign after an exponent's letter: a sign or a
    // point beside a word could join two tokens into one number. Kept apart, every word is a
    // name or a number of its own.
    private static boolean apart(String text, int from, int to) {
        for (int i = Math.max(0, from - 1); i < Math.min(text.length(), to + 1); i++) {
            char c = text.charAt(i);
            boolean besideWord = (i > 0 && wordChar(text.charAt(i - 1)))
                    || (i + 1 < text.length() && wordChar(text.charAt(i + 1)));
            if ((c == '.' || c == '+' || c == '-') && besideWord) {
                char left = i > 0 ? text.charAt(i - 1) : ' ';
                if (c == '.' || "eEpP".indexOf(left) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    // Every token over the range is one cpp copies as written: not a directive line, inactive
    // text, a comment (replaced by a space) or a character literal. A string is too, when the
    // caller says strings are copied here (no line break, which would take words out of a string
    // left open, to be read as names, or bring others in) and it holds no '\' (an escape, or a
    // line joined to the next before cpp reads its tokens).
    private static boolean tokensCopied(SyntaxTree tree, int from, int to, boolean strings) {
        boolean[] copied = {true};
        List<SyntaxToken> touched = new ArrayList<>();
        for (int at = from; at < to; at++) {
            Optional<SyntaxToken> token = tree.tokenContaining(at);
            if (token.isEmpty()) {
                return false;
            }
            touched.add(token.get());
            at = token.get().end() - 1;
        }
        for (SyntaxToken token : touched) {
            SyntaxKind kind = token.kind();
            copied[0] &= kind != SyntaxKind.PP_DIRECTIVE && kind != SyntaxKind.INACTIVE_CODE
                    && kind != SyntaxKind.UNPARSED && kind != SyntaxKind.DTS_INCLUDE && kind != SyntaxKind.LINE_COMMENT
                    && kind != SyntaxKind.BLOCK_COMMENT && kind != SyntaxKind.CHAR_LITERAL
                    && (kind != SyntaxKind.STRING || (strings && tree.text(token).indexOf('\\') < 0));
        }
        return copied[0];
    }

    // The names among the words of [from, to): a word that starts with a digit is a number.
    // A name cpp defines itself (__LINE__, __has_include...) is never made in place.
    private static boolean names(String text, int from, int to, Set<String> out) {
        int i = from;
        while (i < to) {
            if (!wordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < to && wordChar(text.charAt(end))) {
                end++;
            }
            if (!Character.isDigit(text.charAt(i))) {
                String name = text.substring(i, end);
                if (name.startsWith("__") || name.equals("defined")) {
                    return false;
                }
                out.add(name);
            }
            i = end;
        }
        return true;
    }

    /**
     * The board with this edit made in its preprocessed text and its tree evaluated again, when
     * the words the edit touches reached the output as one copy no macro read, none of their
     * names is a macro of the board's, and no preprocessor finding sits on them.
     */
    @Override
    public Optional<Update> applyTo(CompiledBoard board, Evaluator evaluator) {
        if (!board.overlays().isEmpty()) {
            return Optional.empty();
        }
        Path own = board.preprocessed().sourceMap().files().stream().filter(file::equals).findFirst().orElse(file);
        // Blanks the output dropped are first taken out of the text (the output stays), then come
        // back as the start of what was typed after them, which the output copies.
        int bared = start - dropped.length();
        UnaryOperator<SourceSpan> takeOut = SpanMove.blanks(own, bared, start, -dropped.length());
        PreprocessResult preprocessed = board.preprocessed();
        if (!dropped.isEmpty()) {
            Optional<PreprocessResult> without = preprocessed.withDroppedTextChanged(own, bared, start,
                    -dropped.length(), takeOut);
            if (without.isEmpty()) {
                return Optional.empty();
            }
            preprocessed = without.get();
        }
        int shift = dropped.length();
        Optional<int[]> found = preprocessed.sourceMap().verbatimOutputs(own, from - shift - 1, to - shift + 1);
        if (found.isEmpty() || found.get().length != 1) {
            return Optional.empty();
        }
        int at = found.get()[0] + (bared - (from - shift - 1));
        if (!preprocessed.text().startsWith(before, at)) {
            return Optional.empty();
        }
        for (MacroDefinition definition : preprocessed.definitions()) {
            if (names.contains(definition.name()) || (lineBreaks && definition.body().contains("__LINE__"))) {
                return Optional.empty();
            }
        }
        SourceSpan words = new SourceSpan(own, from - shift - 1, to + 1);
        for (Finding d : board.preprocessDiagnostics()) {
            if (d.where() != null && d.where().file().equals(own) && d.where().start() < words.end()
                    && words.start() <= d.where().end()) {
                return Optional.empty();
            }
        }
        String typed = dropped + after;
        UnaryOperator<SourceSpan> putIn = SpanMove.blanks(own, bared, oldEnd - shift, typed.length() - before.length());
        UnaryOperator<SourceSpan> move = dropped.isEmpty() ? putIn : SpanMove.then(takeOut, putIn);
        PreprocessResult now = preprocessed.withCopiedTextReplaced(own, bared, oldEnd - shift, at, typed, putIn);
        return Optional.of(new Update(evaluator.fromPreprocessed(now, board.tree(), move), false, true));
    }
}
