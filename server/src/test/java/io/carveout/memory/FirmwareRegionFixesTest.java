package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Finding;
import io.carveout.finding.Fix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * No quick-fix moves or shrinks a firmware-protected region (a no-map carve-out the baseline
 * defines): every fix of every rule fixture, applied, leaves each such region at its base with at
 * least its size (a fix may rename it to the unit address of its reg). The regions that must make
 * room go around it. Only an overlap of two firmware regions (the baseline's own, or one grown
 * over the other) lets a fix move one of the two: nothing else can solve it.
 */
class FirmwareRegionFixesTest {

    @TestFactory
    Stream<DynamicTest> noFixMovesOrShrinksAFirmwareRegion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : RuleFixtures.folders()) {
            for (Path board : RuleFixtures.boards(folder)) {
                RuleFixtures.Run before = RuleFixtures.check(board, Map.of());
                Map<String, AddressRange> firmware = firmwareRegions(before);
                if (firmware.isEmpty()) {
                    continue;
                }
                for (Finding d : before.report().diagnostics()) {
                    for (Fix fix : d.fixes()) {
                        String name = folder.getFileName() + "/" + board.getFileName() + ":" + before.line(d) + " "
                                + d.code() + ": " + fix.title();
                        tests.add(DynamicTest.dynamicTest(name, () -> {
                            RuleFixtures.Run after = RuleFixtures.check(board,
                                    RuleFixtures.apply(fix.edits(), before.sources()));
                            Map<String, AddressRange> now = carveouts(after);
                            firmware.forEach((path, was) -> {
                                AddressRange is = now.get(path);
                                assertTrue(is != null, path + " is gone or renamed after the fix");
                                assertEquals(was.base(), is.base(), path + " moved");
                                assertTrue(Long.compareUnsigned(is.size(), was.size()) >= 0, path + " shrank");
                            });
                        }));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 5, "only " + tests.size() + " fixes beside firmware regions in the fixtures");
        return tests.stream();
    }

    @Test
    void aBoardRegionsAlignmentGoesPastTheFirmwareRegionItWouldPush() {
        assertEquals(List.of("align board@80080000 to 1 MiB: base 0x80200000, size 0x100000"),
                titles("boundary-alignment/firmware.dts", "board@80080000"));
        assertEquals(List.of("align tail@80300000 to 1 MiB: size 0x100000"),
                titles("boundary-alignment/firmware.dts", "tail@80300000"));
    }

    @Test
    void aFirmwareRegionWhoseAlignmentWouldMoveItsBaseGetsNoFix() {
        assertEquals(List.of(), titles("page-alignment/shmem.dts", "nvram@8461fe00"));
    }

    @Test
    void anOverlapWithTheSocsRegionsMovesTheBoardsRegionPastThem() {
        List<String> titles = titles("overlap/board.dts", "z@80300000");
        assertTrue(titles.contains("move z@80300000 to 0x80500000, after x@80000000, and shift the 1 region above it"),
                titles.toString());
    }

    private static List<String> titles(String fixture, String region) {
        RuleFixtures.Run run = RuleFixtures.check(RuleFixtures.root().resolve(fixture), Map.of());
        return run.report().diagnostics().stream()
                .filter(d -> d.regions().stream().findFirst().map(p -> p.endsWith("/" + region)).orElse(false))
                .flatMap(d -> d.fixes().stream()).map(Fix::title).toList();
    }

    private static Map<String, AddressRange> firmwareRegions(RuleFixtures.Run run) {
        Analysis analysis = run.report().analysis();
        Map<String, AddressRange> out = new LinkedHashMap<>();
        List<Carveout> firmware = analysis.layout().carveouts().stream()
                .filter(c -> c.region().isEnabled() && analysis.relocation().isFirmwareProtected(c)).toList();
        for (Carveout c : firmware) {
            // two that the baseline makes overlap, or one grown over the other: the fix must move one
            if (firmware.stream().noneMatch(o -> o != c && analysis.relocation().firmwareConflict(c, o).contains(c))) {
                out.put(key(c), c.at());
            }
        }
        return out;
    }

    // a region by its path without unit address: a fix may rename a node whose name disagrees with its reg
    private static String key(Carveout c) {
        return c.path().replaceAll("@[0-9a-fA-Fx]+", "") + "#" + c.entry();
    }

    private static Map<String, AddressRange> carveouts(RuleFixtures.Run run) {
        Map<String, AddressRange> out = new LinkedHashMap<>();
        for (Carveout c : run.report().analysis().layout().carveouts()) {
            Optional.of(c).filter(x -> x.region().isEnabled()).ifPresent(x -> out.put(key(x), x.at()));
        }
        return out;
    }
}
