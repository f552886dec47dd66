package io.carveout.memory;

import java.util.Locale;

/** How serious a diagnostic is, as compilers and LSP grade it. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** "error", "warning", "info": the spelling of settings and of the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
