package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.carveout.testing.ResourceFixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * `carveout map` on the fixtures under src/test/resources/map: each {@code // map: text} line of a
 * fixture must appear in the output, each {@code // not-map: text} must not.
 */
class MapOutputTest {

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        List<Path> files = ResourceFixtures.files(ResourceFixtures.folder("map"), n -> n.endsWith(".dts"));
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(Path file) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(new String[] {"map", file.toString()}, new PrintWriter(out), new PrintWriter(err));
        String printed = out.toString();
        int expectations = 0;
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.startsWith("// map: ")) {
                expectations++;
                String expected = text.substring("// map: ".length());
                assertTrue(printed.contains(expected), "missing \"" + expected + "\" in:\n" + printed + err);
            } else if (text.startsWith("// not-map: ")) {
                expectations++;
                String unexpected = text.substring("// not-map: ".length());
                assertFalse(printed.contains(unexpected), "\"" + unexpected + "\" printed in:\n" + printed);
            }
        }
        assertTrue(expectations > 0, file + " expects nothing");
    }
}
