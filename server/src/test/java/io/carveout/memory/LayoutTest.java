package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout of a tree: DRAM, the placement of dynamic regions (RULES.md "Dynamic placement"), the gaps. */
class LayoutTest {
    private static final String DRAM_1G = "\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n"
            + "\t\treg = <0x0 0x80000000 0x0 0x40000000>;\n\t};\n";

    private static AddressRange placed(Analysis analysis, String name) {
        Placement p = Trees.dynamic(analysis, name).orElseThrow().placement();
        return assertInstanceOf(Placement.Placed.class, p, p.describe()).at();
    }

    @Test
    void topDownInAllocRangesAtTheAlignment() {
        Analysis a = Trees.analyse(Trees.board("", """
                pool {
                    compatible = "shared-dma-pool";
                    reusable;
                    size = <0x0 0x800000>;
                    alignment = <0x0 0x400000>;
                    alloc-ranges = <0x0 0x88900000 0x0 0x10000000>;
                };
                """), CheckSettings.DEFAULT);
        // the highest 4 MiB-aligned block of 8 MiB below 0x98900000
        assertEquals(new AddressRange(0x98000000L, 0x800000), placed(a, "pool"));
    }

    @Test
    void laterDynamicRegionsAvoidEarlierOnesAndStaticOnes() {
        Analysis a = Trees.analyse(Trees.board("", """
                top@9f000000 {
                    reg = <0x0 0x9f000000 0x0 0x1000000>;
                    no-map;
                };
                first {
                    size = <0x0 0x100000>;
                    alloc-ranges = <0x0 0x90000000 0x0 0x10000000>;
                };
                second {
                    size = <0x0 0x100000>;
                    alloc-ranges = <0x0 0x90000000 0x0 0x10000000>;
                };
                """), CheckSettings.DEFAULT);
        assertEquals(new AddressRange(0x9ef00000L, 0x100000), placed(a, "first"));
        assertEquals(new AddressRange(0x9ee00000L, 0x100000), placed(a, "second"));
    }

    @Test
    void theFirstAllocRangeThatHoldsItWins() {
        Analysis a = Trees.analyse(Trees.board("", """
                full@90000000 {
                    reg = <0x0 0x90000000 0x0 0x100000>;
                };
                pool {
                    size = <0x0 0x100000>;
                    alloc-ranges = <0x0 0x90000000 0x0 0x100000>, <0x0 0xa0000000 0x0 0x200000>;
                };
                """), CheckSettings.DEFAULT);
        assertEquals(new AddressRange(0xa0100000L, 0x100000), placed(a, "pool"));
    }

    @Test
    void withoutAllocRangesTheTopOfDram() {
        Analysis a = Trees.analyse(Trees.board(DRAM_1G, """
                pool {
                    size = <0x0 0x200000>;
                };
                """), CheckSettings.DEFAULT);
        assertEquals(new AddressRange(0xbfe00000L, 0x200000), placed(a, "pool"));
        // the placement names the DRAM it was placed in, not the whole address space searched
        String how = ((Placement.Placed) Trees.dynamic(a, "pool").orElseThrow().placement()).how();
        assertTrue(how.startsWith("top-down in DRAM 0x80000000..0xbfffffff;"), how);
        assertTrue(a.layout().dram().isKnown());
        assertEquals(List.of(new AddressRange(0x80000000L, 0x3fe00000L)), a.layout().gaps());
    }

    @Test
    void aCmaPoolIsAlignedToTheCmaMinimumAndOtherwise64Bytes() {
        Analysis a = Trees.analyse(Trees.board(DRAM_1G, """
                plain {
                    size = <0x0 0x1040>;
                };
                pool {
                    compatible = "shared-dma-pool";
                    reusable;
                    size = <0x0 0x400000>;
                };
                """), CheckSettings.DEFAULT);
        assertEquals(new AddressRange(0xc0000000L - 0x1040, 0x1040), placed(a, "plain"));
        assertEquals(64, Trees.dynamic(a, "plain").get().alignment());
        assertEquals(new AddressRange(0xbf800000L, 0x400000), placed(a, "pool"));
    }

    @Test
    void unknownWhenTheBootloaderFillsInDram() {
        String text = Trees.board("\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n"
                + "\t\treg = <0x0 0x80000000 0x0 0x0>;\n\t};\n", """
                pool {
                    size = <0x0 0x200000>;
                };
                """);
        Analysis a = Trees.analyse(text, CheckSettings.DEFAULT);
        Placement p = Trees.dynamic(a, "pool").orElseThrow().placement();
        assertInstanceOf(Placement.Unknown.class, p);
        assertTrue(p.describe().contains("has size 0"), p.describe());
        assertFalse(a.layout().dram().isKnown());
        // the dram setting stands in for what the bootloader writes
        Analysis withSetting = Trees.analyse(text,
                CheckSettings.DEFAULT.withDram(List.of(new AddressRange(0x80000000L, 0x20000000L))));
        assertEquals(new AddressRange(0x9fe00000L, 0x200000), placed(withSetting, "pool"));
        assertEquals(Dram.Source.SETTING, withSetting.layout().dram().source());
    }

    @Test
    void usableMemoryWinsOverReg() {
        Analysis a = Trees.analyse(Trees.board("\tmemory@80000000 {\n\t\tdevice_type = \"memory\";\n"
                + "\t\treg = <0x0 0x80000000 0x0 0x40000000>;\n"
                + "\t\tlinux,usable-memory = <0x0 0x80000000 0x0 0x10000000>;\n\t};\n", "pool {\n size = <0x0 0x100000>;\n};"),
                CheckSettings.DEFAULT);
        assertEquals(List.of(new AddressRange(0x80000000L, 0x10000000L)), a.layout().dram().ranges());
        assertEquals(new AddressRange(0x8ff00000L, 0x100000), placed(a, "pool"));
    }

    @Test
    void noRoomIsAFailureTheRuleReports() {
        Analysis a = Trees.analyse(Trees.board("", """
                wall@90000000 {
                    reg = <0x0 0x90000000 0x0 0x1000000>;
                };
                pool {
                    size = <0x0 0x100000>;
                    alloc-ranges = <0x0 0x90800000 0x0 0x100000>;
                };
                """), CheckSettings.DEFAULT);
        assertInstanceOf(Placement.Failed.class, Trees.dynamic(a, "pool").get().placement());
    }

    @Test
    void rangesPastTheTopAreClippedNeverWrapped() {
        AddressRange r = new AddressRange(0xffffffffffe00000L, 0x400000);
        assertTrue(r.endOverflows());
        assertEquals(new AddressRange(0xffffffffffe00000L, 0x200000), r.clipped());
        assertTrue(r.overlaps(new AddressRange(0xfffffffffff00000L, 0x1000)));
        assertFalse(r.overlaps(new AddressRange(0x0, 0x1000)), "a wrapped end would reach address 0");
        assertFalse(new AddressRange(0xffffffffffc00000L, 0x400000).endOverflows(), "ends exactly at 2^64");
    }
}
