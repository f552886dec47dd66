package io.carveout.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.carveout.finding.Finding;
import io.carveout.preprocess.FileSystemSources;
import io.carveout.preprocess.SourceProvider;
import io.carveout.preprocess.TokenCache;
import io.carveout.workspace.BoardCheck;
import io.carveout.workspace.BoardCompiler;
import io.carveout.workspace.CheckedFile;
import io.carveout.workspace.ParseCache;
import io.carveout.workspace.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The bundled example: the board makes one of each common mistake, and the SoC logs as the kernel does. */
class ExampleTest {
    private static CheckedFile check(String file) {
        SourceProvider sources = new FileSystemSources();
        return new BoardCheck(sources, new BoardCompiler(sources, new TokenCache(), new ParseCache()))
                .check(BoardCheck.Request.of(Path.of("examples", file), Settings.DEFAULT));
    }

    @Test
    void theBoardMakesOneOfEachMistake() {
        List<String> found = new ArrayList<>();
        for (Finding d : check("board.dts").report().diagnostics()) {
            found.add(d.code() + " " + d.severity().label() + " " + new TreeSet<>(d.regions().stream()
                    .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList()));
        }
        assertEquals(new TreeSet<>(List.of(
                "overlap error [adsp@86100000, modem@86000000]",
                "unit-address warning [video@8a600000]",
                "page-alignment warning [ipa-fw@8b700800]",
                "boundary-alignment warning [ipa-fw@8b700800]",
                "nomap-reusable error [display-heap@8c000000]",
                "firmware-region warning [cdsp-secure-heap@81800000]")), new TreeSet<>(found));
    }

    @Test
    void theSocLogsItsCarveOutsAndPoolAsTheKernelDoes() {
        CheckedFile soc = check("soc.dtsi");
        assertEquals(List.of(), soc.report().diagnostics());
        List<String> lines = new ArrayList<>();
        for (Carveout c : soc.report().analysis().layout().carveouts()) {
            lines.add(c.bootLog());
        }
        for (DynamicRegion d : soc.report().analysis().layout().dynamics()) {
            lines.add(d.bootLog().orElse(d.placement().describe()));
        }
        // of_reserved_mem.c: "%pa..%pa (%lu KiB) %s %s %s" with the inclusive end
        assertEquals(List.of(
                "0x0000000080000000..0x00000000805fffff (6144 KiB) nomap non-reusable hyp@80000000",
                "0x0000000081800000..0x00000000835fffff (30720 KiB) nomap non-reusable cdsp-secure-heap@81800000",
                "0x0000000084300000..0x00000000847fffff (5120 KiB) nomap non-reusable camera@84300000",
                "0x0000000084800000..0x0000000085ffffff (24576 KiB) nomap non-reusable wpss@84800000",
                "0x0000000086100000..0x00000000888fffff (40960 KiB) nomap non-reusable adsp@86100000",
                "0x0000000098000000..0x00000000987fffff (8192 KiB) map reusable adsp-heap"), lines);
    }
}
