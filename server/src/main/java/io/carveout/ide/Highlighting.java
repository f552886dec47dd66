package io.carveout.ide;

import io.carveout.syntax.SyntaxElement;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What each token of a file is, for semantic highlighting. */
public final class Highlighting {
    /** The kinds of highlighted text. */
    public enum Type { NODE, PROPERTY, LABEL, REFERENCE, MACRO, NUMBER, STRING, COMMENT, KEYWORD, DIRECTIVE }

    /** A highlighted run of text, in offsets. */
    public record Highlight(int start, int end, Type type, boolean declaration) {
    }

    private Highlighting() {
    }

    public static List<Highlight> of(SyntaxTree tree) {
        List<Highlight> out = new ArrayList<>();
        classify(tree, tree.root(), SyntaxKind.DOCUMENT, out);
        out.sort(Comparator.comparingInt(Highlight::start));
        return out;
    }

    private static void classify(SyntaxTree tree, SyntaxNode node, SyntaxKind parent, List<Highlight> out) {
        for (SyntaxElement element : node.children()) {
            if (element instanceof SyntaxNode child) {
                classify(tree, child, node.kind(), out);
                continue;
            }
            SyntaxToken token = (SyntaxToken) element;
            Type type = switch (token.kind()) {
                case BLOCK_COMMENT, LINE_COMMENT -> Type.COMMENT;
                case PP_DIRECTIVE, DTS_INCLUDE -> Type.DIRECTIVE;
                case STRING, CHAR_LITERAL -> Type.STRING;
                case INT -> Type.NUMBER;
                case LABEL_DEF -> Type.LABEL;
                case REF, PATH_REF -> Type.REFERENCE;
                case IDENT -> Type.MACRO;
                case DTS_V1, PLUGIN, MEMRESERVE, BITS, DELETE_NODE, DELETE_PROPERTY, OMIT_IF_NO_REF, INCBIN,
                        INCLUDE_KW -> Type.KEYWORD;
                case NAME -> switch (node.kind()) {
                    case PROPERTY, DELETE_PROPERTY_STMT -> Type.PROPERTY;
                    case CHILD_NODE, DELETE_NODE_STMT -> Type.NODE;
                    case MACRO_VALUE, MACRO_CALL, MACRO_STATEMENT, MACRO_LABEL -> Type.MACRO;
                    case LITERAL -> Character.isDigit(tree.text(token).charAt(0)) ? Type.NUMBER : Type.MACRO;
                    default -> null;
                };
                default -> null;
            };
            if (type != null) {
                out.add(new Highlight(token.start(), token.end(), type, token.kind() == SyntaxKind.LABEL_DEF));
            }
        }
    }
}
