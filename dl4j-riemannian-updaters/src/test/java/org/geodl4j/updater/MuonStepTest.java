package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MuonStepTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray gaussian(long seed, long... shape) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(shape).castTo(DataType.DOUBLE);
    }

    private static double rms(INDArray a) {
        return a.norm2Number().doubleValue() / Math.sqrt(a.length());
    }

    private static INDArray firstUpdate(INDArray g, MuonScale scale) {
        return MuonStep.update(null, g, Nd4j.zeros(DataType.DOUBLE, g.shape()), 1.0, 0.95, true, 0.0,
                NewtonSchulz.DEFAULT_STEPS, NewtonSchulz.DEFAULT_A, NewtonSchulz.DEFAULT_B, NewtonSchulz.DEFAULT_C,
                NewtonSchulz.DEFAULT_EPS, scale);
    }

    /**
     * Keller's scale on DL4J's [nIn, nOut] layout gives update RMS about 1/sqrt(fanIn) in both orientations (NS output
     * RMS is 0.75-0.9 of sqrt(1/max(A, B))); Moonlight's gives about 0.2.
     */
    @Test
    void updateRmsFollowsTheScaleRule() {
        long[][] shapes = {{256, 128}, {128, 256}, {64, 512}};
        for (long[] s : shapes) {
            INDArray g = gaussian(s[0] * 7 + s[1], s);
            double keller = rms(firstUpdate(g, MuonScale.KELLER)) * Math.sqrt(s[0]);
            double moon = rms(firstUpdate(g, MuonScale.MOONLIGHT));
            System.out.printf("Muon RMS %s: Keller RMS*sqrt(fanIn) = %.4f, Moonlight RMS = %.4f%n",
                    java.util.Arrays.toString(s), keller, moon);
            assertTrue(keller > 0.7 && keller < 0.95, "Keller " + keller);
            assertTrue(moon > 0.14 && moon < 0.19, "Moonlight " + moon);
        }
    }

    @Test
    void convolutionFiltersRoundTripThroughTheirMatrixForm() {
        INDArray w = gaussian(3, 8, 3, 2, 2);
        INDArray m = MuonStep.asMatrix(w);
        assertArrayEquals(new long[] {8, 12}, m.shape());
        assertEquals(w, MuonStep.fromMatrix(m, w.shape()));
        assertEquals(w.getDouble(5, 1, 0, 1), m.getDouble(5, 1 * 4 + 0 * 2 + 1), 0.0);
        assertArrayEquals(new long[] {12, 8}, MuonStep.fans(w.shape()));
        assertArrayEquals(new long[] {6, 4}, MuonStep.fans(new long[] {6, 4}));
        INDArray u = firstUpdate(w, MuonScale.KELLER);
        assertArrayEquals(w.shape(), u.shape());
    }

    @Test
    void onlyMatricesAreMatrixLike() {
        assertTrue(MuonStep.isMatrixLike(new long[] {3, 4}));
        assertTrue(MuonStep.isMatrixLike(new long[] {8, 3, 2, 2}));
        assertFalse(MuonStep.isMatrixLike(new long[] {1, 16}), "DL4J bias [1, nOut]");
        assertFalse(MuonStep.isMatrixLike(new long[] {16, 1}));
        assertFalse(MuonStep.isMatrixLike(new long[] {16}));
        assertFalse(MuonStep.isMatrixLike(new long[] {1, 3, 3, 3}));
    }

    @Test
    void decayIsDecoupledAndUsesTheUnadjustedLearningRate() {
        INDArray g = gaussian(5, 12, 30);
        INDArray x = gaussian(6, 12, 30);
        double lr = 0.02;
        double wd = 0.1;
        INDArray withDecay = MuonStep.update(x, g, Nd4j.zeros(DataType.DOUBLE, 12, 30), lr, 0.95, true, wd, 5,
                NewtonSchulz.DEFAULT_A, NewtonSchulz.DEFAULT_B, NewtonSchulz.DEFAULT_C, NewtonSchulz.DEFAULT_EPS,
                MuonScale.KELLER);
        INDArray without = MuonStep.update(x, g, Nd4j.zeros(DataType.DOUBLE, 12, 30), lr, 0.95, true, 0.0, 5,
                NewtonSchulz.DEFAULT_A, NewtonSchulz.DEFAULT_B, NewtonSchulz.DEFAULT_C, NewtonSchulz.DEFAULT_EPS,
                MuonScale.KELLER);
        assertEquals(0.0, withDecay.sub(without).sub(x.mul(lr * wd)).amaxNumber().doubleValue(), 1e-15);
    }

    /** The EMA momentum of the reference and the sum form differ by 1 - mu, which Newton–Schulz removes. */
    @Test
    void sumFormAndEmaFormMomentumGiveTheSameUpdate() {
        double mu = 0.9;
        INDArray ema = Nd4j.zeros(DataType.DOUBLE, 10, 14);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 10, 14);
        for (int t = 0; t < 5; t++) {
            INDArray g = gaussian(100 + t, 10, 14);
            INDArray u = MuonStep.update(null, g, ema, 1.0, mu, true, 0.0, 5, NewtonSchulz.DEFAULT_A,
                    NewtonSchulz.DEFAULT_B, NewtonSchulz.DEFAULT_C, 0.0, MuonScale.KELLER);
            sum.muli(mu).addi(g);
            INDArray look = g.add(sum.mul(mu));
            INDArray o = NewtonSchulz.newtonSchulz(look, 5, NewtonSchulz.DEFAULT_A, NewtonSchulz.DEFAULT_B,
                    NewtonSchulz.DEFAULT_C, 0.0).muli(MuonScale.KELLER.factor(10, 14));
            assertEquals(0.0, u.sub(o).amaxNumber().doubleValue(), 1e-12);
        }
    }
}
