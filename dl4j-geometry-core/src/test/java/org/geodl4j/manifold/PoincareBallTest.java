package org.geodl4j.manifold;

import static org.geodl4j.manifold.BallSamples.maxAbsDiff;
import static org.geodl4j.manifold.BallSamples.points;
import static org.geodl4j.manifold.BallSamples.vectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The laws of the Poincaré-ball formulas in float64 (INDArray form), for several curvatures. */
class PoincareBallTest {

    private static final DataType D = DataType.DOUBLE;
    private static final int N = 64;
    private static final int DIM = 5;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Points well inside (first half of the rows) and near the boundary (second half). */
    static INDArray mixedPoints(long seed, double c, double nearFrac) {
        INDArray inside = points(seed, N / 2, DIM, c, 0.0, 0.8, D);
        INDArray near = points(seed + 1, N / 2, DIM, c, 0.9, nearFrac, D);
        return Nd4j.vstack(inside, near);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void expmapAfterLogmapIsIdentity(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(11, c, 0.99);
        INDArray y = mixedPoints(12, c, 0.99);
        double err = maxAbsDiff(ball.expmap(x, ball.logmap(x, y)), y);
        assertTrue(err <= 1e-9, "exp_x(log_x y) - y = " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void logmapAfterExpmapIsIdentity(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(13, c, 0.99);
        // tangent vectors of Riemannian norm 1e-6 ... 4 (the result stays well inside the float64 projection limit)
        INDArray v = vectors(14, N, DIM, 1e-6, 4.0, D).div(ball.lambda(x));
        INDArray back = ball.logmap(x, ball.expmap(x, v));
        double err = maxAbsDiff(back.mul(ball.lambda(x)), v.mul(ball.lambda(x)));
        assertTrue(err <= 1e-9, "lambda_x (log_x(exp_x v) - v) = " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void distanceToExpmapIsTangentNorm(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(15, c, 0.99);
        INDArray v = vectors(16, N, DIM, 1e-4, 4.9, D).div(ball.lambda(x));
        double err = maxAbsDiff(ball.dist(x, ball.expmap(x, v)), ball.norm(x, v));
        assertTrue(err <= 1e-9, "d(x, exp_x v) - ||v||_x = " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void transportIsAnIsometry(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(17, c, 0.99);
        INDArray y = mixedPoints(18, c, 0.99);
        INDArray u = vectors(19, N, DIM, 0.1, 3, D);
        INDArray v = vectors(20, N, DIM, 0.1, 3, D);
        INDArray before = ball.inner(x, u, v);
        INDArray after = ball.inner(y, ball.transp(x, y, u), ball.transp(x, y, v));
        double rel = after.sub(before).div(ball.norm(x, u).mul(ball.norm(x, v))).amaxNumber().doubleValue();
        assertTrue(rel <= 1e-9, "relative change of <u,v> under transport = " + rel);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void riemannianGradientRepresentsTheEuclideanDifferential(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(21, c, 0.999);
        INDArray g = vectors(22, N, DIM, 0.01, 10, D);
        INDArray u = vectors(23, N, DIM, 0.01, 10, D);
        INDArray riem = ball.inner(x, ball.egrad2rgrad(x, g), u);
        INDArray eucl = SafeMath.dot(g, u);
        double rel = riem.sub(eucl).div(g.norm2(true, -1).mul(u.norm2(true, -1))).amaxNumber().doubleValue();
        assertTrue(rel <= 1e-12, "<rgrad, u>_x - <egrad, u> (relative) = " + rel);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void expmap0AndLogmap0AreInverse(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray y = mixedPoints(31, c, 0.999);
        double err1 = maxAbsDiff(ball.expmap0(ball.logmap0(y)), y);
        INDArray v = vectors(32, N, DIM, 1e-8, 5.0, D);
        double err2 = maxAbsDiff(ball.logmap0(ball.expmap0(v)), v);
        report("exp0(log0 y) - y", err1);
        report("log0(exp0 v) - v", err2);
        assertTrue(err1 <= 1e-9 && err2 <= 1e-9, err1 + ", " + err2);
        // ||log_0 y||_0 = d(0, y)
        double err3 = maxAbsDiff(ball.norm(ball.origin(D, N, DIM), ball.logmap0(y)), ball.dist(ball.origin(D, N, DIM), y));
        assertTrue(err3 <= 1e-9, "||log0 y||_0 - d(0, y) = " + err3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void mobiusAdditionHasLeftCancellation(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(33, c, 0.99);
        INDArray y = mixedPoints(34, c, 0.99);
        double err = maxAbsDiff(ball.mobiusAdd(x.neg(), ball.mobiusAdd(x, y)), y);
        report("(-x)+(x+y) - y", err);
        assertTrue(err <= 1e-9, "(-x) ⊕ (x ⊕ y) - y = " + err);
        assertTrue(maxAbsDiff(ball.mobiusSub(x, x), Nd4j.zeros(D, N, DIM)) <= 1e-12, "x ⊖ x = 0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void mobiusAdditionIsGyroAssociative(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray u = mixedPoints(35, c, 0.95);
        INDArray v = mixedPoints(36, c, 0.95);
        INDArray w = mixedPoints(37, c, 0.95);
        INDArray left = ball.mobiusAdd(u, ball.mobiusAdd(v, w));
        INDArray right = ball.mobiusAdd(ball.mobiusAdd(u, v), ball.gyration(u, v, w));
        double err = maxAbsDiff(left, right);
        report("gyro-associativity", err);
        assertTrue(err <= 1e-9, "u ⊕ (v ⊕ w) - (u ⊕ v) ⊕ gyr[u,v]w = " + err);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void mobiusScalarMultiplicationRepeatsAdditionAndComposes(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = points(38, N, DIM, c, 0.0, 0.6, D);
        INDArray threeFold = ball.mobiusAdd(x, ball.mobiusAdd(x, x));
        double err1 = maxAbsDiff(threeFold, ball.mobiusScalarMul(3.0, x));
        double err2 = maxAbsDiff(ball.mobiusScalarMul(0.7 * -1.3, x), ball.mobiusScalarMul(0.7, ball.mobiusScalarMul(-1.3, x)));
        INDArray r = vectors(39, N, 1, 0.1, 3.0, D);
        double err3 = maxAbsDiff(ball.mobiusScalarMul(r, x).getRow(5), ball.mobiusScalarMul(r.getDouble(5, 0), x.getRow(5, true)).getRow(0));
        report("3 (x) x - x+x+x", err1);
        assertTrue(err1 <= 1e-9 && err2 <= 1e-9 && err3 <= 1e-15, err1 + ", " + err2 + ", " + err3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void distanceIsSymmetricZeroOnTheDiagonalAndSatisfiesTheTriangleInequality(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(40, c, 0.999);
        INDArray y = mixedPoints(41, c, 0.999);
        INDArray z = mixedPoints(42, c, 0.999);
        double asym = maxAbsDiff(ball.dist(x, y), ball.dist(y, x));
        double diag = ball.dist(x, x).amaxNumber().doubleValue();
        INDArray slack = ball.dist(x, y).add(ball.dist(y, z)).sub(ball.dist(x, z));
        report("d(x,y) - d(y,x)", asym);
        report("d(x,x)", diag);
        assertTrue(asym <= 1e-9, "d(x,y) - d(y,x) = " + asym);
        assertTrue(diag <= 1e-12, "d(x,x) = " + diag);
        assertTrue(slack.minNumber().doubleValue() >= -1e-9, "triangle slack " + slack.minNumber());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void artanhAndArcoshDistanceFormulasAgree(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(43, c, 0.999);
        INDArray y = mixedPoints(44, c, 0.999);
        INDArray diff2 = SafeMath.sqnorm(x.sub(y));
        INDArray den = SafeMath.sqnorm(x).mul(-c).add(1.0).mul(SafeMath.sqnorm(y).mul(-c).add(1.0));
        INDArray arcosh = SafeMath.arcosh(diff2.mul(2 * c).div(den).add(1.0)).div(Math.sqrt(c));
        INDArray d = ball.dist(x, y);
        double rel = arcosh.sub(d).div(d).amaxNumber().doubleValue();
        report("artanh vs arcosh distance (relative)", rel);
        assertTrue(d.minNumber().doubleValue() > 0.05, "pairs are apart, so arcosh is accurate");
        assertTrue(rel <= 1e-9, "relative difference " + rel);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void transportThereAndBackReturnsTheVector(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(45, c, 0.99);
        INDArray y = mixedPoints(46, c, 0.99);
        INDArray v = vectors(47, N, DIM, 0.01, 10, D);
        double err = maxAbsDiff(ball.transp(y, x, ball.transp(x, y, v)), v);
        report("PT_{y->x} PT_{x->y} v - v", err);
        assertTrue(err <= 1e-9, "" + err);
        // transport maps the geodesic's direction at x to minus its direction at y
        double err2 = maxAbsDiff(ball.transp(x, y, ball.logmap(x, y)), ball.logmap(y, x).neg());
        assertTrue(err2 <= 1e-9 * Math.max(1, ball.logmap(y, x).amaxNumber().doubleValue()), "PT log_x y + log_y x = " + err2);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void transportFromAndToTheOriginAgreeWithGeneralTransport(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray y = mixedPoints(48, c, 0.999);
        INDArray zero = ball.origin(D, N, DIM);
        INDArray v = vectors(49, N, DIM, 0.01, 10, D);
        double err0 = maxAbsDiff(ball.transp0(y, v), ball.transp(zero, y, v));
        double errBack = maxAbsDiff(ball.transp0back(y, v), ball.transp(y, zero, v)) / ball.transp0back(y, v).amaxNumber().doubleValue();
        report("transp0 - transp(0, y)", err0);
        report("transp0back - transp(y, 0) (relative)", errBack);
        assertTrue(err0 <= 1e-12 && errBack <= 1e-12, err0 + ", " + errBack);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void mobiusMatVecIsExpmap0OfTheLinearMapOfLogmap0(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(50, c, 0.99);
        INDArray w = vectors(51, DIM, 3, 0.2, 2.0, D);
        double err = maxAbsDiff(ball.mobiusMatVec(w, x), ball.expmap0(ball.logmap0(x).mmul(w)));
        report("M (x) x - exp0(log0(x) w)", err);
        assertTrue(err <= 1e-9, "" + err);
        // exactly zero where Mx = 0: the zero point and a weight whose columns are orthogonal to the point
        INDArray x0 = Nd4j.create(new double[][] {{0, 0}, {0.3, 0.0}});
        INDArray w0 = Nd4j.create(new double[][] {{0.0, 0.0}, {1.0, -2.0}});
        INDArray mx = ball.mobiusMatVec(w0, x0);
        assertEquals(0.0, mx.amaxNumber().doubleValue(), 0.0, "M (x) x = 0 where Mx = 0: " + mx);
        assertThrows(IllegalArgumentException.class, () -> ball.mobiusMatVec(w0, Nd4j.zeros(D, 2, 3)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void geodesicRunsFromXToYAndItsMidpointIsTheGyromidpoint(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = mixedPoints(52, c, 0.99);
        INDArray y = mixedPoints(53, c, 0.99);
        assertTrue(maxAbsDiff(ball.geodesic(x, y, 0.0), x) <= 1e-12);
        assertTrue(maxAbsDiff(ball.geodesic(x, y, 1.0), y) <= 1e-9);
        // d(x, gamma(t)) = t d(x, y)
        double errT = maxAbsDiff(ball.dist(x, ball.geodesic(x, y, 0.3)), ball.dist(x, y).mul(0.3));
        assertTrue(errT <= 1e-9, "d(x, gamma(0.3)) - 0.3 d(x, y) = " + errT);
        double worstEquidistance = 0;
        double worstOnGeodesic = 0;
        for (int i = 0; i < N; i += 3) {
            INDArray pair = Nd4j.vstack(x.getRow(i, true), y.getRow(i, true));
            INDArray m = ball.weightedMidpoint(pair, null);
            double dx = ball.dist(m, x.getRow(i, true)).getDouble(0);
            double dy = ball.dist(m, y.getRow(i, true)).getDouble(0);
            worstEquidistance = Math.max(worstEquidistance, Math.abs(dx - dy));
            worstOnGeodesic = Math.max(worstOnGeodesic, maxAbsDiff(m, ball.geodesic(x.getRow(i, true), y.getRow(i, true), 0.5)));
        }
        report("two-point midpoint |d(m,x) - d(m,y)|", worstEquidistance);
        assertTrue(worstEquidistance <= 1e-9, "" + worstEquidistance);
        assertTrue(worstOnGeodesic <= 1e-9, "midpoint - gamma(1/2) = " + worstOnGeodesic);
    }

    @Test
    void weightedMidpointHonoursWeights() {
        PoincareBall ball = new PoincareBall(2.5);
        INDArray x = mixedPoints(54, 2.5, 0.99);
        double err = maxAbsDiff(ball.weightedMidpoint(x, Nd4j.ones(D, N).mul(3.0)), ball.weightedMidpoint(x, null));
        assertTrue(err <= 1e-12, "scaling all weights changes nothing: " + err);
        INDArray onlyRow7 = Nd4j.zeros(D, N);
        onlyRow7.putScalar(7, 1.0);
        assertTrue(maxAbsDiff(ball.weightedMidpoint(x, onlyRow7), x.getRow(7, true)) <= 1e-9, "one non-zero weight selects its point");
        assertThrows(IllegalArgumentException.class, () -> ball.weightedMidpoint(x, Nd4j.ones(D, N + 1)));
        assertTrue(maxAbsDiff(ball.weightedMidpoint(x.getRow(3, true), null), x.getRow(3, true)) <= 1e-12, "midpoint of one point");
        assertTrue(maxAbsDiff(ball.frechetMean(x.getRow(3, true), null, 10, 1e-12), x.getRow(3, true)) <= 1e-12, "mean of one point");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void frechetMeanMinimisesTheSumOfSquaredDistancesAndZeroesTheLogSum(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray x = Nd4j.vstack(points(55, 12, DIM, c, 0.0, 0.8, D), points(56, 8, DIM, c, 0.9, 0.99, D));
        INDArray weights = vectors(57, 20, 1, 0.2, 2.0, D).reshape(20);
        weights = Nd4j.math().abs(weights);
        INDArray mu = ball.frechetMean(x, weights, 1000, 1e-13);
        INDArray mus = mu.repeat(0, 20);
        // sum_i w_i log_mu x_i = 0 (the Riemannian gradient of the objective, up to -2)
        INDArray logSum = ball.logmap(mus, x).mul(weights.reshape(20, 1)).sum(true, 0);
        double gradNorm = ball.norm(mu, logSum).getDouble(0);
        report("||sum w_i log_mu x_i||_mu", gradNorm);
        assertTrue(gradNorm <= 1e-9, "" + gradNorm);
        double objective = weightedSquaredDistances(ball, x, weights, mu);
        int candidates = 0;
        for (int k = 0; k < 24; k++) {
            double scale = 1e-3 * Math.pow(10, k % 3);
            INDArray other = ball.expmap(mu, vectors(100 + k, 1, DIM, scale, scale, D).div(ball.lambda(mu)));
            double value = weightedSquaredDistances(ball, x, weights, other);
            assertTrue(value > objective, "candidate " + k + " at distance " + scale + " has a smaller objective");
            candidates++;
        }
        assertEquals(24, candidates);
    }

    private static double weightedSquaredDistances(PoincareBall ball, INDArray x, INDArray weights, INDArray m) {
        INDArray d = ball.dist(m.repeat(0, x.size(0)), x);
        return d.mul(d).mul(weights.reshape(x.size(0), 1)).sumNumber().doubleValue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void projectionClipsToTheLimitAndKeepsInteriorPoints(double c) {
        PoincareBall ball = new PoincareBall(c);
        INDArray inside = points(58, N, DIM, c, 0.0, 0.99, D);
        assertEquals(0.0, maxAbsDiff(ball.projx(inside), inside), 0.0);
        INDArray outside = points(59, N, DIM, c, 1.0, 50.0, D);
        INDArray p = ball.projx(outside);
        double limit = (1 - PoincareBall.projectionEps(D)) / Math.sqrt(c);
        assertTrue(maxAbsDiff(p.norm2(true, -1), Nd4j.ones(D, N, 1).mul(limit)) <= 1e-12);
        assertEquals(0.0, maxAbsDiff(p.div(p.norm2(true, -1)), outside.div(outside.norm2(true, -1))), 1e-15);
        assertEquals(Optional.empty(), ball.checkPoint(p, 0.0));
        assertTrue(ball.checkPoint(outside.mul(0.0).add(outside.div(outside.norm2(true, -1)).mul(limit * (1 + 5e-6))), 1e-9)
                .orElse("").contains("projection radius"));
    }

    @Test
    void randomPointsSpreadOverTheBallInsideTheProjectionLimit() {
        for (double c : new double[] {0.3, 1.0, 2.5}) {
            PoincareBall ball = new PoincareBall(c);
            for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                INDArray p = ball.randomPoint(7, dt, 2000, DIM);
                assertEquals(dt, p.dataType());
                assertEquals(Optional.empty(), ball.checkPoint(p, 0.0));
                INDArray norms = p.castTo(D).norm2(1).mul(Math.sqrt(c));
                assertTrue(norms.maxNumber().doubleValue() > 0.98 && norms.minNumber().doubleValue() < 0.02,
                        "norms from the origin to the projection limit");
                assertEquals(0.0, maxAbsDiff(p, ball.randomPoint(7, dt, 2000, DIM)), 0.0, "reproducible");
            }
        }
        assertEquals(Nd4j.zeros(D, 3, 2), new PoincareBall(1).origin(D, 3, 2));
    }

    @Test
    void equalityHashToStringAndSerialisationFollowTheCurvature() throws Exception {
        PoincareBall a = new PoincareBall(0.5);
        assertEquals(a, new PoincareBall(0.5));
        assertEquals(a.hashCode(), new PoincareBall(0.5).hashCode());
        assertTrue(!a.equals(new PoincareBall(0.6)));
        assertEquals("PoincareBall(c=0.5)", a.toString());
        assertEquals(0.5, a.c());
        assertEquals(4e-3, PoincareBall.projectionEps(DataType.FLOAT));
        assertEquals(4e-3, PoincareBall.projectionEps(DataType.HALF));
        assertEquals(4e-3, PoincareBall.projectionEps(DataType.BFLOAT16));
        assertEquals(1e-5, PoincareBall.projectionEps(DataType.DOUBLE));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(a, in.readObject());
        }
    }

    @Test
    void argumentsAreNotModified() {
        PoincareBall ball = new PoincareBall(1.3);
        INDArray x = mixedPoints(60, 1.3, 0.99);
        INDArray y = mixedPoints(61, 1.3, 0.99);
        INDArray v = vectors(62, N, DIM, 0.1, 2, D);
        INDArray x0 = x.dup();
        INDArray y0 = y.dup();
        INDArray v0 = v.dup();
        ball.projx(x); ball.expmap(x, v); ball.logmap(x, y); ball.transp(x, y, v); ball.dist(x, y); ball.retr(x, v);
        ball.egrad2rgrad(x, v); ball.inner(x, v, v); ball.norm(x, v); ball.mobiusAdd(x, y); ball.mobiusSub(x, y);
        ball.mobiusScalarMul(0.3, x); ball.gyration(x, y, v); ball.expmap0(v); ball.logmap0(y); ball.transp0(y, v);
        ball.transp0back(y, v); ball.geodesic(x, y, 0.4); ball.weightedMidpoint(x, null); ball.lambda(x);
        ball.frechetMean(x, null, 50, 1e-10);
        assertEquals(x0, x);
        assertEquals(y0, y);
        assertEquals(v0, v);
    }

    @Test
    void retractionIsFirstOrderExpmap() {
        PoincareBall ball = new PoincareBall(1.0);
        INDArray x = points(63, N, DIM, 1.0, 0.0, 0.9, D);
        INDArray v = vectors(64, N, DIM, 1.0, 1.0, D).div(ball.lambda(x));
        double e1 = maxAbsDiff(ball.retr(x, v.mul(1e-3)), ball.expmap(x, v.mul(1e-3)));
        double e2 = maxAbsDiff(ball.retr(x, v.mul(1e-4)), ball.expmap(x, v.mul(1e-4)));
        assertTrue(e2 < e1 / 50, "retr - exp shrinks quadratically: " + e1 + " -> " + e2);
    }

    private static void report(String what, double value) {
        System.out.println("PoincareBallTest " + what + ": " + value);
    }

    @Test
    void badCurvatureIsRejected() {
        for (double c : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PoincareBall(c));
            assertTrue(e.getMessage().contains("c = " + c), e.getMessage());
        }
    }

    @Test
    void checkPointFlagsAnOutsidePoint() {
        PoincareBall ball = new PoincareBall(1.0);
        INDArray x = Nd4j.create(new double[][] {{0.1, 0.2}, {0.3, 0.0}, {0.0, 0.5}, {1.02, 0.0}});
        Optional<String> reason = ball.checkPoint(x, 1e-9);
        assertEquals(Optional.of("row 3 has norm 1.02 >= 1/sqrt(c) = 1.0"), reason);
        assertEquals(Optional.empty(), ball.checkPoint(ball.projx(x), 1e-9));
        INDArray nan = Nd4j.create(new double[][] {{0.1, Double.NaN}});
        assertEquals(Optional.of("row 0 contains NaN or infinite values"), ball.checkPoint(nan, 1e-9));
    }
}
