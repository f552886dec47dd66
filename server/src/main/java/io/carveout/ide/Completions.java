package io.carveout.ide;

import io.carveout.memory.MemoryMap;
import io.carveout.syntax.SyntaxKind;
import io.carveout.syntax.SyntaxNode;
import io.carveout.syntax.SyntaxToken;
import io.carveout.syntax.SyntaxTree;
import io.carveout.text.SourceSpan;
import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtNode;
import io.carveout.workspace.FileReport;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Completion where it knows the domain: labels after {@code &}, and inside
 * {@code /reserved-memory} the properties of a region, their values, and {@code reg}
 * with the cell count the container asks for.
 */
public final class Completions {
    /** What a completion inserts. */
    public enum Kind { PROPERTY, VALUE, NODE, REFERENCE }

    /** One proposal; {@code snippet} uses LSP's snippet syntax ($1, ${1:default}). */
    public record Entry(String label, Kind kind, String snippet, String detail) {
    }

    private Completions() {
    }

    public static List<Entry> at(Snapshot snapshot, Path file, int offset) {
        FileReport report = snapshot.inContext(file);
        SyntaxTree syntax = report.syntax();
        String text = syntax.text();
        List<Entry> entries = new ArrayList<>();
        if (report.boards().isEmpty()) {
            return entries;
        }
        DeviceTree tree = report.boards().get(0).tree();
        if (afterAmpersand(text, offset)) {
            Set<String> labels = new LinkedHashSet<>();
            tree.forEachNode(node -> labels.addAll(node.labels().names()));
            for (String label : labels) {
                DtNode node = tree.labelled(label).orElse(null);
                entries.add(new Entry(label, Kind.REFERENCE, label, node == null ? "" : node.path()));
            }
            return entries;
        }
        Optional<DtNode> node = enclosingNode(syntax, tree, file, offset);
        if (node.isEmpty()) {
            return entries;
        }
        String path = node.get().path();
        MemoryMap map = snapshot.memoryMap(report.boards().get(0));
        int ac = map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::addressCells).orElse(2L).intValue();
        int sc = map.reservedMemory().flatMap(MemoryMap.ReservedMemoryNode::sizeCells).orElse(1L).intValue();
        Optional<String> property = propertyAt(syntax, offset);
        if (path.equals("/reserved-memory")) {
            entries.add(new Entry("region@base (static carve-out)", Kind.NODE,
                    "${1:name}_mem: ${1:name}@${2:80000000} {\n\treg = <" + cells(ac, "0x${2:80000000}") + " "
                            + cells(sc, "${3:0x100000}") + ">;\n\tno-map;\n};", "a no-map region at a fixed address"));
            entries.add(new Entry("pool (CMA, placed at boot)", Kind.NODE,
                    "${1:name}: ${1:name} {\n\tcompatible = \"shared-dma-pool\";\n\tsize = <" + cells(sc, "${2:0x800000}")
                            + ">;\n\talignment = <" + cells(sc, "0x400000") + ">;\n\treusable;\n};",
                    "a dynamic CMA pool"));
            return entries;
        }
        if (!path.startsWith("/reserved-memory/")) {
            return entries;
        }
        if (property.isPresent() && property.get().equals("compatible")) {
            for (String value : List.of("shared-dma-pool", "restricted-dma-pool")) {
                entries.add(new Entry("\"" + value + "\"", Kind.VALUE, "\"" + value + "\"", "reserved-memory compatible"));
            }
            return entries;
        }
        entries.add(new Entry("reg", Kind.PROPERTY, "reg = <" + cells(ac, "${1:0x80000000}") + " "
                + cells(sc, "${2:0x100000}") + ">;", ac + " address cells, " + sc + " size cells: a static region"));
        entries.add(new Entry("size", Kind.PROPERTY, "size = <" + cells(sc, "${1:0x800000}") + ">;",
                "a dynamic region, placed at boot"));
        entries.add(new Entry("alignment", Kind.PROPERTY, "alignment = <" + cells(sc, "${1:0x400000}") + ">;",
                "placement alignment of a dynamic region (a power of two)"));
        entries.add(new Entry("alloc-ranges", Kind.PROPERTY, "alloc-ranges = <" + cells(ac, "${1:0x80000000}") + " "
                + cells(sc, "${2:0x40000000}") + ">;", "where a dynamic region may be placed"));
        entries.add(new Entry("no-map", Kind.PROPERTY, "no-map;", "kept out of the kernel's linear map"));
        entries.add(new Entry("reusable", Kind.PROPERTY, "reusable;", "the kernel may use it until a driver claims it (CMA)"));
        entries.add(new Entry("compatible", Kind.PROPERTY, "compatible = \"${1|shared-dma-pool,restricted-dma-pool|}\";",
                "shared-dma-pool for a CMA or coherent pool"));
        entries.add(new Entry("linux,cma-default", Kind.PROPERTY, "linux,cma-default;", "the default CMA area"));
        entries.add(new Entry("status", Kind.PROPERTY, "status = \"${1|okay,disabled|}\";", "okay or disabled"));
        return entries;
    }

    // "0x0 X" for two cells, "X" for one: the upper cell written as the kernel trees write it.
    private static String cells(int count, String value) {
        if (count <= 1) {
            return value;
        }
        return "0x0 ".repeat(count - 1) + value;
    }

    private static boolean afterAmpersand(String text, int offset) {
        int i = offset - 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i--;
        }
        return i >= 0 && text.charAt(i) == '&';
    }

    private static Optional<String> propertyAt(SyntaxTree syntax, int offset) {
        List<SyntaxNode> path = syntax.ancestorsAt(offset);
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).kind() == SyntaxKind.PROPERTY) {
                return path.get(i).childToken(SyntaxKind.NAME).map(syntax::text);
            }
        }
        // "compatible = |" before the value is written: the property node ends at '='
        String before = syntax.text().substring(Math.max(0, offset - 40), offset);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\w,.#+-]+)\\s*=\\s*\"?$").matcher(before);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    // The merged-tree node whose body holds the offset: matched through where each node was written.
    private static Optional<DtNode> enclosingNode(SyntaxTree syntax, DeviceTree tree, Path file, int offset) {
        List<SyntaxNode> path = syntax.ancestorsAt(offset);
        for (int i = path.size() - 1; i >= 0; i--) {
            SyntaxNode n = path.get(i);
            if (n.kind() != SyntaxKind.CHILD_NODE && n.kind() != SyntaxKind.OVERRIDE_NODE && n.kind() != SyntaxKind.ROOT_NODE) {
                continue;
            }
            if (n.kind() == SyntaxKind.ROOT_NODE) {
                return Optional.of(tree.root());
            }
            Optional<SyntaxToken> name = n.childToken(SyntaxKind.NAME).or(() -> n.childToken(SyntaxKind.REF))
                    .or(() -> n.childToken(SyntaxKind.PATH_REF));
            if (name.isEmpty()) {
                continue;
            }
            SourceSpan span = new SourceSpan(file, name.get().start(), name.get().end());
            List<DtNode> found = new ArrayList<>();
            tree.forEachNode(node -> {
                if (found.isEmpty() && node.definitions().contains(span)) {
                    found.add(node);
                }
            });
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }
}
