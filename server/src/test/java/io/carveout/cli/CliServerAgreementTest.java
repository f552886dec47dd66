package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.finding.Finding;
import io.carveout.testing.Corpus;
import io.carveout.workspace.CompiledBoard;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.text.LineIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI and the server give the same findings for the same board: `carveout check --format json`
 * and the server's project (every finding of the compiled board, wherever it is placed) agree on
 * rule, file, line and message, on every 13th board of every architecture in the corpus.
 */
class CliServerAgreementTest {

    @Test
    void checkAndTheServerAgreeOnEveryFindingOfABoard() throws IOException {
        Path arch = Corpus.linux().resolve("arch").toAbsolutePath().normalize();
        List<Path> boards = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(arch)) {
            List<Path> all = walk.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
            for (int i = 0; i < all.size(); i += 13) {
                boards.add(all.get(i));
            }
        }
        assertTrue(boards.size() > 150, boards.size() + " boards");
        List<String> disagreements = new ArrayList<>();
        int findings = 0;
        for (Path board : boards) {
            Set<String> cli = cli(board);
            Set<String> server = server(board);
            findings += cli.size();
            if (!cli.equals(server)) {
                Set<String> onlyCli = new TreeSet<>(cli);
                onlyCli.removeAll(server);
                Set<String> onlyServer = new TreeSet<>(server);
                onlyServer.removeAll(cli);
                disagreements.add(arch.relativize(board) + ": only the CLI " + onlyCli + "; only the server " + onlyServer);
            }
        }
        assertTrue(findings > 100, findings + " findings: the comparison must have something to compare");
        assertEquals(List.of(), disagreements);
        System.out.printf("CLI = server on %d boards, %d findings%n", boards.size(), findings);
    }

    private static Set<String> cli(Path board) {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"check", "--format", "json", board.toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        Set<String> found = new TreeSet<>();
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        for (JsonElement e : json.getAsJsonArray("diagnostics")) {
            JsonObject d = e.getAsJsonObject();
            Path file = Path.of(d.get("file").getAsString()).toAbsolutePath().normalize();
            found.add(d.get("rule").getAsString() + " " + file + ":" + d.get("line").getAsInt() + " "
                    + d.get("message").getAsString());
        }
        return found;
    }

    private static Set<String> server(Path board) throws IOException {
        OpenDocuments documents = new OpenDocuments();
        Project project = new Project(null, documents);
        CompiledBoard compiled = project.board(board);
        Set<String> found = new TreeSet<>();
        for (Finding f : project.findingsOf(compiled)) {
            if (f.where() == null) {
                continue;
            }
            LineIndex lines = new LineIndex(documents.read(f.where().file()).orElse(""));
            found.add(f.code() + " " + f.where().file() + ":" + (lines.lineOf(f.where().start()) + 1) + " " + f.message());
        }
        return found;
    }
}
