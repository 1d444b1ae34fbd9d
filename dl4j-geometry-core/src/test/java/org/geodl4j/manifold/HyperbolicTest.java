package org.geodl4j.manifold;

import static org.geodl4j.manifold.LorentzSamples.directions;
import static org.geodl4j.manifold.LorentzSamples.maxAbs;
import static org.geodl4j.manifold.LorentzSamples.points;
import static org.geodl4j.manifold.LorentzSamples.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Poincaré-ball / hyperboloid isometry in float64, for c in {0.3, 1, 2.5}. */
class HyperbolicTest {

    private static final long N = 200;
    private static final long DIM = 5;

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Ball points with c|p|^2 uniform-ish up to 0.9 (distance from 0 up to ~3.6/sqrt(c)). */
    private static INDArray ballPoints(double c, long seed) {
        INDArray r = uniform(seed, N).muli(Math.sqrt(0.9 / c));
        return directions(seed + 1, N, DIM).muliColumnVector(r);
    }

    /** The ball distance (1/sqrt c) arcosh(1 + 2c|p-q|^2 / ((1-c|p|^2)(1-c|q|^2))) in plain Java doubles. */
    private static double poincareDistance(double[] p, double[] q, double c) {
        double pp = 0;
        double qq = 0;
        double dd = 0;
        for (int i = 0; i < p.length; i++) {
            pp += p[i] * p[i];
            qq += q[i] * q[i];
            dd += (p[i] - q[i]) * (p[i] - q[i]);
        }
        double a = 1 + 2 * c * dd / ((1 - c * pp) * (1 - c * qq));
        return Math.log(a + Math.sqrt(a * a - 1)) / Math.sqrt(c);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void poincareToLorentzLandsOnTheHyperboloid(double c) {
        INDArray x = Hyperbolic.poincareToLorentz(ballPoints(c, 1), c);
        assertArrayEquals(new long[] {N, DIM + 1}, x.shape());
        assertEquals(Optional.empty(), new Lorentz(c).checkPoint(x, 1e-12));
        INDArray zero = Hyperbolic.poincareToLorentz(Nd4j.zeros(DataType.DOUBLE, 1, DIM), c);
        assertEquals(new Lorentz(c).origin(DataType.DOUBLE, 1, DIM + 1), zero);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void conversionsRoundTrip(double c) {
        INDArray p = ballPoints(c, 2);
        double ballErr = maxAbs(Hyperbolic.lorentzToPoincare(Hyperbolic.poincareToLorentz(p, c), c).sub(p));
        INDArray x = points(c, 3, N, DIM, 3.0);
        INDArray xBack = Hyperbolic.poincareToLorentz(Hyperbolic.lorentzToPoincare(x, c), c);
        double hypErr = maxAbs(xBack.sub(x).divColumnVector(x.getColumn(0, true)));
        System.out.printf("HyperbolicTest round trips c=%.1f: ball %.3e, hyperboloid (relative to x0) %.3e%n", c, ballErr, hypErr);
        assertTrue(ballErr < 1e-10, "ball -> hyperboloid -> ball: " + ballErr);
        assertTrue(hypErr < 1e-10, "hyperboloid -> ball -> hyperboloid: " + hypErr);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void conversionsPreserveDistances(double c) {
        Lorentz m = new Lorentz(c);
        INDArray p = ballPoints(c, 4);
        INDArray q = ballPoints(c, 6);
        double[] dl = m.dist(Hyperbolic.poincareToLorentz(p, c), Hyperbolic.poincareToLorentz(q, c)).toDoubleVector();
        double[][] pa = p.toDoubleMatrix();
        double[][] qa = q.toDoubleMatrix();
        double err = 0;
        for (int i = 0; i < N; i++) {
            err = Math.max(err, Math.abs(dl[i] - poincareDistance(pa[i], qa[i], c)));
        }
        INDArray x = points(c, 8, N, DIM, 3.0);
        INDArray y = points(c, 9, N, DIM, 3.0);
        double[] dx = m.dist(x, y).toDoubleVector();
        double[][] px = Hyperbolic.lorentzToPoincare(x, c).toDoubleMatrix();
        double[][] py = Hyperbolic.lorentzToPoincare(y, c).toDoubleMatrix();
        for (int i = 0; i < N; i++) {
            err = Math.max(err, Math.abs(dx[i] - poincareDistance(px[i], py[i], c)));
        }
        System.out.printf("HyperbolicTest distance preservation c=%.1f: max err %.3e%n", c, err);
        assertTrue(err < 1e-10, "|d_L - d_D| = " + err);
    }

    @Test
    void ballBoundaryMapsToFinitePoints() {
        INDArray onBoundary = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.0, 2.0}});
        INDArray x = Hyperbolic.poincareToLorentz(onBoundary, 1.0);
        assertTrue(Double.isFinite(x.sumNumber().doubleValue()) && x.getDouble(0, 0) > 0, x.toString());
    }

    @Test
    void nonPositiveCurvatureIsRejected() {
        INDArray p = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hyperbolic.poincareToLorentz(p, 0.0));
        assertTrue(e.getMessage().contains("poincareToLorentz") && e.getMessage().contains("0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hyperbolic.lorentzToPoincare(Nd4j.ones(DataType.DOUBLE, 1, 3), -1.0));
        assertThrows(IllegalArgumentException.class, () -> Hyperbolic.lorentzToPoincare(Nd4j.ones(DataType.DOUBLE, 1, 3), Double.NaN));
    }
}
