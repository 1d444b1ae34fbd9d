package org.geodl4j.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.geodl4j.koopman.EigenLoss;
import org.geodl4j.koopman.Eigenvalue;
import org.geodl4j.koopman.KoopmanAutoencoder;
import org.geodl4j.koopman.OperatorType;
import org.geodl4j.koopman.TrajectoryWindowIterator;
import org.geodl4j.koopman.data.CylinderWake;
import org.geodl4j.koopman.data.KoopmanDatasets;
import org.geodl4j.koopman.data.OdeSystem;
import org.geodl4j.koopman.data.Pendulum;
import org.geodl4j.koopman.data.RungeKutta4;
import org.geodl4j.koopman.data.TrajectorySet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The Koopman experiments shared by {@code koopman-pendulum} and the tour: data (Lusch protocols), one training run
 * per latent-operator variant, and the evaluation on held-out initial conditions (long true trajectories integrated
 * by RK4 from the test trajectories' first states).
 *
 * <p>Definitions used in the reports:
 * <ul>
 *   <li><b>relative error at horizon h</b>: {@code sqrt(Σᵢ‖x̂ᵢ(h) − xᵢ(h)‖²) / sqrt(Σᵢ‖xᵢ(h)‖²)} over the held-out
 *       initial conditions i, with {@code x̂ᵢ(h) = φ⁻¹(K^h φ(xᵢ(0)))} (pooled over trajectories so that states near
 *       the origin do not dominate);</li>
 *   <li><b>bounded at N steps</b>: every decoded rollout state {@code φ⁻¹(K^k φ(xᵢ(0)))}, k = 0..N, is finite and
 *       {@code max_k,i ‖x̂ᵢ(k)‖∞ ≤ 10 · max |x|} over the training data (and the latent rollout itself stays
 *       finite).</li>
 * </ul>
 */
final class KoopmanRuns {

    /** Bound factor of the "bounded" definition. */
    static final double BOUND_FACTOR = 10;

    private KoopmanRuns() {
    }

    /** The systems of the experiments. */
    enum SystemKind {
        pendulum, cylinder
    }

    /** The compared latent-operator variants. */
    enum Variant {
        unconstrained("unconstrained K"),
        eigenloss("unconstrained K + eigenloss"),
        stable("stable K (Q B Q^T)"),
        lru("LRU K (2x2 blocks)");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** Training settings shared by all variants of one experiment. */
    static final class Settings {
        SystemKind system = SystemKind.pendulum;
        int trajectories = 1000;
        int epochs = 5;
        int steps = 30;
        int batch = 128;
        int windowStride = 1;
        int[] hidden;
        int latent = 2;
        int realModes;
        double lr = 1e-3;
        double eigenWeight = 1;
        long seed = 1;
        boolean luschWeights;
        int powerSquarings = 10;
        double initRadius = 0.99;
        boolean angleInitFromData;
        int gelfandSquarings = 3;
        int testTrajectories = 50;
        int horizon = 1000;
        int boundSteps = 10_000;

        int[] hidden() {
            if (hidden != null) {
                return hidden;
            }
            return system == SystemKind.pendulum ? new int[] {80, 80} : new int[] {105};
        }

        String describe() {
            return String.format(Locale.ROOT, "%s, %d ICs (70%% train), widths [%d, %s, %d, %d, %s, %d]%s, S = %d, "
                            + "batch %d, window stride %d, Adam(%.0e), %d epochs, seed %d, %s loss weights, initial |λ(K)| = %s, initial arg λ(K) %s", system, trajectories,
                    dim(), join(hidden()), latent, latent, join(reverse(hidden())), dim(),
                    realModes > 0 ? " (" + realModes + " real mode(s) in the stable/LRU K)" : "", steps, batch, windowStride, lr, epochs,
                    seed, luschWeights ? "Lusch" : "equal (rec = pred = lin = 1)", initRadius,
                    angleInitFromData ? "from the data (DMD)" : "random in [0.025, 0.5]");
        }

        int dim() {
            return system == SystemKind.pendulum ? 2 : 3;
        }
    }

    /** Data of one experiment: training set, held-out long trajectories {@code [n][horizon+1][d]}. */
    record Data(TrajectorySet train, double[][][] testLong, double dataMaxAbs, double dt) {
    }

    /** Result of one trained variant. */
    record Result(Variant variant, KoopmanAutoencoder model, double[] errorCurve, double[] epochLoss,
                  double spectralRadius, List<Eigenvalue> spectrum, boolean bounded, double rolloutMaxAbs,
                  int firstUnbounded, double seconds) {

        double errorAt(int h) {
            return errorCurve[h];
        }
    }

    static Data data(Settings s) {
        TrajectorySet all = s.system == SystemKind.pendulum ? KoopmanDatasets.luschPendulum(s.trajectories, s.seed)
                : KoopmanDatasets.cylinderWakeAttractor(s.trajectories, s.seed);
        TrajectorySet[] parts = all.split(s.seed + 100, 0.7, 0.2, 0.1);
        TrajectorySet train = parts[0];
        TrajectorySet test = parts[2];
        OdeSystem sys = s.system == SystemKind.pendulum ? Pendulum.lusch() : CylinderWake.lusch();
        RungeKutta4 rk = new RungeKutta4(KoopmanDatasets.SUBSTEPS);
        int n = Math.min(s.testTrajectories, test.size());
        double[][][] longTr = new double[n][][];
        for (int i = 0; i < n; i++) {
            longTr[i] = rk.trajectory(sys, test.trajectory(i)[0], 0, all.dt(), s.horizon + 1);
        }
        double max = 0;
        for (int i = 0; i < train.size(); i++) {
            for (double[] st : train.trajectory(i)) {
                for (double v : st) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        return new Data(train, longTr, max, all.dt());
    }

    static KoopmanAutoencoder build(Settings s, Variant v) {
        int d = s.dim();
        int[] h = s.hidden();
        KoopmanAutoencoder.Builder b = KoopmanAutoencoder.builder().stateDim(d).encoderHidden(h)
                .decoderHidden(reverse(h)).latentDim(s.latent).steps(s.steps).batchSize(s.batch)
                .windowStride(s.windowStride).seed(s.seed).operatorInit(s.initRadius, 0.5);
        // Lusch et al.'s weights: pendulum α = (1e-3, 1e-9, 1e-14), fluid flow (0.1, 1e-7, 1e-13); otherwise the
        // library defaults (reconstruction = prediction = linearity = 1), which train much faster on small budgets
        if (s.luschWeights && s.system == SystemKind.pendulum) {
            b.luschWeights(1e-3, 1e-9, 1e-14);
        } else if (s.luschWeights) {
            b.luschWeights(0.1, 1e-7, 1e-13);
        }
        switch (v) {
            case unconstrained -> b.operator(OperatorType.UNCONSTRAINED);
            case eigenloss -> b.operator(OperatorType.UNCONSTRAINED).eigenLoss(EigenLoss.UNIT_CIRCLE_MAE,
                    s.eigenWeight).powerSquarings(s.powerSquarings).gelfandSquarings(s.gelfandSquarings);
            case stable -> b.operator(OperatorType.STABLE).realModes(s.realModes);
            case lru -> b.operator(OperatorType.LRU).realModes(s.realModes);
            default -> throw new IllegalArgumentException("unknown variant " + v);
        }
        return b.build();
    }

    /** Number of minibatches per epoch for these settings. */
    static int batchesPerEpoch(Settings s, TrajectorySet train) {
        int w = new TrajectoryWindowIterator(train, s.steps, s.batch, s.windowStride, false, 0, DataType.FLOAT)
                .numWindows();
        return (w + s.batch - 1) / s.batch;
    }

    /** Trains one variant and evaluates it; {@code onIteration} is called after every minibatch. */
    static Result run(Settings s, Data data, Variant v, IntConsumer onIteration) {
        long t0 = System.nanoTime();
        KoopmanAutoencoder m = build(s, v);
        if (s.angleInitFromData) {
            m.initialiseAnglesFromData(data.train());
        }
        m.addListener((epoch, iter, loss) -> onIteration.accept(iter));
        double[] losses = quietly(() -> m.fit(data.train(), s.epochs, new Adam(s.lr)));
        return evaluate(m, v, data, s.boundSteps, losses, (System.nanoTime() - t0) / 1e9);
    }

    static Result evaluate(KoopmanAutoencoder m, Variant v, Data data, int boundSteps, double[] losses,
                           double seconds) {
        double[] curve = errorCurve(m, data.testLong());
        Bound b = bounded(m, data.testLong(), boundSteps, BOUND_FACTOR * data.dataMaxAbs());
        return new Result(v, m, curve, losses, m.spectralRadius(), m.spectrum(), b.ok, b.maxAbs, b.firstBad,
                seconds);
    }

    /** Relative error at every horizon 0..H (index = horizon), pooled over the held-out trajectories. */
    static double[] errorCurve(KoopmanAutoencoder m, double[][][] truth) {
        int n = truth.length;
        int h = truth[0].length - 1;
        int d = truth[0][0].length;
        double[][] x0 = new double[n][];
        for (int i = 0; i < n; i++) {
            x0[i] = truth[i][0];
        }
        double[][][] pred = rollout(m, x0, h);
        double[] curve = new double[h + 1];
        for (int k = 0; k <= h; k++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double e = pred[i][k][j] - truth[i][k][j];
                    num += e * e;
                    den += truth[i][k][j] * truth[i][k][j];
                }
            }
            curve[k] = Math.sqrt(num / den);
        }
        return curve;
    }

    /**
     * Decoded rollout {@code [n][steps+1][d]} with the latent dynamics in double precision; non-finite latents decode
     * to NaN states.
     */
    static double[][][] rollout(KoopmanAutoencoder m, double[][] x0, int steps) {
        int n = x0.length;
        int d = x0[0].length;
        double[][] z = m.encode(Nd4j.createFromArray(x0).castTo(m.config().dataType())).castTo(DataType.DOUBLE)
                .toDoubleMatrix();
        double[][] k = m.operatorDouble();
        int l = k.length;
        double[][][] out = new double[n][steps + 1][d];
        int chunk = 2000;
        for (int start = 0; start <= steps; start += chunk) {
            int len = Math.min(chunk, steps + 1 - start);
            double[][] lat = new double[n * len][];
            boolean[] finite = new boolean[n * len];
            for (int c = 0; c < len; c++) {
                for (int i = 0; i < n; i++) {
                    double[] zi = z[i].clone();
                    boolean ok = true;
                    for (double v : zi) {
                        ok &= Double.isFinite(v) && Math.abs(v) < 1e30;
                    }
                    finite[c * n + i] = ok;
                    lat[c * n + i] = ok ? zi : new double[l];
                    double[] next = new double[l];
                    for (int r = 0; r < l; r++) {
                        double acc = 0;
                        for (int q = 0; q < l; q++) {
                            acc += k[r][q] * z[i][q];
                        }
                        next[r] = acc;
                    }
                    z[i] = next;
                }
            }
            double[][] dec = m.decode(Nd4j.createFromArray(lat).castTo(m.config().dataType()))
                    .castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int c = 0; c < len; c++) {
                for (int i = 0; i < n; i++) {
                    if (finite[c * n + i]) {
                        out[i][start + c] = dec[c * n + i];
                    } else {
                        java.util.Arrays.fill(out[i][start + c], Double.NaN);
                    }
                }
            }
        }
        return out;
    }

    private record Bound(boolean ok, double maxAbs, int firstBad) {
    }

    private static Bound bounded(KoopmanAutoencoder m, double[][][] truth, int steps, double limit) {
        double[][] x0 = new double[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            x0[i] = truth[i][0];
        }
        double[][][] pred = rollout(m, x0, steps);
        double max = 0;
        int firstBad = -1;
        for (int k = 0; k <= steps; k++) {
            for (double[][] p : pred) {
                for (double v : p[k]) {
                    double a = Double.isFinite(v) ? Math.abs(v) : Double.POSITIVE_INFINITY;
                    max = Math.max(max, a);
                    if (a > limit && (firstBad < 0 || k < firstBad)) {
                        firstBad = k;
                    }
                }
            }
        }
        return new Bound(firstBad < 0, max, firstBad);
    }

    /**
     * Runs {@code body} with {@code System.out} filtered: ND4J M2.1's SameDiff prints one "Added differentiated op"
     * line per op (with {@code System.out.println}) when it first builds a gradient function.
     */
    static <T> T quietly(java.util.function.Supplier<T> body) {
        java.io.PrintStream orig = System.out;
        System.setOut(new java.io.PrintStream(orig, true) {
            @Override
            public void println(String x) {
                if (x == null || !x.startsWith("Added differentiated op")) {
                    super.println(x);
                }
            }
        });
        try {
            return body.get();
        } finally {
            System.setOut(orig);
        }
    }

    static List<Variant> parseVariants(String s) {
        List<Variant> out = new ArrayList<>();
        if (s.equalsIgnoreCase("all")) {
            out.add(Variant.unconstrained);
            out.add(Variant.eigenloss);
            out.add(Variant.stable);
            out.add(Variant.lru);
            return out;
        }
        for (String p : s.split(",")) {
            try {
                out.add(Variant.valueOf(p.trim().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--operator: expected unconstrained, eigenloss, stable, lru or all "
                        + "(comma-separated allowed), got '" + p + "'");
            }
        }
        return out;
    }

    static int[] reverse(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return sb.toString();
    }

}
