package io.carveout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared corpus of real devicetree sources, read in place from ../shared/corpus.
 * On a user's fresh clone it is absent and the tests that need it skip with a
 * printed reason; under CI (CI=true) its absence is a failure, never a skip.
 */
public final class Corpus {
    public static final Path ROOT = Path.of("..", "shared", "corpus");

    private Corpus() {
    }

    /** The corpus root, or an aborted (skipped) test when it is absent outside CI. */
    public static Path require() {
        if (!Files.isDirectory(ROOT)) {
            String reason = "corpus not found at " + ROOT.toAbsolutePath().normalize()
                    + " (the conformance tests need ../shared/corpus)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + "; under CI this is a failure");
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return ROOT;
    }

    public static Path linux() {
        return require().resolve("linux");
    }

    /** Every .dts, .dtsi and .dtso under the Linux part of the corpus, sorted. */
    public static List<Path> devicetreeSources() {
        try (Stream<Path> files = Files.walk(linux())) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".dts") || name.endsWith(".dtsi") || name.endsWith(".dtso");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example and real boards whose memory maps differ in shape: Qualcomm boards with dozens
     * of carve-outs and an overlap, /memreserve/ entries, DRAM known in several banks, DRAM left
     * to the bootloader, other vendors' small maps.
     */
    public static Stream<Path> memoryMapBoards() {
        Path dts = linux().resolve("arch/arm64/boot/dts");
        return Stream.of(Path.of("examples/board.dts"),
                dts.resolve("qcom/sc7280-herobrine-evoker-lte.dts"),
                dts.resolve("qcom/sm8550-mtp.dts"),
                dts.resolve("qcom/sa8775p-ride.dts"),
                dts.resolve("qcom/sdm845-db845c.dts"),
                dts.resolve("st/stm32mp257f-ev1.dts"),
                dts.resolve("cix/sky1-orion-o6.dts"),
                dts.resolve("socionext/uniphier-ld20-akebi96.dts"),
                dts.resolve("realtek/rtd1296-ds418.dts"),
                dts.resolve("arm/fvp-base-revc.dts"));
    }
}
