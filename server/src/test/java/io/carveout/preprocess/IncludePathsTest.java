package io.carveout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carveout.finding.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Include path discovery in kernel and Zephyr trees, and the pieces around it. */
class IncludePathsTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path kernelTree() throws IOException {
        write("arch/arm/boot/dts/cros-ec.dtsi", "cros_ec\n");
        write("include/dt-bindings/clock/qcom,gcc.h", "#define GCC_CLK 12\n");
        write("arch/arm64/boot/dts/qcom/soc.dtsi", "soc GCC_CLK\n");
        return write("arch/arm64/boot/dts/qcom/board.dts",
                "#include <dt-bindings/clock/qcom,gcc.h>\n#include \"soc.dtsi\"\n#include <arm/cros-ec.dtsi>\n"
                        + "#include <arm64/qcom/soc.dtsi>\nend\n");
    }

    private static String expand(Path board, IncludeSearch search) {
        PreprocessResult r = new Preprocessor(new FileSystemSources(), search).preprocess(board);
        assertEquals(List.of(), r.diagnostics());
        return PpFixtures.joined(r.text());
    }

    @Test
    void kernelTreeWithWorkingLinks() throws IOException {
        Path board = kernelTree();
        Path prefixes = Files.createDirectories(dir.resolve("scripts/dtc/include-prefixes"));
        Files.createSymbolicLink(prefixes.resolve("arm"), Path.of("../../../arch/arm/boot/dts"));
        Files.createSymbolicLink(prefixes.resolve("arm64"), Path.of("../../../arch/arm64/boot/dts"));
        Files.createSymbolicLink(prefixes.resolve("dt-bindings"), Path.of("../../../include/dt-bindings"));
        IncludePaths.Discovery d = IncludePaths.discover(board, List.of());
        Path root = dir.toRealPath();
        assertEquals(IncludePaths.Tree.LINUX, d.tree());
        assertEquals(List.of(
                new SearchRoot.Directory(dir.resolve("include")),
                new SearchRoot.Directory(dir.resolve("arch/arm64/boot/dts")),
                new SearchRoot.Alias("arm", root.resolve("arch/arm/boot/dts")),
                new SearchRoot.Alias("arm64", root.resolve("arch/arm64/boot/dts")),
                new SearchRoot.Alias("dt-bindings", root.resolve("include/dt-bindings"))), d.search().roots());
        assertEquals("soc 12 cros_ec soc 12 end", expand(board, d.search()));
    }

    @Test
    void kernelTreeWhoseLinksDoNotResolve() throws IOException {
        Path board = kernelTree();
        // as in a copy that lost its symlinks: small files naming the target
        write("scripts/dtc/include-prefixes/arm", "../../../arch/arm/boot/dts");
        write("scripts/dtc/include-prefixes/arm64", "../../../arch/arm64/boot/dts");
        IncludePaths.Discovery d = IncludePaths.discover(board, List.of());
        assertTrue(d.search().roots().contains(new SearchRoot.Alias("arm", dir.resolve("arch/arm/boot/dts"))));
        assertTrue(d.search().roots().contains(new SearchRoot.Alias("dt-bindings", dir.resolve("include/dt-bindings"))));
        assertEquals("soc 12 cros_ec soc 12 end", expand(board, d.search()));
    }

    @Test
    void kernelTreeWithoutIncludePrefixes() throws IOException {
        Path board = kernelTree();
        assertEquals("soc 12 cros_ec soc 12 end", expand(board, IncludePaths.discover(board, List.of()).search()));
    }

    @Test
    void extraPathsComeFirst() throws IOException {
        Path board = kernelTree();
        Path extra = Files.createDirectories(dir.resolve("override"));
        write("override/dt-bindings/clock/qcom,gcc.h", "#define GCC_CLK 99\n");
        IncludeSearch search = IncludePaths.discover(board, List.of(extra)).search();
        assertEquals(new SearchRoot.Directory(extra.toAbsolutePath().normalize()), search.roots().get(0));
        assertEquals("soc 99 cros_ec soc 99 end", expand(board, search));
    }

    @Test
    void zephyrTree() throws IOException {
        write("include/zephyr/dt-bindings/gpio/gpio.h", "#define GPIO_ACTIVE_LOW 1\n");
        write("dts/common/skeleton.dtsi", "skeleton\n");
        write("dts/arm/st/f4/stm32f4.dtsi", "#include <skeleton.dtsi>\nstm32f4\n");
        write("dts/riscv/other.dtsi", "riscv\n");
        write("dts/bindings/x.yaml", "");
        Path board = write("boards/arm/nucleo/nucleo.dts",
                "#include <st/f4/stm32f4.dtsi>\n#include <zephyr/dt-bindings/gpio/gpio.h>\n"
                        + "#include <dt-bindings/gpio/gpio.h>\nGPIO_ACTIVE_LOW\n");
        IncludePaths.Discovery d = IncludePaths.discover(board, List.of());
        assertEquals(IncludePaths.Tree.ZEPHYR, d.tree());
        assertEquals(List.of(
                new SearchRoot.Directory(dir.resolve("include")),
                new SearchRoot.Directory(dir.resolve("include/zephyr")),
                new SearchRoot.Directory(dir.resolve("dts/common")),
                new SearchRoot.Directory(dir.resolve("dts/arm")),
                new SearchRoot.Directory(dir.resolve("dts"))), d.search().roots());
        assertEquals("skeleton stm32f4 1", expand(board, d.search()));
    }

    @Test
    void zephyrBoardOutsideAnArchFolderSeesEveryArch() throws IOException {
        write("include/zephyr/.keep", "");
        write("dts/common/skeleton.dtsi", "");
        write("dts/arm/a.dtsi", "");
        write("dts/riscv/r.dtsi", "");
        Path board = write("boards/vendor/board/board.dts", "");
        List<SearchRoot> roots = IncludePaths.discover(board, List.of()).search().roots();
        assertTrue(roots.contains(new SearchRoot.Directory(dir.resolve("dts/arm"))));
        assertTrue(roots.contains(new SearchRoot.Directory(dir.resolve("dts/riscv"))));
    }

    @Test
    void noKnownTree() throws IOException {
        Path board = write("plain/board.dts", "");
        IncludePaths.Discovery d = IncludePaths.discover(board, List.of());
        assertEquals(IncludePaths.Tree.NONE, d.tree());
        assertEquals(List.of(), d.search().roots());
    }

    /** The board's own tree, which the rule for files lets it read: the kernel tree, else the repository, else its folder. */
    @Test
    void ownTree() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("elsewhere/repo"));
        Files.createDirectories(repo.resolve(".git"));
        assertEquals(repo, IncludePaths.ownTree(write("elsewhere/repo/boards/a/board.dts", "")));
        Path plain = write("elsewhere/plain/board.dts", "");
        assertEquals(plain.getParent(), IncludePaths.ownTree(plain));
        // in a kernel tree, the whole tree
        assertEquals(dir.toAbsolutePath().normalize(), IncludePaths.ownTree(kernelTree()));
    }

    @Test
    void fileSystemSources() throws IOException {
        Path bad = dir.resolve("bad.dts");
        Files.write(bad, new byte[] {'a', (byte) 0xff, 'b'});
        assertEquals(Optional.of("a\uFFFDb"), new FileSystemSources().read(bad));
        assertEquals(Optional.empty(), new FileSystemSources().read(dir.resolve("missing.dts")));
        assertEquals(Optional.empty(), new FileSystemSources().read(dir));
        assertEquals("x", new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void dtcIncludeResolution() {
        Map<Path, String> files = PpFixtures.files("/include/ \"board.dtsi\"\n",
                "board.dtsi", "", "inc/common.dtsi", "", "sub/local.dtsi", "");
        Preprocessor pp = new Preprocessor(SourceProvider.of(files), IncludeSearch.of(List.of(PpFixtures.INCLUDE)));
        assertEquals(Optional.of(Path.of("/t/board.dtsi")), pp.resolveDtcInclude("board.dtsi", PpFixtures.MAIN));
        assertEquals(Optional.of(Path.of("/t/inc/common.dtsi")), pp.resolveDtcInclude("common.dtsi", PpFixtures.MAIN));
        assertEquals(Optional.of(Path.of("/t/sub/local.dtsi")), pp.resolveDtcInclude("local.dtsi", Path.of("/t/sub/x.dtsi")));
        assertEquals(Optional.empty(), pp.resolveDtcInclude("nope.dtsi", PpFixtures.MAIN));
        // cpp leaves the directive for dtc
        assertEquals("/ include / \"board.dtsi\"", PpFixtures.joined(pp.preprocess(PpFixtures.MAIN).text()));
    }

    @Test
    void definesFromSettings() {
        Map<String, String> defines = new java.util.LinkedHashMap<>();
        defines.put("BOARD_REV", "3");
        defines.put("F(x)", "x+1");
        defines.put("EMPTY", "");
        PreprocessResult r = PpFixtures.run(PpFixtures.files("BOARD_REV F(2) [EMPTY] __DTS__\n"), defines);
        assertEquals("3 2 + 1 [ ] 1", PpFixtures.joined(r.text()));
        assertTrue(r.definitions().stream().anyMatch(d -> d.name().equals("BOARD_REV") && d.nameSpan().isEmpty()));

        PreprocessResult bad = PpFixtures.run(PpFixtures.files("x\n"), Map.of("3", "x"));
        assertEquals(Preprocessor.COMMAND_LINE, bad.diagnostics().get(0).where().file());
        assertEquals(Code.BAD_DEFINE.id(), bad.diagnostics().get(0).code());
    }

    @Test
    void tokenizationIsSharedAcrossBoards() {
        String soc = "#define SOC 1\nsoc { reg = <SOC>; };\n";
        Map<Path, String> files = PpFixtures.files("#include \"soc.dtsi\"\n",
                "b1.dts", "#include \"soc.dtsi\"\nb1\n", "b2.dts", "#include \"soc.dtsi\"\nb2\n", "soc.dtsi", soc);
        TokenCache cache = new TokenCache();
        Preprocessor pp = new Preprocessor(SourceProvider.of(files), IncludeSearch.of(List.of()), Map.of(), cache);
        pp.preprocess(Path.of("/t/b1.dts"));
        TokenizedText first = cache.tokens(soc);
        long size = cache.size();
        pp.preprocess(Path.of("/t/b2.dts"));
        pp.preprocess(PpFixtures.MAIN);
        assertSame(first, cache.tokens(new String(soc.toCharArray())));
        assertEquals(size + 2, cache.size(), "only the two new board texts were tokenized");
    }

    @Test
    void tokenCacheIsBounded() {
        TokenCache cache = new TokenCache(1000);
        for (int i = 0; i < 100; i++) {
            cache.tokens("edit " + i + " " + "x".repeat(90));
        }
        assertTrue(cache.size() <= 11, "entries kept: " + cache.size());
    }
}
