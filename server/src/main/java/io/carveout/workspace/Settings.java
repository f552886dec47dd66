package io.carveout.workspace;

import io.carveout.format.FormatOptions;
import io.carveout.memory.AddressRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * carveout's settings, one schema for every source: defaults, {@code .carveout.json}
 * (found by walking up from the file), the editor's initializationOptions and
 * workspace/configuration, the command line; a later source overrides what it sets.
 *
 * @param includePaths extra include paths, before the ones found in a kernel or Zephyr tree
 * @param defines extra macros, name (or {@code NAME(params)}) to replacement
 * @param pageSize the page size no-map regions must be aligned to (default 4 KiB)
 * @param boundaryAlignment the vendor boundary for every region (default 1 MiB)
 * @param cmaAlignment the minimum CMA alignment (default 4 MiB)
 * @param cmaAreas CONFIG_CMA_AREAS (default 8)
 * @param dram DRAM ranges when the bootloader fills in /memory
 * @param baseline globs of the files that define the firmware contract (empty: every included .dtsi)
 * @param rules severity per rule id: "off", "info", "warning" or "error"
 * @param boards globs of the boards to analyse a .dtsi in (empty: every board that includes it)
 * @param format how {@code carveout format} and the editors' formatting lay a file out
 */
public record Settings(
        List<Path> includePaths,
        Map<String, String> defines,
        long pageSize,
        long boundaryAlignment,
        long cmaAlignment,
        int cmaAreas,
        List<AddressRange> dram,
        List<String> baseline,
        Map<String, String> rules,
        List<String> boards,
        FormatOptions format) {

    public static final Settings DEFAULT = new Settings(List.of(), Map.of(), 4096, 1 << 20, 4 << 20, 8,
            List.of(), List.of(), Map.of(), List.of(), FormatOptions.DEFAULT);

    public Settings {
        includePaths = List.copyOf(includePaths);
        defines = Map.copyOf(defines);
        dram = List.copyOf(dram);
        baseline = List.copyOf(baseline);
        rules = Map.copyOf(rules);
        boards = List.copyOf(boards);
    }

    public FrontEndSettings frontEnd(boolean symbols) {
        return new FrontEndSettings(includePaths, defines, symbols);
    }
}
