package org.geodl4j.bitnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class QuantizerTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void ternaryValuesAreExactlyMinusZeroPlusGammaWithGammaTheAbsMean() {
        Nd4j.getRandom().setSeed(1);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 37, 53).muli(0.3);
        INDArray wBefore = w.dup();
        double gamma = TernaryWeightQuantizer.scale(w);
        assertEquals(Transforms.abs(w, true).meanNumber().doubleValue(), gamma, 0.0);
        INDArray q = TernaryWeightQuantizer.quantize(w);
        assertEquals(wBefore, w, "input must not be modified");
        double[] qv = q.data().asDouble();
        double[] wv = w.dup('c').data().asDouble();
        int[] counts = new int[3];
        for (int i = 0; i < qv.length; i++) {
            double t = qv[i] / gamma;
            assertTrue(t == -1.0 || t == 0.0 || t == 1.0, "value " + qv[i] + " is not in {-1,0,1}·γ");
            double expected = Math.max(-1, Math.min(1, Math.signum(wv[i]) * Math.floor(Math.abs(wv[i] / gamma) + 0.5)));
            assertEquals(expected, t, 0.0, "RoundClip(W/γ) at " + i);
            counts[(int) t + 1]++;
        }
        assertTrue(counts[0] > 0 && counts[1] > 0 && counts[2] > 0, "all three levels occur");
    }

    @Test
    void ternaryScaleIsClampedForAllZeroWeights() {
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 4, 4);
        assertEquals(1e-5, TernaryWeightQuantizer.scale(w), 0.0);
        assertEquals(0.0, TernaryWeightQuantizer.quantize(w).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void ternaryRejectsNaNWeights() {
        INDArray w = Nd4j.ones(DataType.DOUBLE, 2, 2);
        w.putScalar(1, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TernaryWeightQuantizer.quantize(w));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void activationLevelsAreIntegersInInt8RangeAndRowMaxHitsQ() {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 9, 31).muli(3.0);
        for (int bits : new int[]{8, 4}) {
            int q = ActivationQuantizer.maxLevel(bits);
            INDArray s = ActivationQuantizer.scales(x, bits);
            INDArray levels = ActivationQuantizer.levels(x, s, bits);
            INDArray xq = ActivationQuantizer.quantize(x, bits);
            for (int i = 0; i < x.rows(); i++) {
                double rowMax = Transforms.abs(x.getRow(i), true).maxNumber().doubleValue();
                assertEquals(q / rowMax, s.getDouble(i, 0), 1e-12 * q / rowMax);
                double maxLevel = 0;
                for (int j = 0; j < x.columns(); j++) {
                    double l = levels.getDouble(i, j);
                    assertEquals(Math.rint(l), l, 0.0, "integer level");
                    assertTrue(l >= -q - 1 && l <= q, "level " + l + " outside [" + (-q - 1) + ", " + q + "]");
                    assertEquals(l / s.getDouble(i, 0), xq.getDouble(i, j), 1e-12);
                    assertTrue(Math.abs(xq.getDouble(i, j) - x.getDouble(i, j)) <= 0.5 / s.getDouble(i, 0) + 1e-12,
                            "rounding error at most half a step");
                    maxLevel = Math.max(maxLevel, Math.abs(l));
                }
                assertEquals(q, maxLevel, 0.0, "the row's absmax maps to ±Q");
            }
        }
        assertEquals(127, ActivationQuantizer.maxLevel(8));
        assertEquals(7, ActivationQuantizer.maxLevel(4));
        assertThrows(IllegalArgumentException.class, () -> ActivationQuantizer.maxLevel(9));
    }

    @Test
    void rmsNormGivesUnitRootMeanSquare() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 16).muli(7.0);
        INDArray y = RmsNorm.normalize(x, 0.0 + 1e-12);
        INDArray rms = Transforms.sqrt(y.mul(y).mean(true, 1), false);
        assertEquals(0.0, rms.sub(1.0).amaxNumber().doubleValue(), 1e-9);
    }

    @Test
    void sameDiffFormsMatchInDArrayFormsAndSteGradientsAreTheReferenceFormulas() {
        Nd4j.getRandom().setSeed(4);
        INDArray xv = Nd4j.randn(DataType.DOUBLE, 6, 10);
        INDArray wv = Nd4j.randn(DataType.DOUBLE, 10, 4).muli(0.2);
        INDArray dy = Nd4j.randn(DataType.DOUBLE, 6, 4);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", xv);
        SDVariable w = sd.var("w", wv);
        SDVariable xn = RmsNorm.normalize(sd, x, RmsNorm.DEFAULT_EPS);
        SDVariable xs = ActivationQuantizer.steQuantize(sd, xn, 8);
        SDVariable ws = TernaryWeightQuantizer.steQuantize(sd, w);
        SDVariable y = xs.mmul(ws);
        sd.constant("dy", dy);
        SDVariable loss = y.mul(sd.getVariable("dy")).sum();
        loss.markAsLoss();
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "x", "w");
        INDArray xnRef = RmsNorm.normalize(xv, RmsNorm.DEFAULT_EPS);
        INDArray xqRef = ActivationQuantizer.quantize(xnRef, 8);
        INDArray wqRef = TernaryWeightQuantizer.quantize(wv);
        INDArray yRef = xqRef.mmul(wqRef);
        assertEquals(0.0, y.eval().sub(yRef).amaxNumber().doubleValue(), 1e-12, "forward = x_q·W_q");
        // dL/dW = x_qᵀ δ (linear backward at quantised values, no clip mask, no scale gradient)
        INDArray gw = xqRef.transpose().mmul(dy);
        assertEquals(0.0, grads.get("w").sub(gw).amaxNumber().doubleValue(), 1e-12, "dL/dW = x_qᵀ·δ");
        // dL/dx̂ = δ W_qᵀ, then through the (differentiable) RMSNorm
        SameDiff sd2 = SameDiff.create();
        SDVariable x2 = sd2.var("x", xv);
        SDVariable g2 = sd2.constant("g", dy.mmul(wqRef.transpose()));
        RmsNorm.normalize(sd2, x2, RmsNorm.DEFAULT_EPS).mul(g2).sum().markAsLoss();
        INDArray gx = sd2.calculateGradients(Map.of(), "x").get("x");
        assertEquals(0.0, grads.get("x").sub(gx).amaxNumber().doubleValue(), 1e-12, "dL/dx = RMSNorm'ᵀ(δ·W_qᵀ)");
    }

    @Test
    void rmsNormPassesDoublePrecisionGradientCheckIncludingBatchOfOne() {
        Nd4j.getRandom().setSeed(5);
        for (int n : new int[]{1, 3}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.randn(DataType.DOUBLE, n, 7));
            SDVariable c = sd.constant(Nd4j.randn(DataType.DOUBLE, n, 7));
            RmsNorm.normalize(sd, x, RmsNorm.DEFAULT_EPS).mul(c).sum().markAsLoss();
            assertTrue(GradCheckUtil.checkGradients(sd, new HashMap<>(), false, true), "RMSNorm batch " + n);
        }
    }

    /**
     * Detector for the ND4J 1.0.0-M2.1 defect worked around in RmsNorm/NoiseDistribution: the gradient of
     * {@code x.div(y)} w.r.t. a one-element y is multiplied by x's length. When this test fails, upstream fixed it.
     */
    @Test
    void nd4jDivisionByOneElementVariableStillHasWrongGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.ones(DataType.DOUBLE, 4, 3));
        SDVariable y = sd.var("y", Nd4j.scalar(2.0));
        x.div(y).sum().markAsLoss();
        double dy = sd.calculateGradients(Map.of(), "y").get("y").getDouble(0);
        assertEquals(-3.0 * 12, dy, 1e-12, "correct value is -Σx/y² = -3");
    }
}
