package io.carveout.format;

import io.carveout.syntax.SyntaxDiagnostic;
import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lays a devicetree source out in the kernel's style (dts-coding-style.rst): one tab per
 * level, one statement per line, one space around '=' and after ',', none inside '<' '>' and
 * '[' ']' or before ';', a blank line between nodes and at most one anywhere, continuation
 * lines of a value aligned with the first value or just inside its '<'.
 *
 * <p>Only the whitespace between tokens of the lossless tree changes: every token, comment,
 * preprocessor line and inactive #if branch is kept as written, so what cpp and dtc read is
 * the same token for token. Whitespace is never added or taken away inside a macro's
 * arguments (only its amount changes), since cpp's # would see it; a preprocessor line keeps
 * its own indentation, an inactive branch every character. A top-level item with a syntax
 * error is left as written; the rest of the file is formatted.
 */
public final class DtsFormatter {
    private DtsFormatter() {
    }

    /** One stretch of whitespace of the original text replaced. */
    public record Change(int start, int end, String replacement) {
    }

    /**
     * The formatted text and the changes that make it from the original, in order; or why the
     * file was not formatted at all.
     *
     * @param brokenItems top-level items left as written because of syntax errors
     */
    public record Result(String text, List<Change> changes, int brokenItems, Optional<String> refusal) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    public static Result format(SyntaxTree tree, FormatOptions options) {
        if (tree.unparsed()) {
            return new Result(tree.text(), List.of(), 0,
                    Optional.of("not formatted: the file is too large or not text"));
        }
        SyntaxTree laid = tree;
        if (options.reorders()) {
            String reordered = Reordering.apply(tree, options);
            if (!reordered.equals(tree.text())) {
                laid = SyntaxTree.parse(reordered);
            }
        }
        Result result = new Layout(laid, options).run();
        if (laid != tree) {
            // the order changed: one change of the whole text
            return new Result(result.text(), List.of(new Change(0, tree.text().length(), result.text())),
                    result.brokenItems(), result.refusal());
        }
        return result;
    }

    /**
     * The changes of a whole-file format that end in {@code [start, end]}: a change of the
     * whitespace between two tokens belongs to the line of the token after it, so a range of
     * lines gets its own indentation and nothing of the line after it.
     */
    public static Result formatRange(SyntaxTree tree, int start, int end, FormatOptions options) {
        Result whole = format(tree, options.reorders() ? new FormatOptions(options.indentSpaces(), false, false)
                : options);
        List<Change> within = whole.changes().stream()
                .filter(c -> c.end() >= start && c.end() <= end).toList();
        StringBuilder text = new StringBuilder(tree.text());
        for (int i = within.size() - 1; i >= 0; i--) {
            Change c = within.get(i);
            text.replace(c.start(), c.end(), c.replacement());
        }
        return new Result(text.toString(), within, whole.brokenItems(), whole.refusal());
    }

    /** A token of the tree with what the layout needs to know of where it stands. */
    private record Item(SyntaxKind kind, int start, int end, SyntaxNode parent, SyntaxNode statement, int depth,
            int args, int bracketOpen, int valueStart, boolean broken) {
        boolean trivia() {
            return kind.isTrivia();
        }

        boolean is(SyntaxKind k, SyntaxKind parentKind) {
            return kind == k && parent.kind() == parentKind;
        }

        /** Whether the whitespace after this token is inside a macro's arguments. */
        boolean argsAfter() {
            return args - (is(SyntaxKind.RPAREN, SyntaxKind.CALL_ARGS) ? 1 : 0) > 0;
        }

        /** Whether the whitespace before this token is inside a macro's arguments. */
        boolean argsBefore() {
            return args - (is(SyntaxKind.LPAREN, SyntaxKind.CALL_ARGS) ? 1 : 0) > 0;
        }
    }

    private static final int VERBATIM = -1;

    private static final class Layout {
        private final SyntaxTree tree;
        private final String text;
        private final FormatOptions options;
        private final String eol;
        private final List<Item> items = new ArrayList<>();
        private int brokenItems;

        Layout(SyntaxTree tree, FormatOptions options) {
            this.tree = tree;
            this.text = tree.text();
            this.options = options;
            int lf = text.indexOf('\n');
            this.eol = lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
        }

