package io.carveout.bench;

import io.carveout.text.TextChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;

/**
 * Lone edits inside /reserved-memory of {@code hamoa.dtsi}, with the server rooted at the whole
 * corpus and its index built: didChange to a hover on the edited region that shows the new
 * value, and didChange to the first publishDiagnostics of the new version, each beside a fresh
 * open of the same text as a file no board includes (didOpen to the hover's answer, didOpen to
 * the first diagnostics), all in one server.
 */
final class EditHover {
    static final String FILE = "arch/arm64/boot/dts/qcom/hamoa.dtsi";
    private static final int ROUNDS = 20;
    private static final int FRESH_OPENS = 7;

    private EditHover() {
    }

    static void run() throws Exception {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path file = linux.resolve(FILE);
        String original = Files.readString(file);
        int digit = LargestDtsi.editOffset(original); // last digit of the size in the first region's reg
        int brace = original.lastIndexOf('{', digit);
        int name = original.lastIndexOf(' ', brace - 2) + 1;
        String region = original.substring(name, brace - 1);
        try (InProcessServer lsp = new InProcessServer(linux)) {
            long start = System.nanoTime();
            lsp.awaitIndexed();
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            EditedFile edited = EditedFile.openSettled(lsp, file);
            Position onRegion = ServerFigures.position(original, name);

            List<Long> toHover = new ArrayList<>();
            int hoversAgain = 0;
            for (int i = 0; i < ROUNDS * 2; i++) {
                TextChange change = ServerFigures.DIGIT_TYPED_OVER.change(edited.text(), digit, i);
                Thread.sleep(ServerFigures.LONE_EDIT_PAUSE_MILLIS);
                long sent = edited.type(change);
                String shown = "end 0x" + Long.toHexString(regionEnd(edited.text(), brace)) + " (exclusive)";
                // requests are answered in order after the change, so the first hover should already show it
                while (!markdown(lsp.hover(edited.uri, onRegion).get(600, TimeUnit.SECONDS)).contains(shown)) {
                    if (++hoversAgain > 100 * ROUNDS) {
                        throw new IllegalStateException("the hover on " + region + " never showed " + shown);
                    }
                }
                long answered = System.nanoTime();
                if (i >= ROUNDS) {
                    toHover.add(answered - sent);
                }
                lsp.awaitVersion(edited.uri, edited.version());
            }
            double digitToHover = ServerFigures.median(toHover) / 1e6;
            double digitToPublish = toFirstPublish(lsp, edited, ServerFigures.DIGIT_TYPED_OVER, digit, false);
            double spaceToPublish = toFirstPublish(lsp, edited, ServerFigures.SPACE_TYPED_THEN_DELETED, digit, false);
            double spaceAfterIdle = toFirstPublish(lsp, edited, ServerFigures.SPACE_TYPED_THEN_DELETED, digit, true);
            lsp.awaitIdle(edited.uri);
            FreshOpen.Reference reference = FreshOpen.measure(lsp, file, original, name, FRESH_OPENS);
            FreshOpen.Figures fresh = reference.sameText();
            FreshOpen.Figures ownText = reference.ownText();

            int boards = ServerFigures.boardsIncluding(linux, file).size();
            int line = (int) original.substring(0, digit).chars().filter(c -> c == '\n').count() + 1;
            System.out.printf("%nserver rooted at %s; its index of every board built in %.1f s (before any edit)%n",
                    linux, indexSeconds);
            System.out.printf("file %s (%d bytes, read in %d boards); edits in the reg of %s (line %d), inside "
                    + "/reserved-memory; lone edits %d ms apart, median of the last %d of %d%n", file.getFileName(),
                    original.length(), boards, region, line, ServerFigures.LONE_EDIT_PAUSE_MILLIS,
                    ROUNDS, ROUNDS * 2);
            reference.print();
            System.out.printf("%-58s %9s   ratio to a fresh open (same text, own text)%n", "edit", "median");
            print("a digit typed over -> hover showing the new end", digitToHover, fresh.toHover(),
                    ownText.toHover(), "-> hover", 0.1);
            print("a digit typed over -> first publishDiagnostics", digitToPublish, fresh.toDiagnostics(),
                    ownText.toDiagnostics(), "-> diagnostics", 0.1);
            print("a space typed, then deleted -> first publishDiagnostics", spaceToPublish, fresh.toDiagnostics(),
                    ownText.toDiagnostics(), "-> diagnostics", 0.2);
            print("  same, each edit 300 ms after the server went idle", spaceAfterIdle, fresh.toDiagnostics(),
                    ownText.toDiagnostics(), "-> diagnostics", 0.2);
            if (hoversAgain > 0) {
                System.out.printf("note: %d hovers answered before showing the edit were asked again (counted in the time)%n",
                        hoversAgain);
            }
        }
    }

    private static void print(String what, double edit, double sameText, double ownText, String reference,
            double bar) {
        System.out.printf("%-58s %6.1f ms   %.3f, %.3f (bar <= %.1f of fresh open %s)%n", what, edit, edit / sameText,
                edit / ownText, bar, reference);
    }

    /**
     * Median milliseconds from a lone edit's didChange to the first publishDiagnostics of its
     * version; with {@code afterIdle} each edit waits until the server has done all the previous
     * one asked for (a .dtsi's other boards), so that its own cost shows alone.
     */
    static double toFirstPublish(InProcessServer lsp, EditedFile edited, ServerFigures.EditKind kind, int at,
            boolean afterIdle) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            if (afterIdle) {
                lsp.awaitIdle(edited.uri);
            }
            TextChange change = kind.change(edited.text(), at, i);
            Thread.sleep(ServerFigures.LONE_EDIT_PAUSE_MILLIS);
            long sent = edited.type(change);
            long arrived = lsp.awaitVersion(edited.uri, edited.version());
            if (i >= ROUNDS) {
                times.add(arrived - sent);
            }
        }
        return ServerFigures.median(times) / 1e6;
    }

    // The exclusive end of the region whose body opens at {@code brace}: base + size of its
    // reg, two cells each (as /reserved-memory of an arm64 SoC has them).
    private static long regionEnd(String text, int brace) {
        int reg = text.indexOf("reg = <", brace) + "reg = <".length();
        String[] cells = text.substring(reg, text.indexOf('>', reg)).trim().split("\\s+");
        long base = Long.decode(cells[0]) << 32 | Long.decode(cells[1]);
        long size = Long.decode(cells[2]) << 32 | Long.decode(cells[3]);
        return base + size;
    }

    private static String markdown(Hover hover) {
        return hover == null ? "" : hover.getContents().getRight().getValue();
    }
}
