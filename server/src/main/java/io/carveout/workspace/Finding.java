package io.carveout.workspace;

import io.carveout.finding.Fix;
import io.carveout.text.SourceSpan;
import java.util.List;

/**
 * A diagnostic as the editor and the command line show it, whatever layer found it
 * (syntax, preprocessing, the merged tree, the memory rules): where, how serious, which
 * rule, the message, the other places involved, and the boards that trigger it when a
 * shared .dtsi is analysed inside several boards.
 */
public record Finding(SourceSpan where, Severity severity, String code, String message, List<Related> related,
        List<String> boards, List<Fix> fixes) {

    /** How serious a finding is; "off" findings are never made. */
    public enum Severity {
        ERROR, WARNING, INFO;

        /** "error", "warning", "info": the spelling of settings and of the command line. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Another place a finding involves, with what it is. */
    public record Related(SourceSpan where, String message) {
    }

    public Finding {
        related = List.copyOf(related);
        boards = List.copyOf(boards);
        fixes = List.copyOf(fixes);
    }

    /** A finding of the front end: no related place, no fix. */
    public Finding(SourceSpan where, Severity severity, String code, String message) {
        this(where, severity, code, message, List.of(), List.of(), List.of());
    }

    public Finding withBoards(List<String> names) {
        return new Finding(where, severity, code, message, related, names, fixes);
    }
}