        Result run() {
            SyntaxNode root = tree.root();
            for (SyntaxElement child : root.children()) {
                // a token standing alone at the top is one the parser could not place
                boolean broken = child instanceof SyntaxNode node ? touchesDiagnostic(node) || holdsError(node)
                        : !child.kind().isTrivia();
                if (broken) {
                    brokenItems++;
                }
                collect(child, root, child instanceof SyntaxNode node ? node : null, 0, 0, -1, -1, broken);
            }
            int n = items.size();
            int[] breaks = new int[n + 1];
            boolean[] space = new boolean[n + 1];
            for (int i = 0; i <= n; i++) {
                decide(i, breaks, space);
            }
            separateNodes(root, breaks);
            return emit(breaks, space);
        }

        // Tokens the parser skipped after an error it reported once, further up
        private static boolean holdsError(SyntaxNode node) {
            boolean[] found = new boolean[1];
            node.forEachNode(n -> found[0] |= n.kind() == SyntaxKind.ERROR);
            return found[0];
        }

        private boolean touchesDiagnostic(SyntaxElement element) {
            for (SyntaxDiagnostic d : tree.diagnostics()) {
                if (d.start() <= element.end() && d.end() >= element.start()) {
                    return true;
                }
            }
            return false;
        }

        // Walks an element whose parent is {@code parent}; the statement is the nearest
        // ancestor standing directly in a node body or the document (none for what stands there
        // itself: a comment, a body's braces).
        private void collect(SyntaxElement element, SyntaxNode parent, SyntaxNode statement, int depth, int args,
                int bracketOpen, int valueStart, boolean broken) {
            if (element instanceof SyntaxToken token) {
                if (token.kind() != SyntaxKind.WS) {
                    items.add(new Item(token.kind(), token.start(), token.end(), parent, statement, depth, args,
                            bracketOpen, valueStart, broken));
                }
                return;
            }
            SyntaxNode node = (SyntaxNode) element;
            switch (node.kind()) {
                case NODE_BODY -> depth++;
                case CALL_ARGS -> args++;
                case CELL_LIST -> bracketOpen = node.childToken(SyntaxKind.LT).map(SyntaxToken::start).orElse(-1);
                case BYTE_STRING -> bracketOpen = node.childToken(SyntaxKind.LBRACK).map(SyntaxToken::start).orElse(-1);
                case PROPERTY -> valueStart = firstValue(node);
                default -> {
                }
            }
            boolean body = node.kind() == SyntaxKind.NODE_BODY;
            for (SyntaxElement child : node.children()) {
                SyntaxNode inner = body ? (child instanceof SyntaxNode n ? n : null) : statement;
                collect(child, node, inner, depth, args, bracketOpen, valueStart, broken);
            }
        }

        private static int firstValue(SyntaxNode property) {
            boolean afterEq = false;
            for (SyntaxElement child : property.children()) {
                if (afterEq && !child.kind().isTrivia() && child.kind() != SyntaxKind.WS) {
                    return child.start();
                }
                afterEq |= child.kind() == SyntaxKind.EQ;
            }
            return -1;
        }

