package org.geodl4j.samples;

import java.awt.Color;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.geodl4j.koopman.Eigenvalue;
import org.geodl4j.samples.KoopmanRuns.Data;
import org.geodl4j.samples.KoopmanRuns.Result;
import org.geodl4j.samples.KoopmanRuns.Settings;
import org.geodl4j.samples.KoopmanRuns.SystemKind;
import org.geodl4j.samples.KoopmanRuns.Variant;
import org.geodl4j.samples.plot.LineChart;
import org.geodl4j.samples.plot.Palette;
import org.geodl4j.samples.plot.ProgressBar;
import org.geodl4j.samples.plot.ScatterPlot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code koopman-pendulum}: Koopman autoencoders on Lusch et al.'s pendulum protocol (or the mean-field cylinder-wake
 * model with {@code --system cylinder}) with an unconstrained latent operator K, unconstrained K + Miller's eigenloss,
 * a stable-by-construction K and an LRU-style K. Reports the relative prediction error on held-out initial conditions
 * at horizons 10/100/1000, whether the rollout stays bounded for 10⁴ steps, the spectral radius, and draws predicted vs
 * true trajectories, error vs horizon and the eigenvalues against the unit circle. Definitions in {@link KoopmanRuns}.
 */
@Command(name = "koopman-pendulum", mixinStandardHelpOptions = true,
        description = "Koopman autoencoders (unconstrained / eigenloss / stable / LRU latent operator) on the Lusch "
                + "pendulum or the cylinder-wake model: prediction error at horizons 10/100/1000, boundedness over "
                + "10^4 steps, eigenvalues.")
final class KoopmanPendulum implements Callable<Integer> {

    @Option(names = "--system", defaultValue = "pendulum", description = "pendulum (Lusch protocol: energy <= 0.99, "
            + "51 samples, dt 0.02) or cylinder (mean-field wake model on its attractor: 121 samples, dt 0.05). "
            + "Default: ${DEFAULT-VALUE}.")
    SystemKind system;

    @Option(names = "--operator", defaultValue = "all", description = "unconstrained | eigenloss | stable | lru | all "
            + "(comma-separated list allowed). Default: ${DEFAULT-VALUE}.")
    String operator;

