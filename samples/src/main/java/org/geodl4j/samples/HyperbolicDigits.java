package org.geodl4j.samples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.geodl4j.samples.HyperbolicRuns.Model;
import org.geodl4j.samples.HyperbolicRuns.Run;
import org.geodl4j.samples.plot.LineChart;
import org.geodl4j.samples.plot.ProgressBar;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperbolic-digits}: Euclidean vs Poincaré (HNN++) vs Lorentz (LFC) MLPs on the UCI digits, each with and
 * without its batch norm ({@link HyperbolicRuns}): per-epoch test accuracy and training loss, a table of test accuracy
 * (mean ± sd over seeds), epochs to converge and seconds per epoch, and a PNG of the mean test-accuracy curves.
 */
@Command(name = "hyperbolic-digits", mixinStandardHelpOptions = true,
        description = "Euclidean vs Poincaré (HNN++) vs Lorentz (LFC) MLPs, each with/without its batch norm, on the "
                + "UCI digits: test accuracy, epochs to converge, seconds per epoch, accuracy curves.")
final class HyperbolicDigits implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per model (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "6", description = "Training epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate of Adam (Euclidean) and RiemannianAdam "
            + "(hyperbolic) (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--hidden", defaultValue = "64", description = "Width of the two hidden layers (Lorentz: space "
            + "dimensions; the hyperboloid has one more coordinate) (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--models", split = ",", description = "Subset of models (default: all): ${COMPLETION-CANDIDATES}.")
    List<Model> models;

    @Option(names = "--out", defaultValue = "hyperbolic-digits-out", description = "Directory for the PNG (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        if (seeds < 1 || epochs < 1 || batch < 2 || hidden < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("--seeds, --epochs, --hidden must be >= 1, --batch >= 2, --lr > 0");
        }
        List<Model> ms = models == null || models.isEmpty() ? List.of(Model.values()) : models;
        Files.createDirectories(out);
        o.println("hyperbolic-digits — backend: " + Backend.describe());
        DataSet[] split = UciDigits.load().split(HyperbolicRuns.TEST_FRACTION, HyperbolicRuns.SPLIT_SEED,
                DataType.FLOAT);
        o.printf(Locale.ROOT, "UCI digits: %d train / %d test (stratified, split seed %d); MLP 64-%d-%d-10 (float32, "
                        + "ReLU, curvature 1); %d epochs, batch %d, lr %s (Adam / RiemannianAdam); seeds 1..%d%n",
                split[0].numExamples(), split[1].numExamples(), HyperbolicRuns.SPLIT_SEED, hidden, hidden, epochs,
                batch, lr, seeds);
        for (Model m : ms) {
            if (!HyperbolicRuns.sameInit(m, hidden, 1)) {
                throw new IllegalStateException(m.label + ": two networks from seed 1 start from different parameters");
            }
        }
        o.println("init check: every model built twice from seed 1 (different global RNG states) has identical "
                + "initial parameters");

        Map<Model, List<Run>> runs = new LinkedHashMap<>();
        int perEpoch = (split[0].numExamples() + batch - 1) / batch;
        long t0 = System.nanoTime();
        int failures = 0;
        try (ProgressBar pb = new ProgressBar("training", (long) perEpoch * epochs * seeds * ms.size())) {
            for (Model m : ms) {
                List<Run> rs = new ArrayList<>();
                for (int s = 1; s <= seeds; s++) {
                    pb.setExtra(m.label + " seed " + s);
                    long before = pb.done();
                    Run r = HyperbolicRuns.train(m, hidden, s, split[0], split[1], epochs, batch, lr, pb::step,
                            System.err);
                    pb.set(before + (long) perEpoch * epochs);
                    rs.add(r);
                    if (r.failed()) {
                        failures++;
                    }
                    System.err.printf(Locale.ROOT, "run %s seed %d: test accuracy per epoch %s%n", m.label, s,
                            Arrays.toString(round(r.testAccuracy())));
                    System.err.printf(Locale.ROOT, "run %s seed %d: training loss per epoch %s%n", m.label, s,
                            Arrays.toString(round(r.trainLoss())));
                }
                runs.put(m, rs);
            }
        }
        o.printf(Locale.ROOT, "trained %d runs in %.1f s%n%n", ms.size() * seeds, (System.nanoTime() - t0) / 1e9);
        printCurves(o, runs);
        printTable(o, runs);
        if (failures > 0) {
            o.printf("!!! %d run(s) hit NaN/Inf and were stopped (see the '!!!' lines above); their accuracies are "
                    + "excluded from the table%n", failures);
        }
        Path png = plot(runs);
        o.println("wrote " + png);
        return failures == 0 ? 0 : 2;
    }

    private static double[] round(double[] xs) {
        double[] r = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            r[i] = Math.round(xs[i] * 10000) / 10000.0;
        }
        return r;
    }

    private void printCurves(PrintStream o, Map<Model, List<Run>> runs) {
        o.println("Mean test accuracy (%) / mean training loss per epoch:");
        for (Map.Entry<Model, List<Run>> e : runs.entrySet()) {
            double[][] acc = HyperbolicRuns.curve(e.getValue(), epochs);
            StringBuilder a = new StringBuilder();
            StringBuilder l = new StringBuilder();
            for (int ep = 0; ep < epochs; ep++) {
                double ls = 0;
                int k = 0;
                for (Run r : e.getValue()) {
                    if (!r.failed()) {
                        ls += r.trainLoss()[ep];
                        k++;
                    }
                }
                a.append(String.format(Locale.ROOT, " %5.1f", 100 * acc[0][ep]));
                l.append(String.format(Locale.ROOT, " %5.3f", ls / k));
            }
            o.printf("  %-34s acc %s%n  %-34s loss%s%n", e.getKey().label, a, "", l);
        }
        o.println();
    }

    private void printTable(PrintStream o, Map<Model, List<Run>> runs) {
        o.printf(Locale.ROOT, "Epochs to converge: first epoch whose test accuracy is within %.1f points of the run's best;"
                + " epochs to loss < %.2f: first epoch whose mean minibatch training loss is below it (mean over seeds;"
                + " '-' if never). s/epoch: fit calls only.%n", 100 * HyperbolicRuns.CONVERGED_WITHIN,
                HyperbolicRuns.LOSS_THRESHOLD);
        o.println("| model | final test acc. (%) | best test acc. (%) | epochs to converge | epochs to loss < "
                + HyperbolicRuns.LOSS_THRESHOLD + " | s/epoch | NaN runs |");
        o.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<Model, List<Run>> e : runs.entrySet()) {
            List<Run> ok = e.getValue().stream().filter(r -> !r.failed()).toList();
            int nan = e.getValue().size() - ok.size();
            if (ok.isEmpty()) {
                o.printf("| %s | – | – | – | – | – | %d |%n", e.getKey().label, nan);
                continue;
            }
            double[] fin = ok.stream().mapToDouble(r -> 100 * r.finalAccuracy()).toArray();
            double[] best = ok.stream().mapToDouble(r -> 100 * r.bestAccuracy()).toArray();
            double[] conv = ok.stream().mapToDouble(Run::epochsToConverge).toArray();
            double[] toLoss = ok.stream().mapToDouble(Run::epochsToLoss).toArray();
            double secs = e.getValue().stream().mapToDouble(Run::secondsPerEpoch).average().orElse(Double.NaN);
            double[] f = BitnetRuns.meanSd(fin);
            double[] b = BitnetRuns.meanSd(best);
            double[] c = BitnetRuns.meanSd(conv);
            boolean allReach = Arrays.stream(toLoss).allMatch(x -> x > 0);
            String lossCol = allReach ? fmt(BitnetRuns.meanSd(toLoss), 1)
                    : Arrays.stream(toLoss).filter(x -> x > 0).count() + "/" + toLoss.length + " runs reach it";
            o.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f | %d |%n", e.getKey().label, fmt(f, 2), fmt(b, 2),
                    fmt(c, 1), lossCol, secs, nan);
        }
    }

    private static String fmt(double[] ms, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", ms[0], ms[1]);
    }

    private Path plot(Map<Model, List<Run>> runs) {
        double[] x = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            x[i] = i + 1;
        }
        LineChart chart = new LineChart().title("UCI digits: test accuracy (mean ± sd over " + seeds + " seed"
                        + (seeds > 1 ? "s" : "") + "), MLP 64-" + hidden + "-" + hidden + "-10")
                .xLabel("epoch").yRange(0.8, 1.0).yLabel("test accuracy");
        for (Map.Entry<Model, List<Run>> e : runs.entrySet()) {
            double[][] c = HyperbolicRuns.curve(e.getValue(), epochs);
            chart.addBand(e.getKey().label, x, c[0], c[1]);
        }
        return chart.save(out.resolve("hyperbolic-digits-accuracy.png"));
    }
}
