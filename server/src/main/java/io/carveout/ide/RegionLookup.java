package io.carveout.ide;

import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the reserved-memory region a place in a file talks about: the node's name where
 * it is defined or overridden, one of its properties, or a label that names it
 * ({@code adsp_mem:}, {@code &adsp_mem}).
 */
final class RegionLookup {
    private RegionLookup() {
    }

    static Optional<ReservedRegion> at(MemoryMap map, DtNodeLabels labels, SyntaxTree syntax, Path file, int offset) {
        Optional<SyntaxToken> token = syntax.tokenAt(offset);
        if (token.isPresent()) {
            String text = syntax.text(token.get());
            String label = switch (token.get().kind()) {
                case LABEL_DEF -> text.substring(0, text.length() - 1);
                case REF -> text.substring(1);
                default -> null;
            };
            if (label != null) {
                Optional<DtNode> node = labels.find(label);
                if (node.isPresent()) {
                    for (ReservedRegion region : map.regions()) {
                        if (region.node() == node.get()) {
                            return Optional.of(region);
                        }
                    }
                }
            }
        }
        for (ReservedRegion region : map.regions()) {
            for (SourceSpan span : region.node().definitions()) {
                if (contains(span, file, offset)) {
                    return Optional.of(region);
                }
            }
            for (DtProperty property : region.node().properties()) {
                for (SourceSpan span : property.assignments()) {
                    if (contains(span, file, offset)) {
                        return Optional.of(region);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean contains(SourceSpan span, Path file, int offset) {
        return span != null && span.file().equals(file) && span.start() <= offset && offset <= span.end();
    }

    /** Finds a node by label in the merged tree. */
    @FunctionalInterface
    interface DtNodeLabels {
        Optional<DtNode> find(String label);
    }

    static boolean isLabelToken(SyntaxToken token) {
        return token.kind() == SyntaxKind.LABEL_DEF || token.kind() == SyntaxKind.REF;
    }
}
