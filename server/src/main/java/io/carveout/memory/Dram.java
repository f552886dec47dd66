package io.carveout.memory;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import com.google.common.primitives.UnsignedLong;
import io.carveout.tree.DtNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The RAM the kernel will manage, as early_init_dt_scan_memory reads it: every enabled node
 * with {@code device_type = "memory"}, {@code linux,usable-memory} before {@code reg}. When
 * those say size 0 (the bootloader fills them in), the {@code dram} setting stands in; without
 * it DRAM is unknown and {@link #explanation()} says why.
 *
 * @param ranges the DRAM ranges, empty when unknown
 * @param source where the ranges come from
 * @param nodes the /memory nodes read
 * @param explanation one sentence on where DRAM comes from, or why it is unknown
 */
public record Dram(List<AddressRange> ranges, Source source, List<DtNode> nodes, String explanation) {

    /** Where the DRAM ranges were taken from. */
    public enum Source { MEMORY_NODES, SETTING, UNKNOWN }

    public Dram {
        ranges = List.copyOf(ranges);
        nodes = List.copyOf(nodes);
    }

    public static Dram of(MemoryMap map, List<AddressRange> setting) {
        List<AddressRange> ranges = new ArrayList<>();
        List<DtNode> nodes = new ArrayList<>();
        boolean usable = false;
        for (MemoryMap.MemoryNode memory : map.memoryNodes()) {
            boolean typed = memory.node().property("device_type").flatMap(p -> p.value().strings())
                    .map(s -> s.equals(List.of("memory"))).orElse(false);
            String status = memory.node().property("status").flatMap(p -> p.value().strings())
                    .map(s -> s.isEmpty() ? "okay" : s.get(0)).orElse("okay");
            if (!typed || !(status.equals("okay") || status.equals("ok"))) {
                continue;
            }
            nodes.add(memory.node());
            usable |= memory.usableMemory().isPresent();
            for (AddressRange range : memory.effective()) {
                if (!range.isEmpty()) {
                    ranges.add(range.clipped());
                }
            }
        }
        if (!ranges.isEmpty()) {
            String from = nodes.size() == 1 ? nodes.get(0).path() : nodes.size() + " /memory nodes";
            return new Dram(ranges, Source.MEMORY_NODES, nodes,
                    "DRAM from " + (usable ? "linux,usable-memory and reg of " : "reg of ") + from);
        }
        List<AddressRange> fromSetting = setting.stream().filter(r -> !r.isEmpty()).map(AddressRange::clipped).toList();
        if (!fromSetting.isEmpty()) {
            return new Dram(fromSetting, Source.SETTING, nodes, "DRAM from the \"dram\" setting"
                    + (nodes.isEmpty() ? " (the tree has no /memory node)" : " (/memory has size 0)"));
        }
        String why = nodes.isEmpty()
                ? "DRAM is unknown: the tree has no /memory node and the \"dram\" setting is not set"
                : "DRAM is unknown: " + nodes.get(0).path()
                        + " has size 0 (the bootloader fills it in) and the \"dram\" setting is not set";
        return new Dram(List.of(), Source.UNKNOWN, nodes, why);
    }

    public boolean isKnown() {
        return !ranges.isEmpty();
    }

    /** The DRAM ranges as one set of unsigned addresses (empty when unknown). */
    public RangeSet<UnsignedLong> addresses() {
        TreeRangeSet<UnsignedLong> set = TreeRangeSet.create();
        for (AddressRange range : ranges) {
            range.span().ifPresent(set::add);
        }
        return ImmutableRangeSet.copyOf(set);
    }

    /** True when DRAM is known and holds every byte of the range. */
    public boolean holds(AddressRange range) {
        return range.span().map(addresses()::encloses).orElse(false);
    }
}
