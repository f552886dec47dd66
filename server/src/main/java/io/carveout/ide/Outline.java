package io.carveout.ide;

import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outline of a file: its nodes, overrides and properties, as written. */
public final class Outline {
    /** What a symbol is. */
    public enum Kind { NODE, OVERRIDE, PROPERTY, MEMRESERVE }

    /** One entry of the outline, with its whole range and the range of its name. */
    public record Symbol(String name, Kind kind, String detail, int start, int end, int nameStart, int nameEnd,
            List<Symbol> children) {
    }

    private Outline() {
    }

    public static List<Symbol> of(SyntaxTree tree) {
        List<Symbol> symbols = new ArrayList<>();
        for (SyntaxNode item : tree.root().childNodes()) {
            symbol(tree, item).ifPresent(symbols::add);
        }
        return symbols;
    }

    private static Optional<Symbol> symbol(SyntaxTree tree, SyntaxNode node) {
        return switch (node.kind()) {
            case ROOT_NODE -> Optional.of(nodeSymbol(tree, node, "/", Kind.NODE,
                    node.childToken(SyntaxKind.SLASH).orElse(null)));
            case OVERRIDE_NODE -> {
                SyntaxToken ref = node.childToken(SyntaxKind.REF).or(() -> node.childToken(SyntaxKind.PATH_REF)).orElse(null);
                yield Optional.of(nodeSymbol(tree, node, ref == null ? "&?" : tree.text(ref), Kind.OVERRIDE, ref));
            }
            case CHILD_NODE -> {
                SyntaxToken name = node.childToken(SyntaxKind.NAME).orElse(null);
                yield Optional.of(nodeSymbol(tree, node, name == null ? "?" : tree.text(name), Kind.NODE, name));
            }
            case PROPERTY -> {
                SyntaxToken name = node.childToken(SyntaxKind.NAME).orElse(null);
                String value = node.childNodes(SyntaxKind.PROPERTY_VALUE).stream().map(v -> tree.text(v))
                        .reduce((a, b) -> a + ", " + b).orElse("");
                if (value.length() > 60) {
                    value = value.substring(0, 57) + "...";
                }
                yield name == null ? Optional.empty() : Optional.of(new Symbol(tree.text(name), Kind.PROPERTY,
                        value.replaceAll("\\s+", " "), node.start(), node.end(), name.start(), name.end(), List.of()));
            }
            case MEMRESERVE_ENTRY -> Optional.of(new Symbol("/memreserve/", Kind.MEMRESERVE,
                    tree.text(node).replaceAll("\\s+", " "), node.start(), node.end(), node.start(), node.end(), List.of()));
            default -> Optional.empty();
        };
    }

    private static Symbol nodeSymbol(SyntaxTree tree, SyntaxNode node, String name, Kind kind, SyntaxToken nameToken) {
        List<Symbol> children = new ArrayList<>();
        node.childNode(SyntaxKind.NODE_BODY).ifPresent(body -> {
            for (SyntaxNode item : body.childNodes()) {
                symbol(tree, item).ifPresent(children::add);
            }
        });
        String labels = String.join(" ", node.childTokens(SyntaxKind.LABEL_DEF).stream().map(tree::text).toList());
        int nameStart = nameToken == null ? node.start() : nameToken.start();
        int nameEnd = nameToken == null ? node.start() : nameToken.end();
        return new Symbol(name, kind, labels, node.start(), node.end(), nameStart, nameEnd, children);
    }
}
