package io.carveout.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.memory.Rule;
import io.carveout.memory.check.RuleTable;
import io.carveout.testing.Corpus;
import io.carveout.workspace.OpenDocuments;
import io.carveout.workspace.Project;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table of codes is the one list a finding's code must be in: the memory rules are its
 * memory codes, one for one, and every finding the fixtures, the example and the corpus
 * produce, in any layer, carries a registered code.
 */
class CodeTest {

    @Test
    void theMemoryRulesAreTheMemoryCodes() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (Rule rule : RuleTable.RULES) {
            ids.add(rule.id());
            Code.byId(rule.id()).filter(c -> c.layers().contains(Code.Layer.MEMORY)).ifPresentOrElse(
                    c -> { }, () -> problems.add(rule.id() + ": a rule whose id is not a registered memory code"));
        }
        for (Code code : Code.values()) {
            if (code.layers().contains(Code.Layer.MEMORY) && !ids.contains(code.id())) {
                problems.add(code.id() + ": a memory code no rule of the table reports");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void codesAreSpeltAsPrintedAndSaySomething() {
        for (Code code : Code.values()) {
            assertTrue(code.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), code.id());
            assertEquals(code, Code.byId(code.id()).orElseThrow());
            assertTrue(code.meaning().length() > 10 && !code.meaning().contains("\n"), code.id());
        }
    }

    @Test
    void everyFindingOfTheFixturesTheExampleAndTheCorpusHasARegisteredCode() throws IOException {
        List<Path> boards = new ArrayList<>();
        boards.addAll(sources(resources(), ".dts"));
        boards.addAll(sources(Path.of("examples").toAbsolutePath().normalize(), ".dts"));
        List<Path> corpus = sources(Corpus.linux().resolve("arch").toAbsolutePath().normalize(), ".dts");
        for (int i = 0; i < corpus.size(); i += 41) {
            boards.add(corpus.get(i));
        }
        Set<String> seen = new TreeSet<>();
        List<String> unregistered = new ArrayList<>();
        for (Path board : boards) {
            Project project = new Project(null, new OpenDocuments());
            List<Finding> findings = new ArrayList<>(project.report(board).findings());
            findings.addAll(project.findingsOf(project.board(board)));
            for (Finding f : findings) {
                seen.add(f.code());
                if (Code.byId(f.code()).isEmpty()) {
                    unregistered.add(board.getFileName() + ": " + f);
                }
            }
        }
        assertEquals(List.of(), unregistered);
        // the sample must reach every layer, or the assertion above says little
        for (Code.Layer layer : Code.Layer.values()) {
            assertTrue(seen.stream().anyMatch(id -> Code.byId(id).map(c -> c.layers().contains(layer)).orElse(false)),
                    "no finding of the " + layer + " layer among " + seen);
        }
        System.out.printf("%d boards, codes seen: %s%n", boards.size(), seen);
    }

    private static Path resources() {
        try {
            return Path.of(CodeTest.class.getResource("/rules").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> sources(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        }
    }
}
