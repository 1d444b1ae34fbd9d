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

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.bitnet.BitLinear;
import org.geodl4j.bitnet.TernaryExport;
import org.geodl4j.bitnet.TernaryInferenceNetwork;
import org.geodl4j.bitnet.TernaryStatistics;
import org.geodl4j.samples.BitnetRuns.Noise;
import org.geodl4j.samples.BitnetRuns.Run;
import org.geodl4j.samples.BitnetRuns.Variant;
import org.geodl4j.samples.plot.BarChart;
import org.geodl4j.samples.plot.Histogram;
import org.geodl4j.samples.plot.LineChart;
import org.geodl4j.samples.plot.ProgressBar;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bitnet-digits}: BitNet b1.58 on the UCI digits — a 64-256-256-10 MLP trained in full precision and with
 * ternary {@link BitLinear} layers (plain STE or stochastic resonance), an accuracy table (mean ± sd over seeds),
 * test-accuracy curves, a histogram of the latent weights (in units of γ) and the ternary code counts per layer, and
 * the export to packed 1.6-bit inference with its equality check and measured speed-up. {@code --full} runs the whole
 * experiment grid of {@code docs/RESULTS.md}.
 */
@Command(name = "bitnet-digits", mixinStandardHelpOptions = true,
        description = "Ternary (BitNet b1.58) MLP on the UCI digits: FP32 vs BitLinear (STE / stochastic resonance), "
                + "weight histograms, packed ternary inference and its speed-up.")
