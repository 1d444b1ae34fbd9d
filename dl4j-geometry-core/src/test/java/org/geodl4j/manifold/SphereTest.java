package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Sphere-specific checks beyond {@link ManifoldContractTest}: closed forms and the identical/antipodal edge cases. */
class SphereTest {

    private static final Sphere S = Sphere.INSTANCE;

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray vec(double... v) {
        return Nd4j.createFromArray(v).reshape(1, v.length);
    }

    private static INDArray e(int i) {
        double[] v = new double[3];
        v[i] = 1.0;
        return vec(v);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertFalse(BooleanIndexing.or(b, Conditions.notFinite()), "non-finite values in " + b);
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)), false).maxNumber()
                .doubleValue();
    }

    private static boolean finite(INDArray a) {
        return !BooleanIndexing.or(a, Conditions.notFinite());
    }

    @Test
    void distancesHaveTheirClosedForms() {
        assertEquals(Math.PI / 2, S.dist(e(0), e(1)).getDouble(0), 1e-15);
        assertEquals(Math.PI, S.dist(e(0), e(0).neg()).getDouble(0), 1e-15);
        assertEquals(Math.PI / 4, S.dist(e(0), vec(1, 1, 0).divi(Math.sqrt(2))).getDouble(0), 1e-15);
        assertEquals(0.0, S.dist(e(2), e(2)).getDouble(0), 0.0);
    }

    @Test
    void expmapFollowsTheGreatCircle() {
        for (double t : new double[] {0.5, Math.PI / 2, Math.PI, 4.0, 10.0}) {
            INDArray expected = e(0).mul(Math.cos(t)).addi(e(1).mul(Math.sin(t)));
            assertTrue(maxAbsDiff(expected, S.expmap(e(0), e(1).mul(t))) <= 1e-15, "t = " + t);
        }
    }

    @Test
    void logmapAndTranspHaveTheirClosedForms() {
        assertTrue(maxAbsDiff(e(1).mul(Math.PI / 2), S.logmap(e(0), e(1))) <= 1e-15);
        double t = 3.0; // close to, but not at, the antipode
        INDArray y = e(0).mul(Math.cos(t)).addi(e(1).mul(Math.sin(t)));
        assertTrue(maxAbsDiff(e(1).mul(t), S.logmap(e(0), y)) <= 1e-14);
        // transport along the quarter circle e1 -> e2 rotates the plane {e1, e2} and fixes e3
        assertTrue(maxAbsDiff(e(0).neg(), S.transp(e(0), e(1), e(1))) <= 1e-15);
        assertTrue(maxAbsDiff(e(2), S.transp(e(0), e(1), e(2))) <= 1e-15);
    }

    @Test
    void identicalAndAntipodalPointsGiveFiniteResults() {
        for (DataType dt : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = S.randomPoint(1, dt, 4, 5);
            INDArray v = S.proju(x, Nd4j.getRandomFactory().getNewRandomInstance(2).nextGaussian(new long[] {4, 5})
                    .castTo(dt));
            double tol = dt == DataType.DOUBLE ? 1e-15 : 1e-6;
            assertTrue(maxAbsDiff(Nd4j.zeros(dt, 4, 5), S.logmap(x, x)) <= tol, dt + ": log_x(x) = 0");
            assertTrue(maxAbsDiff(Nd4j.zeros(dt, 4, 1), S.dist(x, x)) <= tol, dt + ": d(x, x) = 0");
            assertTrue(maxAbsDiff(x, S.expmap(x, Nd4j.zeros(dt, 4, 5))) <= tol, dt + ": exp_x(0) = x");
            assertTrue(maxAbsDiff(x, S.expmap(x, v.mul(1e-30))) <= tol, dt + ": exp_x(tiny) = x");
            INDArray antipode = x.neg();
            // log_x(-x) is not unique; the implementation returns the (finite) zero vector, documented
            assertTrue(finite(S.logmap(x, antipode)), dt + ": log_x(-x) finite");
            assertTrue(maxAbsDiff(Nd4j.valueArrayOf(new long[] {4, 1}, Math.PI, dt), S.dist(x, antipode)) <= 10 * tol,
                    dt + ": d(x, -x) = pi");
            assertTrue(finite(S.transp(x, antipode, v)), dt + ": transport to the antipode finite");
            assertTrue(finite(S.expmap(x, v.mul(Math.PI / S.norm(x, v).getDouble(0)))), dt + ": exp to antipode");
        }
    }

    @Test
    void tinyAndNearlyAntipodalAnglesAreAccurate() {
        INDArray x = e(0);
        for (double theta : new double[] {1e-9, 1e-5, Math.PI - 1e-6}) {
            INDArray y = e(0).mul(Math.cos(theta)).addi(e(1).mul(Math.sin(theta)));
            double d = S.dist(x, y).getDouble(0);
            // arccos<x, y> would return 0 for theta = 1e-9 and lose half the digits near pi
            assertEquals(theta, d, 1e-6 * theta, "dist at theta = " + theta);
            INDArray log = S.logmap(x, y);
            assertEquals(theta, log.getDouble(0, 1), 1e-6 * theta, "logmap at theta = " + theta);
            assertEquals(0.0, log.getDouble(0, 0), 1e-15 + 1e-9 * theta);
        }
    }

    @Test
    void checkPointNamesTheOffendingPoint() {
        INDArray x = S.randomPoint(3, DataType.DOUBLE, 4, 3);
        x.getRow(2).muli(1.5);
        Optional<String> reason = S.checkPoint(x, 1e-6);
        assertTrue(reason.isPresent() && reason.get().contains("point 2") && reason.get().contains("norm 1.5"),
                reason.orElse(""));
        assertFalse(S.checkPoint(S.projx(x), 1e-12).isPresent());
    }

    @Test
    void originIsTheFirstBasisVector() {
        INDArray o = S.origin(DataType.DOUBLE, 2, 3, 4);
        assertEquals(6.0, o.sumNumber().doubleValue(), 0.0);
        assertEquals(1.0, o.getDouble(1, 2, 0), 0.0);
        assertEquals(vec(1, 0, 0, 0).reshape(4), S.origin(DataType.DOUBLE, 4));
    }
}
