package io.carveout.memory;

import io.carveout.finding.Severity;
import java.util.Locale;
import java.util.Optional;

/** The level a user gives a rule in the settings or on the command line: off, or a severity. */
public enum Level {
    OFF, INFO, WARNING, ERROR;

    public Optional<Severity> severity() {
        return switch (this) {
            case OFF -> Optional.empty();
            case INFO -> Optional.of(Severity.INFO);
            case WARNING -> Optional.of(Severity.WARNING);
            case ERROR -> Optional.of(Severity.ERROR);
        };
    }

    /** Reads "off", "info", "warning" or "error"; empty for anything else. */
    public static Optional<Level> parse(String text) {
        for (Level level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
