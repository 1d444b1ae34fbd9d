package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NewtonSchulzTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray gaussian(long seed, long rows, long cols) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {rows, cols})
                .castTo(DataType.DOUBLE);
    }

    /** {S, U, VT} of a (copied) matrix. */
    private static INDArray[] svd(INDArray a) {
        long m = a.rows();
        long n = a.columns();
        long k = Math.min(m, n);
        INDArray s = Nd4j.create(DataType.DOUBLE, k);
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {m, m}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(a.dup('f'), s, u, vt);
        return new INDArray[] {s, u, vt};
    }

    /**
     * The output keeps the input's singular vectors and maps every singular value above 1% of ||G||_F into the
     * documented band [0.68, 1.14]; checked as the diagonal of U^T O V on non-square inputs of both orientations.
     */
    @Test
    void singularValuesAboveOnePercentLandInTheBand() {
        long[][] shapes = {{256, 128}, {64, 160}, {96, 40}};
        int seed = 11;
        for (long[] shape : shapes) {
            INDArray g = gaussian(seed++, shape[0], shape[1]);
            INDArray[] usv = svd(g);
            double frob = g.norm2Number().doubleValue();
            INDArray o = NewtonSchulz.newtonSchulz5(g);
            long k = usv[0].length();
            INDArray u = usv[1].get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k));
            INDArray v = usv[2].transpose().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k));
            INDArray d = u.transpose().mmul(o).mmul(v);
            double min = Double.MAX_VALUE;
            double max = 0;
            int checked = 0;
            for (int i = 0; i < k; i++) {
                if (usv[0].getDouble(i) >= 0.01 * frob) {
                    double s = d.getDouble(i, i);
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                    checked++;
                }
            }
            System.out.printf("NS5 %s: %d singular values >= 1%% of ||G||_F, band [%.4f, %.4f]%n",
                    java.util.Arrays.toString(shape), checked, min, max);
            INDArray offDiagonal = d.sub(Nd4j.diag(Nd4j.diag(d)));
            assertTrue(checked > k / 2, "too few singular values checked: " + checked);
            assertTrue(min >= 0.68 && max <= 1.14, java.util.Arrays.toString(shape) + ": band [" + min + ", " + max
                    + "]");
            assertTrue(Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(offDiagonal))
                    .getDouble(0) < 1e-8, "U^T O V must be diagonal");
        }
    }

    @Test
    void isTransposeEquivariantAndScaleInvariant() {
        INDArray g = gaussian(3, 48, 20);
        INDArray o = NewtonSchulz.newtonSchulz5(g);
        INDArray oT = NewtonSchulz.newtonSchulz5(g.transpose().dup());
        assertEquals(0.0, o.sub(oT.transpose()).amaxNumber().doubleValue(), 1e-12);
        INDArray scaled = NewtonSchulz.newtonSchulz5(g.mul(37.5));
        assertEquals(0.0, o.sub(scaled).amaxNumber().doubleValue(), 1e-7);
        assertArrayEquals(g.shape(), o.shape());
    }

    @Test
    void zeroGradientStaysZeroAndInputIsUntouched() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 5, 7);
        assertEquals(0.0, NewtonSchulz.newtonSchulz5(z).amaxNumber().doubleValue(), 0.0);
        INDArray g = gaussian(5, 6, 9);
        INDArray copy = g.dup();
        NewtonSchulz.newtonSchulz5(g);
        assertEquals(copy, g);
    }

    @Test
    void rejectsNonMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NewtonSchulz.newtonSchulz5(Nd4j.ones(DataType.DOUBLE, 2, 3, 4)));
        assertTrue(e.getMessage().contains("[2, 3, 4]"), e.getMessage());
    }
}
