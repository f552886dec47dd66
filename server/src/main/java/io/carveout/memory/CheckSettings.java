package io.carveout.memory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checks need from the settings: the alignments the kernel and the vendor demand,
 * the table sizes of the kernel, DRAM when the bootloader fills it in, and the level of each
 * rule the user changed.
 *
 * @param pageSize no-map regions must be multiples of it (default 4 KiB)
 * @param boundaryAlignment the vendor boundary of every region (default 1 MiB)
 * @param cmaAlignment the minimum CMA alignment, pageblock size (default 4 MiB)
 * @param cmaAreas CONFIG_CMA_AREAS (default 8)
 * @param regionTable MAX_RESERVED_REGIONS of older kernels (64)
 * @param dram DRAM ranges to use when /memory has size 0
 * @param rules level per rule id; rules not named keep their default
 */
public record CheckSettings(
        long pageSize,
        long boundaryAlignment,
        long cmaAlignment,
        int cmaAreas,
        int regionTable,
        List<AddressRange> dram,
        Map<String, Level> rules) {

    public static final CheckSettings DEFAULT = new CheckSettings(4096, 1 << 20, 4 << 20, 8, 64, List.of(), Map.of());

    public CheckSettings {
        dram = List.copyOf(dram);
        rules = Map.copyOf(rules);
    }

    public Optional<Level> level(String rule) {
        return Optional.ofNullable(rules.get(rule));
    }

    public CheckSettings withRules(Map<String, Level> levels) {
        return new CheckSettings(pageSize, boundaryAlignment, cmaAlignment, cmaAreas, regionTable, dram, levels);
    }

    public CheckSettings withDram(List<AddressRange> ranges) {
        return new CheckSettings(pageSize, boundaryAlignment, cmaAlignment, cmaAreas, regionTable, ranges, rules);
    }
}
