package io.carveout.blob;

import static io.carveout.blob.BlobWriter.get;
import static io.carveout.blob.BlobWriter.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.memory.MemoryMap;
import io.carveout.memory.ReservedRegion;
import io.carveout.tree.DeviceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The FDT reader on blobs written by hand: a well-formed one read into the merged tree, and one
 * damaged blob for every class of damage, each refused with what is wrong and at which offset.
 */
class FdtReaderTest {
    private static final Path FILE = Path.of("/boards/board.dtb");

    /** A small board: /memreserve/, /memory, a static and a dynamic region, a user, __symbols__. */
    static BlobWriter board() {
        return new BlobWriter().reserve(0x80000000L, 0x10000)
                .begin("").cells("#address-cells", 2).cells("#size-cells", 2).string("model", "test board")
                .begin("memory@80000000").string("device_type", "memory").cells("reg", 0, 0x80000000L, 0, 0x40000000L)
                .end()
                .begin("reserved-memory").cells("#address-cells", 2).cells("#size-cells", 2)
                .property("ranges", new byte[0])
                .begin("rmtfs@9c900000").cells("reg", 0, 0x9c900000L, 0, 0x280000).property("no-map", new byte[0])
                .cells("phandle", 1).end()
                .begin("linux,cma").string("compatible", "shared-dma-pool").property("reusable", new byte[0])
                .cells("size", 0, 0x2000000).property("linux,cma-default", new byte[0]).end()
                .end()
                .begin("remoteproc@4080000").cells("memory-region", 1).end()
                .begin("__symbols__").string("rmtfs_mem", "/reserved-memory/rmtfs@9c900000")
                .string("gone", "/no/such/node").end()
                .end().finish();
    }

    @Test
    void aWellFormedBlobGivesTheMergedTree() {
        Blob blob = read(board().blob());
        DeviceTree tree = blob.tree();
        MemoryMap map = MemoryMap.of(tree);
        assertEquals(17, blob.version());
        assertEquals(1, map.memReserves().size());
        assertEquals(0x80000000L, map.memReserves().get(0).address());
        assertEquals("/memreserve/#1", blob.describe(map.memReserves().get(0).origin()));
        assertEquals(0x40000000L, map.memoryNodes().get(0).reg().get(0).size());
        ReservedRegion rmtfs = map.regions().get(0);
        assertEquals("rmtfs@9c900000", rmtfs.name());
        assertEquals(List.of("rmtfs_mem"), rmtfs.labels());
        assertEquals(List.of("/remoteproc@4080000"), rmtfs.consumers());
        assertTrue(rmtfs.noMap());
        assertEquals(0x9c900000L, rmtfs.regs().get(0).base());
        assertEquals("/reserved-memory/rmtfs@9c900000", blob.describe(rmtfs.nodeOrigin()));
        assertEquals("/reserved-memory/rmtfs@9c900000 reg", blob.describe(rmtfs.regOrigin().orElseThrow()));
        ReservedRegion cma = map.regions().get(1);
        assertEquals(0x2000000L, cma.size().orElseThrow());
        assertTrue(cma.reusable());
        assertEquals(tree.node("/reserved-memory/rmtfs@9c900000"), tree.labelled("rmtfs_mem"));
    }

    @Test
    void aVersion16BlobIsRead() {
        BlobWriter writer = board();
        writer.version = 16;
        Blob blob = read(writer.blob());
        assertEquals(16, blob.version());
        assertEquals(2, MemoryMap.of(blob.tree()).regions().size());
    }

    /** One damaged blob, what the reader must say about it, and where. */
    private record Damage(String name, byte[] blob, String says, long offset) {
    }

