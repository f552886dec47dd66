package io.carveout.lsp;

import io.carveout.finding.Finding;
import io.carveout.finding.Related;
import io.carveout.finding.Severity;
import io.carveout.text.LineIndex;
import io.carveout.text.SourceSpan;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;

/**
 * The workspace as a request or a publish sees it: one snapshot and the open documents of
 * the same moment, with the conversions of places to the client's lines and URIs.
 */
final class View {
    private final Snapshot snapshot;
    private final Map<Path, Open> open;

    View(Snapshot snapshot, Map<Path, Open> open) {
        this.snapshot = snapshot;
        this.open = open;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    Map<Path, Open> open() {
        return open;
    }

    Optional<Open> open(Path path) {
        return Optional.ofNullable(open.get(path));
    }

    /**
     * The findings shown on a file, with their fixes (worked out now, when a code action asks, not
     * with every publish): its own report when it is open, else what the open boards find in it, as
     * the publish shows them. A finding several boards make counts once: its fixes would otherwise
     * be offered once per board.
     */
    List<Finding> findingsIn(Path path) {
        List<Finding> found = new ArrayList<>();
        if (open.containsKey(path)) {
            found.addAll(snapshot.report(path, Snapshot.Variant.FIXES).findings());
        } else {
            for (Path board : open.keySet()) {
                if (Project.isBoard(board)) {
                    for (Finding finding : snapshot.findingsOf(snapshot.board(board), Snapshot.Variant.FIXES)) {
                        if (finding.where() != null && finding.where().file().equals(path)) {
                            found.add(finding);
                        }
                    }
                }
            }
        }
        Map<List<Object>, Finding> once = new java.util.LinkedHashMap<>();
        for (Finding finding : found) {
            once.putIfAbsent(List.of(String.valueOf(finding.where()), finding.code(), finding.message()), finding);
        }
        return List.copyOf(once.values());
    }

    Diagnostic diagnostic(Finding finding) {
        String message = finding.message();
        if (!finding.boards().isEmpty()) {
            message += " (only in " + String.join(", ", finding.boards()) + ")";
        }
        Diagnostic diagnostic = new Diagnostic(range(finding.where()), message, severity(finding.severity()),
                "carveout");
        diagnostic.setCode(finding.code());
        if (!finding.related().isEmpty()) {
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (Related r : finding.related()) {
                related.add(new DiagnosticRelatedInformation(location(r.where()), r.message()));
            }
            diagnostic.setRelatedInformation(related);
        }
        return diagnostic;
    }

    /** The line index of a file as this view holds it (open text, or disk). */
    LineIndex lines(Path path) {
        Open document = open.get(path);
        if (document != null) {
            return document.document().lineIndex();
        }
        // a board's findings in a large .dtsi it includes are placed one by one: the snapshot
        // makes the index of a file that is not open once per text, not once per finding
        return snapshot.lines(path);
    }

    org.eclipse.lsp4j.Range range(SourceSpan span) {
        return Protocol.range(lines(span.file()), span.start(), span.end());
    }

    org.eclipse.lsp4j.Location location(SourceSpan span) {
        return new org.eclipse.lsp4j.Location(uriOf(span.file()), range(span));
    }

    /** The URI the client uses for a file: the one it opened it with, or the file URI. */
    String uriOf(Path path) {
        Open document = open.get(path);
        return document != null ? document.uri() : Protocol.uri(path);
    }

    private static DiagnosticSeverity severity(Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
        };
    }
}
