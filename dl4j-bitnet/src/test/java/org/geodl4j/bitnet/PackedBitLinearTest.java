package org.geodl4j.bitnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PackedBitLinearTest {

    /** The training-time forward written with the INDArray quantisers: x_q·W_q + b. */
    static INDArray referenceForward(INDArray x, INDArray w, INDArray b, boolean rms, int bits) {
        INDArray xn = rms ? RmsNorm.normalize(x, RmsNorm.DEFAULT_EPS) : x;
        INDArray y = ActivationQuantizer.quantize(xn, bits).mmul(TernaryWeightQuantizer.quantize(w));
        return b == null ? y : y.addiRowVector(b);
    }

    @Test
    void packedOutputEqualsQuantisedFloatForwardOnThousandInputs() {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            for (int bits : new int[]{8, 4}) {
                for (boolean rms : new boolean[]{true, false}) {
                    Nd4j.getRandom().setSeed(7);
                    INDArray w = Nd4j.randn(dt, 37, 19).muli(0.2);            // [nIn, nOut]
                    INDArray b = Nd4j.randn(dt, 1, 19).muli(0.1);
                    INDArray x = Nd4j.randn(dt, 1000, 37).muli(2.0);
                    PackedBitLinear p = new PackedBitLinear("l0", TernaryMatrix.fromDl4jWeights(w),
                            b.castTo(DataType.DOUBLE).data().asDouble(), rms, RmsNorm.DEFAULT_EPS, bits);
                    INDArray ref = referenceForward(x, w, b, rms, bits);
                    INDArray out;
                    try (TernaryMatMul k = new TernaryMatMul(2)) {
                        out = p.output(x, k);
                    }
                    double scale = ref.amaxNumber().doubleValue();
                    double err = out.sub(ref).amaxNumber().doubleValue() / scale;
                    double tol = dt == DataType.FLOAT ? 2e-6 : 1e-13;
                    assertTrue(err < tol, dt + " bits=" + bits + " rms=" + rms + ": max relative error " + err);
                }
            }
        }
    }

    @Test
    void badInputsGiveClearErrors() {
        PackedBitLinear p = new PackedBitLinear("dense7", TernaryMatrix.pack(2, 3, new byte[6], 1.0), null, true,
                RmsNorm.DEFAULT_EPS, 8);
        try (TernaryMatMul k = new TernaryMatMul(1)) {
            IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                    () -> p.output(Nd4j.ones(DataType.FLOAT, 4, 5), k));
            assertTrue(wrongWidth.getMessage().contains("dense7") && wrongWidth.getMessage().contains("[batch, 3]")
                    && wrongWidth.getMessage().contains("[4, 5]"), wrongWidth.getMessage());
            INDArray nan = Nd4j.ones(DataType.FLOAT, 2, 3);
            nan.putScalar(0, 1, Float.NaN);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.output(nan, k));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new PackedBitLinear("x",
                TernaryMatrix.pack(2, 3, new byte[6], 1.0), new double[3], true, 1e-6, 8));
    }

    @Test
    void statisticsReportScaleSparsityAndFlipRate() {
        INDArray w = Nd4j.createFromArray(new double[][]{{0.9, -0.05, 0.0, -1.2}, {0.1, 0.6, -0.7, 0.4}});
        TernaryStatistics s = TernaryStatistics.of(w);
        double gamma = 3.95 / 8;
        assertEquals(gamma, s.scale(), 1e-15);
        // w/γ = 1.82 -0.10 0 -2.43 | 0.20 1.22 -1.42 0.81 → +1 0 0 -1 | 0 +1 -1 +1
        assertEquals(3.0 / 8, s.sparsity(), 0.0);
        assertEquals(2.0 / 8, s.fractionMinus(), 0.0);
        assertEquals(3.0 / 8, s.fractionPlus(), 0.0);
        INDArray w2 = w.dup();
        w2.putScalar(0, 1, -0.6);   // 0 → -1 (γ changes to 4.5/8 = 0.5625: -0.6/γ = -1.07)
        assertEquals(1.0 / 8, TernaryStatistics.flipRate(w, w2), 0.0);
    }
}
