package org.geodl4j.samples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.geodl4j.samples.OptimizerComparison.Optimiser;
import org.geodl4j.samples.OptimizerComparison.Run;
import org.geodl4j.samples.plot.LineChart;
import org.geodl4j.samples.plot.ProgressBar;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code optimizers}: Muon, RLO-Λ, RLO-Lifted and RiemannianAdam against DL4J Adam and Nesterovs on the UCI digits
 * (MLP 64-128-128-10, float32). Prints, per optimiser at its chosen learning rate, steps and seconds to reach the
 * training-loss threshold, the final training loss and the test accuracy (mean ± sd over seeds), and saves the
 * training-loss and test-accuracy curves as PNGs. With {@code --sweep} every optimiser runs its learning-rate grid
 * on the first {@code --sweep-seeds} seeds, the learning rate with the lowest mean final training loss there is
 * chosen, and the remaining seeds run at that learning rate only.
 */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = "Compares the geodl4j optimisers with DL4J Adam and Nesterovs on the UCI digits (loss curves as PNG).")
final class OptimizersCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "1", description = "Number of seeds (1, 2, …) per configuration (default ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--sweep", description = "Run every optimiser's learning-rate grid and keep the best lr (lowest mean final training loss).")
    private boolean sweep;

    @Option(names = "--sweep-seeds", defaultValue = "1", description = "With --sweep: the grid runs on the first this many seeds, the chosen lr then on the remaining seeds (default ${DEFAULT-VALUE}).")
    private int sweepSeeds;

    @Option(names = "--epochs", defaultValue = "12", description = "Training epochs (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--eval-every", defaultValue = "15", description = "Evaluate the full training loss and test accuracy every this many steps (default ${DEFAULT-VALUE}).")
    private int evalEvery;

    @Option(names = "--threshold", defaultValue = "1e-2", description = "Training-loss target for steps/seconds-to-threshold (default ${DEFAULT-VALUE}).")
    private double threshold;

    @Option(names = "--only", split = ",", description = "Run only these optimisers (comma-separated: ${COMPLETION-CANDIDATES}).")
    private List<Optimiser> only;

    @Option(names = "--data", description = "A digits CSV(.gz) file instead of the embedded copy.")
    private Path data;

    @Option(names = "--out", defaultValue = "out/optimizers", description = "Directory for the PNG curves (default ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        if (seeds < 1 || epochs < 1 || batch < 1 || evalEvery < 1 || !(threshold > 0)) {
            throw new IllegalArgumentException("--seeds, --epochs, --batch, --eval-every must be >= 1 and --threshold > 0");
        }
        UciDigits digits = data == null ? UciDigits.load() : UciDigits.load(data);
        OptimizerComparison cmp = new OptimizerComparison(digits, epochs, batch, evalEvery);
        List<Optimiser> opts = only == null || only.isEmpty() ? Arrays.asList(Optimiser.values()) : only;
        o.printf(Locale.ROOT, "UCI digits: %d train / %d test (stratified split, seed %d); MLP 64-128-128-10 float32, "
                        + "%d epochs x %d steps (batch %d) = %d steps; backend %s%n",
                cmp.trainSize(), cmp.testSize(), OptimizerComparison.SPLIT_SEED, epochs, cmp.stepsPerEpoch(), batch,
                cmp.totalSteps(), Backend.describe());

        int tuneSeeds = sweep ? Math.min(Math.max(1, sweepSeeds), seeds) : seeds;
        int runs = 0;
        for (Optimiser opt : opts) {
            runs += sweep ? opt.grid.length * tuneSeeds + (seeds - tuneSeeds) : seeds;
        }
        Map<Optimiser, Map<Double, List<Run>>> all = new EnumMap<>(Optimiser.class);
        long t0 = System.nanoTime();
        try (ProgressBar pb = new ProgressBar("training", (long) runs * cmp.totalSteps())) {
            for (Optimiser opt : opts) {
                Map<Double, List<Run>> byLr = new LinkedHashMap<>();
                for (double lr : sweep ? opt.grid : new double[] {opt.defaultLr}) {
                    List<Run> list = new ArrayList<>();
                    for (int s = 0; s < tuneSeeds; s++) {
                        list.add(runOne(cmp, pb, opt, lr, s));
                    }
                    byLr.put(lr, list);
                    System.out.printf(Locale.ROOT, "%n  %s lr %s: final training loss %s%n", opt.label, fmtLr(lr),
                            pm(list.stream().mapToDouble(Run::finalLoss).toArray(), "%.2e"));
                }
                if (tuneSeeds < seeds) {
                    double lr = bestLr(byLr, tuneSeeds);
                    for (int s = tuneSeeds; s < seeds; s++) {
                        byLr.get(lr).add(runOne(cmp, pb, opt, lr, s));
                    }
                }
                all.put(opt, byLr);
            }
        }
        o.printf(Locale.ROOT, "%d runs in %.0f s%n%n", runs, (System.nanoTime() - t0) / 1e9);

        if (sweep) {
            o.println("Learning-rate sweep: mean final training loss over the first " + tuneSeeds
                    + " seed(s) (* = chosen; the other seeds run at the chosen lr only)");
            for (Optimiser opt : opts) {
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-26s", opt.label));
                double best = bestLr(all.get(opt), tuneSeeds);
                for (Map.Entry<Double, List<Run>> e : all.get(opt).entrySet()) {
                    double m = meanFinalLoss(e.getValue().subList(0, tuneSeeds));
                    sb.append(String.format(Locale.ROOT, "  lr %-6s %-9s%s", fmtLr(e.getKey()),
                            Double.isFinite(m) ? String.format(Locale.ROOT, "%.2e", m) : "diverged",
                            e.getKey() == best ? "*" : " "));
                }
                o.println(sb);
            }
            o.println();
        }

        o.printf(Locale.ROOT, "| optimiser | lr | steps to loss %s | seconds to loss %s | final training loss | test accuracy (%%) |%n",
                fmtLr(threshold), fmtLr(threshold));
        o.println("|---|---|---|---|---|---|");
        LineChart loss = new LineChart().title("UCI digits, MLP 64-128-128-10: training loss (mean ± sd, "
                + seeds + " seed" + (seeds > 1 ? "s" : "") + ")").xLabel("step").yLabel("training loss (full set)").logY(true);
        LineChart acc = new LineChart().title("UCI digits: test accuracy").xLabel("step").yLabel("test accuracy");
        for (Optimiser opt : opts) {
            double lr = bestLr(all.get(opt), tuneSeeds);
            List<Run> chosen = all.get(opt).get(lr);
            double[] stepsTo = chosen.stream().mapToDouble(r -> r.stepsTo(threshold) < 0 ? Double.NaN : r.stepsTo(threshold)).toArray();
            double[] secsTo = chosen.stream().mapToDouble(r -> r.secondsTo(threshold)).toArray();
            double[] fin = chosen.stream().mapToDouble(Run::finalLoss).toArray();
            double[] ac = chosen.stream().mapToDouble(r -> 100 * r.finalAccuracy()).toArray();
            long reached = Arrays.stream(stepsTo).filter(Double::isFinite).count();
            String reach = reached == chosen.size() ? "" : String.format(Locale.ROOT, " (%d/%d reached)", reached, chosen.size());
            o.printf(Locale.ROOT, "| %s | %s | %s%s | %s | %s | %s |%n", opt.label, fmtLr(lr), pm(stepsTo, "%.0f"), reach,
                    pm(secsTo, "%.2f"), pm(fin, "%.2e"), pm(ac, "%.2f"));
            double[][] curves = curves(chosen);
            if (curves != null) {
                loss.addBand(opt.label + " lr " + fmtLr(lr), curves[0], curves[1], curves[2]);
                acc.addBand(opt.label + " lr " + fmtLr(lr), curves[0], curves[3], curves[4]);
            }
        }
        Files.createDirectories(out);
        Path lossPng = loss.save(out.resolve("optimizers-loss.png"));
        Path accPng = acc.save(out.resolve("optimizers-accuracy.png"));
        o.println();
        o.println("Mean ± sd over seeds; steps/seconds over the runs that reached the threshold (seconds: fit calls only).");
        o.println("saved " + lossPng + " and " + accPng);
        return 0;
    }

    private Run runOne(OptimizerComparison cmp, ProgressBar pb, Optimiser opt, double lr, int seed) {
        pb.setExtra(String.format(Locale.ROOT, "%s lr %s seed %d", opt.name(), fmtLr(lr), seed));
        long before = pb.done();
        Run r = cmp.run(opt, lr, seed, pb::step);
        pb.set(before + cmp.totalSteps());
        return r;
    }

    /** The learning rate with the lowest mean final training loss over the first seeds (diverged runs: +inf). */
    static double bestLr(Map<Double, List<Run>> byLr, int tuneSeeds) {
        double best = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (Map.Entry<Double, List<Run>> e : byLr.entrySet()) {
            double m = meanFinalLoss(e.getValue().subList(0, Math.min(tuneSeeds, e.getValue().size())));
            if (Double.isNaN(best) || m < bestLoss) {
                best = e.getKey();
                bestLoss = m;
            }
        }
        return best;
    }

    static double meanFinalLoss(List<Run> runs) {
        return runs.stream().mapToDouble(Run::finalLoss).average().orElse(Double.POSITIVE_INFINITY);
    }

    /** {steps, mean loss, sd loss, mean acc, sd acc} over the runs that did not diverge, or null if none. */
    static double[][] curves(List<Run> runs) {
        List<Run> ok = runs.stream().filter(r -> !r.diverged()).toList();
        if (ok.isEmpty()) {
            return null;
        }
        int n = ok.stream().mapToInt(r -> r.steps().length).min().orElse(0);
        double[][] c = new double[5][n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            c[0][i] = ok.get(0).steps()[i];
            double[] l = OptimizerComparison.meanSd(ok.stream().mapToDouble(r -> r.trainLoss()[k]).toArray());
            double[] a = OptimizerComparison.meanSd(ok.stream().mapToDouble(r -> r.testAccuracy()[k]).toArray());
            c[1][i] = l[0];
            c[2][i] = l[1];
            c[3][i] = a[0];
            c[4][i] = a[1];
        }
        return c;
    }

    static String pm(double[] values, String fmt) {
        double[] ms = OptimizerComparison.meanSd(values);
        if (!Double.isFinite(ms[0])) {
            return "—";
        }
        return String.format(Locale.ROOT, fmt + " ± " + fmt, ms[0], ms[1]);
    }

    static String fmtLr(double lr) {
        String s = String.format(Locale.ROOT, "%.4g", lr);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e").replace("e-0", "e-");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
