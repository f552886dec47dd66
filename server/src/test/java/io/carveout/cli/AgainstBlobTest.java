package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.ResourceFixtures;
import io.carveout.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code carveout map BOARD.dts --against DEVICE.dtb} on the fixtures under
 * src/test/resources/against: each NAME.dts is the sources, NAME.device.dts the tree the device
 * has, made a blob by the installed dtc. Each {@code // against: text} line must be printed, each
 * {@code // not-against: text} must not; the exit status is 0 exactly when nothing differs.
 */
class AgainstBlobTest {

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Tools.require("dtc");
        Path dir = ResourceFixtures.folder("against");
        List<Path> files = ResourceFixtures.files(dir, n -> n.endsWith(".dts") && !n.endsWith(".device.dts"));
        assertFalse(files.isEmpty());
        Path work = Files.createTempDirectory("carveout-against");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path device = file.resolveSibling(file.getFileName().toString().replace(".dts", ".device.dts"));
            Path blob = work.resolve(file.getFileName() + ".dtb");
            Tools.Result dtc = Tools.run(dir, List.of("dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o",
                    blob.toString(), device.toString()), 30);
            assertEquals(0, dtc.status(), dtc.stderr());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(new String[] {"map", file.toString(), "--against", blob.toString()},
                    new PrintWriter(out), new PrintWriter(err));
            // places as the fixture's file name and line, wherever the fixture was copied
            String printed = out.toString().replaceAll("\\S*/(?=[^/\\s]+\\.dts:)", "");
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.startsWith("// against: ")) {
                    String expected = text.substring("// against: ".length());
                    assertTrue(printed.contains(expected), "missing \"" + expected + "\" (status " + status + ") in:\n" + printed + err);
                } else if (text.startsWith("// not-against: ")) {
                    String unexpected = text.substring("// not-against: ".length());
                    assertFalse(printed.contains(unexpected), "\"" + unexpected + "\" printed in:\n" + printed);
                }
            }
            assertEquals(printed.contains("no difference") ? 0 : 1, status, printed + err);
        }));
    }
}
