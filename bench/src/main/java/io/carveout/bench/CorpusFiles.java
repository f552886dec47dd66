package io.carveout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The corpus the benchmarks read, in place under ../shared/corpus (run from the project root). */
final class CorpusFiles {
    static final Path ROOT = Path.of(System.getProperty("carveout.corpus", "../shared/corpus"));

    private CorpusFiles() {
    }

    static List<String> devicetreeTexts() {
        Path linux = ROOT.resolve("linux");
        if (!Files.isDirectory(linux)) {
            throw new IllegalStateException("corpus not found at " + linux.toAbsolutePath().normalize()
                    + "; run from the project root or pass -Dcarveout.corpus=DIR");
        }
        try (Stream<Path> files = Files.walk(linux)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.dts[io]?$"))
                    .sorted()
                    .map(CorpusFiles::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
