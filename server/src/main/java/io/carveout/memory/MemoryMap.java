package io.carveout.memory;

import io.carveout.tree.DeviceTree;
import io.carveout.tree.DtNode;
import io.carveout.tree.DtProperty;
import io.carveout.tree.MemReserve;
import io.carveout.tree.PropertyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The physical memory map a merged tree describes: DRAM from the /memory nodes, the
 * /memreserve/ entries and every child of /reserved-memory, read with the cells of
 * their parents as the kernel reads them.
 */
public record MemoryMap(
        int rootAddressCells,
        int rootSizeCells,
        List<MemoryNode> memoryNodes,
        List<MemReserve> memReserves,
        Optional<ReservedMemoryNode> reservedMemory,
        List<ReservedRegion> regions) {

    /**
     * A node with device_type = "memory" (or named memory): its reg, and the
     * linux,usable-memory that overrides it for the kernel when present.
     */
    public record MemoryNode(DtNode node, List<AddressRange> reg, Optional<List<AddressRange>> usableMemory) {
        /** What the kernel takes as RAM: linux,usable-memory first, reg otherwise. */
        public List<AddressRange> effective() {
            return usableMemory.orElse(reg);
        }
    }

    /** The /reserved-memory container: its cells and whether it has ranges. */
    public record ReservedMemoryNode(DtNode node, Optional<Long> addressCells, Optional<Long> sizeCells,
            String ranges) {
    }

    private static final Set<String> KNOWN = Set.of("reg", "size", "alignment", "alloc-ranges", "no-map",
            "reusable", "compatible", "status", "phandle", "linux,phandle", "name");

    /**
     * Whether the memory analysis may read a property of a node: anything of the root and of
     * its children (memory nodes are known by device_type; /chosen has bootargs), anything
     * under /reserved-memory, and a device's memory-region and the status that enables it.
     * An edit elsewhere leaves every memory finding as it was.
     */
    public static boolean mayRead(String nodePath, String property) {
        if (property.equals("memory-region") || property.equals("status")) {
            return true;
        }
        int second = nodePath.indexOf('/', 1);
        if (nodePath.equals("/") || second < 0) {
            return true;
        }
        String top = nodePath.substring(1, second);
        int at = top.indexOf('@');
        String base = at < 0 ? top : top.substring(0, at);
        return base.equals("reserved-memory") || base.equals("chosen") || base.equals("memory");
    }

    public static MemoryMap of(DeviceTree tree) {
        DtNode root = tree.root();
        int rootAc = (int) cellsProperty(root, "#address-cells").orElse(2L).longValue();
        int rootSc = (int) cellsProperty(root, "#size-cells").orElse(1L).longValue();

        List<MemoryNode> memory = new ArrayList<>();
        for (DtNode child : root.children()) {
            boolean byType = child.property("device_type").flatMap(p -> p.value().strings())
                    .map(s -> s.equals(List.of("memory"))).orElse(false);
            if (child.baseName().equals("memory") || byType) {
                List<AddressRange> reg = child.property("reg").map(p -> tuples(p.value(), rootAc, rootSc))
                        .orElse(List.of());
                Optional<List<AddressRange>> usable = child.property("linux,usable-memory")
                        .map(p -> tuples(p.value(), rootAc, rootSc));
                memory.add(new MemoryNode(child, reg, usable));
            }
        }

        Optional<DtNode> container = root.child("reserved-memory");
        if (container.isEmpty()) {
            return new MemoryMap(rootAc, rootSc, memory, tree.memReserves(), Optional.empty(), List.of());
        }
        DtNode rm = container.get();
        Optional<Long> ac = cellsProperty(rm, "#address-cells");
        Optional<Long> sc = cellsProperty(rm, "#size-cells");
        String ranges = rm.property("ranges").map(p -> p.bytes().length == 0 ? "empty" : "present").orElse("absent");
        int acN = (int) ac.orElse(2L).longValue();
        int scN = (int) sc.orElse(1L).longValue();

        // One walk of the whole tree (the tree is large; /reserved-memory is small).
        Map<Long, DtNode> byPhandle = new HashMap<>();
        List<DtNode> users = new ArrayList<>();
        List<DtProperty> uses = new ArrayList<>();
        tree.forEachNode(n -> {
            if (n.phandle() != 0) {
                byPhandle.putIfAbsent(n.phandle(), n);
            }
            n.property("memory-region").ifPresent(p -> {
                users.add(n);
                uses.add(p);
            });
        });
        Map<DtNode, List<String>> consumers = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            for (long phandle : uses.get(i).value().asCells()) {
                DtNode target = byPhandle.get(phandle);
                if (target != null) {
                    consumers.computeIfAbsent(target, k -> new ArrayList<>()).add(users.get(i).path());
                }
            }
        }

        List<ReservedRegion> regions = new ArrayList<>();
        for (DtNode child : rm.children()) {
            regions.add(region(child, acN, scN, consumers.getOrDefault(child, List.of())));
        }
        return new MemoryMap(rootAc, rootSc, memory, tree.memReserves(),
                Optional.of(new ReservedMemoryNode(rm, ac, sc, ranges)), regions);
    }

    private static ReservedRegion region(DtNode node, int ac, int sc, List<String> consumers) {
        List<String> problems = new ArrayList<>();
        Optional<DtProperty> reg = node.property("reg");
        List<AddressRange> regs = reg.map(p -> tuples(p.value(), ac, sc)).orElse(List.of());
        reg.ifPresent(p -> {
            int bytes = p.bytes().length;
            if (ac + sc > 0 && (bytes % 4 != 0 || (bytes / 4) % (ac + sc) != 0)) {
                problems.add("BAD-REG-LEN(" + bytes + " bytes)");
            }
        });
        Optional<DtProperty> allocRanges = node.property("alloc-ranges");
        List<AddressRange> alloc = allocRanges.map(p -> tuples(p.value(), ac, sc)).orElse(List.of());
        allocRanges.ifPresent(p -> {
            int bytes = p.bytes().length;
            if (ac + sc > 0 && (bytes % 4 != 0 || (bytes / 4) % (ac + sc) != 0)) {
                problems.add("BAD-ALLOC-RANGES-LEN");
            }
        });
        Optional<DtProperty> sizeProperty = node.property("size");
        Optional<Long> size = sizeProperty.map(p -> number(p.value().asCells()));
        sizeProperty.ifPresent(p -> {
            if (p.bytes().length != 4 * sc) {
                problems.add("SIZE-LEN=" + p.bytes().length);
            }
        });
        Optional<Long> alignment = node.property("alignment").map(p -> number(p.value().asCells()));
        String status = node.property("status")
                .map(p -> {
                    byte[] b = p.bytes();
                    int end = b.length;
                    while (end > 0 && b[end - 1] == 0) {
                        end--;
                    }
                    return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
                })
                .orElse("okay");
        List<String> compatible = node.property("compatible").flatMap(p -> p.value().strings()).orElse(List.of());
        List<String> other = node.properties().stream().map(DtProperty::name).filter(n -> !KNOWN.contains(n))
                .sorted().toList();
        return new ReservedRegion(node, node.name(), node.labels().names(), status, regs, size, alignment, alloc,
                node.property("no-map").isPresent(), node.property("reusable").isPresent(), compatible, consumers,
                other, problems, node.definitions().isEmpty() ? null : node.definitions().get(0),
                reg.map(DtProperty::origin), sizeProperty.map(DtProperty::origin));
    }

    /** A property that holds one number in its cells (#address-cells and the like). */
    static Optional<Long> cellsProperty(DtNode node, String name) {
        return node.property(name).map(p -> number(p.value().asCells()));
    }

    /** Cells read as one big-endian number; more than two cells keep the low 64 bits. */
    static long number(long[] cells) {
        long value = 0;
        for (long cell : cells) {
            value = (value << 32) | cell;
        }
        return value;
    }

    /** (address, size) pairs with the given cell counts; a trailing partial tuple is left out. */
    static List<AddressRange> tuples(PropertyValue value, int ac, int sc) {
        long[] cells = value.asCells();
        int step = ac + sc;
        List<AddressRange> out = new ArrayList<>();
        if (step == 0) {
            return out;
        }
        for (int i = 0; i + step <= cells.length; i += step) {
            out.add(new AddressRange(number(java.util.Arrays.copyOfRange(cells, i, i + ac)),
                    number(java.util.Arrays.copyOfRange(cells, i + ac, i + step))));
        }
        return out;
    }
}
