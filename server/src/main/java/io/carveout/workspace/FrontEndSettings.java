package io.carveout.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the front end needs beyond the files: include paths and macros added by the
 * settings, and whether labels are exported as dtc's {@code -@} does.
 */
public record FrontEndSettings(List<Path> includePaths, Map<String, String> defines, boolean symbols) {
    public static final FrontEndSettings DEFAULT = new FrontEndSettings(List.of(), Map.of(), false);

    public FrontEndSettings {
        includePaths = List.copyOf(includePaths);
        defines = Map.copyOf(defines);
    }

    public FrontEndSettings withSymbols(boolean generate) {
        return new FrontEndSettings(includePaths, defines, generate);
    }
}
