package io.carveout.workspace;

import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtProperty;
import java.util.HexFormat;

/** A merged tree written out whole, places included: what an edit made in place is compared by. */
final class TreeDump {
    private TreeDump() {
    }

    // A value's pieces with where each was written (cells with theirs).
    private static String parts(io.carveout.tree.PropertyValue value) {
        StringBuilder out = new StringBuilder();
        for (io.carveout.tree.ValuePart part : value.parts()) {
            out.append(part.getClass().getSimpleName()).append(part.origin()).append(HexFormat.of().formatHex(part.bytes()));
            if (part instanceof io.carveout.tree.ValuePart.CellArray array) {
                out.append(array.cells());
            }
            out.append(' ');
        }
        return out.toString();
    }

    // Every node and property with its bytes and each assignment's origin and bytes.
    static String of(DeviceTree tree) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        tree.forEachNode(node -> {
            out.append(node.path()).append(' ').append(node.definitions()).append('\n');
            for (DtProperty property : node.allProperties()) {
                out.append("  ").append(property.name()).append(property.isDeleted() ? " (deleted)" : "").append(" = ")
                        .append(hex.formatHex(property.bytes())).append('\n');
                for (DtProperty.Assignment assignment : property.history()) {
                    out.append("    ").append(assignment.origin()).append(' ')
                            .append(hex.formatHex(assignment.value().bytes())).append(' ')
                            .append(parts(assignment.value())).append('\n');
                }
            }
        });
        out.append(tree.memReserves()).append('\n').append(tree.diagnostics());
        return out.toString();
    }
}
