package io.carveout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.preprocess.IncludePaths;
import io.carveout.preprocess.Inclusion;
import io.carveout.preprocess.Preprocessor;
import io.carveout.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workspace index reads include lines, not preprocessed text: for real boards of every
 * architecture, each file the preprocessor reads for a board is among the files the index says
 * the board includes (the index may say more: it does not decide conditionals).
 */
class IncludeIndexTest {

    @Test
    void theIndexHoldsEveryFileThePreprocessorReads() throws IOException {
        Path arch = Corpus.linux().resolve("arch").toAbsolutePath().normalize();
        List<Path> boards;
        try (Stream<Path> walk = Files.walk(arch)) {
            List<Path> all = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
            // every 8th board of the whole tree: each architecture and vendor gets its share
            boards = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 8) {
                boards.add(all.get(i));
            }
        }
        assertTrue(boards.size() > 250, boards.size() + " boards");
        OpenDocuments documents = new OpenDocuments();
        Project project = new Project(null, documents);
        List<String> missing = new ArrayList<>();
        int files = 0;
        for (Path board : boards) {
            project.indexBoard(board);
            Preprocessor cpp = new Preprocessor(documents, IncludePaths.discover(board, List.of()).search());
            for (Inclusion inclusion : cpp.preprocess(board).inclusions()) {
                Path included = inclusion.included().toAbsolutePath().normalize();
                files++;
                if (!project.boardsIncluding(included).contains(board)) {
                    missing.add(arch.relativize(board) + " -> " + included.getFileName());
                }
            }
        }
        assertEquals(List.of(), missing.stream().limit(20).toList(), missing.size() + " inclusions missing from the index");
        System.out.printf("include index: %d boards, %d inclusions, all in the index%n", boards.size(), files);
    }
}
