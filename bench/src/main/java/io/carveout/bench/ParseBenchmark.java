package io.carveout.bench;

import io.carveout.syntax.SyntaxTree;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Parses every devicetree source of the corpus into lossless syntax trees, once per operation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseBenchmark {
    List<String> texts;
    long chars;

    @Setup
    public void load() {
        texts = CorpusFiles.devicetreeTexts();
        chars = texts.stream().mapToLong(String::length).sum();
    }

    @Benchmark
    public void parseWholeCorpus(Blackhole sink) {
        for (String text : texts) {
            sink.consume(SyntaxTree.parse(text));
        }
    }
}
