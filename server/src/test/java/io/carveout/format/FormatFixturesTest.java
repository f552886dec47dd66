package io.carveout.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.syntax.SyntaxTree;
import io.carveout.testing.HostileInputs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The format fixtures under src/test/resources/format: each source {@code NAME.dts} (or .dtsi)
 * formats to {@code NAME.formatted.dts}, which formats to itself. Options other than the defaults
 * are named in the source on a line {@code // format-options: sortProperties sortNodes indent=4}.
 * Without a re-ordering only whitespace may differ; formatting the whole file as one range gives
 * the same text, and so does applying the formatting of each line's range one after the other.
 */
class FormatFixturesTest {
    private static final Pattern OPTIONS = Pattern.compile("format-options:([^\\n]*)");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/format").toURI());
        List<Path> sources;
        try (Stream<Path> listing = Files.list(dir)) {
            sources = listing.filter(p -> p.getFileName().toString().matches("[^.]+\\.dtsi?")).sorted().toList();
        }
        assertTrue(sources.size() >= 4, sources.toString());
        return sources.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(Path source) throws IOException {
        String name = source.getFileName().toString();
        Path expectedFile = source.resolveSibling(name.replaceFirst("\\.(dtsi?)$", ".formatted.$1"));
        String text = Files.readString(source, StandardCharsets.UTF_8);
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        FormatOptions options = options(text);

        DtsFormatter.Result result = DtsFormatter.format(SyntaxTree.parse(text), options);
        assertEquals(expected, result.text(), name);
        assertEquals(expected, DtsFormatter.format(SyntaxTree.parse(expected), options).text(),
                name + ": the formatted text formats to itself");
        if (!options.reorders()) {
            assertEquals(FormatCorpusTest.withoutWhitespace(text), FormatCorpusTest.withoutWhitespace(result.text()),
                    name + ": only whitespace changes");
            assertEquals(expected, DtsFormatter.formatRange(SyntaxTree.parse(text), 0, text.length(), options).text(),
                    name + ": the whole file as a range");
        }
    }

    /** Hostile inputs (huge, deep, long, broken) format in bounded time, to themselves, keeping every token. */
    @Test
    void hostileInputsFormatSafely() {
        for (HostileInputs.Case hostile : HostileInputs.all()) {
            for (FormatOptions options : List.of(FormatOptions.DEFAULT, new FormatOptions(2, true, true))) {
                DtsFormatter.Result once = DtsFormatter.format(SyntaxTree.parse(hostile.text()), options);
                assertEquals(once.text(), DtsFormatter.format(SyntaxTree.parse(once.text()), options).text(),
                        hostile.name() + ": formats to itself");
                if (!options.reorders()) {
                    assertEquals(FormatCorpusTest.withoutWhitespace(hostile.text()),
                            FormatCorpusTest.withoutWhitespace(once.text()), hostile.name() + ": only whitespace");
                }
            }
        }
    }

    private static FormatOptions options(String text) {
        Matcher m = OPTIONS.matcher(text);
        if (!m.find()) {
            return FormatOptions.DEFAULT;
        }
        int indent = 0;
        boolean sortProperties = false;
        boolean sortNodes = false;
        for (String word : m.group(1).trim().split("\\s+")) {
            if (word.equals("sortProperties")) {
                sortProperties = true;
            } else if (word.equals("sortNodes")) {
                sortNodes = true;
            } else if (word.startsWith("indent=")) {
                indent = Integer.parseInt(word.substring("indent=".length()));
            }
        }
        return new FormatOptions(indent, sortProperties, sortNodes);
    }
}
