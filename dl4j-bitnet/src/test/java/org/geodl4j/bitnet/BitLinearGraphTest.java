package org.geodl4j.bitnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class BitLinearGraphTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static SDVariable softplusSigma(SameDiff sd, SDVariable rho, double sigmaMin) {
        return sd.nn.softplus(rho).add(sigmaMin);
    }

    @Test
    void inferenceForwardEqualsQuantisedReferenceAndPlainSteGradientsAreLinearBackwardAtQuantisedValues() {
        Nd4j.getRandom().setSeed(21);
        INDArray xv = Nd4j.randn(DataType.DOUBLE, 5, 9);
        INDArray wv = Nd4j.randn(DataType.DOUBLE, 9, 4).muli(0.3);
        INDArray bv = Nd4j.randn(DataType.DOUBLE, 1, 4);
        INDArray dy = Nd4j.randn(DataType.DOUBLE, 5, 4);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", xv);
        SDVariable w = sd.var("w", wv);
        SDVariable b = sd.var("b", bv);
        SDVariable y = BitLinearGraph.define(sd, x, w, b, null, null, false, RmsNorm.DEFAULT_EPS, 8, true);
        y.mul(sd.constant(dy)).sum().markAsLoss();
        INDArray ref = PackedBitLinearTest.referenceForward(xv, wv, bv, false, 8);
        assertEquals(0.0, y.eval().sub(ref).amaxNumber().doubleValue(), 1e-12);
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "w", "b");
        INDArray xq = ActivationQuantizer.quantize(xv, 8);
        INDArray wq = TernaryWeightQuantizer.quantize(wv);
        assertEquals(0.0, g.get("w").sub(xq.transpose().mmul(dy)).amaxNumber().doubleValue(), 1e-12, "x_qᵀδ");
        assertEquals(0.0, g.get("x").sub(dy.mmul(wq.transpose())).amaxNumber().doubleValue(), 1e-12, "δW_qᵀ");
        assertEquals(0.0, g.get("b").sub(dy.sum(true, 0)).amaxNumber().doubleValue(), 1e-12, "Σδ");
    }

    @Test
    void stochasticResonanceGradientsAreTheAnalyticExpectedGradients() {
        for (NoiseDistribution noise : NoiseDistribution.values()) {
            Nd4j.getRandom().setSeed(22);
            INDArray xv = Nd4j.randn(DataType.DOUBLE, 6, 8);
            INDArray wv = Nd4j.randn(DataType.DOUBLE, 8, 3).muli(0.3);
            INDArray dy = Nd4j.randn(DataType.DOUBLE, 6, 3);
            StochasticResonance sr = StochasticResonance.learnable(noise, 0.4);
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", xv);
            SDVariable w = sd.var("w", wv);
            SDVariable rho = sd.var("rho", Nd4j.valueArrayOf(new long[]{1, 1}, sr.initialRho()));
            SDVariable sigma = softplusSigma(sd, rho, sr.sigmaMin());
            SDVariable y = BitLinearGraph.define(sd, x, w, null, sigma, sr, true, RmsNorm.DEFAULT_EPS, 8, true);
            y.mul(sd.constant(dy)).sum().markAsLoss();
            Map<String, INDArray> g = sd.calculateGradients(Map.of(), "w", "rho");
            INDArray xq = ActivationQuantizer.quantize(RmsNorm.normalize(xv, RmsNorm.DEFAULT_EPS), 8);
            double gamma = TernaryWeightQuantizer.scale(wv);
            INDArray v = wv.div(gamma);
            INDArray gws = xq.transpose().mmul(dy);                          // dL/dW_s
            INDArray gw = gws.mul(NoisyTernaryQuantizer.expectationDerivativeV(v, noise, 0.4));
            double dSigma = gws.mul(NoisyTernaryQuantizer.expectationDerivativeSigma(v, noise, 0.4)).sumNumber()
                    .doubleValue() * gamma;
            double dRho = dSigma / (1 + Math.exp(-sr.initialRho()));          // softplus' = sigmoid
            assertEquals(0.0, g.get("w").sub(gw).amaxNumber().doubleValue(), 1e-10, noise + " dL/dW");
            assertEquals(dRho, g.get("rho").getDouble(0), 1e-10, noise + " dL/dρ");
            assertTrue(Math.abs(dRho) > 1e-4, noise + " σ gets a gradient: " + dRho);
        }
    }

    @Test
    void expectedGradientSurrogatePassesDoublePrecisionGradientCheckInWeightsAndSigma() {
        for (NoiseDistribution noise : NoiseDistribution.values()) {
            Nd4j.getRandom().setSeed(23);
            INDArray xq = ActivationQuantizer.quantize(Nd4j.randn(DataType.DOUBLE, 4, 6), 8);
            INDArray wv = Nd4j.randn(DataType.DOUBLE, 6, 3).muli(0.3);
            double gamma = TernaryWeightQuantizer.scale(wv);
            SameDiff sd = SameDiff.create();
            SDVariable w = sd.var("w", wv);
            SDVariable rho = sd.var("rho", Nd4j.valueArrayOf(new long[]{1, 1}, 0.1));
            SDVariable sigma = softplusSigma(sd, rho, 0.01);
            // the function whose gradient the layer uses: γ frozen (stop-gradient), t replaced by E(W/γ; σ)
            SDVariable e = NoisyTernaryQuantizer.expectation(sd, w.mul(1.0 / gamma), noise, sigma);
            sd.constant(xq).mmul(e.mul(gamma)).mul(sd.constant(Nd4j.randn(DataType.DOUBLE, 4, 3))).sum()
                    .markAsLoss();
            assertTrue(GradCheckUtil.checkGradients(sd, new HashMap<>(), false, true), noise + " gradient check");
        }
    }
}
