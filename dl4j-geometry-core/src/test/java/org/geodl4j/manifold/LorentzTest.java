package org.geodl4j.manifold;

import static org.geodl4j.manifold.LorentzSamples.gaussian;
import static org.geodl4j.manifold.LorentzSamples.logUniform;
import static org.geodl4j.manifold.LorentzSamples.maxAbs;
import static org.geodl4j.manifold.LorentzSamples.minkowski;
import static org.geodl4j.manifold.LorentzSamples.points;
import static org.geodl4j.manifold.LorentzSamples.tangentsWithNorms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Laws of the hyperboloid in float64, for c in {0.3, 1, 2.5}. */
class LorentzTest {

    private static final long N = 200;
    private static final long DIM = 5; // spatial dimension n; points have n + 1 = 6 coordinates

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static void report(String law, double c, double err) {
        System.out.printf("LorentzTest %-45s c=%.1f max err %.3e%n", law, c, err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void projxLandsOnManifold(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = m.projx(gaussian(1, N, DIM + 1).muli(3.0));
        double err = maxAbs(minkowski(x, x).addi(1 / c));
        report("projx on manifold |<x,x>+1/c|", c, err);
        assertTrue(err < 1e-12, "max |<x,x>_L + 1/c| = " + err);
        assertEquals(Optional.empty(), m.checkPoint(x, 1e-12));
        INDArray y = points(c, 2, N, DIM, 2.0);
        assertTrue(maxAbs(m.projx(y).sub(y)) < 1e-12, "projx moves points already on the manifold");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void projuGivesTangentVectors(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 3, N, DIM, 2.0);
        INDArray u = m.proju(x, gaussian(4, N, DIM + 1));
        double err = maxAbs(minkowski(x, u));
        report("proju tangent |<x,u>|", c, err);
        assertTrue(err < 1e-10, "max |<x, proju(x, a)>_L| = " + err);
        assertTrue(maxAbs(m.proju(x, u).sub(u)) < 1e-10, "proju is not idempotent");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void expmapOfLogmapIsIdentity(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 5, N, DIM, 2.0);
        INDArray y = points(c, 6, N, DIM, 2.0);
        double err = maxAbs(m.expmap(x, m.logmap(x, y)).sub(y));
        report("exp_x(log_x y) = y", c, err);
        assertTrue(err < 1e-9, "max |exp_x(log_x y) - y| = " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void logmapOfExpmapIsIdentity(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 7, N, DIM, 2.0);
        INDArray v = tangentsWithNorms(c, x, 8, logUniform(9, N, 1e-6, 4.0));
        INDArray back = m.logmap(x, m.expmap(x, v));
        double err = maxAbs(back.sub(v));
        report("log_x(exp_x v) = v", c, err);
        assertTrue(err < 1e-9, "max |log_x(exp_x v) - v| = " + err);
        double tangency = maxAbs(minkowski(x, back));
        assertTrue(tangency < 1e-9, "logmap is not tangent: " + tangency);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void expmap0AndLogmap0AreInverseAndAgreeWithExpmapAndLogmapAtOrigin(double c) {
        Lorentz m = new Lorentz(c);
        INDArray us = LorentzSamples.directions(10, N, DIM).muliColumnVector(logUniform(11, N, 1e-8, 6.0 / Math.sqrt(c)));
        INDArray x = m.expmap0(us);
        assertArrayEquals(new long[] {N, DIM + 1}, x.shape());
        assertEquals(Optional.empty(), m.checkPoint(x, 1e-12));
        double roundTrip = maxAbs(m.logmap0(x).sub(us));
        INDArray o = m.origin(DataType.DOUBLE, N, DIM + 1);
        INDArray u = Nd4j.hstack(Nd4j.zeros(DataType.DOUBLE, N, 1), us);
        double expAgree = maxAbs(m.expmap(o, u).sub(x));
        INDArray y = points(c, 12, N, DIM, 2.0);
        INDArray logFull = m.logmap(o, y);
        double logAgree = maxAbs(logFull.getColumns(1, 2, 3, 4, 5).sub(m.logmap0(y)));
        double logTime = maxAbs(logFull.getColumn(0));
        double y2 = maxAbs(m.expmap0(m.logmap0(y)).sub(y));
        report("logmap0(expmap0 u) = u", c, roundTrip);
        report("expmap0 = expmap(o, .)", c, expAgree);
        report("logmap0 = logmap(o, .)", c, logAgree);
        report("expmap0(logmap0 y) = y", c, y2);
        assertTrue(roundTrip < 1e-10, "logmap0(expmap0(u)) - u = " + roundTrip);
        assertTrue(expAgree < 1e-10, "expmap0 vs expmap at origin: " + expAgree);
        assertTrue(logAgree < 1e-10 && logTime < 1e-10, "logmap0 vs logmap at origin: " + logAgree + ", time " + logTime);
        assertTrue(y2 < 1e-10, "expmap0(logmap0(y)) - y = " + y2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void distanceAlongExpmapEqualsTangentNorm(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 13, N, DIM, 2.0);
        INDArray norms = logUniform(14, N, 1e-7, 5.0);
        INDArray v = tangentsWithNorms(c, x, 15, norms);
        INDArray err = Transforms.abs(m.dist(x, m.expmap(x, v)).sub(norms), false);
        INDArray relErr = err.div(norms);
        // below |v| ~ 1e-3 the error is the rounding of the coordinates of x (~1e-16 x0), not of the formula
        double absErr = maxAbs(err);
        double relErrAbove1em3 = maxAbs(relErr.muli(norms.gt(1e-3).castTo(DataType.DOUBLE)));
        double normErr = maxAbs(m.norm(x, v).sub(norms).divi(norms));
        report("d(x, exp_x v) = |v|_L (absolute)", c, absErr);
        report("d(x, exp_x v) = |v|_L (relative, |v|>1e-3)", c, relErrAbove1em3);
        assertTrue(absErr < 1e-10, "max |d(x, exp_x v) - |v|_L| = " + absErr);
        assertTrue(relErrAbove1em3 < 1e-10, "max relative error for |v| > 1e-3: " + relErrAbove1em3);
        assertTrue(normErr < 1e-9, "norm(x, v) differs from the constructed norm: " + normErr);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void distIsSymmetricZeroOnDiagonalAndSatisfiesTriangleInequality(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 16, N, DIM, 2.0);
        INDArray y = points(c, 17, N, DIM, 2.0);
        INDArray z = points(c, 18, N, DIM, 2.0);
        INDArray dxy = m.dist(x, y);
        assertTrue(maxAbs(dxy.sub(m.dist(y, x))) < 1e-12, "dist is not symmetric");
        double diag = maxAbs(m.dist(x, x));
        assertTrue(diag < 1e-14, "d(x, x) = " + diag);
        double slack = Transforms.min(m.dist(x, z).addi(m.dist(z, y)).subi(dxy), 0.0, false).minNumber().doubleValue();
        assertTrue(slack > -1e-12, "triangle inequality violated by " + slack);
        // against the closed form (1/sqrt c) arcosh(-c <x,y>_L), evaluated independently
        double[] ip = minkowski(x, y).toDoubleVector();
        double[] d = dxy.toDoubleVector();
        double err = 0;
        for (int i = 0; i < d.length; i++) {
            double a = -c * ip[i];
            err = Math.max(err, Math.abs(d[i] - Math.log(a + Math.sqrt(a * a - 1)) / Math.sqrt(c)));
        }
        report("dist = arcosh form", c, err);
        assertTrue(err < 1e-10, "dist vs arcosh(-c<x,y>_L)/sqrt(c): " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void parallelTransportPreservesMinkowskiInnerAndLandsInTargetTangentSpace(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 19, N, DIM, 2.0);
        INDArray y = points(c, 20, N, DIM, 2.0);
        INDArray u = tangentsWithNorms(c, x, 21, logUniform(22, N, 0.1, 3.0));
        INDArray v = tangentsWithNorms(c, x, 23, logUniform(24, N, 0.1, 3.0));
        INDArray pu = m.transp(x, y, u);
        INDArray pv = m.transp(x, y, v);
        double isometry = maxAbs(m.inner(y, pu, pv).sub(m.inner(x, u, v)));
        double tangency = maxAbs(minkowski(y, pu));
        report("PT preserves <u,v>_L", c, isometry);
        report("PT lands in T_y", c, tangency);
        assertTrue(isometry < 1e-9, "PT changes <u,v>_L by " + isometry);
        assertTrue(tangency < 1e-9, "PT(u) not tangent at y: " + tangency);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void transportThereAndBackIsIdentity(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 25, N, DIM, 2.0);
        INDArray y = points(c, 26, N, DIM, 2.0);
        INDArray v = tangentsWithNorms(c, x, 27, logUniform(28, N, 0.1, 3.0));
        double err = maxAbs(m.transp(y, x, m.transp(x, y, v)).sub(v));
        report("PT_{y->x} PT_{x->y} v = v", c, err);
        assertTrue(err < 1e-9, "transport there and back: " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void transp0AndTransp0backAgreeWithTransp(double c) {
        Lorentz m = new Lorentz(c);
        INDArray o = m.origin(DataType.DOUBLE, N, DIM + 1);
        INDArray y = points(c, 29, N, DIM, 2.0);
        INDArray u = Nd4j.hstack(Nd4j.zeros(DataType.DOUBLE, N, 1), gaussian(30, N, DIM));
        INDArray v = tangentsWithNorms(c, y, 31, logUniform(32, N, 0.1, 3.0));
        double forward = maxAbs(m.transp0(y, u).sub(m.transp(o, y, u)));
        double back = maxAbs(m.transp0back(y, v).sub(m.transp(y, o, v)));
        double time = maxAbs(m.transp0back(y, v).getColumn(0));
        double roundTrip = maxAbs(m.transp0back(y, m.transp0(y, u)).sub(u));
        report("transp0 = transp(o, y, .)", c, forward);
        report("transp0back = transp(y, o, .)", c, back);
        assertTrue(forward < 1e-10, "transp0 vs transp: " + forward);
        assertTrue(back < 1e-10, "transp0back vs transp: " + back);
        assertTrue(time < 1e-10, "transp0back leaves a time coordinate " + time);
        assertTrue(roundTrip < 1e-10, "transp0back(transp0(u)) - u = " + roundTrip);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void egrad2rgradGivesTheTangentVectorRepresentingTheDirectionalDerivative(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 33, N, DIM, 2.0);
        INDArray g = gaussian(34, N, DIM + 1);
        INDArray rgrad = m.egrad2rgrad(x, g);
        INDArray u = tangentsWithNorms(c, x, 35, logUniform(36, N, 0.1, 3.0));
        double err = maxAbs(m.inner(x, rgrad, u).sub(g.mul(u).sum(true, 1)));
        double tangency = maxAbs(minkowski(x, rgrad));
        report("<rgrad, u>_L = <egrad, u>_E", c, err);
        assertTrue(err < 1e-10, "<rgrad, u>_L - <egrad, u> = " + err);
        assertTrue(tangency < 1e-10, "rgrad not tangent: " + tangency);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void centroidMinimisesWeightedSquaredLorentzianDistanceAndIsOnManifold(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 37, 40, DIM, 2.0);
        INDArray w = LorentzSamples.uniform(38, 40).reshape(40).addi(0.1);
        for (INDArray weights : new INDArray[] {null, w}) {
            INDArray mu = m.centroid(x, weights);
            assertArrayEquals(new long[] {1, DIM + 1}, mu.shape());
            assertEquals(Optional.empty(), m.checkPoint(mu, 1e-12));
            INDArray wv = weights == null ? Nd4j.ones(DataType.DOUBLE, 40) : weights;
            double best = objective(c, x, wv, mu);
            INDArray candidates = m.expmap(mu.repeat(0, 64), tangentsWithNorms(c, mu.repeat(0, 64), 39,
                    logUniform(40, 64, 1e-4, 1.0)));
            for (int k = 0; k < 64; k++) {
                double other = objective(c, x, wv, candidates.getRow(k, true));
                assertTrue(other > best, "candidate " + k + " beats the centroid: " + other + " <= " + best);
            }
        }
    }

    /** sum_i w_i (-2/c - 2 <x_i, mu>_L). */
    private static double objective(double c, INDArray x, INDArray w, INDArray mu) {
        INDArray d2 = minkowski(x, mu.repeat(0, x.rows())).muli(-2).addi(-2 / c);
        return d2.reshape(x.rows()).mul(w).sumNumber().doubleValue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void originAndRandomPointsLieOnManifoldAndAreReproducible(double c) {
        Lorentz m = new Lorentz(c);
        INDArray o = m.origin(DataType.DOUBLE, 3, DIM + 1);
        assertEquals(1 / Math.sqrt(c), o.getDouble(2, 0), 0.0);
        assertEquals(0.0, maxAbs(o.getColumns(1, 2, 3, 4, 5)), 0.0);
        assertEquals(0.0, maxAbs(m.logmap0(o)), 0.0);
        INDArray r = m.randomPoint(41, DataType.DOUBLE, 500, DIM + 1);
        assertEquals(Optional.empty(), m.checkPoint(r, 1e-12));
        assertEquals(r, m.randomPoint(41, DataType.DOUBLE, 500, DIM + 1));
        assertNotEquals(r, m.randomPoint(42, DataType.DOUBLE, 500, DIM + 1));
        double meanSquaredDistance = Transforms.pow(m.dist(o.getRow(0, true).repeat(0, 500), r), 2, false).meanNumber().doubleValue();
        assertEquals(1.0, meanSquaredDistance, 0.15, "E d(o, x)^2 of the wrapped normal");
        INDArray r3 = m.randomPoint(43, DataType.FLOAT, 2, 3, DIM + 1);
        assertArrayEquals(new long[] {2, 3, DIM + 1}, r3.shape());
        assertEquals(Optional.empty(), m.checkPoint(r3, 1e-5));
    }

    @Test
    void verbsWorkOnRank3Batches() {
        Lorentz m = new Lorentz(1.0);
        INDArray x = points(1.0, 44, 12, DIM, 2.0);
        INDArray y = points(1.0, 45, 12, DIM, 2.0);
        INDArray x3 = x.reshape(3, 4, DIM + 1);
        INDArray y3 = y.reshape(3, 4, DIM + 1);
        assertEquals(m.logmap(x, y).reshape(3, 4, DIM + 1), m.logmap(x3, y3));
        assertEquals(m.dist(x, y).reshape(3, 4, 1), m.dist(x3, y3));
        assertEquals(m.expmap0(m.logmap0(y)).reshape(3, 4, DIM + 1), m.expmap0(m.logmap0(y3)));
        assertEquals(m.origin(DataType.DOUBLE, 12, DIM + 1).reshape(3, 4, DIM + 1), m.origin(DataType.DOUBLE, 3, 4, DIM + 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void expmapCapsTheStepAt10OverSqrtCAndNormOfZeroIsZero(double c) {
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 46, 8, DIM, 1.0);
        INDArray huge = tangentsWithNorms(c, x, 47, Nd4j.valueArrayOf(new long[] {8, 1}, 1e3));
        INDArray d = m.dist(x, m.retr(x, huge));
        assertEquals(Lorentz.MAX_EXPMAP_ARG / Math.sqrt(c), d.maxNumber().doubleValue(), 1e-8);
        assertEquals(Lorentz.MAX_EXPMAP_ARG / Math.sqrt(c), d.minNumber().doubleValue(), 1e-8);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 8, DIM + 1);
        assertEquals(0.0, maxAbs(m.norm(x, zero)), 0.0);
        assertTrue(maxAbs(m.expmap(x, zero).sub(x)) < 1e-14);
        assertEquals(m.expmap(x, huge), m.retr(x, huge));
    }

    @Test
    void constructorRejectsNonPositiveOrNonFiniteCurvature() {
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lorentz(bad));
            assertTrue(e.getMessage().contains("Lorentz") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void checkPointFlagsOffManifoldPointsWithTheReason() {
        Lorentz m = new Lorentz(1.0);
        INDArray x = m.randomPoint(48, DataType.DOUBLE, 5, 3);
        assertEquals(Optional.empty(), m.checkPoint(x, 1e-10));

        INDArray off = x.dup();
        off.putRow(2, Nd4j.createFromArray(Math.sqrt(0.8), 0.0, 0.0));
        String reason = m.checkPoint(off, 1e-5).orElseThrow();
        assertTrue(reason.startsWith("row 2: <x,x>_L = -0.8") && reason.contains("expected -1/c = -1.0"), reason);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.assertOnManifold(off, 1e-5, "layer 3 bias"));
        assertTrue(e.getMessage().startsWith("layer 3 bias: expected points on Lorentz(c=1.0) but row 2"), e.getMessage());

        INDArray lower = x.dup();
        lower.putRow(1, x.getRow(1).neg());
        assertTrue(m.checkPoint(lower, 1e-5).orElseThrow().startsWith("row 1: time coordinate x0 = -"));

        INDArray nan = x.dup();
        nan.putScalar(4, 1, Double.NaN);
        assertEquals("row 4: coordinate 1 is NaN", m.checkPoint(nan, 1e-5).orElseThrow());
    }

    @Test
    void equalsHashCodeToStringAndJavaSerialisation() throws Exception {
        Lorentz m = new Lorentz(2.5);
        assertEquals(new Lorentz(2.5), m);
        assertEquals(new Lorentz(2.5).hashCode(), m.hashCode());
        assertNotEquals(new Lorentz(1.0), m);
        assertEquals("Lorentz(c=2.5)", m.toString());
        assertEquals(2.5, m.c(), 0.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(m, in.readObject());
        }
    }
}
