package io.carveout.bench;

import io.carveout.syntax.SyntaxTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One character typed inside a /reserved-memory node of the largest Qualcomm SoC file
 * that has one: the tree derived from the tree before the edit, against a parse of the
 * whole edited file. The two "thenReadAll" variants also read every token of the result,
 * which makes the moved subtrees of the derived tree real: what a consumer that walks the
 * whole tree pays on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IncrementalBenchmark {
    static final Path QCOM = CorpusFiles.ROOT.resolve("linux/arch/arm64/boot/dts/qcom");

    SyntaxTree before;
    String after;
    int at;

    /** The largest .dtsi directly under qcom/ with a reserved-memory node. */
    static Path largestSocFile() {
        try (Stream<Path> files = Files.list(QCOM)) {
            return files.filter(p -> p.toString().endsWith(".dtsi"))
                    .filter(p -> read(p).contains("reserved-memory {"))
                    .max(Comparator.comparingLong(IncrementalBenchmark::size))
                    .orElseThrow(() -> new IllegalStateException("no .dtsi with reserved-memory under " + QCOM));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The offset of the edit: the first address digit of the first reg inside reserved-memory. */
    static int editOffset(String text) {
        int reserved = text.indexOf("reserved-memory {");
        int reg = text.indexOf("reg = <", reserved);
        int digit = text.indexOf("0x", reg + "reg = <0x0 ".length()) + 2;
        if (reserved < 0 || reg < 0 || digit < 2) {
            throw new IllegalStateException("no reg inside reserved-memory");
        }
        return digit;
    }

    @Setup
    public void load() {
        String text = read(largestSocFile());
        before = SyntaxTree.parse(text);
        at = editOffset(text);
        after = text.substring(0, at) + (text.charAt(at) == '9' ? '8' : '9') + text.substring(at + 1);
    }

    @Benchmark
    public SyntaxTree incrementalEdit() {
        return before.edit(at, at + 1, after.substring(at, at + 1));
    }

    @Benchmark
    public SyntaxTree fullParse() {
        return SyntaxTree.parse(after);
    }

    @Benchmark
    public long incrementalEditThenReadAll() {
        return tokens(incrementalEdit());
    }

    @Benchmark
    public long fullParseThenReadAll() {
        return tokens(fullParse());
    }

    private static long tokens(SyntaxTree tree) {
        long[] sum = {0};
        tree.root().forEachToken(token -> sum[0] += token.end());
        return sum[0];
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
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
