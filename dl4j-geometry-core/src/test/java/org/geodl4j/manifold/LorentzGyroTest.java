package org.geodl4j.manifold;

import static org.geodl4j.manifold.LorentzSamples.maxAbs;
import static org.geodl4j.manifold.LorentzSamples.points;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Lorentz gyrovector operations ({@link Lorentz#gyroAdd}, {@link Lorentz#gyroNeg}, {@link Lorentz#gyroScalarMul})
 * against their definition — the Poincaré-ball Möbius operations carried through {@link Hyperbolic}'s isometry —
 * in float64, and their laws (identity, left cancellation, isometry of left translations, scaling of distances).
 */
class LorentzGyroTest {

    private static final int N = 40;
    private static final int DIM = 5;

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "c={0}")
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void gyroAddIsMobiusAdditionThroughThePoincareMap(double c) {
        Lorentz l = new Lorentz(c);
        PoincareBall ball = new PoincareBall(c);
        INDArray x = points(c, 31, N, DIM, 4.0);
        INDArray y = points(c, 32, N, DIM, 4.0);
        INDArray viaBall = Hyperbolic.poincareToLorentz(ball.mobiusAdd(Hyperbolic.lorentzToPoincare(x, c),
                Hyperbolic.lorentzToPoincare(y, c)), c);
        INDArray direct = l.gyroAdd(x, y);
        double err = maxAbs(direct.sub(viaBall).divi(Transforms.abs(viaBall, true).addi(1.0)));
        System.out.printf("LorentzGyroTest c=%.1f: |gyroAdd - Möbius via Poincaré| (relative) %.2e%n", c, err);
        assertTrue(err < 1e-9, "gyroAdd vs Möbius addition: " + err);
        // on the manifold the time coordinate equals sqrt(c) (x0 y0 + <xs, ys>)
        INDArray t = x.getColumn(0).mul(y.getColumn(0)).addi(Lorentz.space(x).mul(Lorentz.space(y)).sum(1))
                .muli(Math.sqrt(c));
        assertTrue(maxAbs(t.sub(direct.getColumn(0)).divi(t)) < 1e-10);
    }

    @ParameterizedTest(name = "c={0}")
    @ValueSource(doubles = {0.3, 1.0, 2.5})
    void gyroLaws(double c) {
        Lorentz l = new Lorentz(c);
        INDArray x = points(c, 41, N, DIM, 3.0);
        INDArray y = points(c, 1042, N, DIM, 3.0);
        INDArray z = points(c, 2043, N, DIM, 3.0);
        INDArray o = l.origin(DataType.DOUBLE, N, DIM + 1);
        assertTrue(maxAbs(l.gyroAdd(o, y).sub(y)) < 1e-10, "o is a left identity");
        assertTrue(maxAbs(l.gyroAdd(y, o).sub(y)) < 1e-10, "o is a right identity");
        assertTrue(maxAbs(l.gyroAdd(l.gyroNeg(x), x).sub(o)) < 1e-10, "(-x) + x = o");
        INDArray back = l.gyroAdd(l.gyroNeg(x), l.gyroAdd(x, y));
        assertTrue(maxAbs(back.sub(y).divi(Transforms.abs(y, true).addi(1.0))) < 1e-9, "left cancellation");
        INDArray dyz = l.dist(y, z);
        double isoErr = maxAbs(l.dist(l.gyroAdd(x, y), l.gyroAdd(x, z)).sub(dyz).divi(dyz));
        assertTrue(isoErr < 1e-9, "left gyro-translation is an isometry: relative error " + isoErr + ", min d(y, z) = " + dyz.minNumber());
        assertTrue(maxAbs(l.dist(l.gyroAdd(l.gyroNeg(x), y), o).sub(l.dist(x, y))) < 1e-9,
                "d(o, (-x) + y) = d(x, y)");
        for (double r : new double[] {-1.7, 0.0, 0.4, 2.0}) {
            INDArray ry = l.gyroScalarMul(r, y);
            assertTrue(maxAbs(l.dist(o, ry).sub(l.dist(o, y).mul(Math.abs(r)))) < 1e-9, "d(o, r y) = |r| d(o, y)");
            assertTrue(l.checkPoint(ry, 1e-10).isEmpty());
        }
        INDArray twice = l.gyroScalarMul(2.0, y);
        assertTrue(maxAbs(twice.sub(l.gyroAdd(y, y)).divi(Transforms.abs(twice, true).addi(1.0))) < 1e-9,
                "2 y = y + y");
        assertTrue(l.checkPoint(l.gyroAdd(x, y), 1e-10).isEmpty());
    }
}
