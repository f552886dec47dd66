package io.carveout.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Corpus;
import io.carveout.text.LineIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * dtc's own test files, judged by the outcome dtc 1.8.1 gives each (EXPECTED.tsv): what
 * dtc compiles parses cleanly; what dtc rejects while reading gets an error on the line
 * dtc names.
 */
class DtcTestsSyntaxTest {
    // "Lexical error: bad-octal-literal.dts:4.7-9 ..." or "Error: prop-after-subnode.dts:6.2-7 ..."
    private static final Pattern DTC_LOCATION = Pattern.compile("[\\w.-]+\\.dts:(\\d+)\\.\\d+");

    record Expectation(String file, String category, String firstDiagnostic) {
        /** dtc rejected the text itself, not its meaning (a missing label, a division by zero). */
        boolean rejectedForSyntax() {
            return category.startsWith("parse_or_fatal_error")
                    && (firstDiagnostic.contains("Lexical error") || firstDiagnostic.contains("syntax error")
                        || firstDiagnostic.contains("Properties must precede subnodes"));
        }

        boolean fragment() {
            return category.startsWith("fragment");
        }
    }

    // dtc looks for /include/ files next to the including file first.
    private static IncludeSplicer splicerFor(Path dir) {
        return name -> {
            Path included = dir.resolve(name);
            try {
                return Files.isRegularFile(included)
                        ? java.util.Optional.of(new String(Files.readAllBytes(included), StandardCharsets.UTF_8))
                        : java.util.Optional.empty();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        };
    }

    @TestFactory
    List<DynamicTest> dtcTestFiles() throws IOException {
        Path dir = Corpus.require().resolve("dtc-tests");
        List<Expectation> expectations = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            expectations.add(new Expectation(columns[0], columns[1], columns[4]));
        }
        assertTrue(expectations.size() > 100, "EXPECTED.tsv lists " + expectations.size() + " files");
        assertTrue(expectations.stream().filter(Expectation::rejectedForSyntax).count() >= 4);

        List<DynamicTest> tests = new ArrayList<>();
        for (Expectation expected : expectations) {
            if (expected.fragment()) {
                continue; // only valid spliced into include0.dts / include1.dts
            }
            tests.add(DynamicTest.dynamicTest(expected.file() + " [" + expected.category() + "]", () -> {
                Path file = dir.resolve(expected.file());
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                SyntaxTree tree = SyntaxTree.parse(text, splicerFor(file.getParent()));
                LineIndex index = new LineIndex(text);
                List<Integer> errorLines = tree.diagnostics().stream()
                        .map(d -> index.positionOf(d.start()).line() + 1).toList();
                String shown = tree.diagnostics().stream()
                        .map(d -> (index.positionOf(d.start()).line() + 1) + ": " + d.message())
                        .collect(Collectors.joining("\n"));
                assertEquals(text, tree.rebuildText());
                if (expected.rejectedForSyntax()) {
                    Matcher m = DTC_LOCATION.matcher(expected.firstDiagnostic());
                    assertTrue(m.find(), "no location in " + expected.firstDiagnostic());
                    int line = Integer.parseInt(m.group(1));
                    assertTrue(errorLines.contains(line),
                            "dtc: " + expected.firstDiagnostic() + "\nours:\n" + shown);
                } else {
                    assertEquals("", shown, "dtc reads " + expected.file() + " without a syntax error");
                }
            }));
        }
        return tests;
    }
}
