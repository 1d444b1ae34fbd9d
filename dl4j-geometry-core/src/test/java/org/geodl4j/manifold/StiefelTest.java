package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Stiefel-specific checks beyond {@link ManifoldContractTest}: Cayley stability, batching, the exact geodesic, errors. */
class StiefelTest {

    private static final Stiefel ST = Stiefel.INSTANCE;

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray gaussian(long seed, long... shape) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(shape).castTo(DataType.DOUBLE);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        assertTrue(!BooleanIndexing.or(b, Conditions.notFinite()), "non-finite values");
        return Transforms.abs(a.sub(b), false).maxNumber().doubleValue();
    }

    private static DenseMatrix dense(INDArray m) {
        double[] d = Nd4j.toFlattened('c', m).castTo(DataType.DOUBLE).toDoubleVector();
        return DenseMatrix.copyOf(d, 0, (int) m.size(0), (int) m.size(1));
    }

    private static double defect(INDArray x) {
        double worst = 0.0;
        INDArray batch = x.rank() == 2 ? x.reshape(1, x.size(0), x.size(1)) : x;
        for (int b = 0; b < batch.size(0); b++) {
            worst = Math.max(worst, Stiefel.orthonormalityDefect(dense(batch.slice(b))));
        }
        return worst;
    }

    @Test
    void cayleyRetractionKeepsOrthonormalityOverHundredLargeSteps() {
        INDArray x = ST.randomPoint(1, DataType.DOUBLE, 4, 8, 3);
        INDArray v = ST.proju(x, gaussian(2, 4, 8, 3));
        INDArray v0norm = ST.norm(x, v);
        double worstDefect = 0.0;
        double worstTangency = 0.0;
        for (int step = 0; step < 100; step++) {
            INDArray u = ST.proju(x, gaussian(100 + step, 4, 8, 3)).muli(5.0); // |u| ~ 20: far beyond "small"
            INDArray[] yv = ST.retrTransp(x, u, v);
            x = yv[0];
            v = yv[1];
            worstDefect = Math.max(worstDefect, defect(x));
            worstTangency = Math.max(worstTangency, maxAbsDiff(v, ST.proju(x, v)));
        }
        assertTrue(worstDefect <= 1e-10, "max|X^T X - I| over 100 Cayley steps = " + worstDefect);
        assertTrue(worstTangency <= 1e-10, "transported vector left the tangent space by " + worstTangency);
        double normDrift = maxAbsDiff(v0norm, ST.norm(x, v));
        assertTrue(normDrift <= 1e-10, "Cayley transport changed |v|_X by " + normDrift);
    }

    @Test
    void retrTranspAppliesTheSameCayleyOperatorToXAndV() {
        INDArray x = ST.randomPoint(3, DataType.DOUBLE, 2, 7, 3);
        INDArray u = ST.proju(x, gaussian(4, 2, 7, 3));
        // Q X = Y: transporting the point itself by the operator gives the retracted point
        assertTrue(maxAbsDiff(ST.retr(x, u), ST.retrTransp(x, u, x)[1]) <= 1e-13);
    }

    @Test
    void batchedPointsGiveThePerMatrixResults() {
        INDArray x = ST.randomPoint(5, DataType.DOUBLE, 3, 6, 2);
        INDArray u = ST.proju(x, gaussian(6, 3, 6, 2));
        INDArray v = ST.proju(x, gaussian(7, 3, 6, 2));
        INDArray a = gaussian(8, 3, 6, 2);
        INDArray retr = ST.retr(x, u);
        INDArray exp = ST.expmap(x, u);
        INDArray[] rt = ST.retrTransp(x, u, v);
        INDArray[] et = ST.expmapTransp(x, u, v);
        INDArray inner = ST.inner(x, u, v);
        assertArrayEquals(new long[] {3, 1, 1}, inner.shape());
        for (int b = 0; b < 3; b++) {
            INDArray xb = x.slice(b);
            INDArray ub = u.slice(b);
            INDArray vb = v.slice(b);
            INDArray ab = a.slice(b);
            assertEquals(0.0, maxAbsDiff(ST.retr(xb, ub), retr.slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.expmap(xb, ub), exp.slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.retrTransp(xb, ub, vb)[1], rt[1].slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.expmapTransp(xb, ub, vb)[1], et[1].slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.proju(xb, ab), ST.proju(x, a).slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.egrad2rgrad(xb, ab), ST.egrad2rgrad(x, a).slice(b)), 1e-15);
            assertEquals(0.0, maxAbsDiff(ST.projx(ab), ST.projx(a).slice(b)), 1e-15);
            assertArrayEquals(new long[] {1, 1}, ST.inner(xb, ub, vb).shape());
            assertEquals(ST.inner(xb, ub, vb).getDouble(0), inner.getDouble(b), 1e-15);
        }
    }

    @Test
    void expmapEqualsTheDenseExponentialOfTheHorizontalGenerator() {
        INDArray x = ST.randomPoint(9, DataType.DOUBLE, 6, 3);
        INDArray u = ST.proju(x, gaussian(10, 6, 3)).muli(1.5);
        DenseMatrix xm = dense(x);
        DenseMatrix um = dense(u);
        // W = Ū X^T - X Ū^T, Ū = U - X X^T U / 2 (n x n, assembled explicitly)
        DenseMatrix ubar = um.plusScaled(-0.5, xm.times(xm.transposeTimes(um)));
        DenseMatrix w = ubar.times(xm.transpose()).plusScaled(-1.0, xm.times(ubar.transpose()));
        DenseMatrix expected = w.expm().times(xm);
        DenseMatrix actual = dense(ST.expmap(x, u));
        double err = expected.plusScaled(-1.0, actual).normInf();
        assertTrue(err <= 1e-12, "low-rank geodesic vs dense e^W X: " + err);
    }

    @Test
    void expmapSolvesTheCanonicalGeodesicEquation() {
        // Edelman, Arias & Smith 1998, eq. 2.41: Y'' + Y' Y'^T Y + Y ((Y^T Y')^2 + Y'^T Y') = 0
        INDArray x = ST.randomPoint(11, DataType.DOUBLE, 5, 2);
        INDArray u = ST.proju(x, gaussian(12, 5, 2));
        double h = 1e-4;
        DenseMatrix yPlus = dense(ST.expmap(x, u.mul(h)));
        DenseMatrix yMinus = dense(ST.expmap(x, u.mul(-h)));
        DenseMatrix xm = dense(x);
        DenseMatrix um = dense(u);
        DenseMatrix accel = yPlus.plusScaled(-2.0, xm).plusScaled(1.0, yMinus).scaled(1.0 / (h * h));
        DenseMatrix xtu = xm.transposeTimes(um);
        DenseMatrix residual = accel.plusScaled(1.0, um.times(um.transposeTimes(xm)))
                .plusScaled(1.0, xm.times(xtu.times(xtu).plusScaled(1.0, um.transposeTimes(um))));
        assertTrue(residual.normInf() <= 1e-5, "geodesic equation residual " + residual.normInf());
        // the Euclidean-metric geodesic Y'' + Y (Y'^T Y') = 0 is a different curve whenever X^T U != 0
        DenseMatrix euclideanResidual = accel.plusScaled(1.0, xm.times(um.transposeTimes(um)));
        assertTrue(euclideanResidual.normInf() > 1e-2, "test cannot tell the two metrics apart");
    }

    @Test
    void expmapComposesAlongTheGeodesic() {
        INDArray x = ST.randomPoint(13, DataType.DOUBLE, 2, 5, 3);
        INDArray u = ST.proju(x, gaussian(14, 2, 5, 3));
        INDArray[] half = ST.expmapTransp(x, u, u);
        double err = maxAbsDiff(ST.expmap(x, u.mul(2.0)), ST.expmap(half[0], half[1]));
        assertTrue(err <= 1e-12, "exp_x(2u) vs exp_y(u'): " + err);
    }

    @Test
    void cayleyRetractionIsSecondOrder() {
        INDArray x = ST.randomPoint(15, DataType.DOUBLE, 6, 3);
        INDArray u = ST.proju(x, gaussian(16, 6, 3));
        double t = 0.1;
        double e1 = maxAbsDiff(ST.expmap(x, u.mul(t)), ST.retr(x, u.mul(t)));
        double e2 = maxAbsDiff(ST.expmap(x, u.mul(t / 2)), ST.retr(x, u.mul(t / 2)));
        // R_x(tu) - exp_x(tu) = O(t^3): halving t divides the gap by about 8
        assertTrue(e1 / e2 > 6.0 && e1 / e2 < 10.0, "error ratio " + e1 / e2 + " (" + e1 + ", " + e2 + ")");
    }

    @Test
    void wideShapesAreRejectedNamingTheShape() {
        INDArray wide = gaussian(17, 3, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ST.retr(wide, wide));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("Stiefel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ST.randomPoint(1, DataType.DOUBLE, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ST.origin(DataType.DOUBLE, 4));
        assertTrue(ST.checkPoint(wide, 1e-6).orElse("").contains("[3, 5]"));
        INDArray x = ST.randomPoint(1, DataType.DOUBLE, 5, 3);
        e = assertThrows(IllegalArgumentException.class, () -> ST.proju(x, gaussian(2, 5, 2)));
        assertTrue(e.getMessage().contains("[5, 2]") && e.getMessage().contains("[5, 3]"), e.getMessage());
    }

    @Test
    void logmapAndDistThrowSayingWhatToUseInstead() {
        INDArray x = ST.randomPoint(18, DataType.DOUBLE, 4, 2);
        INDArray y = ST.randomPoint(19, DataType.DOUBLE, 4, 2);
        UnsupportedOperationException log = assertThrows(UnsupportedOperationException.class, () -> ST.logmap(x, y));
        assertTrue(log.getMessage().contains("Stiefel") && log.getMessage().contains("retr"), log.getMessage());
        UnsupportedOperationException dist = assertThrows(UnsupportedOperationException.class, () -> ST.dist(x, y));
        assertTrue(dist.getMessage().contains("Stiefel") && dist.getMessage().contains("chordal"), dist.getMessage());
    }

    @Test
    void checkPointNamesTheBatchIndexAndTheDeviation() {
        INDArray x = ST.randomPoint(20, DataType.DOUBLE, 4, 5, 2);
        x.slice(2).muli(1.01);
        Optional<String> reason = ST.checkPoint(x, 1e-6);
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("matrix 2 of 4") && reason.get().contains("max|X^T X - I| = 0.020"),
                reason.get());
        assertTrue(ST.checkPoint(ST.randomPoint(20, DataType.DOUBLE, 5, 2).mul(1.01), 1e-6).orElse("")
                .startsWith("the matrix"));
    }

    @Test
    void projxReturnsThePolarFactor() {
        INDArray x = ST.randomPoint(21, DataType.DOUBLE, 7, 3);
        INDArray a = gaussian(22, 3, 3);
        INDArray spd = a.mmul(a.transpose()).addi(Nd4j.eye(3).muli(0.5)); // symmetric positive definite
        // polar(X S) = X for X on St(n, p) and S symmetric positive definite
        assertTrue(maxAbsDiff(x, ST.projx(x.mmul(spd))) <= 1e-12);
        // rank-deficient input: the polar factor is not unique but the result still has orthonormal columns
        INDArray deficient = Nd4j.concat(1, x.getColumn(0).reshape(7, 1), x.getColumn(0).reshape(7, 1),
                Nd4j.zeros(DataType.DOUBLE, 7, 1));
        INDArray p = ST.projx(deficient);
        assertTrue(defect(p) <= 1e-12, "defect " + defect(p));
    }

    @Test
    void randomPointIsTheSignFixedQFactorOfAGaussian() {
        long[] shape = {6, 4};
        INDArray q = ST.randomPoint(23, DataType.DOUBLE, shape);
        INDArray g = Nd4j.getRandomFactory().getNewRandomInstance(23).nextGaussian(shape).castTo(DataType.DOUBLE);
        INDArray r = q.transpose().mmul(g);
        for (int i = 0; i < 4; i++) {
            assertTrue(r.getDouble(i, i) > 0.0, "diag(R) must be positive");
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, r.getDouble(i, j), 1e-12, "R must be upper triangular");
            }
        }
        assertTrue(maxAbsDiff(g, q.mmul(r)) <= 1e-12);
    }

    @Test
    void originIsTheLeadingColumnsOfTheIdentity() {
        INDArray o = ST.origin(DataType.DOUBLE, 2, 4, 2);
        for (int b = 0; b < 2; b++) {
            assertEquals(Nd4j.eye(4).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), o.slice(b));
        }
    }

    @Test
    void float32CayleyStepsStayOrthonormalAndFloat32() {
        INDArray x = ST.randomPoint(24, DataType.FLOAT, 3, 16, 4);
        for (int step = 0; step < 20; step++) {
            INDArray u = ST.proju(x, gaussian(200 + step, 3, 16, 4).castTo(DataType.FLOAT)).muli(3.0f);
            x = ST.retr(x, u);
            assertEquals(DataType.FLOAT, x.dataType());
        }
        assertTrue(defect(x) <= 1e-5, "float32 defect after 20 steps " + defect(x));
    }
}
