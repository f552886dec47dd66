package io.carveout.cli;

import io.carveout.memory.Level;
import io.carveout.memory.check.RuleTable;
import io.carveout.workspace.Settings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code --rule ID=LEVEL} options of {@code check} and {@code map}: levels over the settings' own. */
final class RuleLevels {
    private RuleLevels() {
    }

    /** The level of each rule named, or empty (said on {@code err}) when an option is not ID=LEVEL. */
    static Optional<Map<String, String>> parse(List<String> options, PrintWriter err) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (String rule : options) {
            int eq = rule.indexOf('=');
            String id = eq < 0 ? rule : rule.substring(0, eq);
            if (eq < 0 || RuleTable.byId(id).isEmpty() || Level.parse(rule.substring(eq + 1)).isEmpty()) {
                err.println("carveout: --rule " + rule + ": expected ID=LEVEL with a rule id of the table and a level "
                        + "off, info, warning or error");
                return Optional.empty();
            }
            levels.put(id, rule.substring(eq + 1).trim());
        }
        return Optional.of(levels);
    }

    static Settings over(Settings settings, Map<String, String> levels) {
        if (levels.isEmpty()) {
            return settings;
        }
        Map<String, String> merged = new LinkedHashMap<>(settings.rules());
        merged.putAll(levels);
        return new Settings(settings.includePaths(), settings.defines(), settings.pageSize(),
                settings.boundaryAlignment(), settings.cmaAlignment(), settings.cmaAreas(), settings.dram(),
                settings.baseline(), merged, settings.boards(), settings.format());
    }
}
