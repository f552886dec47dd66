package io.carveout.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.Hover;

/**
 * The reference the editing figures are measured against: a copy of the edited file, opened
 * fresh in the same server. Each copy gets a new name beside the original (so its includes
 * resolve as the original's do, and nothing the server holds by path answers for it), is a
 * file no board includes (so it is analysed on its own), and is deleted once measured. The
 * server's caches of tokens and syntax trees are keyed by text, so a copy of the very text is
 * parsed from them; a copy with its own trailing comment is tokenized and parsed afresh (its
 * includes are still held, as in any session).
 */
final class FreshOpen {
    /** Medians, in milliseconds, of didOpen to the answer of a hover sent with it, and of didOpen to the first diagnostics. */
    record Figures(double toHover, double toDiagnostics, int opens, boolean hoverShowsRegion) {
    }

    /** The two references: copies of the very text, and copies each with a comment of its own. */
    record Reference(Figures sameText, Figures ownText) {
        /** Prints both references, and what they are. */
        void print() {
            System.out.printf("reference: a fresh copy of the file under a new name beside it (no board includes it), "
                    + "median of %d opens each;%n  [same text]: the very text (its tokens and tree come from the "
                    + "server's caches, which are keyed by text)%n  [own text]: the text and a comment of its own "
                    + "at the end (tokenized and parsed afresh)%n", sameText.opens());
            System.out.printf("%-58s %9s %12s%n", "", "same text", "own text");
            System.out.printf("%-58s %6.1f ms %9.1f ms%n", "fresh open -> hover answer", sameText.toHover(),
                    ownText.toHover());
            System.out.printf("%-58s %6.1f ms %9.1f ms%n", "fresh open -> first publishDiagnostics",
                    sameText.toDiagnostics(), ownText.toDiagnostics());
            if (!sameText.hoverShowsRegion() || !ownText.hoverShowsRegion()) {
                System.out.println("note: a fresh open's hover did NOT show the region");
            }
        }
    }

    /** Copies opened so far in this JVM: every copy has a name of its own. */
    private static final AtomicInteger COPIES = new AtomicInteger();

    private FreshOpen() {
    }

    /** Both references, {@code opens} copies for each figure of each. */
    static Reference measure(InProcessServer lsp, Path original, String text, int hoverOffset, int opens)
            throws Exception {
        return new Reference(measure(lsp, original, text, hoverOffset, opens, false),
                measure(lsp, original, text, hoverOffset, opens, true));
    }

    /**
     * Opens {@code opens} copies for each figure, alternating: one hovered at {@code hoverOffset}
     * at once, the next only waited for until its first publishDiagnostics. With {@code ownText}
     * each copy ends in a comment of its own.
     */
    private static Figures measure(InProcessServer lsp, Path original, String text, int hoverOffset, int opens,
            boolean ownText) throws Exception {
        String stem = original.getFileName().toString().replaceFirst("\\.dtsi$", "");
        List<Long> toHover = new ArrayList<>();
        List<Long> toDiagnostics = new ArrayList<>();
        boolean hoverShowsRegion = true;
        for (int i = 0; i < opens * 2; i++) {
            Path copy = original.resolveSibling(stem + "-copy-" + ProcessHandle.current().pid() + "-" + COPIES.incrementAndGet()
                    + ".dtsi");
            String uri = copy.toUri().toString();
            String opened = ownText ? text + "/* " + copy.getFileName() + " */\n" : text;
            Files.writeString(copy, opened);
            copy.toFile().deleteOnExit();
            try {
                long start = System.nanoTime();
                lsp.open(uri, opened);
                if (i % 2 == 0) {
                    Hover hover = lsp.hover(uri, ServerFigures.position(opened, hoverOffset)).get(600, TimeUnit.SECONDS);
                    toHover.add(System.nanoTime() - start);
                    hoverShowsRegion &= hover != null && hover.getContents().getRight().getValue().contains("(exclusive)");
                } else {
                    toDiagnostics.add(lsp.awaitVersion(uri, 1) - start);
                }
                lsp.awaitVersion(uri, 1);
                lsp.awaitIdle(uri);
                lsp.close(uri);
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        return new Figures(ServerFigures.median(toHover) / 1e6, ServerFigures.median(toDiagnostics) / 1e6, opens,
                hoverShowsRegion);
    }
}