        private void decide(int i, int[] breaks, boolean[] space) {
            Item a = i > 0 ? items.get(i - 1) : null;
            Item b = i < items.size() ? items.get(i) : null;
            String gap = gapText(i);
            int newlines = count(gap, '\n');
            if (!gap.isBlank() || untouchable(a) || untouchable(b)) {
                breaks[i] = VERBATIM;
                return;
            }
            if (b == null) {
                breaks[i] = a == null ? 0 : 1;
                return;
            }
            if (a == null) {
                breaks[i] = 0;
                return;
            }
            if (a.kind() == SyntaxKind.LINE_COMMENT || a.kind() == SyntaxKind.PP_DIRECTIVE) {
                if (newlines == 0) {
                    breaks[i] = VERBATIM;
                    return;
                }
            }
            if (b.kind() == SyntaxKind.PP_DIRECTIVE) {
                breaks[i] = newlines == 0 ? VERBATIM : Math.min(newlines, 2);
                return;
            }
            boolean afterToken = !a.trivia();
            boolean afterOpen = a.is(SyntaxKind.LBRACE, SyntaxKind.NODE_BODY);
            SyntaxKind container = b.parent().kind();
            if (container == SyntaxKind.NODE_BODY && !b.trivia()) {
                switch (b.kind()) {
                    case LBRACE -> {
                        breaks[i] = afterToken || newlines == 0 ? 0 : 1;
                        space[i] = true;
                    }
                    case SEMI -> breaks[i] = afterToken || newlines == 0 ? 0 : 1;
                    default -> { // RBRACE
                        breaks[i] = afterOpen && newlines == 0 ? 0 : 1;
                        space[i] = true;
                    }
                }
                return;
            }
            if (b.statement() == null || b.start() == b.statement().start()) {
                // a comment or directive between statements, or the first token of one
                if (newlines == 0 && b.trivia() && !gap.isEmpty()) {
                    breaks[i] = VERBATIM; // a comment after a statement, lined up by hand
                    return;
                }
                if (newlines == 0 && (b.trivia() || a.kind() == SyntaxKind.BLOCK_COMMENT)) {
                    space[i] = true;
                    return;
                }
                breaks[i] = afterOpen ? 1 : Math.max(1, Math.min(newlines, 2));
                return;
            }
            // inside a statement
            SyntaxNode statement = b.statement();
            boolean inArgs = a.argsAfter() || b.argsBefore();
            boolean ends = b.kind() == SyntaxKind.SEMI && b.parent() == statement
                    || b.is(SyntaxKind.COMMA, SyntaxKind.PROPERTY);
            if (newlines > 0) {
                breaks[i] = ends && afterToken && !inArgs ? 0 : Math.min(newlines, 2);
                return;
            }
            if (inArgs) {
                space[i] = !gap.isEmpty();
            } else if (!gap.isEmpty() && (b.trivia() || aligned(a, b))) {
                // columns lined up by hand: a table of cells, comments after values
                breaks[i] = VERBATIM;
            } else if (gap.isEmpty()) {
                space[i] = b.is(SyntaxKind.EQ, SyntaxKind.PROPERTY) || a.is(SyntaxKind.EQ, SyntaxKind.PROPERTY)
                        || a.is(SyntaxKind.COMMA, SyntaxKind.PROPERTY);
            } else {
                space[i] = !(ends || a.is(SyntaxKind.LT, SyntaxKind.CELL_LIST)
                        || a.is(SyntaxKind.LBRACK, SyntaxKind.BYTE_STRING)
                        || b.is(SyntaxKind.GT, SyntaxKind.CELL_LIST)
                        || b.is(SyntaxKind.RBRACK, SyntaxKind.BYTE_STRING));
            }
        }

        // Two cells of one '<...>' (or bytes of one '[...]'), neither the bracket itself.
        private static boolean aligned(Item a, Item b) {
            return a.bracketOpen() >= 0 && a.bracketOpen() == b.bracketOpen() && a.start() > a.bracketOpen()
                    && !b.is(SyntaxKind.GT, SyntaxKind.CELL_LIST) && !b.is(SyntaxKind.RBRACK, SyntaxKind.BYTE_STRING);
        }

        private static boolean untouchable(Item item) {
            return item != null && (item.broken() || item.kind() == SyntaxKind.INACTIVE_CODE
                    || item.kind() == SyntaxKind.UNPARSED);
        }

        // A blank line before and after every node (not before the first item of a body nor
        // after the last): where the statements between are already apart by a blank line,
        // nothing; otherwise the first line break between them becomes a blank line.
        private void separateNodes(SyntaxNode root, int[] breaks) {
            root.forEachNode(body -> {
                if (body.kind() != SyntaxKind.NODE_BODY && body.kind() != SyntaxKind.DOCUMENT) {
                    return;
                }
                SyntaxNode previous = null;
                for (SyntaxNode statement : body.childNodes()) {
                    if (previous != null && (isNode(previous) || isNode(statement))) {
                        int first = indexAtOrAfter(previous.end());
                        int last = indexAtOrAfter(statement.start());
                        boolean apart = false;
                        int firstBreak = -1;
                        for (int g = first; g <= last; g++) {
                            if (breaks[g] == VERBATIM) {
                                apart |= count(gapText(g), '\n') >= 2; // left as written
                                continue;
                            }
                            apart |= breaks[g] >= 2;
                            if (firstBreak < 0 && breaks[g] >= 1) {
                                firstBreak = g;
                            }
                        }
                        if (!apart && firstBreak >= 0) {
                            breaks[firstBreak] = 2;
                        }
                    }
                    previous = statement;
                }
            });
        }

