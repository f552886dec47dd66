package io.carveout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carveout check} and {@code map} on blobs made by dtc: findings at node paths, whatever the file is called. */
class BlobCommandsTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    private Path blob(String fixture, String name) throws IOException, URISyntaxException {
        Tools.require("dtc");
        Path source = Path.of(getClass().getResource(fixture).toURI());
        Path blob = dir.resolve(name);
        Tools.Result dtc = Tools.run(dir, List.of("dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", blob.toString(),
                source.toString()), 30);
        assertEquals(0, dtc.status(), dtc.stderr());
        return blob;
    }

    @Test
    void checkPlacesFindingsAtNodePaths() throws Exception {
        // named like the running system's blob: the magic number, not the name, makes it a blob
        Path blob = blob("/bootlog/overlap.dts", "fdt");
        Run check = run("check", blob.toString());
        assertEquals(1, check.status(), check.out() + check.err());
        assertTrue(check.out().contains(blob.getFileName() + ":/reserved-memory/adsp@86200000 reg: error: adsp@86200000 "
                + "0x86200000..0x865fffff (4 MiB) overlaps tz@86000000"), check.out());
        assertTrue(check.out().contains(":/reserved-memory/big-pool size: error: big-pool needs 512 MiB"), check.out());
        Run sarif = run("check", "--format", "sarif", blob.toString());
        assertEquals(1, sarif.status(), sarif.err());
        assertTrue(sarif.out().contains("\"ruleId\": \"overlap\""), sarif.out());
    }

    @Test
    void mapOfABlobAndAgainstAnother() throws Exception {
        Path device = blob("/against/bootloader.device.dts", "device.dtb");
        Run map = run("map", device.toString());
        assertEquals(0, map.status(), map.err());
        assertTrue(map.out().contains("0x000000009d000000..0x000000009d27ffff (2560 KiB) nomap non-reusable "
                + "rmtfs@9d000000 (rmtfs)  "), map.out());
        assertTrue(map.out().contains("device.dtb:/reserved-memory/rmtfs@9d000000"), map.out());
        assertTrue(map.out().contains("memreserve  0x0000000091000000..0x0000000091001fff (8 KiB) reserved, mapped, "
                + "not logged  "), map.out());
        assertTrue(map.out().contains("device.dtb:/memreserve/#1"), map.out());
        Path sources = blob("/against/bootloader.dts", "sources.dtb");
        Run against = run("map", sources.toString(), "--against", device.toString());
        assertEquals(1, against.status(), against.err());
        assertTrue(against.out().contains("moved      rmtfs@9c900000 (rmtfs@9d000000 in the device): "
                + "0x9c900000..0x9cb7ffff (2.5 MiB) -> 0x9d000000..0x9d27ffff (2.5 MiB), +0x700000  "), against.out());
        assertTrue(against.out().contains("sources.dtb:/reserved-memory/rmtfs@9c900000 reg"), against.out());
    }

    @Test
    void aDamagedBlobIsOneLineAndExitTwo() throws Exception {
        Path good = blob("/bootlog/board.dts", "board.dtb");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.dtb"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        for (String command : new String[] {"check", "map"}) {
            Run run = run(command, cut.toString());
            assertEquals(2, run.status(), command);
            assertEquals("", run.out(), command);
            assertEquals(cut + ": error: totalsize " + bytes.length + " is past the end of the file ("
                    + (bytes.length - 10) + " bytes): truncated (at offset 0x4)\n", run.err().replace("\r\n", "\n"),
                    command);
        }
    }
}
