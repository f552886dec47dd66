package io.carveout.format;

import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statements of each node body put in the style's order, when the options ask for it:
 * properties as compatible, reg, ranges, standard, vendor-prefixed, status, before the child
 * nodes ({@link FormatOptions#sortProperties}); child nodes with a unit address in ascending
 * address order, in the places such nodes held ({@link FormatOptions#sortNodes}). A statement
 * moves with the comments on the lines above it and the one after it on its line.
 *
 * <p>The order of properties and nodes is the blob's, so this changes it; it never changes
 * what any node holds. A sort is stable, so of two assignments of one property the later
 * still wins. A body is left in its order where moving statements could change more: it has
 * a preprocessor line or inactive branch (a statement would cross an #if), a /delete-property/,
 * /delete-node/ or a macro standing for statements, or a unit address that is not a number
 * (a macro). A file with syntax errors is not re-ordered.
 */
final class Reordering {
    private Reordering() {
    }

    static String apply(SyntaxTree tree, FormatOptions options) {
        if (!tree.diagnostics().isEmpty()) {
            return tree.text();
        }
        StringBuilder out = new StringBuilder(tree.text().length());
        write(tree.root(), tree.text(), options, out);
        return out.toString();
    }

    private static void write(SyntaxElement element, String text, FormatOptions options, StringBuilder out) {
        if (element instanceof SyntaxToken token) {
            out.append(text, token.start(), token.end());
            return;
        }
        SyntaxNode node = (SyntaxNode) element;
        if (node.kind() == SyntaxKind.NODE_BODY && reorderable(node)) {
            writeBody(node, text, options, out);
            return;
        }
        for (SyntaxElement child : node.children()) {
            write(child, text, options, out);
        }
    }

    private static boolean reorderable(SyntaxNode body) {
        for (SyntaxElement child : body.children()) {
            switch (child.kind()) {
                case PP_DIRECTIVE, INACTIVE_CODE, DTS_INCLUDE, DELETE_NODE_STMT, DELETE_PROPERTY_STMT, MACRO_STATEMENT,
                        ERROR -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** A statement with the comments that travel with it, written out. */
    private record Entry(SyntaxNode statement, String text) {
    }

    private static void writeBody(SyntaxNode body, String text, FormatOptions options, StringBuilder out) {
        List<SyntaxElement> children = body.children();
        // '{' and what follows it on its line; then entries; then what stands after the last
        // statement and the closing '};'
        int i = 0;
        StringBuilder head = new StringBuilder();
        while (i < children.size() && children.get(i).kind() != SyntaxKind.LBRACE) {
            write(children.get(i++), text, options, head);
        }
        if (i < children.size()) {
            write(children.get(i++), text, options, head);
        }
        i = trailing(children, i, text, options, head);
        List<Entry> entries = new ArrayList<>();
        while (true) {
            int statementAt = i;
            while (statementAt < children.size() && !(children.get(statementAt) instanceof SyntaxNode)) {
                if (children.get(statementAt).kind() == SyntaxKind.RBRACE) {
                    break;
                }
                statementAt++;
            }
            if (statementAt >= children.size() || !(children.get(statementAt) instanceof SyntaxNode statement)) {
                break;
            }
            StringBuilder entry = new StringBuilder();
            for (int k = i; k <= statementAt; k++) {
                write(children.get(k), text, options, entry);
            }
            i = trailing(children, statementAt + 1, text, options, entry);
            entries.add(new Entry(statement, entry.toString()));
        }
        List<Entry> ordered = order(entries, text, options);
        out.append(head);
        ordered.forEach(e -> out.append(e.text()));
        for (; i < children.size(); i++) {
            write(children.get(i), text, options, out);
        }
    }

    // The whitespace and comments after a statement up to its line's end: they stay with it.
    private static int trailing(List<SyntaxElement> children, int i, String text, FormatOptions options,
            StringBuilder out) {
        while (i < children.size() && children.get(i) instanceof SyntaxToken token && token.isTrivia()) {
            String piece = text.substring(token.start(), token.end());
            if (token.kind() == SyntaxKind.WS && piece.indexOf('\n') >= 0) {
                break;
            }
            out.append(piece);
            i++;
        }
        return i;
    }

    private static List<Entry> order(List<Entry> entries, String text, FormatOptions options) {
        List<Entry> result = new ArrayList<>(entries);
        if (options.sortNodes()) {
            List<Integer> slots = new ArrayList<>();
            List<Entry> addressed = new ArrayList<>();
            for (int k = 0; k < result.size(); k++) {
                SyntaxNode statement = result.get(k).statement();
                if (statement.kind() == SyntaxKind.CHILD_NODE && name(statement, text).contains("@")) {
                    if (address(name(statement, text)) == null) {
                        addressed.clear(); // a unit address made by a macro: leave this body's nodes
                        slots.clear();
                        break;
                    }
                    slots.add(k);
                    addressed.add(result.get(k));
                }
            }
            addressed.sort(Comparator.comparing((Entry e) -> address(name(e.statement(), text)), Reordering::compare));
            for (int k = 0; k < slots.size(); k++) {
                result.set(slots.get(k), addressed.get(k));
            }
        }
        if (options.sortProperties()) {
            result.sort(Comparator.comparingInt((Entry e) -> rank(e.statement(), text)));
        }
        return result;
    }

    /** compatible, reg, ranges, standard, vendor (a comma in the name), status, then nodes. */
    private static int rank(SyntaxNode statement, String text) {
        if (statement.kind() != SyntaxKind.PROPERTY) {
            return 6;
        }
        String name = name(statement, text);
        return switch (name) {
            case "compatible" -> 0;
            case "reg" -> 1;
            case "ranges" -> 2;
            case "status" -> 5;
            default -> name.contains(",") ? 4 : 3;
        };
    }

    private static String name(SyntaxNode statement, String text) {
        return statement.childToken(SyntaxKind.NAME).map(t -> t.text(text)).orElse("");
    }

    /** The parts of a unit address as numbers ("1,2000" is 1 then 0x2000); null when one is not hex. */
    private static long[] address(String name) {
        String unit = name.substring(name.indexOf('@') + 1);
        String[] parts = unit.split(",", -1);
        long[] values = new long[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                values[k] = Long.parseUnsignedLong(parts[k], 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return values;
    }

    private static int compare(long[] a, long[] b) {
        for (int k = 0; k < Math.min(a.length, b.length); k++) {
            int c = Long.compareUnsigned(a[k], b[k]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
