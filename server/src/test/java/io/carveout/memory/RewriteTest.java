package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Edit;
import io.carveout.preprocess.SourceProvider;
import io.carveout.tree.DtProperty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edits keep the user's style: 0x case, digit count, cell layout; statements go with their line. */
class RewriteTest {

    @Test
    void numbersKeepTheirStyle() {
        assertEquals("0x81900000", Rewrite.number(0x81900000L, "0x81800000", null));
        assertEquals("0x02000000", Rewrite.number(0x2000000L, "0x01e00000", null), "zero-padded width kept");
        assertEquals("0x2000000", Rewrite.number(0x2000000L, "0x1e00000", null));
        assertEquals("0x100000", Rewrite.number(0x100000L, "0x10000", null), "grows when it must");
        assertEquals("0x8180ABCD", Rewrite.number(0x8180abcdL, "0x80000BCD", null), "upper-case digits");
        assertEquals("0X1F", Rewrite.number(0x1f, "0X10", null), "0X with no letter to tell: upper");
        assertEquals("0x20UL", Rewrite.number(0x20, "0x10UL", null), "suffix kept");
        assertEquals("1", Rewrite.number(1, "0", null), "decimal stays decimal");
        assertEquals("0x400000", Rewrite.number(0x400000, "SZ_4M", "0x81800000"), "a macro becomes a literal");
        assertEquals("0X400000", Rewrite.number(0x400000, "(2 * SZ_2M)", "0X81800000"));
    }

    private static DtProperty reg(Analysis a, String node) {
        return a.regions().stream().filter(r -> r.name().equals(node)).findFirst().orElseThrow().node()
                .property("reg").orElseThrow();
    }

    private static String applied(String text, List<Edit> edits) {
        StringBuilder out = new StringBuilder(text);
        edits.stream().sorted((x, y) -> Integer.compare(y.span().start(), x.span().start()))
                .forEach(e -> out.replace(e.span().start(), e.span().end(), e.newText()));
        return out.toString();
    }

    @Test
    void aRegEntryKeepsTwoPlusTwoCellsAndEightDigits() {
        String text = Trees.board("", """
                cdsp-secure-heap@81800000 {
                    reg = <0x0 0x81800000 0x0 0x1e00000>;
                    no-map;
                };
                """);
        Analysis a = Trees.analyse(text, CheckSettings.DEFAULT);
        Rewrite rewrite = new Rewrite(SourceProvider.of(Map.of(Trees.BOARD, text)));
        DtProperty reg = reg(a, "cdsp-secure-heap@81800000");
        List<Edit> grow = rewrite.setEntry(reg, 0, 2, 2, new AddressRange(0x81800000L, 0x2000000L)).orElseThrow();
        assertTrue(applied(text, grow).contains("reg = <0x0 0x81800000 0x0 0x2000000>;"), applied(text, grow));
        assertEquals(1, grow.size(), "only the cell that changes is edited");
        List<Edit> high = rewrite.setEntry(reg, 0, 2, 2, new AddressRange(0x100000000L, 0x1e00000L)).orElseThrow();
        assertTrue(applied(text, high).contains("reg = <0x1 0x00000000 0x0 0x1e00000>;"), applied(text, high));
    }

    @Test
    void sixtyFourBitCellsAndMacrosAreRewrittenToo() {
        String text = "#define BASE 0x81800000\n" + Trees.board("", """
                a@81800000 {
                    reg = /bits/ 64 <BASE 0x100000>;
                };
                """);
        Analysis a = Trees.analyse(text, CheckSettings.DEFAULT);
        Rewrite rewrite = new Rewrite(SourceProvider.of(Map.of(Trees.BOARD, text)));
        List<Edit> edits = rewrite.setEntry(reg(a, "a@81800000"), 0, 2, 2, new AddressRange(0x81900000L, 0x100000))
                .orElseThrow();
        assertTrue(applied(text, edits).contains("reg = /bits/ 64 <0x81900000 0x100000>;"), applied(text, edits));
    }

    @Test
    void aStatementAloneOnItsLineGoesWithTheLine() {
        String text = Trees.board("", """
                pool@80000000 {
                    compatible = "shared-dma-pool";
                    reg = <0x0 0x80000000 0x0 0x400000>;
                    no-map; /* keep */
                    reusable;
                };
                """);
        Analysis a = Trees.analyse(text, CheckSettings.DEFAULT);
        Rewrite rewrite = new Rewrite(SourceProvider.of(Map.of(Trees.BOARD, text)));
        var node = a.regions().get(0).node();
        String noReusable = applied(text, rewrite.removeProperty(node.property("reusable").orElseThrow()).orElseThrow());
        assertTrue(noReusable.contains("no-map; /* keep */\n};"), noReusable);
        String noNoMap = applied(text, rewrite.removeProperty(node.property("no-map").orElseThrow()).orElseThrow());
        assertTrue(noNoMap.contains("0x400000>;\n    /* keep */\n    reusable;"), noNoMap);
    }

    @Test
    void unitAddressesFollowInTheirOwnCase() {
        String text = Trees.board("", "ipa@8B700000 {\n reg = <0x0 0x8B700000 0x0 0x100000>;\n};\n");
        Analysis a = Trees.analyse(text, CheckSettings.DEFAULT);
        Rewrite rewrite = new Rewrite(SourceProvider.of(Map.of(Trees.BOARD, text)));
        Edit rename = rewrite.renameUnitAddress(a.regions().get(0).node(), 0x8b800000L).orElseThrow();
        assertEquals("ipa@8B800000", rename.newText());
    }
}