    @Option(names = "--epochs", defaultValue = "3", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of data split and initialisation (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--trajectories", defaultValue = "600", description = "Initial conditions generated (70%% train, "
            + "10%% held out; Lusch used 5000). Default: ${DEFAULT-VALUE}.")
    int trajectories;

    @Option(names = "--steps", defaultValue = "10", description = "Prediction/linearity steps S (default: "
            + "${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hidden", split = ",", description = "Hidden widths of the encoder (decoder mirrored); default "
            + "80,80 (pendulum) / 105 (cylinder) as Lusch et al.")
    int[] hidden;

    @Option(names = "--batch", defaultValue = "128", description = "Minibatch of windows (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--stride", defaultValue = "3", description = "Window stride within a trajectory (default: "
            + "${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--eigen-weight", defaultValue = "1", description = "Weight of the unit-circle MAE eigenloss "
            + "of the eigenloss variant (default: ${DEFAULT-VALUE}).")
    double eigenWeight;

    @Option(names = "--lusch-weights", description = "Use Lusch et al.'s loss weights (pendulum α = 1e-3, 1e-9, "
            + "1e-14; cylinder 0.1, 1e-7, 1e-13) instead of reconstruction = prediction = linearity = 1.")
    boolean luschWeights;

    @Option(names = "--power-squarings", defaultValue = "10", description = "Eigenloss variant: squarings of the "
            + "power iteration for ||K^k||_2 (2^j steps; default ${DEFAULT-VALUE}).")
    int powerSquarings;

    @Option(names = "--gelfand-squarings", defaultValue = "3", description = "Eigenloss variant: g with k = 2^g in "
            + "the bound ||K^k||_2^(1/k) (default ${DEFAULT-VALUE}).")
    int gelfandSquarings;

    @Option(names = "--init-radius", defaultValue = "0.99", description = "Modulus of K's initial eigenvalues, all "
            + "variants (default: ${DEFAULT-VALUE}).")
    double initRadius;

    @Option(names = "--angle-init", defaultValue = "random", description = "Initial rotation angles of K: random "
            + "(uniform in [0.025, 0.5] rad, the library default) or data (the dominant affine-DMD frequency of the "
            + "training states, all variants; fixes the cylinder's aliased-angle failure; needed with --steps 30, see docs/RESULTS.md Table 4) "
            + "(default: ${DEFAULT-VALUE}).")
    String angleInit;

    @Option(names = "--latent", defaultValue = "2", description = "Latent dimension of K (default: ${DEFAULT-VALUE}, "
            + "one complex pair, as Lusch et al.).")
    int latent;

    @Option(names = "--real-modes", defaultValue = "0", description = "Real eigenvalues of the stable/LRU K (the rest "
            + "are complex pairs; default: ${DEFAULT-VALUE}).")
    int realModes;

    @Option(names = "--test", defaultValue = "50", description = "Held-out initial conditions evaluated (default: "
            + "${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--bound-steps", defaultValue = "10000", description = "Rollout length of the boundedness check "
            + "(default: ${DEFAULT-VALUE}).")
    int boundSteps;

    @Option(names = "--out", defaultValue = "koopman-out", description = "Directory for the PNGs (default: "
            + "${DEFAULT-VALUE}).")
    Path out;

    static final int[] HORIZONS = {10, 100, 1000};

    private static PrintStream o() {
        return System.out;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream o = System.out;
        if (latent < 1 || realModes < 0 || realModes > latent || (latent - realModes) % 2 != 0) {
            throw new IllegalArgumentException("--latent must be >= 1 and --real-modes in [0, latent] with latent - "
                    + "real-modes even; got --latent " + latent + " --real-modes " + realModes);
        }
        if (epochs < 1 || trajectories < 10 || steps < 1 || batch < 1 || stride < 1 || test < 1 || boundSteps < 1000) {
            throw new IllegalArgumentException("--epochs, --steps, --batch, --stride, --test must be >= 1, "
                    + "--trajectories >= 10, --bound-steps >= 1000");
        }
        List<Variant> variants = KoopmanRuns.parseVariants(operator);
        Files.createDirectories(out);
        Settings s = new Settings();
        s.system = system;
        s.trajectories = trajectories;
        s.epochs = epochs;
        s.steps = steps;
        s.batch = batch;
        s.windowStride = stride;
        s.hidden = hidden;
        s.latent = latent;
        s.realModes = realModes;
        s.lr = lr;
        s.eigenWeight = eigenWeight;
        s.seed = seed;
        s.luschWeights = luschWeights;
        s.powerSquarings = powerSquarings;
        s.initRadius = initRadius;
        if (!angleInit.equals("data") && !angleInit.equals("random")) {
            throw new IllegalArgumentException("--angle-init must be data or random");
        }
        s.angleInitFromData = angleInit.equals("data");
        s.gelfandSquarings = gelfandSquarings;
        s.testTrajectories = test;
        s.boundSteps = boundSteps;
        o.println("koopman-pendulum — backend: " + Backend.describe());
        o.println("settings: " + s.describe() + ", eigenloss (unit-circle MAE on ||K^k||^(1/k), k = 2^"
                + gelfandSquarings + ", 2^" + powerSquarings + " power steps) weight " + eigenWeight);
        Data data = KoopmanRuns.data(s);
        o.printf(Locale.ROOT, "data: %s; %d held-out ICs integrated to %d steps (RK4, %d sub-steps); max |x| in "
                        + "training data %.3f, bound = %.0f × that = %.3f%n", data.train(), data.testLong().length,
                s.horizon, org.geodl4j.koopman.data.KoopmanDatasets.SUBSTEPS, data.dataMaxAbs(),
                KoopmanRuns.BOUND_FACTOR, KoopmanRuns.BOUND_FACTOR * data.dataMaxAbs());
        int perRun = KoopmanRuns.batchesPerEpoch(s, data.train()) * epochs;
        List<Result> results = new ArrayList<>();
        try (ProgressBar pb = new ProgressBar("training", (long) perRun * variants.size())) {
            for (int vi = 0; vi < variants.size(); vi++) {
                Variant v = variants.get(vi);
                long base = (long) vi * perRun;
                pb.setExtra(v.name());
                results.add(KoopmanRuns.run(s, data, v, it -> pb.set(base + it + 1)));
            }
        }
        o.println();
        o.printf("%-30s %10s %10s %10s %10s %8s %12s %8s %9s%n", "operator", "err@10", "err@100", "err@1000",
                "ρ(K)", "bounded", "max|x̂|", "1st bad", "time (s)");
        for (Result r : results) {
            o.printf(Locale.ROOT, "%-30s %10.4g %10.4g %10.4g %10.5f %8s %12.4g %8s %9.1f%n", r.variant().label,
                    r.errorAt(10), r.errorAt(100), r.errorAt(1000), r.spectralRadius(), r.bounded() ? "yes" : "no",
                    r.rolloutMaxAbs(), r.firstUnbounded() < 0 ? "-" : Integer.toString(r.firstUnbounded()),
                    r.seconds());
        }
        o.println("(relative error pooled over held-out ICs; bounded = rollout finite and max |x̂| <= "
                + (int) KoopmanRuns.BOUND_FACTOR + " × max |x| of the training data for " + boundSteps + " steps)");
        for (Result r : results) {
            o.printf(Locale.ROOT, "  %-28s final epoch loss %.4g; eigenvalues:", r.variant().name(),
                    r.epochLoss()[r.epochLoss().length - 1]);
            for (Eigenvalue e : r.spectrum()) {
                o.printf(Locale.ROOT, " %.5f%+.5fi", e.re(), e.im());
            }
            o.println();
        }
        String prefix = "koopman-" + system + "-";
        o.println("wrote " + trajectoryPlot(results, data, prefix, Math.min(s.horizon, 500)));
        o.println("wrote " + errorPlot(results, prefix));
        o.println("wrote " + eigenPlot(results, prefix));
        return 0;
    }

    private Path trajectoryPlot(List<Result> results, Data data, String prefix, int steps) {
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = k * data.dt();
        }
        LineChart c = new LineChart().title(system + ": x1 of two held-out ICs, true vs predicted")
                .xLabel("time").yLabel("x1").yRange(-1.5 * data.dataMaxAbs(), 1.5 * data.dataMaxAbs());
        int shown = Math.min(2, data.testLong().length);
        for (int i = 0; i < shown; i++) {
            double[] y = new double[steps + 1];
            for (int k = 0; k <= steps; k++) {
                y[k] = data.testLong()[i][k][0];
            }
            c.add("true IC " + (i + 1), t, y, Color.BLACK);
        }
        double[][] x0 = new double[shown][];
        for (int i = 0; i < shown; i++) {
            x0[i] = data.testLong()[i][0];
        }
        for (int ri = 0; ri < results.size(); ri++) {
            Result r = results.get(ri);
            double[][][] p = KoopmanRuns.rollout(r.model(), x0, steps);
            for (int i = 0; i < shown; i++) {
                double[] y = new double[steps + 1];
                for (int k = 0; k <= steps; k++) {
                    y[k] = p[i][k][0];
                }
                c.add(r.variant().name() + " IC " + (i + 1), t, y, Palette.colour(ri));
            }
        }
        return c.save(out.resolve(prefix + "trajectories.png"));
    }

    private Path errorPlot(List<Result> results, String prefix) {
        LineChart c = new LineChart().title(system + ": relative prediction error vs horizon (held-out ICs)")
                .xLabel("horizon (steps)").yLabel("relative error").logX(true).logY(true);
        for (int ri = 0; ri < results.size(); ri++) {
            Result r = results.get(ri);
            int h = r.errorCurve().length - 1;
            double[] x = new double[h];
            double[] y = new double[h];
            for (int k = 1; k <= h; k++) {
                x[k - 1] = k;
                y[k - 1] = Math.max(r.errorCurve()[k], 1e-12);
            }
            c.add(r.variant().label, x, y, Palette.colour(ri));
        }
        return c.save(out.resolve(prefix + "error-vs-horizon.png"));
    }

    private Path eigenPlot(List<Result> results, String prefix) {
        ScatterPlot p = new ScatterPlot().title(system + ": eigenvalues of K and the unit circle").xLabel("Re lambda")
                .yLabel("Im lambda").equalAspect(true).circle(0, 0, 1, Color.GRAY);
        ScatterPlot zoom = new ScatterPlot().title(system + ": eigenvalues of K near the unit circle (zoom)")
                .xLabel("Re lambda").yLabel("Im lambda").circle(0, 0, 1, Color.GRAY);
        double minRe = 1;
        double maxIm = 0;
        for (int ri = 0; ri < results.size(); ri++) {
            Result r = results.get(ri);
            List<Eigenvalue> ev = r.spectrum();
            double[] x = new double[ev.size()];
            double[] y = new double[ev.size()];
            for (int i = 0; i < ev.size(); i++) {
                x[i] = ev.get(i).re();
                y[i] = ev.get(i).im();
                minRe = Math.min(minRe, x[i]);
                maxIm = Math.max(maxIm, Math.abs(y[i]));
            }
            // legends are short (long entries are cut): the spectral radii are printed in the table
            p.points(r.variant().name(), x, y, Palette.colour(ri));
            zoom.points(r.variant().name(), x, y, Palette.colour(ri));
        }
        double pad = Math.max(0.01, 0.2 * Math.max(1.01 - minRe, maxIm));
        zoom.xRange(minRe - pad, 1.01 + pad).yRange(-maxIm - pad, maxIm + pad);
        o().println("wrote " + zoom.save(out.resolve(prefix + "eigenvalues-zoom.png")));
        return p.save(out.resolve(prefix + "eigenvalues.png"));
    }
}
