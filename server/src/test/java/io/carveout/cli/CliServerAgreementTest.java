package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.carveout.finding.Finding;
import io.carveout.testing.Corpus;
import io.carveout.text.LineIndex;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import io.carveout.workspace.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI and the server give the same findings for the same file in the same board, over every
 * board of every architecture in the corpus and every .dtsi a board includes: `carveout check
 * --format json` (its output formats, its once-per-place merging, its 1-based lines) against what
 * the server's snapshot shows (every finding of a compiled board wherever it is placed; for a
 * .dtsi, the report of its board in context, the first board the workspace index finds for it),
 * on rule, file, line and message.
 */
class CliServerAgreementTest {

    @Test
    void checkAndTheServerAgreeOnEveryBoard() throws IOException {
        Path arch = Corpus.linux().resolve("arch").toAbsolutePath().normalize();
        // one check per folder of boards, so the CLI shares its caches as it does on a real command line
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(arch)) {
            walk.filter(p -> p.toString().endsWith(".dts")).sorted()
                    .forEach(p -> byFolder.computeIfAbsent(p.getParent(), f -> new ArrayList<>()).add(p));
        }
        Project project = new Project(null, new OpenDocuments());
        List<String> disagreements = new ArrayList<>();
        int boards = 0;
        int findings = 0;
        for (Map.Entry<Path, List<Path>> folder : byFolder.entrySet()) {
            List<String> args = new ArrayList<>(List.of("check", "--format", "json"));
            folder.getValue().forEach(b -> args.add(b.toString()));
            Set<String> cli = cli(args);
            Set<String> server = new TreeSet<>();
            Snapshot snapshot = project.snapshot();
            for (Path board : folder.getValue()) {
                server.addAll(lines(snapshot, snapshot.findingsOf(snapshot.board(board))));
            }
            boards += folder.getValue().size();
            findings += cli.size();
            compare(arch.relativize(folder.getKey()).toString(), cli, server, disagreements);
        }
        assertTrue(boards > 2000, boards + " boards");
        assertTrue(findings > 1000, findings + " findings: the comparison must have something to compare");
        assertEquals(List.of(), disagreements);
        System.out.printf("CLI = server on every board: %d boards, %d findings%n", boards, findings);
    }

    @Test
    void checkAndTheServerAgreeOnEveryDtsiInItsBoardInContext() throws IOException {
        Path linux = Corpus.linux().toAbsolutePath().normalize();
        Path arch = linux.resolve("arch");
        Project project = new Project(arch, new OpenDocuments());
        project.boardsToIndex().forEach(project::indexBoard);
        Snapshot snapshot = project.snapshot();
        // each .dtsi in the board the server reads it in first, grouped by that board for the CLI
        Map<Path, List<Path>> byBoard = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(arch)) {
            for (Path dtsi : walk.filter(p -> p.toString().endsWith(".dtsi")).sorted().toList()) {
                Path board = snapshot.boardInContext(dtsi);
                if (!board.equals(dtsi)) {
                    byBoard.computeIfAbsent(board, b -> new ArrayList<>()).add(dtsi);
                }
            }
        }
        List<String> disagreements = new ArrayList<>();
        int files = 0;
        int findings = 0;
        for (Map.Entry<Path, List<Path>> group : byBoard.entrySet()) {
            List<String> args = new ArrayList<>(List.of("check", "--format", "json", "--board",
                    group.getKey().toString()));
            group.getValue().forEach(f -> args.add(f.toString()));
            Set<String> cli = cli(args);
            Set<String> server = new TreeSet<>();
            for (Path dtsi : group.getValue()) {
                server.addAll(lines(snapshot, snapshot.reportInContext(dtsi).findings()));
            }
            files += group.getValue().size();
            findings += cli.size();
            compare(arch.relativize(group.getKey()) + " " + group.getValue().size() + " .dtsi", cli, server,
                    disagreements);
        }
        assertTrue(files > 1000, files + " .dtsi files in a board");
        assertTrue(findings > 100, findings + " findings: the comparison must have something to compare");
        assertEquals(List.of(), disagreements);
        System.out.printf("CLI = server on every .dtsi in its board in context: %d files in %d boards, %d findings%n",
                files, byBoard.size(), findings);
    }

    private static void compare(String what, Set<String> cli, Set<String> server, List<String> disagreements) {
        if (!cli.equals(server)) {
            Set<String> onlyCli = new TreeSet<>(cli);
            onlyCli.removeAll(server);
            Set<String> onlyServer = new TreeSet<>(server);
            onlyServer.removeAll(cli);
            disagreements.add(what + ": only the CLI " + onlyCli + "; only the server " + onlyServer);
        }
    }

    private static Set<String> cli(List<String> args) {
        StringWriter out = new StringWriter();
        Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(new StringWriter()));
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

    // The server's findings as the CLI writes them: rule, file, 1-based line, message.
    private static Set<String> lines(Snapshot snapshot, List<Finding> findings) {
        Set<String> found = new TreeSet<>();
        for (Finding f : findings) {
            if (f.where() == null) {
                continue;
            }
            LineIndex lines = new LineIndex(snapshot.sources().read(f.where().file()).orElse(""));
            found.add(f.code() + " " + f.where().file() + ":" + (lines.lineOf(f.where().start()) + 1) + " "
                    + f.message());
        }
        return found;
    }
}
