package io.carveout.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints the figures the README quotes. Usage from the project root:
 * {@code java -jar bench/target/benchmarks.jar [parse|boards|check|latency|heap]}.
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
            case "latency" -> ServerFigures.latency();
            case "heap" -> ServerFigures.heap();
            default -> {
                System.err.println("usage: benchmarks.jar [parse|boards|check|latency|heap]");
                System.exit(2);
            }
        }
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
