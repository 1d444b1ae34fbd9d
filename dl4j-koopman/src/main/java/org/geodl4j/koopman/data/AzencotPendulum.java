package org.geodl4j.koopman.data;

import java.util.Random;

/**
 * The high-dimensional pendulum of Azencot, Erichson, Lin &amp; Mahoney, "Forecasting Sequential Data using
 * Consistent Koopman Autoencoders", ICML 2020 ({@code read_dataset.py}): the exact nonlinear pendulum
 * ({@link Pendulum}, g = 9.81, l = 1) released from rest at θ₀ (2.4 or 0.8), sampled every Δt = 0.1 for 2,200 steps;
 * Gaussian noise of standard deviation σₙ (0, 0.03, 0.08) is added to (θ, θ') <em>before</em> lifting; the state is
 * lifted to R^64 by a random 64×2 matrix with orthonormal columns (QR of a Gaussian matrix) and min–max scaled to
 * [−1, 1]. The first 600 steps are for training, the rest for testing. The clean (noise-free) lifted signal is kept
 * for evaluation, as in the paper.
 */
public final class AzencotPendulum {

    /** Lifted dimension. */
    public static final int LIFTED_DIM = 64;
    /** Sampling interval. */
    public static final double DT = 0.1;
    /** Steps in the paper's series. */
    public static final int STEPS = 2200;
    /** Steps used for training. */
    public static final int TRAIN_STEPS = 600;

    private final double[][] noisy;
    private final double[][] clean;

    private AzencotPendulum(double[][] noisy, double[][] clean) {
        this.noisy = noisy;
        this.clean = clean;
    }

    /**
     * Generates the series.
     *
     * @param theta0 release angle (the paper uses 2.4 with seed 1 and 0.8 with seed 0)
     * @param noiseStd σₙ of the noise added before lifting
     * @param steps number of samples (paper: 2,200)
     * @param seed seed of the lifting matrix and of the noise
     */
    public static AzencotPendulum generate(double theta0, double noiseStd, int steps, long seed) {
        if (!(noiseStd >= 0) || steps < 2) {
            throw new IllegalArgumentException("AzencotPendulum: need noiseStd >= 0 and steps >= 2, got noiseStd="
                    + noiseStd + ", steps=" + steps);
        }
        Pendulum p = new Pendulum(Math.sqrt(9.81));
        Random r = new Random(seed);
        double[][] q = orthonormalColumns(r, LIFTED_DIM, 2);
        double[][] lowClean = new double[steps][];
        double[][] lowNoisy = new double[steps][];
        for (int t = 0; t < steps; t++) {
            lowClean[t] = p.exactFromRest(theta0, t * DT);
            lowNoisy[t] = new double[] {lowClean[t][0] + noiseStd * r.nextGaussian(),
                    lowClean[t][1] + noiseStd * r.nextGaussian()};
        }
        double[][] liftedClean = lift(q, lowClean);
        double[][] liftedNoisy = lift(q, lowNoisy);
        // min-max scaling of the noisy (observed) data, applied identically to the clean signal
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : liftedNoisy) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        scale(liftedNoisy, min, max);
        scale(liftedClean, min, max);
        return new AzencotPendulum(liftedNoisy, liftedClean);
    }

    /** The observed (noisy, lifted, scaled) series as one trajectory set. */
    public TrajectorySet observed() {
        return new TrajectorySet("Azencot pendulum (lifted, noisy)", DT, new double[][][] {noisy});
    }

    /** The clean lifted, scaled series (for evaluation). */
    public TrajectorySet clean() {
        return new TrajectorySet("Azencot pendulum (lifted, clean)", DT, new double[][][] {clean});
    }

    private static double[][] lift(double[][] q, double[][] low) {
        double[][] out = new double[low.length][q.length];
        for (int t = 0; t < low.length; t++) {
            for (int i = 0; i < q.length; i++) {
                out[t][i] = q[i][0] * low[t][0] + q[i][1] * low[t][1];
            }
        }
        return out;
    }

    private static void scale(double[][] a, double min, double max) {
        double span = max - min;
        for (double[] row : a) {
            for (int i = 0; i < row.length; i++) {
                row[i] = 2 * (row[i] - min) / span - 1;
            }
        }
    }

    /** Columns of the Q factor of an n×k Gaussian matrix (modified Gram–Schmidt). */
    static double[][] orthonormalColumns(Random r, int n, int k) {
        double[][] a = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = r.nextGaussian();
            }
        }
        for (int j = 0; j < k; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += a[i][j] * a[i][p];
                }
                for (int i = 0; i < n; i++) {
                    a[i][j] -= dot * a[i][p];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += a[i][j] * a[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                a[i][j] /= norm;
            }
        }
        return a;
    }
}
