package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geodl4j.manifold.Euclidean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-parameter step rules on Euclidean space against independent textbook implementations written here with
 * plain Java loops over {@code double[]} (no shared code with the rules under test).
 */
class EuclideanStepEquivalenceTest {

    private static final int N = 17;
    private static final int STEPS = 60;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** A gradient that depends on the current point (a noisy quadratic), so trajectories are compared, not steps. */
    private static double[] gradient(double[] x, Random rng) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (i + 1) * 0.1 * (x[i] - 0.5) + 0.05 * rng.nextGaussian();
        }
        return g;
    }

    private static double[] start() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.sin(i + 1.0);
        }
        return x;
    }

    private static INDArray arr(double[] a) {
        return Nd4j.createFromArray(a.clone());
    }

    private static double maxDiff(double[] a, INDArray b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b.getDouble(i)));
        }
        return d;
    }

    @Test
    void riemannianAdamOnEuclideanIsAdamInBothEpsilonConventions() {
        for (EpsilonConvention conv : EpsilonConvention.values()) {
            for (boolean amsgrad : new boolean[] {false, true}) {
                double lr = 0.05;
                double b1 = 0.9;
                double b2 = 0.99;
                double eps = 1e-3; // large, so that the two conventions differ visibly
                double wd = 0.01;
                double[] xr = start();
                double[] m = new double[N];
                double[] v = new double[N];
                double[] vmax = new double[N];
                INDArray x = arr(xr);
                INDArray mm = Nd4j.zeros(DataType.DOUBLE, N);
                INDArray vv = Nd4j.zeros(DataType.DOUBLE, N);
                INDArray vvMax = amsgrad ? Nd4j.zeros(DataType.DOUBLE, N) : null;
                Random rng1 = Nd4j.getRandomFactory().getNewRandomInstance(7);
                Random rng2 = Nd4j.getRandomFactory().getNewRandomInstance(7);
                for (int t = 1; t <= STEPS; t++) {
                    double[] g = gradient(xr, rng1);
                    for (int i = 0; i < N; i++) {
                        double gi = g[i] + wd * xr[i];
                        m[i] = b1 * m[i] + (1 - b1) * gi;
                        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                        vmax[i] = Math.max(vmax[i], v[i]);
                        double vh = amsgrad ? vmax[i] : v[i];
                        double bc1 = 1 - Math.pow(b1, t);
                        double bc2 = 1 - Math.pow(b2, t);
                        double step = conv == EpsilonConvention.PYTORCH
                                ? lr * (m[i] / bc1) / (Math.sqrt(vh / bc2) + eps)
                                : lr * Math.sqrt(bc2) / bc1 * m[i] / (Math.sqrt(vh) + eps);
                        xr[i] -= step;
                    }
                    double[] gx = new double[N];
                    for (int i = 0; i < N; i++) {
                        gx[i] = x.getDouble(i);
                    }
                    INDArray update = RiemannianAdamStep.update(Euclidean.INSTANCE, x, arr(gradient(gx, rng2)), mm,
                            vv, vvMax, lr, t, b1, b2, eps, wd, conv, true, true);
                    x.subi(update);
                }
                double diff = maxDiff(xr, x);
                assertTrue(diff < 1e-12, conv + " amsgrad=" + amsgrad + ": max diff " + diff);
            }
        }
    }

    @Test
    void riemannianSgdOnEuclideanIsPytorchSgdWithZeroInitialisedBuffer() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.1;
            double mu = 0.9;
            double damp = nesterov ? 0.0 : 0.3;
            double wd = 0.02;
            double[] xr = start();
            double[] buf = new double[N];
            INDArray x = arr(xr);
            INDArray b = Nd4j.zeros(DataType.DOUBLE, N);
            Random rng1 = Nd4j.getRandomFactory().getNewRandomInstance(9);
            Random rng2 = Nd4j.getRandomFactory().getNewRandomInstance(9);
            for (int t = 1; t <= STEPS; t++) {
                double[] g = gradient(xr, rng1);
                for (int i = 0; i < N; i++) {
                    double gi = g[i] + wd * xr[i];
                    buf[i] = mu * buf[i] + (1 - damp) * gi;
                    xr[i] -= lr * (nesterov ? gi + mu * buf[i] : buf[i]);
                }
                double[] gx = new double[N];
                for (int i = 0; i < N; i++) {
                    gx[i] = x.getDouble(i);
                }
                x.subi(RiemannianSgdStep.update(Euclidean.INSTANCE, x, arr(gradient(gx, rng2)), b, lr, mu, damp,
                        nesterov, wd, true, true));
            }
            double diff = maxDiff(xr, x);
            assertTrue(diff < 1e-12, "nesterov=" + nesterov + ": max diff " + diff);
        }
    }

    /** Lion (Chen et al. 2023, Algorithm 2) written out; RLO with the sign field, no belief and eta = 1 is Lion. */
    @Test
    void rloWithSignFieldAndNoBeliefIsLion() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        double[] xr = start();
        double[] m = new double[N];
        INDArray x = arr(xr);
        INDArray mm = Nd4j.zeros(DataType.DOUBLE, N);
        Random rng1 = Nd4j.getRandomFactory().getNewRandomInstance(13);
        Random rng2 = Nd4j.getRandomFactory().getNewRandomInstance(13);
        for (int t = 1; t <= STEPS; t++) {
            double[] g = gradient(xr, rng1);
            for (int i = 0; i < N; i++) {
                double c = b1 * m[i] + (1 - b1) * g[i];
                xr[i] = xr[i] * (1 - lr * wd) - lr * Math.signum(c);
                m[i] = b2 * m[i] + (1 - b2) * g[i];
            }
            double[] gx = new double[N];
            for (int i = 0; i < N; i++) {
                gx[i] = x.getDouble(i);
            }
            RloStep.Field f = RloStep.field(Euclidean.INSTANCE, x, arr(gradient(gx, rng2)), mm, null,
                    RloDirection.SIGN, b1, b2, 0.999, 1e-8, 5.0, false, false, t, EpsilonConvention.DL4J);
            x.subi(RloStep.update(Euclidean.INSTANCE, x, f, mm, null, 1.0, lr, 0.0, 1.0, wd, 1e-8, true, true));
        }
        double diff = maxDiff(xr, x);
        assertTrue(diff < 1e-12, "max diff " + diff);
    }

    /**
     * The momentum field with beta2 = mu reproduces PyTorch's sum-form momentum: beta1 = mu^2 is Nesterov
     * ({@code g + mu * buf_new}), beta1 = mu is heavy ball ({@code buf_new}).
     */
    @Test
    void rloMomentumFieldIsNesterovOrHeavyBallSgd() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.1;
            double mu = 0.9;
            double[] xr = start();
            double[] buf = new double[N];
            INDArray x = arr(xr);
            INDArray mm = Nd4j.zeros(DataType.DOUBLE, N);
            Random rng1 = Nd4j.getRandomFactory().getNewRandomInstance(17);
            Random rng2 = Nd4j.getRandomFactory().getNewRandomInstance(17);
            for (int t = 1; t <= STEPS; t++) {
                double[] g = gradient(xr, rng1);
                for (int i = 0; i < N; i++) {
                    buf[i] = mu * buf[i] + g[i];
                    xr[i] -= lr * (nesterov ? g[i] + mu * buf[i] : buf[i]);
                }
                double[] gx = new double[N];
                for (int i = 0; i < N; i++) {
                    gx[i] = x.getDouble(i);
                }
                RloStep.Field f = RloStep.field(Euclidean.INSTANCE, x, arr(gradient(gx, rng2)), mm, null,
                        RloDirection.MOMENTUM, nesterov ? mu * mu : mu, mu, 0.999, 1e-8, 5.0, false, false, t,
                        EpsilonConvention.DL4J);
                x.subi(RloStep.update(Euclidean.INSTANCE, x, f, mm, null, 1.0, lr, 0.0, 1.0, 0.0, 1e-8, true, true));
            }
            double diff = maxDiff(xr, x);
            assertTrue(diff < 1e-10, "nesterov=" + nesterov + ": max diff " + diff);
        }
    }

    @Test
    void rloAdamFieldIsAdam() {
        double lr = 0.05;
        INDArray x1 = arr(start());
        INDArray x2 = arr(start());
        INDArray m1 = Nd4j.zeros(DataType.DOUBLE, N);
        INDArray v1 = Nd4j.zeros(DataType.DOUBLE, N);
        INDArray m2 = Nd4j.zeros(DataType.DOUBLE, N);
        INDArray s2 = Nd4j.zeros(DataType.DOUBLE, N);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(19);
        for (int t = 1; t <= STEPS; t++) {
            INDArray g = rng.nextGaussian(new long[] {N}).castTo(DataType.DOUBLE);
            x1.subi(RiemannianAdamStep.update(Euclidean.INSTANCE, x1, g, m1, v1, null, lr, t, 0.9, 0.999, 1e-8, 0.0,
                    EpsilonConvention.DL4J, true, true));
            RloStep.Field f = RloStep.field(Euclidean.INSTANCE, x2, g, m2, s2, RloDirection.ADAM, 0.0, 0.9, 0.999,
                    1e-8, 5.0, false, false, t, EpsilonConvention.DL4J);
            x2.subi(RloStep.update(Euclidean.INSTANCE, x2, f, m2, null, 1.0, lr, 0.0, 1.0, 0.0, 1e-8, true, true));
        }
        assertEquals(0.0, x1.sub(x2).amaxNumber().doubleValue(), 1e-14);
    }

    @Test
    void tanhFieldWithLargeGammaIsSignField() {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(23);
        INDArray g = rng.nextGaussian(new long[] {4, 8}).castTo(DataType.DOUBLE);
        INDArray m = rng.nextGaussian(new long[] {4, 8}).castTo(DataType.DOUBLE);
        RloStep.Field sign = RloStep.field(Euclidean.INSTANCE, null, g, m.dup(), null, RloDirection.SIGN, 0.9, 0.99,
                0.999, 1e-8, 1.0, false, true, 1, EpsilonConvention.DL4J);
        RloStep.Field tanh = RloStep.field(Euclidean.INSTANCE, null, g, m.dup(), null, RloDirection.TANH, 0.9, 0.99,
                0.999, 1e-8, 1e12, false, true, 1, EpsilonConvention.DL4J);
        assertEquals(sign.phi, tanh.phi);
        RloStep.Field soft = RloStep.field(Euclidean.INSTANCE, null, g, m.dup(), null, RloDirection.TANH, 0.9, 0.99,
                0.999, 1e-8, 0.5, false, true, 1, EpsilonConvention.DL4J);
        assertTrue(soft.phi.sub(sign.phi).amaxNumber().doubleValue() > 0.01, "a soft tanh must differ from sign");
    }

    /** eta = 1 makes the lift the identity: the stored velocity equals the memoryless step. */
    @Test
    void liftWithEtaOneIsMemoryless() {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(29);
        INDArray x1 = rng.nextGaussian(new long[] {6, 5}).castTo(DataType.DOUBLE);
        INDArray x2 = x1.dup();
        INDArray m1 = Nd4j.zeros(DataType.DOUBLE, 6, 5);
        INDArray s1 = Nd4j.zeros(DataType.DOUBLE, 6, 5);
        INDArray m2 = m1.dup();
        INDArray s2 = s1.dup();
        INDArray vel = Nd4j.zeros(DataType.DOUBLE, 6, 5);
        for (int t = 1; t <= 20; t++) {
            INDArray g = rng.nextGaussian(new long[] {6, 5}).castTo(DataType.DOUBLE).addi(x1);
            RloStep.Field f1 = RloStep.field(Euclidean.INSTANCE, x1, g, m1, s1, RloDirection.TANH, 0.9, 0.99, 0.999,
                    1e-8, 5.0, true, true, t, EpsilonConvention.DL4J);
            RloStep.Field f2 = RloStep.field(Euclidean.INSTANCE, x2, g, m2, s2, RloDirection.TANH, 0.9, 0.99, 0.999,
                    1e-8, 5.0, true, true, t, EpsilonConvention.DL4J);
            double k = RloStep.kappa(30, f1.phiSquaredNorm);
            x1.subi(RloStep.update(Euclidean.INSTANCE, x1, f1, m1, null, k, 1e-2, 0.1, 1.0, 0.05, 1e-8, true, true));
            x2.subi(RloStep.update(Euclidean.INSTANCE, x2, f2, m2, vel, k, 1e-2, 0.1, 1.0, 0.05, 1e-8, true, true));
        }
        assertEquals(x1, x2);
    }

    /** With global normalisation the field part has RMS exactly 1 over all coordinates, like sign. */
    @Test
    void globalNormalisationGivesTheFieldUnitRms() {
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(31);
        INDArray g1 = rng.nextGaussian(new long[] {3, 4}).castTo(DataType.DOUBLE).muli(1e-3);
        INDArray g2 = rng.nextGaussian(new long[] {5}).castTo(DataType.DOUBLE).muli(1e-3);
        RloStep.Field f1 = RloStep.field(Euclidean.INSTANCE, null, g1, Nd4j.zeros(DataType.DOUBLE, 3, 4),
                Nd4j.zeros(DataType.DOUBLE, 3, 4), RloDirection.TANH, 0.9, 0.99, 0.999, 1e-8, 5.0, true, false, 1,
                EpsilonConvention.DL4J);
        RloStep.Field f2 = RloStep.field(Euclidean.INSTANCE, null, g2, Nd4j.zeros(DataType.DOUBLE, 5),
                Nd4j.zeros(DataType.DOUBLE, 5), RloDirection.TANH, 0.9, 0.99, 0.999, 1e-8, 5.0, true, false, 1,
                EpsilonConvention.DL4J);
        double k = RloStep.kappa(17, f1.phiSquaredNorm + f2.phiSquaredNorm);
        INDArray u1 = RloStep.update(Euclidean.INSTANCE, null, f1, Nd4j.zeros(DataType.DOUBLE, 3, 4), null, k, 1.0,
                0.0, 1.0, 0.0, 1e-8, true, true);
        INDArray u2 = RloStep.update(Euclidean.INSTANCE, null, f2, Nd4j.zeros(DataType.DOUBLE, 5), null, k, 1.0,
                0.0, 1.0, 0.0, 1e-8, true, true);
        double sq = u1.mul(u1).sumNumber().doubleValue() + u2.mul(u2).sumNumber().doubleValue();
        assertEquals(1.0, Math.sqrt(sq / 17), 1e-12);
    }
}
