package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Code;
import io.carveout.memory.check.MemoryReport;
import io.carveout.memory.check.RuleTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The runner: one table of rules, levels from the settings, and the carveout-ignore comment. */
class MemoryCheckTest {
    private static final String OVERLAP = """
            a@80000000 {
                reg = <0x0 0x80000000 0x0 0x200000>;
            };
            b@80100000 {
                %s
                reg = <0x0 0x80100000 0x0 0x100000>; %s
            };
            """;

    private static List<String> rules(MemoryReport report) {
        return report.diagnostics().stream().map(d -> d.code() + " " + d.severity().label()).toList();
    }

    @Test
    void theTableHasEveryRuleOfTheCatalogueOnce() {
        Set<String> ids = new TreeSet<>();
        RuleTable.RULES.forEach(r -> assertTrue(ids.add(r.id()), "twice: " + r.id()));
        assertEquals(new TreeSet<>(List.of("rmem-format", "reg-format", "multiple-reg", "reg-and-size",
                "no-reg-no-size", "zero-size", "static-dynamic-props", "alignment-cells", "alignment-pow2", "overlap",
                "unplaceable", "nomap-reusable", "cma-alignment", "page-alignment", "boundary-alignment",
                "outside-dram", "cma-zone", "cma-default-twice", "firmware-region", "unit-address",
                "memory-region-target", "too-many-regions", "cmdline-cma")), ids);
    }

    @Test
    void anIgnoreCommentOnTheLineOrAboveSilencesThatRuleOnly() {
        assertEquals(List.of("overlap error"), rules(Trees.check(Trees.board("", OVERLAP.formatted("", "")),
                CheckSettings.DEFAULT)));
        assertEquals(List.of(), rules(Trees.check(Trees.board("", OVERLAP.formatted("",
                "/* carveout-ignore overlap: the bootloader frees a first */")), CheckSettings.DEFAULT)));
        assertEquals(List.of(), rules(Trees.check(Trees.board("", OVERLAP.formatted(
                "/* carveout-ignore unit-address, overlap: shared on purpose */", "")), CheckSettings.DEFAULT)));
        assertEquals(List.of("overlap error"), rules(Trees.check(Trees.board("", OVERLAP.formatted(
                "/* carveout-ignore unit-address: another rule */", "")), CheckSettings.DEFAULT)));
    }

    @Test
    void levelsFromTheSettingsReplaceTheDefault() {
        String regions = OVERLAP.formatted("", "") + "c@80300800 {\n reg = <0x0 0x80300800 0x0 0x100000>;\n};";
        String text = Trees.board("\tcompatible = \"qcom,example-soc\";\n", regions);
        assertEquals(List.of("overlap error", "boundary-alignment warning"),
                rules(Trees.check(text, CheckSettings.DEFAULT)));
        assertEquals(List.of("boundary-alignment error"), rules(Trees.check(text, CheckSettings.DEFAULT.withRules(
                Map.of("overlap", Level.OFF, "boundary-alignment", Level.ERROR)))));
    }

    @Test
    void theQualcommBoundaryRuleIsOnForQualcommSocsAndWhereTheUserSetsIt() {
        String regions = "c@80300800 {\n reg = <0x0 0x80300800 0x0 0x100000>;\n};";
        String other = Trees.board("\tcompatible = \"rockchip,rk3588\";\n", regions);
        assertEquals(List.of(), rules(Trees.check(other, CheckSettings.DEFAULT)));
        assertEquals(List.of("boundary-alignment warning"), rules(Trees.check(other, CheckSettings.DEFAULT.withRules(
                Map.of("boundary-alignment", Level.WARNING)))));
        String qualcomm = Trees.board("\tcompatible = \"qcom,sm8550-mtp\", \"qcom,sm8550\";\n", regions);
        assertEquals(List.of("boundary-alignment warning"), rules(Trees.check(qualcomm, CheckSettings.DEFAULT)));
    }

    @Test
    void aPrerequisiteComesBeforeTheRulesThatNeedItAndIsAFindingTheyCouldFollow() {
        List<String> earlier = new java.util.ArrayList<>();
        for (RuleTable.Entry entry : RuleTable.TABLE) {
            for (Code prerequisite : entry.prerequisites()) {
                boolean memory = prerequisite.layers().contains(Code.Layer.MEMORY);
                assertTrue(!memory || earlier.contains(prerequisite.id()),
                        entry.rule().id() + " needs " + prerequisite.id() + ", which is not earlier in the table");
                assertTrue(memory || prerequisite.layers().contains(Code.Layer.TREE),
                        entry.rule().id() + " needs " + prerequisite.id() + ", which no rule or tree check reports");
            }
            earlier.add(entry.rule().id());
        }
    }

    @Test
    void aRuleIsNotCheckedOnARegionWhoseRegItCannotReadEvenWithTheRegRuleOff() {
        String regions = """
                a@80000000 {
                    reg = <0x0 0x80000000 0x0 0x200000>;
                };
                b@80100000 {
                    reg = <0x0 0x80100000 0x0 0x100000 0x0>;
                };
                """;
        String text = Trees.board("", regions);
        assertEquals(List.of("reg-format error"), rules(Trees.check(text, CheckSettings.DEFAULT)));
        // the kernel skips the node whether or not anyone is told: still no overlap
        assertEquals(List.of(), rules(Trees.check(text, CheckSettings.DEFAULT.withRules(
                Map.of("reg-format", Level.OFF)))));
    }
}
