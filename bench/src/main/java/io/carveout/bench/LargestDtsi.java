package io.carveout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The largest SoC .dtsi of the corpus that has a /reserved-memory node, and a digit inside it to edit. */
final class LargestDtsi {
    private LargestDtsi() {
    }

    static Path find(Path linux) throws IOException {
        try (Stream<Path> files = Files.walk(linux.resolve("arch/arm64/boot/dts/qcom"))) {
            return files.filter(p -> p.toString().endsWith(".dtsi"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("reserved-memory {");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .max(Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
    }

    /** The offset of the last digit of the first reg value inside /reserved-memory. */
    static int editOffset(String text) {
        int node = text.indexOf("reserved-memory {");
        int reg = text.indexOf("reg = <", node);
        int close = text.indexOf('>', reg);
        return close - 1;
    }
}
