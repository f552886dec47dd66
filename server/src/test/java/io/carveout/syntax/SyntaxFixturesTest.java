package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.text.LineIndex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The syntax fixtures under src/test/resources/syntax: small DTS files whose expected
 * diagnostics are written next to the line they hit, as
 * {@code // expect-error: part of the message} (this line) or
 * {@code // expect-error@+1: ...} (the next line). A file without such comments must
 * parse cleanly. Every diagnostic must be expected, and every expectation met.
 */
class SyntaxFixturesTest {
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect-error(@\\+(\\d+))?:\\s*(.*)$");

    record Expected(int line, String text) {
    }

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/syntax").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".dts") || p.toString().endsWith(".dtsi")).sorted().toList();
        }
        assertTrue(files.size() >= 8);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<Expected> expected = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (m.find()) {
                int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                expected.add(new Expected(i + 1 + offset, m.group(3).strip()));
            }
        }
        SyntaxTree tree = SyntaxTree.parse(text);
        assertEquals(text, tree.rebuildText());
        TreeInvariants.check(tree);

        LineIndex index = new LineIndex(text);
        List<String> unexpected = new ArrayList<>();
        List<Expected> unmet = new ArrayList<>(expected);
        for (SyntaxDiagnostic d : tree.diagnostics()) {
            int line = index.positionOf(d.start()).line() + 1;
            Expected match = unmet.stream()
                    .filter(e -> e.line() == line && d.message().contains(e.text()))
                    .findFirst().orElse(null);
            if (match != null) {
                unmet.remove(match);
            } else if (expected.stream().noneMatch(e -> e.line() == line && d.message().contains(e.text()))) {
                unexpected.add(line + ": " + d.message());
            }
        }
        assertEquals(List.of(), unmet, "expected diagnostics that did not appear; all diagnostics: " + unexpectedAll(tree, index));
        assertEquals(List.of(), unexpected, "diagnostics nobody expected");
    }

    private static List<String> unexpectedAll(SyntaxTree tree, LineIndex index) {
        return tree.diagnostics().stream()
                .map(d -> (index.positionOf(d.start()).line() + 1) + ": " + d.message()).toList();
    }
}
