package io.carveout.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.finding.Finding;
import io.carveout.text.SourceSpan;
import io.carveout.testing.Corpus;
import io.carveout.text.LineIndex;
import io.carveout.preprocess.TokenCache;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/**
 * A thousand random edits to an open corpus board through didChange (fixed seed). After
 * each, the server's text equals the client's, and the diagnostics published for that
 * version equal a fresh analysis of the same text by a new project.
 */
class RandomEditsTest {
    private static final long SEED = 0xd75L;
    private static final int EDITS = 1000;
    private static final String TYPED = "{};<>=&\"x0 \n";

    /** A diagnostic reduced to what a fresh analysis must reproduce. */
    record Seen(int start, int end, String code, String severity, String message) {
    }

    @Test
    void serverTextAndDiagnosticsFollowEveryEdit() throws Exception {
        Path linux = Corpus.linux();
        Path board = linux.resolve("arch/arm64/boot/dts/qcom/qcm6490-idp.dts");
        StringBuilder text = new StringBuilder(Files.readString(board));
        Random random = new Random(SEED);
        try (LspHarness lsp = new LspHarness(0)) {
            lsp.initialize(null, null);
            String uri = lsp.open(board, text.toString());
            lsp.awaitVersion(uri, 1);
            for (int i = 0; i < EDITS; i++) {
                LineIndex lines = new LineIndex(text.toString());
                int at = random.nextInt(text.length() + 1);
                TextDocumentContentChangeEvent change;
                if (random.nextInt(3) == 0 && at < text.length()) {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(3));
                    change = new TextDocumentContentChangeEvent(range(lines, at, end), "");
                    text.delete(at, end);
                } else {
                    String typed = String.valueOf(TYPED.charAt(random.nextInt(TYPED.length())));
                    change = new TextDocumentContentChangeEvent(range(lines, at, at), typed);
                    text.insert(at, typed);
                }
                int version = lsp.change(uri, change);
                PublishDiagnosticsParams published = lsp.awaitVersion(uri, version);
                String expected = text.toString();
                assertEquals(expected, lsp.impl.documentText(uri).get(30, TimeUnit.SECONDS), "text after edit " + i);
                assertEquals(fresh(board, expected), seen(published.getDiagnostics(), expected),
                        "diagnostics after edit " + i);
            }
        }
    }

    private static Range range(LineIndex lines, int start, int end) {
        var s = lines.positionOf(start);
        var e = lines.positionOf(end);
        return new Range(new Position(s.line(), s.character()), new Position(e.line(), e.character()));
    }

    static List<Seen> seen(List<Diagnostic> diagnostics, String text) {
        LineIndex lines = new LineIndex(text);
        List<Seen> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            int start = lines.offsetOf(new io.carveout.text.Position(d.getRange().getStart().getLine(),
                    d.getRange().getStart().getCharacter()));
            int end = lines.offsetOf(new io.carveout.text.Position(d.getRange().getEnd().getLine(),
                    d.getRange().getEnd().getCharacter()));
            out.add(new Seen(start, end, d.getCode().getLeft(), switch (d.getSeverity()) {
                case Error -> "ERROR";
                case Warning -> "WARNING";
                default -> "INFO";
            },
                    d.getMessage().getLeft()));
        }
        out.sort(Comparator.comparingInt(Seen::start).thenComparing(Seen::message));
        return out;
    }

    // Content-keyed caches only: a fresh project over them analyses from scratch, but does
    // not tokenize and parse the unchanged SoC files again.
    private static final TokenCache TOKENS = new TokenCache();
    private static final ParseCache PARSES = new ParseCache();

    private static List<Seen> fresh(Path board, String text) {
        OpenDocuments documents = new OpenDocuments();
        documents.open(board, text);
        Project project = new Project(null, documents, TOKENS, PARSES);
        List<Seen> out = new ArrayList<>();
        for (Finding f : project.report(board).findings()) {
            SourceSpan where = f.where();
            out.add(new Seen(where.start(), where.end(), f.code(), f.severity().name(), f.message()));
        }
        out.sort(Comparator.comparingInt(Seen::start).thenComparing(Seen::message));
        return out;
    }
}
