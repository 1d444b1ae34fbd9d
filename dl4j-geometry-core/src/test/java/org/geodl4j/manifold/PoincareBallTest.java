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