        private static boolean isNode(SyntaxNode statement) {
            return switch (statement.kind()) {
                case CHILD_NODE, ROOT_NODE, OVERRIDE_NODE -> true;
                default -> false;
            };
        }

        /** The whitespace before item {@code g} (or after the last, for the index past it). */
        private String gapText(int g) {
            int from = g == 0 ? 0 : items.get(g - 1).end();
            int to = g == items.size() ? text.length() : items.get(g).start();
            return text.substring(from, to);
        }

        /** The index of the first item that starts at or after an offset. */
        private int indexAtOrAfter(int offset) {
            int low = 0;
            int high = items.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (items.get(mid).start() < offset) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        private Result emit(int[] breaks, boolean[] space) {
            int n = items.size();
            StringBuilder out = new StringBuilder(text.length() + text.length() / 16);
            List<Change> changes = new ArrayList<>();
            int[] columns = new int[n];
            int column = 0;
            for (int i = 0; i <= n; i++) {
                Item b = i < n ? items.get(i) : null;
                int from = i == 0 ? 0 : items.get(i - 1).end();
                int to = b == null ? text.length() : b.start();
                String gap = gapText(i);
                String replacement;
                if (breaks[i] == VERBATIM) {
                    replacement = gap;
                } else if (breaks[i] == 0) {
                    replacement = space[i] ? " " : "";
                } else {
                    replacement = eol.repeat(breaks[i]) + indent(b, gap, columns);
                }
                if (!replacement.equals(gap)) {
                    changes.add(new Change(from, to, replacement));
                }
                column = advance(column, out, replacement);
                if (b != null) {
                    columns[i] = column;
                    column = advance(column, out, text.substring(b.start(), b.end()));
                }
            }
            return new Result(out.toString(), changes, brokenItems,
                    brokenItems == 0 ? Optional.empty() : Optional.of(brokenItems
                            + (brokenItems == 1 ? " item has" : " items have")
                            + " syntax errors and was left as written"));
        }

        private static int advance(int column, StringBuilder out, String appended) {
            out.append(appended);
            for (int k = 0; k < appended.length(); k++) {
                char c = appended.charAt(k);
                if (c == '\n') {
                    column = 0;
                } else if (c == '\t') {
                    column = (column / FormatOptions.TAB_WIDTH + 1) * FormatOptions.TAB_WIDTH;
                } else if (c != '\r') {
                    column++;
                }
            }
            return column;
        }

        private String indent(Item b, String gap, int[] columns) {
            if (b == null) {
                return "";
            }
            if (b.kind() == SyntaxKind.PP_DIRECTIVE) {
                return gap.substring(gap.lastIndexOf('\n') + 1);
            }
            if (b.parent().kind() == SyntaxKind.NODE_BODY && !b.trivia()) {
                return options.level().repeat(b.depth() - 1);
            }
            if (b.statement() == null || b.start() == b.statement().start()) {
                return options.level().repeat(b.depth());
            }
            int anchor = -1;
            if (b.bracketOpen() >= 0 && b.bracketOpen() < b.start()) {
                anchor = b.bracketOpen();
            } else if (b.valueStart() >= 0 && b.valueStart() < b.start()) {
                anchor = b.valueStart();
            }
            int base = b.depth() * options.levelWidth();
            int target = base + options.levelWidth();
            if (anchor >= 0) {
                int at = indexAtOrAfter(anchor);
                target = columns[at] + (anchor == b.bracketOpen() ? 1 : 0);
            }
            if (target < base) {
                target = base + options.levelWidth();
            }
            if (options.indentSpaces() > 0) {
                return " ".repeat(target);
            }
            // tabs as far as they go, then spaces: how the kernel's sources line values up
            int width = FormatOptions.TAB_WIDTH;
            return "\t".repeat(target / width) + " ".repeat(target % width);
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }
}
