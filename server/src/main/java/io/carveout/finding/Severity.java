package io.carveout.finding;

import java.util.Locale;

/** How serious a finding is, as compilers and LSP grade it; "off" findings are never made. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** "error", "warning", "info": the spelling of settings and of the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
