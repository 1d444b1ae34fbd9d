package org.geodl4j.manifold;

import static org.geodl4j.manifold.BallSamples.maxAbsDiff;
import static org.geodl4j.manifold.BallSamples.points;
import static org.geodl4j.manifold.BallSamples.vectors;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Laws of the HNN++ hyperplane ops {@link PoincareBall#mlrLogits} and {@link PoincareBall#pointFromHyperplaneDistances}
 * (Shimizu et al., ICLR 2021), float64.
 */
class PoincareBallHyperplaneTest {

    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void pointFromHyperplaneDistancesInvertsCoordinateHyperplaneLogits() {
        for (double c : new double[] {0.3, 1.0, 2.5}) {
            PoincareBall ball = new PoincareBall(c);
            INDArray v = vectors(11, 20, 4, 0.01, 3.0, D);
            INDArray y = ball.pointFromHyperplaneDistances(v);
            INDArray logits = ball.mlrLogits(y, Nd4j.eye(4).castTo(D), Nd4j.zeros(D, 1, 4));
            double err = maxAbsDiff(logits, v.mul(2));
            System.out.println("[hyperplane] c=" + c + " max |mlrLogits(point(v), I, 0) - 2v| = " + err);
            assertTrue(err < 1e-9, "c=" + c + ": " + err);
        }
    }

    /** v_k(x) / (2||z_k||) is the signed distance from x to the hyperplane; check it against dist to its foot. */
    @Test
    void mlrLogitIsTwiceNormTimesSignedDistanceToTheHyperplane() {
        double c = 0.7;
        PoincareBall ball = new PoincareBall(c);
        // hyperplane with normal e_0 through the point p = exp_0(r-ish along e_0): for r = 0 it is {x_0 = 0}
        INDArray x = points(5, 10, 3, c, 0.1, 0.9, D);
        INDArray z = Nd4j.create(new double[][] {{1.7}, {0}, {0}});
        INDArray logits = ball.mlrLogits(x, z, Nd4j.zeros(D, 1, 1));
        // distance of x to the hyperplane {x_0 = 0}: the reflection x' = (-x_0, x_1, x_2) is at distance 2·d
        INDArray refl = x.dup();
        refl.getColumn(0).negi();
        INDArray d = ball.dist(x, refl).muli(0.5);
        INDArray signed = d.mul(Nd4j.math().sign(x.getColumn(0).dup().reshape(10, 1)));
        double err = maxAbsDiff(logits, signed.mul(2 * 1.7));
        System.out.println("[hyperplane] max |v(x) - 2||z|| d_signed(x, H)| = " + err);
        assertTrue(err < 1e-9, "" + err);
    }
}
