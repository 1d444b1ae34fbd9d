package org.geodl4j.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a JMH benchmark class and prints a Markdown table of each benchmark's time and its ratio to the baselines
 * (benchmarks whose name starts with {@code euclidean}) measured in the same run. This is what
 * {@code docs/BENCHMARKS.md} records:
 * <pre>
 * java -cp benchmarks/target/geodl4j-benchmarks.jar org.geodl4j.bench.BenchmarkReport --suite poincare
 * </pre>
 * (The shaded jar's default entry point is plain JMH: {@code java -jar benchmarks/target/geodl4j-benchmarks.jar -h}.)
 */
@Command(name = "benchmark-report", mixinStandardHelpOptions = true,
        description = "Runs a geodl4j JMH suite and prints times with ratios to the same-run DL4J/ND4J baselines.")
public final class BenchmarkReport implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "poincare",
            description = "Benchmark suite: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Suite suite;

    @Option(names = "--quick", description = "1 warm-up and 2 measurement iterations (a rough number in ~1/3 of the time).")
    private boolean quick;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "Override a JMH @Param of the suite (repeatable), e.g. --param batch=4096 for the updater suites.")
    private Map<String, String> params = new LinkedHashMap<>();

    /** The benchmark classes this report knows, with the names of their baselines. */
    enum Suite {
        poincare(PoincareOpsBenchmark.class),
        updaterMlp(UpdaterStepMlpBenchmark.class),
        updaterWide(UpdaterStepWideBenchmark.class),
        layers(HyperbolicLayersBenchmark.class),
        koopman(KoopmanStepBenchmark.class),
        bitnet(TernaryKernelBenchmark.class);

        final Class<?> benchmarkClass;

        Suite(Class<?> benchmarkClass) {
            this.benchmarkClass = benchmarkClass;
        }
    }

    @Override
    public Integer call() throws RunnerException {
        ChainedOptionsBuilder opts = new OptionsBuilder().include(suite.benchmarkClass.getName() + "\\.");
        if (quick) {
            opts.warmupIterations(1).measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        params.forEach(opts::param);
        Collection<RunResult> results = new Runner(opts.build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            scores.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        String unit = results.isEmpty() ? "" : results.iterator().next().getPrimaryResult().getScoreUnit();
        System.out.println(table(scores, unit));
        return 0;
    }

    /** A Markdown table: benchmark, time ± error, and the ratio to every baseline of the run. */
    static String table(Map<String, double[]> scores, String unit) {
        Map<String, Double> baselines = new LinkedHashMap<>();
        scores.forEach((k, v) -> {
            if (k.startsWith("euclidean")) {
                baselines.put(k, v[0]);
            }
        });
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | time (").append(unit).append(") |");
        baselines.keySet().forEach(b -> sb.append(" ratio vs ").append(b).append(" |"));
        sb.append('\n').append("|---|---|");
        baselines.keySet().forEach(b -> sb.append("---|"));
        sb.append('\n');
        scores.forEach((k, v) -> {
            sb.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%.1f ± %.1f", v[0], v[1])).append(" |");
            baselines.values().forEach(b -> sb.append(String.format(Locale.ROOT, " %.2f× |", v[0] / b)));
            sb.append('\n');
        });
        return sb.toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkReport()).execute(args));
    }
}
