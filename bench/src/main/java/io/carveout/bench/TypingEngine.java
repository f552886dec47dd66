package io.carveout.bench;

import io.carveout.ide.Hovers;
import io.carveout.text.TextChange;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The typing benchmark's keys without the server around them: each key applied to a project
 * whose index is the Qualcomm folder, then the hover on the region above read from the new
 * snapshot (the board in context brought up to date), then the file's diagnostics in that
 * board. What each key costs the engine, in process, beside a fresh project's hover on the
 * same final text: where the server's hover while typing spends its time, with the threads,
 * JSON and debounce taken away.
 */
final class TypingEngine {
    private static final int ROUNDS = 3;

    private TypingEngine() {
    }

    static void run() throws Exception {
        Path linux = CorpusFiles.ROOT.resolve("linux").toAbsolutePath().normalize();
        Path file = linux.resolve(Typing.FILE);
        Path folder = file.getParent();
        String original = Files.readString(file);
        int hovered = Typing.hoveredOffset(original);
        int cursor = Typing.cursorOffset(original);
        String keys = Typing.keys();
        List<Long> toHover = new ArrayList<>();
        List<Long> toDiagnostics = new ArrayList<>();
        List<Long> fresh = new ArrayList<>();
        Path board = null;
        for (int round = 0; round < ROUNDS; round++) {
            OpenDocuments documents = new OpenDocuments();
            Project project = new Project(folder, documents);
            project.index((done, all) -> { });
            documents.open(file, original);
            board = project.boardInContext(file);
            project.reportInContext(file);
            String text = original;
            for (int i = 0; i < keys.length(); i++) {
                TextChange key = new TextChange(cursor + i, cursor + i, String.valueOf(keys.charAt(i)));
                text = key.applyTo(text);
                documents.open(file, text);
                long compiles = project.compileCount();
                long evaluations = project.evaluatedInPlaceCount();
                long start = System.nanoTime();
                project.edited(file, List.of(key));
                Snapshot snapshot = project.snapshot();
                if (Hovers.at(snapshot, file, hovered).isEmpty()) {
                    throw new IllegalStateException("no hover on the region at key " + i);
                }
                long hover = System.nanoTime();
                snapshot.reportInContext(file);
                long diagnostics = System.nanoTime();
                if (Boolean.getBoolean("typing.keys") && round == ROUNDS - 1) {
                    long evaluated = project.evaluatedInPlaceCount() - evaluations;
                    String how = project.compileCount() - compiles > evaluated ? "compiled"
                            : evaluated > 0 ? "evaluated" : "in place";
                    System.out.printf("key %3d %-4s %7.2f ms %s taken %d%n", i, keys.substring(i, i + 1).replace("\n", "\\n")
                            .replace("\t", "\\t"), (hover - start) / 1e6, how,
                            snapshot.board(board).tree().propertiesTaken());
                }
                if (round > 0) { // the first round warms the JIT
                    toHover.add(hover - start);
                    toDiagnostics.add(diagnostics - start);
                }
            }
            OpenDocuments freshDocuments = new OpenDocuments();
            Project freshProject = new Project(folder, freshDocuments);
            freshProject.index((done, all) -> { });
            freshDocuments.open(file, text);
            long start = System.nanoTime();
            Hovers.at(freshProject.snapshot(), file, hovered).orElseThrow();
            if (round > 0) {
                fresh.add(System.nanoTime() - start);
            }
        }
        System.out.printf("%n%d keys typed into %s, read in %s; %d rounds after one to warm up%n", keys.length(),
                file.getFileName(), board.getFileName(), ROUNDS - 1);
        double freshHover = ServerFigures.median(fresh) / 1e6;
        System.out.printf("%-44s %8.2f ms%n", "fresh project -> hover, median", freshHover);
        print("key -> hover", toHover, freshHover);
        print("key -> hover -> diagnostics in context", toDiagnostics, freshHover);
    }

    private static void print(String what, List<Long> nanos, double fresh) {
        List<Long> sorted = nanos.stream().sorted().toList();
        double median = ServerFigures.median(sorted) / 1e6;
        double p90 = sorted.get((int) (sorted.size() * 0.9)) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.printf("%-44s median %6.2f ms  p90 %6.2f ms  max %6.2f ms   median %.3f of a fresh hover%n",
                what, median, p90, max, median / fresh);
    }
}
