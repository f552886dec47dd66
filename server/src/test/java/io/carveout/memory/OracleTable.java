package io.carveout.memory;

import io.carveout.tree.DtNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a memory map in the corpus oracle's table format (rmem_extract.py), so that the
 * engine's reading of a board can be compared, column by column, with what cpp + dtc
 * produce. Test code: the format is the oracle's, not the product's.
 */
final class OracleTable {
    private OracleTable() {
    }

    static List<String> render(MemoryMap map, DtNode root) {
        List<String> out = new ArrayList<>();
        String model = root.property("model").flatMap(p -> p.value().strings()).map(s -> s.get(0)).orElse("-");
        out.add("# root: #address-cells=" + map.rootAddressCells() + " #size-cells=" + map.rootSizeCells()
                + " model=" + model);
        out.add("# /memreserve/: " + (map.memReserves().isEmpty() ? "none" : map.memReserves().stream()
                .map(r -> h(r.address()) + "+" + h(r.size())).collect(Collectors.joining(", "))));
        List<AddressRange> dram = new ArrayList<>();
        for (MemoryMap.MemoryNode node : map.memoryNodes()) {
            dram.addAll(node.reg());
            out.add("# memory node " + node.node().name() + ": reg=" + (node.reg().isEmpty() ? "-"
                    : node.reg().stream().map(r -> h(r.base()) + "+" + h(r.size())).collect(Collectors.joining(","))));
        }
        if (map.reservedMemory().isEmpty()) {
            out.add("# /reserved-memory: absent");
            return out;
        }
        MemoryMap.ReservedMemoryNode rm = map.reservedMemory().get();
        out.add("# /reserved-memory: #address-cells=" + rm.addressCells().map(String::valueOf).orElse("None")
                + " #size-cells=" + rm.sizeCells().map(String::valueOf).orElse("None")
                + " ranges=" + rm.ranges()
                + " labels=" + (rm.node().labels().isEmpty() ? "-" : String.join(",", rm.node().labels().names()))
                + " children=" + map.regions().size());
        dram.removeIf(AddressRange::isEmpty);
        out.add("node\tlabels\tstatus\treg(base+size)\tend(excl)\tsize\talignment\talloc-ranges\tno-map\treusable"
                + "\tcompatible\tkind\tconsumers\tother-props");
        List<long[]> statics = new ArrayList<>();
        List<String> statik = new ArrayList<>();
        List<String> unit = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (ReservedRegion r : map.regions()) {
            String kind = r.kind() + (r.formatProblems().isEmpty() ? "" : "[" + String.join(";", r.formatProblems()) + "]");
            out.add(String.join("\t",
                    r.name(),
                    r.labels().isEmpty() ? "-" : String.join(",", r.labels()),
                    r.status(),
                    r.regs().isEmpty() ? "-" : r.regs().stream().map(a -> h(a.base()) + "+" + h(a.size()))
                            .collect(Collectors.joining(",")),
                    r.regs().isEmpty() ? "-" : r.regs().stream().map(a -> h(a.base() + a.size()))
                            .collect(Collectors.joining(",")),
                    r.size().map(OracleTable::h).orElse("-"),
                    r.alignment().map(OracleTable::h).orElse("-"),
                    r.allocRanges().isEmpty() ? "-" : r.allocRanges().stream()
                            .map(a -> h(a.base()) + "+" + h(a.size())).collect(Collectors.joining(",")),
                    r.noMap() ? "no-map" : "-",
                    r.reusable() ? "reusable" : "-",
                    r.node().property("compatible").isEmpty() ? "-" : compatible(r),
                    kind,
                    r.consumers().isEmpty() ? "-" : String.join(",", r.consumers()),
                    r.otherProperties().isEmpty() ? "-" : String.join(",", r.otherProperties())));
            if (r.name().contains("@")) {
                String ua = r.name().substring(r.name().indexOf('@') + 1);
                Long uav;
                try {
                    uav = Long.parseUnsignedLong(ua.split(",")[0], 16);
                } catch (NumberFormatException e) {
                    uav = null;
                }
                if (!r.regs().isEmpty() && (uav == null || uav != r.regs().get(0).base())) {
                    unit.add("# unit-address-mismatch: " + r.name() + " unit=" + ua + " reg[0].base="
                            + h(r.regs().get(0).base()));
                }
                if (r.regs().isEmpty()) {
                    unit.add("# unit-address-without-reg: " + r.name() + " (unit=" + ua + ", " + r.kind() + ")");
                }
            } else if (!r.regs().isEmpty()) {
                unit.add("# reg-without-unit-address: " + r.name() + " reg[0].base=" + h(r.regs().get(0).base()));
            }
            if (r.isEnabled()) {
                for (AddressRange a : r.regs()) {
                    statics.add(new long[] {a.base(), a.base() + a.size()});
                    statik.add(r.name());
                    if (!dram.isEmpty() && a.size() != 0 && dram.stream().noneMatch(
                            m -> m.base() <= a.base() && a.base() + a.size() <= m.base() + m.size())) {
                        outside.add("# outside-/memory: " + r.name() + " " + h(a.base()) + "+" + h(a.size()));
                    }
                }
            }
        }
        // sorted by (start, end, name) as Python sorts the tuples
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < statics.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> {
            int c = Long.compare(statics.get(x)[0], statics.get(y)[0]);
            if (c == 0) {
                c = Long.compare(statics.get(x)[1], statics.get(y)[1]);
            }
            return c != 0 ? c : statik.get(x).compareTo(statik.get(y));
        });
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            long[] a = statics.get(order.get(i));
            for (int j = i + 1; j < order.size(); j++) {
                long[] b = statics.get(order.get(j));
                if (b[0] >= a[1]) {
                    break;
                }
                long lo = Math.max(a[0], b[0]);
                long hi = Math.min(a[1], b[1]);
                if (hi > lo) {
                    overlaps.add("# overlap: " + statik.get(order.get(i)) + " [" + h(a[0]) + ".." + h(a[1]) + ") with "
                            + statik.get(order.get(j)) + " [" + h(b[0]) + ".." + h(b[1]) + "): shared [" + h(lo) + ".."
                            + h(hi) + ") " + h(hi - lo) + " bytes");
                }
            }
        }
        out.add("# static-enabled-regions=" + statics.size() + " overlaps=" + overlaps.size()
                + " unit-address-issues=" + unit.size() + " outside-memory=" + outside.size());
        out.addAll(overlaps);
        out.addAll(unit);
        out.addAll(outside);
        return out;
    }

    private static String compatible(ReservedRegion r) {
        byte[] bytes = r.node().property("compatible").get().bytes();
        if (bytes.length > 0 && bytes[bytes.length - 1] == 0) {
            return String.join(",", r.compatible());
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return new String(hex.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The first line where the two tables differ, both shown; null when they are equal. */
    static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                return "line " + (i + 1) + "\n   oracle: " + e + "\n   engine: " + a;
            }
        }
        return null;
    }

    static String h(long value) {
        return "0x" + Long.toHexString(value);
    }
}
