package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The row verbs equal {@link PoincareBall}'s INDArray verbs (float64), and the distance gradient equals finite differences. */
class PoincareRowMathTest {

    private static final int DIM = 5;
    private static final int ROWS = 40;

    private static double[] randomBallRows(long seed, double c, double maxRadiusFraction) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] t = new double[ROWS * DIM];
        for (int i = 0; i < ROWS; i++) {
            double norm = 0;
            for (int k = 0; k < DIM; k++) {
                t[i * DIM + k] = r.nextGaussian();
                norm += t[i * DIM + k] * t[i * DIM + k];
            }
            double radius = r.nextDouble() * maxRadiusFraction / Math.sqrt(c);
            for (int k = 0; k < DIM; k++) {
                t[i * DIM + k] *= radius / Math.sqrt(norm);
            }
        }
        return t;
    }

    private static INDArray rows(double[] t) {
        return Nd4j.createFromArray(t).reshape(ROWS, DIM);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 1.0, 2.5})
    void verbsMatchPoincareBall(double c) {
        PoincareBall ball = new PoincareBall(c);
        double eps = PoincareBall.projectionEps(DataType.DOUBLE);
        double[] x = randomBallRows(1, c, 0.97);
        double[] y = randomBallRows(2, c, 0.97);
        double[] u = randomBallRows(3, c, 2.0); // tangent vectors, any size
        INDArray xa = rows(x);
        INDArray ya = rows(y);
        INDArray ua = rows(u);
        double[] dist = ball.dist(xa, ya).reshape(ROWS).toDoubleVector();
        double[] exp = ball.expmap(xa, ua).reshape(ROWS * DIM).toDoubleVector();
        double[] add = ball.mobiusAdd(xa, ya).reshape(ROWS * DIM).toDoubleVector();
        double[] pt = ball.transp(xa, ya, ua).reshape(ROWS * DIM).toDoubleVector();
        double[] rg = ball.egrad2rgrad(xa, ua).reshape(ROWS * DIM).toDoubleVector();
        double[] lam = ball.lambda(xa).reshape(ROWS).toDoubleVector();
        double[] out = new double[DIM];
        double[] scratch = new double[DIM];
        double maxErr = 0;
        for (int i = 0; i < ROWS; i++) {
            int o = i * DIM;
            maxErr = Math.max(maxErr, Math.abs(PoincareRowMath.dist(x, o, y, o, DIM, c) - dist[i]) / (1 + dist[i]));
            maxErr = Math.max(maxErr, Math.abs(PoincareRowMath.lambda(x, o, DIM, c) - lam[i]) / lam[i]);
            PoincareRowMath.expmap(x, o, u, o, DIM, c, eps, out, 0, scratch);
            for (int k = 0; k < DIM; k++) {
                maxErr = Math.max(maxErr, Math.abs(out[k] - exp[o + k]));
            }
            PoincareRowMath.mobiusAdd(x, o, y, o, DIM, c, out, 0);
            for (int k = 0; k < DIM; k++) {
                maxErr = Math.max(maxErr, Math.abs(out[k] - add[o + k]));
            }
            PoincareRowMath.transp(x, o, y, o, u, o, DIM, c, out, 0);
            for (int k = 0; k < DIM; k++) {
                maxErr = Math.max(maxErr, Math.abs(out[k] - pt[o + k]) / (1 + Math.abs(pt[o + k])));
            }
            double s = PoincareRowMath.rgradScale(x, o, DIM, c);
            for (int k = 0; k < DIM; k++) {
                maxErr = Math.max(maxErr, Math.abs(s * u[o + k] - rg[o + k]));
            }
        }
        assertTrue(maxErr < 1e-11, "max relative error " + maxErr);
        // projx: rows pushed beyond the radius are clipped exactly as the ball clips them
        double[] far = randomBallRows(4, c, 3.0);
        double[] proj = ball.projx(rows(far)).reshape(ROWS * DIM).toDoubleVector();
        for (int i = 0; i < ROWS; i++) {
            PoincareRowMath.projx(far, i * DIM, DIM, c, eps);
        }
        for (int j = 0; j < far.length; j++) {
            assertEquals(proj[j], far[j], 1e-15);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 1.0})
    void distanceGradientMatchesCentralDifferences(double c) {
        double[] t = randomBallRows(5, c, 0.95);
        double h = 1e-6;
        double maxErr = 0;
        for (int i = 0; i + 1 < ROWS; i += 2) {
            int uo = i * DIM;
            int vo = (i + 1) * DIM;
            double[] g = new double[t.length];
            PoincareRowMath.accumulateDistGrad(t, uo, vo, DIM, c, 0.75, g);
            for (int row : new int[] {uo, vo}) {
                for (int k = 0; k < DIM; k++) {
                    double keep = t[row + k];
                    t[row + k] = keep + h;
                    double plus = PoincareRowMath.dist(t, uo, t, vo, DIM, c);
                    t[row + k] = keep - h;
                    double minus = PoincareRowMath.dist(t, uo, t, vo, DIM, c);
                    t[row + k] = keep;
                    double fd = 0.75 * (plus - minus) / (2 * h);
                    maxErr = Math.max(maxErr, Math.abs(fd - g[row + k]) / (1 + Math.abs(fd)));
                }
            }
        }
        assertTrue(maxErr < 1e-6, "max relative error vs central differences " + maxErr);
        // u = v: gradient 0, not NaN
        double[] g = new double[2 * DIM];
        double[] same = {0.1, 0.2, 0, 0, 0, 0.1, 0.2, 0, 0, 0};
        PoincareRowMath.accumulateDistGrad(same, 0, DIM, DIM, c, 1.0, g);
        for (double v : g) {
            assertEquals(0.0, v, 0.0);
        }
    }
}