final class BitnetDigits implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "30", description = "Training epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seeds", defaultValue = "1", description = "Seeds per variant (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--grid", defaultValue = "small", description = "Variants: small (FP32, all ternary STE, all ternary "
            + "SR learnable σ), ternary (FP32 + all ternary × {STE, SR Gaussian, SR dither, SR learnable σ}), extra (FP32, "
            + "FP output layer × {STE, SR Gaussian, SR dither, SR learnable σ}, all ternary × {STE, SR learnable σ} at "
            + "4-bit activations), full "
            + "(FP32, all ternary and FP output × the four noise options, 4-bit variants). Default: ${DEFAULT-VALUE}.")
    String grid;

    @Option(names = "--batch", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--threads", defaultValue = "2", description = "Ternary kernel threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", defaultValue = "bitnet-digits-out", description = "Directory for the PNGs (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        if (epochs < 1 || seeds < 1 || batch < 1 || threads < 1) {
            throw new IllegalArgumentException("--epochs, --seeds, --batch and --threads must be >= 1");
        }
        Files.createDirectories(out);
        o.println("bitnet-digits — backend: " + Backend.describe());
        DataSet[] split = UciDigits.load().split(0.2, 0, DataType.FLOAT);
        List<Variant> variants;
        switch (grid) {
            case "full":
                variants = BitnetRuns.grid(true);
                break;
            case "ternary":
                variants = new ArrayList<>(List.of(Variant.fp32()));
                for (Noise n : Noise.values()) {
                    variants.add(Variant.ternary(true, n, 8));
                }
                break;
            case "extra":
                variants = new ArrayList<>(List.of(Variant.fp32()));
                for (Noise n : Noise.values()) {
                    variants.add(Variant.ternary(false, n, 8));
                }
                variants.add(Variant.ternary(true, Noise.none, 4));
                variants.add(Variant.ternary(true, Noise.learnable, 4));
                break;
            case "small":
                variants = List.of(Variant.fp32(), Variant.ternary(true, Noise.none, 8),
                        Variant.ternary(true, Noise.learnable, 8));
                break;
            default:
                throw new IllegalArgumentException("--grid must be small, ternary, extra or full, got " + grid);
        }
        o.printf(Locale.ROOT, "UCI digits: %d train / %d test (stratified, split seed 0); MLP 64-256-256-10; %d epochs,"
                        + " batch %d, Adam lr %s; %d seed(s) per variant%n", split[0].numExamples(),
                split[1].numExamples(), epochs, batch, learningRate, seeds);

        Map<Variant, List<Run>> runs = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        int perRun = epochs * BitnetRuns.batchesPerEpoch(split[0], batch);
        try (ProgressBar pb = new ProgressBar("training", (long) perRun * seeds * variants.size())) {
            for (Variant v : variants) {
                List<Run> rs = new ArrayList<>();
                for (int s = 0; s < seeds; s++) {
                    pb.setExtra(v.label() + " seed " + (s + 1));
                    Run r = BitnetRuns.train(v, 1 + s, split[0], split[1], epochs, batch, learningRate,
                            e -> pb.step());
                    rs.add(r);
                    pb.setExtra(String.format(Locale.ROOT, "done: %s seed %d: %.2f%%", v.label(), r.seed,
                            100 * r.finalAccuracy()));
                    System.err.printf(Locale.ROOT, "run %s seed %d: test accuracy per epoch %s%n", v.label(), r.seed,
                            Arrays.toString(r.testAccuracy));
                }
                runs.put(v, rs);
            }
        }
        o.printf(Locale.ROOT, "trained %d runs in %.1f s%n%n", variants.size() * seeds, (System.nanoTime() - t0) / 1e9);

        printTable(o, runs);
        plotCurves(o, runs);

        Run show = pickShowcase(runs);
        if (show == null) {
            return 0;
        }
        o.println();
        o.println("Latent weights of " + show.variant.label() + " (seed " + show.seed + "):");
        describeWeights(o, show);
        o.println();
        packedDemo(o, show.net, split[1], threads, 15);
        return 0;
    }

    private static void printTable(PrintStream o, Map<Variant, List<Run>> runs) {
        double fp32 = Double.NaN;
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            if (e.getKey().fp32) {
                fp32 = BitnetRuns.meanSd(BitnetRuns.finals(e.getValue()))[0];
            }
        }
        o.println("| variant | test accuracy % (mean ± sd) | min | max | Δ vs FP32 (points) | per seed |");
        o.println("|---|---|---|---|---|---|");
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            double[] f = BitnetRuns.finals(e.getValue());
            double[] ms = BitnetRuns.meanSd(f);
            StringBuilder per = new StringBuilder();
            for (double a : f) {
                per.append(per.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", 100 * a));
            }
            o.printf(Locale.ROOT, "| %s | %.2f ± %.2f | %.2f | %.2f | %+.2f | %s |%n", e.getKey().label(), 100 * ms[0],
                    100 * ms[1], 100 * Arrays.stream(f).min().orElse(0), 100 * Arrays.stream(f).max().orElse(0),
                    100 * (ms[0] - fp32), per);
        }
    }

    /** Curve groups: all ternary at 8-bit activations, FP output layer at 8 bits, 4-bit activations; FP32 in each. */
    private enum CurveGroup {
        ALL_TERNARY("every layer ternary", "bitnet-curves-all-ternary.png"),
        FP_OUTPUT("output layer full precision", "bitnet-curves-fp-output.png"),
        FOUR_BIT("4-bit activations", "bitnet-curves-a4.png");

        final String title;
        final String file;

        CurveGroup(String title, String file) {
            this.title = title;
            this.file = file;
        }

        static CurveGroup of(Variant v) {
            return v.activationBits == 4 ? FOUR_BIT : v.ternaryOutput ? ALL_TERNARY : FP_OUTPUT;
        }
    }

    private void plotCurves(PrintStream o, Map<Variant, List<Run>> runs) {
        double[] x = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            x[i] = i + 1;
        }
        for (CurveGroup g : CurveGroup.values()) {
            LineChart chart = new LineChart().title("UCI digits test accuracy, " + g.title
                            + " (mean ± sd over " + seeds + " seed" + (seeds > 1 ? "s" : "") + ")")
                    .xLabel("epoch").yLabel("test accuracy").yRange(0.8, 1.0);
            int n = 0;
            for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
                Variant v = e.getKey();
                if (v.fp32 || CurveGroup.of(v) == g) {
                    double[][] c = BitnetRuns.curve(e.getValue());
                    chart.addBand(v.shortLabel(), x, c[0], c[1]);
                    n += v.fp32 ? 0 : 1;
                }
            }
            if (n > 0) {
                o.println("wrote " + chart.save(out.resolve(g.file)));
            }
        }
    }

    /** The first seed of all-ternary SR learnable σ at 8 bits if run, else of the first ternary variant. */
    private static Run pickShowcase(Map<Variant, List<Run>> runs) {
        Run best = null;
        for (Map.Entry<Variant, List<Run>> e : runs.entrySet()) {
            Variant v = e.getKey();
            if (v.fp32) {
                continue;
            }
            boolean preferred = v.ternaryOutput && v.activationBits == 8 && v.noise == Noise.learnable;
            if (best == null || preferred) {
                best = e.getValue().get(0);
            }
        }
        return best;
    }

    private void describeWeights(PrintStream o, Run show) {
        MultiLayerNetwork net = show.net;
        Map<String, INDArray> latent = TernaryExport.latentWeights(net);
        Map<String, TernaryStatistics> stats = TernaryExport.statistics(net);
        Histogram h = new Histogram().title("Latent weights w/γ per BitLinear layer (codes: |w/γ| < 0.5 → 0)")
                .xLabel("w / γ").yLabel("count").bins(60).range(-3, 3);
        List<String> names = new ArrayList<>(latent.keySet());
        double[][] frac = new double[3][names.size()];
        int i = 0;
        for (String name : names) {
            TernaryStatistics s = stats.get(name);
            double[] w = latent.get(name).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int j = 0; j < w.length; j++) {
                w[j] /= s.scale();
            }
            h.add(name, w);
            frac[0][i] = s.fractionMinus();
            frac[1][i] = s.sparsity();
            frac[2][i] = s.fractionPlus();
            String sigma = "";
            int layerIndex = i;
            if (show.variant.noise == Noise.learnable) {
                INDArray rho = net.getLayer(layerIndex).paramTable().get(BitLinear.RHO_KEY);
                double r = rho.getDouble(0);
                double sig = Math.log1p(Math.exp(r)) + show.variant.noise.config().sigmaMin();
                sigma = String.format(Locale.ROOT, ", learned σ = %.3f step", sig);
            }
            o.printf(Locale.ROOT, "  %-7s %4d×%-4d γ = %.4f  −1: %5.1f%%  0: %5.1f%%  +1: %5.1f%%%s%n", name,
                    latent.get(name).size(0), latent.get(name).size(1), s.scale(), 100 * s.fractionMinus(),
                    100 * s.sparsity(), 100 * s.fractionPlus(), sigma);
            i++;
        }
        o.println("wrote " + h.save(out.resolve("bitnet-latent-weights.png")));
        BarChart b = new BarChart(names.toArray(new String[0])).title("Ternary code fractions per layer")
                .yLabel("fraction of weights").valueLabels(true)
                .add("−1", frac[0]).add("0", frac[1]).add("+1", frac[2]);
        o.println("wrote " + b.save(out.resolve("bitnet-ternary-counts.png")));
    }

    /** Export to packed inference: equality with the training-time forward and the measured speed-up. */
    static Map<String, Object> packedDemo(PrintStream o, MultiLayerNetwork net, DataSet test, int threads, int reps) {
        Map<String, Object> r = new LinkedHashMap<>();
        INDArray x = test.getFeatures();
        INDArray ref = net.output(x, false);
        try (TernaryInferenceNetwork packed = TernaryExport.export(net, threads)) {
            INDArray y = packed.output(x);
            double maxDiff = y.sub(ref).amaxNumber().doubleValue();
            double agree = BitnetRuns.accuracy(y, ref);
            long floatBytes = 0;
            for (INDArray w : TernaryExport.latentWeights(net).values()) {
                floatBytes += 4 * w.length();
            }
            o.printf(Locale.ROOT, "Packed export (%d BitLinear layers, %d kernel thread(s)): %d bytes of codes+scales"
                            + "+biases vs %d bytes of float32 weights (%.1f× smaller)%n", packed.packedLayers().size(),
                    threads, packed.packedBytes(), floatBytes, floatBytes / (double) packed.packedBytes());
            o.printf(Locale.ROOT, "  equality vs training-time forward on %d test images: max |Δp| = %.2e, arg-max "
                    + "agreement %.2f%%, test accuracy %.2f%% (packed) vs %.2f%% (DL4J)%n", x.size(0), maxDiff,
                    100 * agree, 100 * BitnetRuns.accuracy(y, test.getLabels()),
                    100 * BitnetRuns.accuracy(ref, test.getLabels()));
            double tBatchRef = medianMs(reps, () -> net.output(x, false));
            double tBatchPacked = medianMs(reps, () -> packed.output(x));
            INDArray one = x.getRow(0, true).dup();
            double tOneRef = medianMs(5 * reps + 1, () -> net.output(one, false));
            double tOnePacked = medianMs(5 * reps + 1, () -> packed.output(one));
            o.printf(Locale.ROOT, "  speed (median): batch %d: DL4J %.3f ms, packed %.3f ms (%.2f×); batch 1: DL4J "
                            + "%.3f ms, packed %.3f ms (%.2f×)%n", x.size(0), tBatchRef, tBatchPacked,
                    tBatchRef / tBatchPacked, tOneRef, tOnePacked, tOneRef / tOnePacked);
            r.put("bitnet.packed.maxAbsDiff", maxDiff);
            r.put("bitnet.packed.argmaxAgreement", agree);
            r.put("bitnet.packed.memoryRatio", floatBytes / (double) packed.packedBytes());
            r.put("bitnet.packed.speedupBatch", tBatchRef / tBatchPacked);
            r.put("bitnet.packed.speedupBatch1", tOneRef / tOnePacked);
        }
        return r;
    }

    static double medianMs(int reps, Runnable task) {
        for (int i = 0; i < Math.max(3, reps / 5); i++) {
            task.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
