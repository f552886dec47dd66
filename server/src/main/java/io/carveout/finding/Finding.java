package io.carveout.finding;

import io.carveout.text.SourceSpan;
import java.util.List;

/**
 * One problem, whatever layer found it (syntax, preprocessing, the merged tree, the memory
 * rules), as the editor and the command line show it: where it is (the place that decides the
 * value; null when a layer has no place for it), how serious, its registered {@link Codes code},
 * the message (the fact, the consequence at boot, what to do), the other places involved, the
 * fixes, the node paths of the regions a memory finding is about, and the boards that trigger it
 * when a shared .dtsi is analysed inside several boards (empty: every board it was read in).
 */
public record Finding(SourceSpan where, Severity severity, String code, String message, List<Related> related,
        List<Fix> fixes, List<String> regions, List<String> boards) {

    public Finding {
        related = List.copyOf(related);
        fixes = Fix.distinct(fixes);
        regions = List.copyOf(regions);
        boards = List.copyOf(boards);
    }

    /** A finding with no related place, no fix, about no region. */
    public Finding(SourceSpan where, Severity severity, String code, String message) {
        this(where, severity, code, message, List.of(), List.of(), List.of(), List.of());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public Finding withWhere(SourceSpan place) {
        return new Finding(place, severity, code, message, related, fixes, regions, boards);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(where, newSeverity, code, message, related, fixes, regions, boards);
    }

    public Finding withRelated(List<Related> places) {
        return new Finding(where, severity, code, message, places, fixes, regions, boards);
    }

    public Finding withFixes(List<Fix> newFixes) {
        return new Finding(where, severity, code, message, related, newFixes, regions, boards);
    }

    public Finding withRegions(List<String> paths) {
        return new Finding(where, severity, code, message, related, fixes, paths, boards);
    }

    public Finding withBoards(List<String> names) {
        return new Finding(where, severity, code, message, related, fixes, regions, names);
    }

    @Override
    public String toString() {
        String place = where == null ? "?" : where.file() + "@" + where.start() + ".." + where.end();
        return place + ": " + severity.label() + ": " + message + " [" + code + "]";
    }
}