    private static List<Damage> damages() {
        byte[] good = board().blob();
        int total = good.length;
        int struct = get(good, BlobWriter.OFF_STRUCT);
        int strings = get(good, BlobWriter.OFF_STRINGS);
        List<Damage> all = new ArrayList<>();
        all.add(new Damage("empty file", new byte[0], "truncated: 0 bytes", 0));
        all.add(new Damage("bad magic", set(good, 0, 0xd00dfeefL), "not a flattened devicetree: magic 0xd00dfeef", 0));
        all.add(new Damage("text file", "/dts-v1/;\n/ { };\n".getBytes(), "not a flattened devicetree", 0));
        all.add(new Damage("header cut in the fields", Arrays.copyOf(good, 20), "truncated header: 20 bytes", 20));
        all.add(new Damage("header cut before size_dt_struct", Arrays.copyOf(good, 38), "truncated header: 38 bytes of 40",
                38));
        all.add(new Damage("totalsize past the file", Arrays.copyOf(good, total / 2), "past the end of the file", 4));
        all.add(new Damage("totalsize inside the header", set(good, BlobWriter.TOTALSIZE, 16), "smaller than the header",
                4));
        all.add(new Damage("huge totalsize", set(good, BlobWriter.TOTALSIZE, 0xffffffffL), "past the end of the file", 4));
        all.add(new Damage("old version", set(good, BlobWriter.VERSION, 3), "version 3 blobs", 20));
        all.add(new Damage("future version only", set(good, BlobWriter.LAST_COMP, 18), "last compatible version 18",
                24));
        all.add(new Damage("structure block offset past the blob", set(good, BlobWriter.OFF_STRUCT, total + 64),
                "structure block offset", 8));
        all.add(new Damage("structure block offset inside the header", set(good, BlobWriter.OFF_STRUCT, 8),
                "structure block offset 8 is outside the blob", 8));
        all.add(new Damage("structure block size past totalsize", set(good, BlobWriter.SIZE_STRUCT, total),
                "ends past totalsize", 36));
        all.add(new Damage("huge structure block size", set(good, BlobWriter.SIZE_STRUCT, 0xfffffff0L),
                "ends past totalsize", 36));
        all.add(new Damage("strings block size past totalsize", set(good, BlobWriter.SIZE_STRINGS, 0xffffffffL),
                "strings block", 32));
        all.add(new Damage("strings block offset past the blob", set(good, BlobWriter.OFF_STRINGS, total + 1),
                "strings block offset", 12));
        all.add(new Damage("memory reservation block outside", set(good, BlobWriter.OFF_RSVMAP, 1 << 30),
                "memory reservation block offset", 16));
        all.add(new Damage("memory reservation block unaligned", set(good, BlobWriter.OFF_RSVMAP, 44),
                "not 8-byte aligned", 16));
        all.add(new Damage("structure block unaligned", set(set(good, BlobWriter.OFF_STRUCT, struct + 2),
                BlobWriter.SIZE_STRUCT, strings - struct - 2), "not 4-byte aligned", 8));
        all.add(new Damage("structure and strings blocks overlap", set(good, BlobWriter.OFF_STRINGS, struct + 8),
                "overlap", 12));
        all.add(new Damage("strings block inside the reservations",
                set(set(good, BlobWriter.OFF_STRINGS, 48), BlobWriter.SIZE_STRINGS, 8),
                "overlaps the strings block", 16));
        all.add(new Damage("reservations never end", set(good, BlobWriter.OFF_RSVMAP, (total - 8) & ~7),
                "no (0, 0) entry", (total - 8) & ~7));
        all.add(new Damage("unterminated node name", new BlobWriter().begin("").word(1).bytes("abcd".getBytes()).blob(),
                "node name is not terminated", 56 + 12));
        all.add(new Damage("unterminated property name", stringsCut(new BlobWriter().begin("").cells("reg", 1).end()
                .finish()), "property name in the strings block is not terminated", -2));
        all.add(new Damage("unknown token", new BlobWriter().begin("").word(7).end().finish().blob(),
                "unknown token 0x00000007", 56 + 8));
        all.add(new Damage("property length past the block", new BlobWriter().begin("")
                .property("reg", new byte[4], 4096).end().finish().blob(), "property length 4096 runs past", 56 + 12));
        all.add(new Damage("huge property length", new BlobWriter().begin("")
                .property("reg", new byte[4], 0xffffffffL).end().finish().blob(), "property length 4294967295", 56 + 12));
        all.add(new Damage("name offset past the strings block", new BlobWriter().begin("")
                .propertyAt(1000, new byte[4], 4).end().finish().blob(), "property name offset 1000 is past", 56 + 16));
        all.add(new Damage("property header cut", new BlobWriter().begin("").word(3).blob(),
                "property header runs past", 56 + 8));
        all.add(new Damage("empty property name", new BlobWriter().begin("").property("", new byte[0]).end().finish()
                .blob(), "empty name", 56 + 16));
        all.add(new Damage("property outside any node", new BlobWriter().cells("reg", 1).finish().blob(),
                "property outside any node", 56));
        BlobWriter deep = new BlobWriter().begin("");
        for (int i = 0; i < 70; i++) {
            deep.begin("n" + i);
        }
        all.add(new Damage("nesting too deep", deep.blob(), "nested deeper than 64 levels", -3));
        all.add(new Damage("END inside a node", new BlobWriter().begin("").begin("a").end().finish().blob(),
                "END token inside node / (unbalanced: 1", 56 + 20));
        all.add(new Damage("END_NODE with none open", new BlobWriter().begin("").end().end().finish().blob(),
                "END_NODE with no node open", 56 + 12));
        all.add(new Damage("no END", new BlobWriter().begin("").end().blob(), "no END token", 56 + 12));
        all.add(new Damage("ends inside a node", new BlobWriter().begin("").begin("a").blob(),
                "ends inside node /a (unbalanced: 2", 56 + 16));
        all.add(new Damage("no root node", new BlobWriter().finish().blob(), "no root node", 56));
        all.add(new Damage("root with a name", new BlobWriter().begin("x").end().finish().blob(),
                "root node is named \"x\"", 56 + 4));
        all.add(new Damage("second root", new BlobWriter().begin("").end().begin("").end().finish().blob(),
                "a second root node", 56 + 12));
        all.add(new Damage("node without a name", new BlobWriter().begin("").begin("").end().end().finish().blob(),
                "node without a name in /", 56 + 12));
        all.add(new Damage("node name with a slash", new BlobWriter().begin("").begin("a/b").end().end().finish().blob(),
                "contains '/'", 56 + 12));
        return all;
    }

