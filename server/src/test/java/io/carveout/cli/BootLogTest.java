package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.ResourceFixtures;
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
 * {@code carveout map BOARD.dts --boot-log LOG} on the logs under src/test/resources/bootlog,
 * written from the kernel's own format strings of each era (of_reserved_mem.c, fdt.c,
 * contiguous.c, cma.c). NAME.expected says the board ({@code board FILE}, board.dts when
 * absent), the exit status ({@code exit N}), the lines the comparison prints (places shown as
 * the file name and line) and, after '!', what it must not print.
 */
class BootLogTest {

    @TestFactory
    Stream<DynamicTest> logs() throws IOException, URISyntaxException {
        Path dir = ResourceFixtures.folder("bootlog");
        List<Path> logs = ResourceFixtures.files(dir, n -> n.endsWith(".log"));
        assertTrue(logs.size() >= 6, logs.toString());
        return logs.stream().map(log -> DynamicTest.dynamicTest(log.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(
                    log.resolveSibling(log.getFileName().toString().replaceFirst("\\.log$", ".expected")));
            String board = expected.stream().filter(l -> l.startsWith("board ")).map(l -> l.substring(6)).findFirst()
                    .orElse("board.dts");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(new String[] {"map", dir.resolve(board).toString(), "--boot-log", log.toString()},
                    new PrintWriter(out), new PrintWriter(err));
            String printed = out.toString().replaceAll("\\S*/(?=[^/\\s]+\\.(dts|log):)", "");
            for (String line : expected) {
                if (line.startsWith("exit ")) {
                    assertEquals(Integer.parseInt(line.substring(5)), status, printed + err);
                } else if (line.startsWith("!")) {
                    assertFalse(printed.contains(line.substring(1)), "\"" + line.substring(1) + "\" in:\n" + printed);
                } else if (!line.startsWith("board ")) {
                    assertTrue(printed.contains(line), "missing \"" + line + "\" in:\n" + printed + err);
                }
            }
        }));
    }
}
