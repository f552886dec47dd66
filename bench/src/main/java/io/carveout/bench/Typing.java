package io.carveout.bench;

import io.carveout.text.TextChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;

/**
 * Typing into /reserved-memory of {@code kodiak.dtsi} with the server rooted at the whole corpus
 * and its index built: two new regions typed key by key at 8 keys a second, with a hover on the
 * region just above them every ten keys. The delay from the last key to the diagnostics of the
 * last version, the hovers' latencies while typing, and how many publishDiagnostics the typing
 * caused, beside a fresh open of the same text as a file no board includes.
 */
final class Typing {
    static final String FILE = "arch/arm64/boot/dts/qcom/kodiak.dtsi";
    /** The region the new ones are typed after, and the one hovered while typing. */
    private static final String REGION_ABOVE = "hyp_mem: hyp@80000000 {";
    /** Two regions as a person would type them: 200 keys. */
    private static final String KEYS = "\n\n\t\tnew_mem: new-region@9a000000 {\n\t\t\treg = <0x0 0x9a000000 0x0 0x100000>;"
            + "\n\t\t\tno-map;\n\t\t};"
            + "\n\n\t\tnew_mem2: new-region@9a100000 {\n\t\t\treg = <0x0 0x9a100000 0x0 0x10000>;"
            + "\n\t\t\tno-map;\n\t\t\tstatus = \"okay\";\n\t\t};";
    private static final long KEY_INTERVAL_MILLIS = 125;
    private static final int HOVER_EVERY = 10;
    /** The server's debounce while typing (Session.DEBOUNCE_MILLIS, not visible from here). */
    private static final long DEBOUNCE_MILLIS = 150;
    private static final int FRESH_OPENS = 7;

    private Typing() {
    }

    /** The region's name in the hovered line, left of every key typed. */
    static int hoveredOffset(String original) {
        int above = original.indexOf(REGION_ABOVE);
        if (above < 0) {
            throw new IllegalStateException(REGION_ABOVE + " not found in " + FILE);
        }
        return above + REGION_ABOVE.indexOf(' ') + 1;
    }

    /** Where the keys are typed: after the hovered region's closing brace. */
    static int cursorOffset(String original) {
        return original.indexOf("};", hoveredOffset(original)) + 2;
    }

    static String keys() {
        return KEYS;
    }

    static void run() throws Exception {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path file = linux.resolve(FILE);
        String original = Files.readString(file);
        int hovered = hoveredOffset(original);
        int cursor = cursorOffset(original);
        try (InProcessServer lsp = new InProcessServer(linux)) {
            lsp.awaitIndexed();
            EditedFile edited = EditedFile.openSettled(lsp, file);
            Position onRegion = ServerFigures.position(original, hovered);

            int publishedBefore = lsp.publishCount(edited.uri);
            int firstVersion = edited.version() + 1;
            List<CompletableFuture<Long>> hovers = new ArrayList<>();
            List<Boolean> showsRegion = new ArrayList<>();
            long start = System.nanoTime();
            long lastKey = 0;
            for (int i = 0; i < KEYS.length(); i++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos(i * KEY_INTERVAL_MILLIS);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                lastKey = edited.type(new TextChange(cursor + i, cursor + i, String.valueOf(KEYS.charAt(i))));
                if ((i + 1) % HOVER_EVERY == 0) {
                    long asked = System.nanoTime();
                    hovers.add(lsp.hover(edited.uri, onRegion).thenApply(h -> {
                        long answered = System.nanoTime() - asked;
                        synchronized (showsRegion) {
                            showsRegion.add(h != null && h.getContents().getRight().getValue().contains("(exclusive)"));
                        }
                        return answered;
                    }));
                }
            }
            long typing = System.nanoTime() - start;
            double lastKeyToDiagnostics = (lsp.awaitVersion(edited.uri, edited.version()) - lastKey) / 1e6;
            List<Long> hoverTimes = new ArrayList<>();
            for (CompletableFuture<Long> hover : hovers) {
                hoverTimes.add(hover.get(600, TimeUnit.SECONDS));
            }
            lsp.awaitIdle(edited.uri);
            int publishes = lsp.publishCount(edited.uri) - publishedBefore;
            int versions = lsp.versionsPublished(edited.uri, firstVersion, edited.version());
            double hoverMedian = ServerFigures.median(hoverTimes) / 1e6;
            double hoverMax = hoverTimes.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e6;
            FreshOpen.Reference reference = FreshOpen.measure(lsp, file, original, hovered, FRESH_OPENS);
            FreshOpen.Figures fresh = reference.sameText();
            FreshOpen.Figures ownText = reference.ownText();

            int line = (int) original.substring(0, cursor).chars().filter(c -> c == '\n').count() + 1;
            int boards = ServerFigures.boardsIncluding(linux, file).size();
            System.out.printf("%nserver rooted at %s, index built; file %s (%d bytes, read in %d boards)%n", linux,
                    file.getFileName(), original.length(), boards);
            System.out.printf("%d keys typed after line %d inside /reserved-memory (two new regions), one every %d ms "
                    + "(%.1f s in all); a hover on %s every %d keys%n", KEYS.length(), line, KEY_INTERVAL_MILLIS,
                    typing / 1e9, REGION_ABOVE.substring(0, REGION_ABOVE.length() - 2), HOVER_EVERY);
            reference.print();
            System.out.printf("%-58s %9s   ratio to a fresh open (same text, own text)%n", "while typing", "");
            double lastKeyAfterDebounce = lastKeyToDiagnostics - DEBOUNCE_MILLIS;
            System.out.printf("%-58s %6.1f ms   (%.1f ms after the %d ms debounce) %.3f, %.3f of fresh open -> "
                    + "diagnostics%n", "last key -> publishDiagnostics of the last version", lastKeyToDiagnostics,
                    lastKeyAfterDebounce, DEBOUNCE_MILLIS, lastKeyAfterDebounce / fresh.toDiagnostics(),
                    lastKeyAfterDebounce / ownText.toDiagnostics());
            System.out.printf("%-58s %6.1f ms%n", "hover while typing, median of " + hoverTimes.size(), hoverMedian);
            System.out.printf("%-58s %6.1f ms   %.3f, %.3f of fresh open -> hover%n", "hover while typing, max",
                    hoverMax, hoverMax / fresh.toHover(), hoverMax / ownText.toHover());
            System.out.printf("hovers that showed the region: %d of %d%n",
                    showsRegion.stream().filter(b -> b).count(), showsRegion.size());
            System.out.printf("publishDiagnostics for the file while typing: %d (for %d of its %d versions) for %d keys%n",
                    publishes, versions, KEYS.length(), KEYS.length());
        }
    }
}
