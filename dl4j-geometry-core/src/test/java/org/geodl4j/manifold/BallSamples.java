package org.geodl4j.manifold;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded sample points and tangent vectors for Poincaré-ball tests. */
final class BallSamples {

    private BallSamples() {
    }

    /**
     * {@code n} points of dimension {@code d} in the ball of curvature {@code -c}: uniform directions, Euclidean norms
     * {@code frac * radius} with {@code frac} uniform in {@code [minFrac, maxFrac]}.
     */
    static INDArray points(long seed, int n, int d, double c, double minFrac, double maxFrac, DataType dt) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] v = new double[n][d];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                v[i][j] = gaussian(rng);
                sq += v[i][j] * v[i][j];
            }
            double r = (minFrac + (maxFrac - minFrac) * rng.nextDouble()) / Math.sqrt(c);
            for (int j = 0; j < d; j++) {
                v[i][j] *= r / Math.sqrt(sq);
            }
        }
        return Nd4j.create(v).castTo(dt);
    }

    /** Vectors with uniform directions and Euclidean norms log-uniform in {@code [minNorm, maxNorm]}. */
    static INDArray vectors(long seed, int n, int d, double minNorm, double maxNorm, DataType dt) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] v = new double[n][d];
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int j = 0; j < d; j++) {
                v[i][j] = gaussian(rng);
                sq += v[i][j] * v[i][j];
            }
            double r = Math.exp(Math.log(minNorm) + (Math.log(maxNorm) - Math.log(minNorm)) * rng.nextDouble());
            for (int j = 0; j < d; j++) {
                v[i][j] *= r / Math.sqrt(sq);
            }
        }
        return Nd4j.create(v).castTo(dt);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Largest absolute elementwise difference. */
    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
