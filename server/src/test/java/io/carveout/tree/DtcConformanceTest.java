package io.carveout.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.syntax.SyntaxTree;
import io.carveout.testing.Corpus;
import io.carveout.testing.Fdt;
import io.carveout.testing.Tools;
import io.carveout.text.SourceSpan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every dtc test file that the installed dtc compiles, the merged tree equals dtc's
 * blob: the same node paths in the same order, the same property names in the same order,
 * the same bytes. Phandle numbers are left out: a cell that references a node must hold,
 * in dtc's blob, the phandle dtc gave that same node. Generated __symbols__, __fixups__
 * and __local_fixups__ nodes are left out.
 */
class DtcConformanceTest {
    private static final Set<String> GENERATED = Set.of("__symbols__", "__fixups__", "__local_fixups__");

    @TestFactory
    Stream<DynamicTest> mergedTreeEqualsDtc() throws IOException {
        Tools.require("dtc");
        Path dir = Corpus.require().resolve("dtc-tests");
        Path out = Files.createTempDirectory("carveout-dtc");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".dts")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path blob = out.resolve(file.getFileName() + ".dtb");
            Tools.Result dtc = Tools.run(dir, List.of("dtc", "-I", "dts", "-O", "dtb", "-o", blob.toString(),
                    file.getFileName().toString()), 10);
            if (dtc.status() != 0) {
                System.out.println("not compared: dtc rejects " + file.getFileName() + " (status " + dtc.status() + ")");
                return;
            }
            DeviceTree ours = evaluate(file);
            List<String> errors = ours.diagnostics().stream()
                    .filter(d -> d.isError()).map(Finding::message).toList();
            assertEquals(List.of(), errors, "dtc compiles " + file.getFileName() + " without an error");
            compare(ours, Fdt.read(Files.readAllBytes(blob)));
        }));
    }

    static DeviceTree evaluate(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Locator own = (start, end) -> new SourceSpan(file, start, end);
        DtsIncludes.Spliced spliced = DtsIncludes.splice(text, own, file, (name, includer) -> {
            Path candidate = includer.resolveSibling(name);
            try {
                return Files.isRegularFile(candidate)
                        ? Optional.of(new DtsIncludes.Resolved(candidate, Files.readString(candidate)))
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
        TreeOptions options = TreeOptions.DEFAULT.withBinaryFiles((name, from, offset, length) -> {
            try {
                Path candidate = from.file().resolveSibling(name);
                if (!Files.isRegularFile(candidate)) {
                    return TreeOptions.Binary.missing();
                }
                byte[] all = Files.readAllBytes(candidate);
                int start = (int) Math.min(all.length, offset);
                int end = length < 0 ? all.length : (int) Math.min(all.length, start + length);
                return TreeOptions.Binary.of(java.util.Arrays.copyOfRange(all, start, end));
            } catch (IOException e) {
                return TreeOptions.Binary.missing();
            }
        });
        return DeviceTree.evaluate(List.of(new ParsedUnit(SyntaxTree.parse(spliced.text()), spliced.locator())), options);
    }

    private static void compare(DeviceTree ours, Fdt dtc) {
        List<String> ourReservations = ours.memReserves().stream()
                .map(r -> Long.toHexString(r.address()) + "+" + Long.toHexString(r.size())).toList();
        List<String> dtcReservations = dtc.reservations.stream()
                .map(r -> Long.toHexString(r[0]) + "+" + Long.toHexString(r[1])).toList();
        assertEquals(dtcReservations, ourReservations, "/memreserve/ entries");

        Map<Long, String> dtcPhandles = new HashMap<>();
        List<Fdt.Node> dtcNodes = new ArrayList<>();
        for (Fdt.Node node : dtc.nodes) {
            if (Arrays.stream(node.path.split("/")).anyMatch(GENERATED::contains)) {
                continue;
            }
            dtcNodes.add(node);
            for (String name : List.of("phandle", "linux,phandle")) {
                byte[] v = node.properties.get(name);
                if (v != null && v.length == 4) {
                    dtcPhandles.put(ByteBuffer.wrap(v).getInt() & 0xffffffffL, node.path);
                }
            }
        }
        List<DtNode> ourNodes = new ArrayList<>();
        ours.forEachNode(node -> {
            if (Arrays.stream(node.path().split("/")).noneMatch(GENERATED::contains)) {
                ourNodes.add(node);
            }
        });
        assertEquals(dtcNodes.stream().map(n -> n.path).toList(), ourNodes.stream().map(DtNode::path).toList(),
                "node paths in blob order");

        for (int i = 0; i < ourNodes.size(); i++) {
            DtNode node = ourNodes.get(i);
            Fdt.Node theirs = dtcNodes.get(i);
            assertEquals(List.copyOf(theirs.properties.keySet()),
                    node.properties().stream().map(DtProperty::name).toList(), "properties of " + node.path());
            for (DtProperty property : node.properties()) {
                byte[] mine = property.bytes();
                byte[] dtcBytes = theirs.properties.get(property.name()).clone();
                String where = node.path() + ":" + property.name();
                assertEquals(dtcBytes.length, mine.length, where + " length");
                if (property.name().equals("phandle") || property.name().equals("linux,phandle")) {
                    long value = ByteBuffer.wrap(dtcBytes).getInt() & 0xffffffffL;
                    assertEquals(node.path(), dtcPhandles.get(value), where + " names the node itself");
                    continue;
                }
                int offset = 0;
                for (ValuePart part : property.value().parts()) {
                    if (part instanceof ValuePart.CellArray array && array.bits() == 32) {
                        for (int c = 0; c < array.cells().size(); c++) {
                            Cell cell = array.cells().get(c);
                            int at = offset + 4 * c;
                            if (cell.isReference() && cell.value() != 0xffffffffL) {
                                long dtcValue = ByteBuffer.wrap(dtcBytes, at, 4).getInt() & 0xffffffffL;
                                String target = ours.byPhandle(cell.value()).map(DtNode::path).orElse("?");
                                assertEquals(target, dtcPhandles.get(dtcValue), where + " cell " + c + " references");
                                Arrays.fill(dtcBytes, at, at + 4, (byte) 0);
                                Arrays.fill(mine, at, at + 4, (byte) 0);
                            }
                        }
                    }
                    offset += part.bytes().length;
                }
                assertTrue(Arrays.equals(dtcBytes, mine), where + ": dtc " + hex(dtcBytes) + " ours " + hex(mine));
            }
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }
}
