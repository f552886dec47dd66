package io.carveout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the benchmarks and prints the figures the README quotes. Usage from the project root:
 * {@code java -jar bench/target/benchmarks.jar [parse|boards|check|corpus-check|incremental|latency|edit-hover|typing|typing-engine|heap|includes|first-answer]}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "parse" : args[0];
        switch (which) {
            case "parse" -> parseThroughput();
            case "boards" -> BoardsVersusDtc.run();
            case "check" -> CheckVersusDtc.run();
            case "corpus-check" -> CheckVersusDtc.everyBoard();
            case "incremental" -> incrementalVersusFull();
            case "latency" -> ServerFigures.latency();
            case "edit-hover" -> EditHover.run();
            case "typing" -> Typing.run();
            case "typing-engine" -> TypingEngine.run();
            case "heap" -> ServerFigures.heap();
            case "includes" -> IncludeMemoFigures.run();
            case "first-answer" -> FirstAnswer.run();
            default -> {
                System.err.println("usage: benchmarks.jar [parse|boards|check|corpus-check|incremental|latency|edit-hover|typing|typing-engine|heap|includes|first-answer]");
                System.exit(2);
            }
        }
    }

    private static void incrementalVersusFull() throws RunnerException {
        Path file = IncrementalBenchmark.largestSocFile();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = IncrementalBenchmark.editOffset(text);
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        Options options = new OptionsBuilder()
                .include(IncrementalBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xmx2g")
                .build();
        Map<String, Statistics> by = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String label = result.getParams().getBenchmark();
            by.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics());
        }
        System.out.printf("%none character replaced at %s:%d (inside /reserved-memory), %d characters%n",
                file.getFileName(), line, text.length());
        System.out.printf("%-44s %12s %12s%n", "", "incremental", "full parse");
        print(by, "new tree", "incrementalEdit", "fullParse");
        print(by, "new tree, then every token read", "incrementalEditThenReadAll", "fullParseThenReadAll");
    }

    private static void print(Map<String, Statistics> by, String what,
            String incremental, String full) {
        double a = by.get(incremental).getMean();
        double b = by.get(full).getMean();
        System.out.printf("%-44s %9.1f µs %9.1f µs   ratio 1/%.0f%n", what, a, b, b / a);
    }

    private static void parseThroughput() throws RunnerException {
        long bytes = CorpusFiles.devicetreeTexts().stream().mapToLong(String::length).sum();
        Options options = new OptionsBuilder()
                .include(ParseBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(5))
                .measurementIterations(5).measurementTime(TimeValue.seconds(5))
                .jvmArgs("-Xmx4g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            double ms = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            double mbPerSecond = bytes / 1e6 / (ms / 1000.0);
            System.out.printf("%nparse throughput: %.1f MB of corpus source in %.1f ms (± %.1f) = %.1f MB/s%n",
                    bytes / 1e6, ms, error, mbPerSecond);
        }
    }
}