    // the last string of the strings block loses its NUL
    private static byte[] stringsCut(BlobWriter writer) {
        byte[] blob = writer.blob();
        return set(blob, BlobWriter.SIZE_STRINGS, get(blob, BlobWriter.SIZE_STRINGS) - 1);
    }

    @TestFactory
    Stream<DynamicTest> everyDamageIsRefusedWithItsOffset() {
        return damages().stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> {
            FdtReader.Result result = FdtReader.read(FILE, d.blob());
            FdtReader.Refused refused = assertInstanceOf(FdtReader.Refused.class, result, d.name() + " is refused");
            assertTrue(refused.problem().what().contains(d.says()), refused.problem().what());
            long expected = switch ((int) d.offset()) {
                case -2 -> get(d.blob(), BlobWriter.OFF_STRINGS); // the one string of the block
                // the begin token of the node one level too deep: the root takes 8 bytes, each "nN" 8
                case -3 -> 56 + 8 + 8L * (FdtReader.MAX_DEPTH - 1);
                default -> d.offset();
            };
            assertEquals(expected, refused.problem().offset(), d.name() + ": " + refused.problem().what());
            assertTrue(refused.problem().message("board.dtb").startsWith("board.dtb: error: "));
        }));
    }

    /** Every prefix of a good blob, and every byte of it changed, is read or refused: never an exception. */
    @Test
    void anyDamageIsAnswered() {
        byte[] good = board().blob();
        for (int length = 0; length < good.length; length++) {
            assertInstanceOf(FdtReader.Refused.class, FdtReader.read(FILE, Arrays.copyOf(good, length)),
                    "prefix of " + length + " bytes");
        }
        int refused = 0;
        for (int at = 0; at < good.length; at++) {
            for (int value : new int[] {0x00, 0xff, 0x80, 0x01, 0x09, 0x03}) {
                byte[] changed = good.clone();
                changed[at] = (byte) value;
                refused += FdtReader.read(FILE, changed) instanceof FdtReader.Refused ? 1 : 0;
            }
        }
        assertTrue(refused > 0);
    }

    private static Blob read(byte[] bytes) {
        FdtReader.Result result = FdtReader.read(FILE, bytes);
        if (result instanceof FdtReader.Refused refused) {
            throw new AssertionError(refused.problem().message("board.dtb"));
        }
        return ((FdtReader.Read) result).blob();
    }
}
