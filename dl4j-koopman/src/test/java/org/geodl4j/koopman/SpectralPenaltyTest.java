package org.geodl4j.koopman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpectralPenaltyTest {

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray rotation(double r, double th) {
        return Nd4j.createFromArray(new double[][] {{r * Math.cos(th), -r * Math.sin(th)}, {r * Math.sin(th),
            r * Math.cos(th)}});
    }

    private static double gradNorm(SameDiff sd, String loss, List<String> vars) {
        double s = 0;
        for (INDArray g : sd.calculateGradients(Map.of(), vars).values()) {
            s += g.norm2Number().doubleValue();
        }
        return s;
    }

    @Test
    void eigenLossIsZeroOnTheUnitCircleAndHasCorrectGradientOff() {
        for (EigenLoss type : List.of(EigenLoss.UNIT_CIRCLE_MAE, EigenLoss.UNIT_CIRCLE_MSE)) {
            SameDiff sd = SameDiff.create();
            SDVariable m = sd.var("m", Nd4j.createFromArray(1.0, 1.0, 1.0));
            sd.identity("f", SpectralOps.eigenLoss(sd, m, type));
            assertEquals(0, sd.output(Map.of(), "f").get("f").getDouble(0), 0);
            m.getArr().assign(Nd4j.createFromArray(0.5, 0.9, 1.2));
            double v = sd.output(Map.of(), "f").get("f").getDouble(0);
            double expected = type == EigenLoss.UNIT_CIRCLE_MAE ? (0.5 + 0.1 + 0.2) / 3 : (0.25 + 0.01 + 0.04) / 3;
            assertEquals(expected, v, 1e-12);
            assertTrue(gradNorm(sd, "f", List.of("m")) > 0);
            assertTrue(FiniteDifferences.worstRelativeError(sd, Map.of(), "f", List.of("m"), 1e-6, 1e-10) < 1e-6);
        }
    }

    /** ρ̂ = ‖K^8‖₂^{1/8}: 1 for orthogonal K (penalty 0), ≥ ρ(K) and ≤ ‖K‖₂ otherwise, FD-correct gradient. */
    @Test
    void gelfandBoundIsExactForOrthogonalAndBoundsTheSpectralRadius() {
        SameDiff sd = SameDiff.create();
        SDVariable k = sd.var("k", rotation(1, 0.3));
        SDVariable rho = SpectralOps.gelfandRadius(sd, k, 2, 3, 10);
        sd.identity("rho", rho);
        sd.identity("f", SpectralOps.eigenLoss(sd, rho.reshape(1), EigenLoss.UNIT_CIRCLE_MAE));
        sd.setLossVariables("f");
        assertEquals(1, sd.output(Map.of(), "rho").get("rho").getDouble(0), 1e-12);
        assertEquals(0, sd.output(Map.of(), "f").get("f").getDouble(0), 1e-12);
        k.getArr().assign(rotation(1.3, 0.3));
        assertEquals(1.3, sd.output(Map.of(), "rho").get("rho").getDouble(0), 1e-10);
        assertEquals(0.3, sd.output(Map.of(), "f").get("f").getDouble(0), 1e-10);
        // (a scaled rotation has equal singular values: ‖·‖₂ is not differentiable there, so FD only below)
        assertTrue(gradNorm(sd, "f", List.of("k")) > 0.1);
        // non-normal: ρ(K) = 0.9, ‖K‖₂ ≈ 2.1
        k.getArr().assign(Nd4j.createFromArray(new double[][] {{0.9, 2.0}, {0.0, 0.5}}));
        double r = sd.output(Map.of(), "rho").get("rho").getDouble(0);
        assertTrue(r >= 0.9 - 1e-12 && r <= 2.2, "bound " + r);
        assertTrue(FiniteDifferences.worstRelativeError(sd, Map.of(), "f", List.of("k"), 1e-6, 1e-10) < 1e-5);
    }

    /** λ_max by squaring-power iteration matches the closed form of 2×2 and a 4×4 diagonalised case. */
    @Test
    void lambdaMaxMatchesExactValues() {
        double[][] m = {{0.3, -1.2}, {-1.2, -0.7}};
        double exact = (-0.4) / 2 + Math.sqrt(Math.pow(1.0 / 2, 2) + 1.44);
        SameDiff sd = SameDiff.create();
        SDVariable mv = sd.var("m", Nd4j.createFromArray(m));
        assertEquals(exact, SpectralOps.lambdaMaxSymmetric(sd, mv, 2, 10).eval().getDouble(0), 1e-12);
        // Qᵀ diag(−3, −0.5, −2, −1) Q: all-negative spectrum, λ_max = −0.5
        double[][] q = KoopmanAutoencoder.skewExponentialDouble(new double[][] {{0, 0.3, -0.2, 0.5}, {0.1, 0, 0.4, 0},
            {0.7, -0.3, 0, 0.2}, {0, 0.1, 0.6, 0}});
        double[] d = {-3, -0.5, -2, -1};
        double[][] a = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int t = 0; t < 4; t++) {
                    a[i][j] += q[t][i] * d[t] * q[t][j];
                }
            }
        }
        SameDiff sd2 = SameDiff.create();
        SDVariable av = sd2.var("a", Nd4j.createFromArray(a));
        assertEquals(-0.5, SpectralOps.lambdaMaxSymmetric(sd2, av, 4, 10).eval().getDouble(0), 1e-10);
    }

    /** Lyapunov penalty: exactly 0 for a certified-stable K; positive with FD-correct non-zero gradient otherwise. */
    @Test
    void lyapunovPenaltyZeroWhenCertifiedPositiveWithGradientWhenViolated() {
        double eps = 1e-3;
        SameDiff sd = SameDiff.create();
        SDVariable k = sd.var("k", rotation(0.6, 0.4));
        SDVariable l = sd.var("l", Nd4j.eye(2).castTo(DataType.DOUBLE));
        sd.identity("f", SpectralOps.lyapunovPenalty(sd, k, l, 2, eps, 10));
        sd.setLossVariables("f");
        assertEquals(0, sd.output(Map.of(), "f").get("f").getDouble(0), 0);
        k.getArr().assign(rotation(1.1, 0.4));
        double v = sd.output(Map.of(), "f").get("f").getDouble(0);
        assertEquals((1.21 - 1) * (1 + eps) + eps, v, 1e-10);
        // (KᵀPK − P is a multiple of I here: λ_max is not differentiable, so FD only in the case below)
        assertTrue(gradNorm(sd, "f", List.of("k", "l")) > 0.1);
        // a non-normal violated case (distinct eigenvalues of KᵀPK − P)
        k.getArr().assign(Nd4j.createFromArray(new double[][] {{0.9, 0.8}, {-0.1, 0.7}}));
        l.getArr().assign(Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.3, 0.8}}));
        assertTrue(sd.output(Map.of(), "f").get("f").getDouble(0) > 0);
        assertTrue(FiniteDifferences.worstRelativeError(sd, Map.of(), "f", List.of("k", "l"), 1e-6, 1e-10) < 1e-5);
    }

    /** The explicit eigenloss of the STABLE operator has a non-zero, FD-correct gradient w.r.t. the radii. */
    @Test
    void explicitEigenLossOfStableOperatorHasGradient() {
        KoopmanAutoencoder m = KoopmanAutoencoder.builder().stateDim(2).encoderHidden(3).latentDim(3).realModes(1)
                .operator(OperatorType.STABLE).steps(2).dataType(DataType.DOUBLE).reconstructionWeight(0)
                .predictionWeight(0).linearityWeight(0).eigenLoss(EigenLoss.UNIT_CIRCLE_MSE, 1).build();
        INDArray w = Nd4j.rand(DataType.DOUBLE, 4, 6);
        Map<String, INDArray> g = m.sameDiff().calculateGradients(Map.of("x", w), List.of("K_rho", "K_real"));
        assertTrue(g.get("K_rho").norm2Number().doubleValue() > 0);
        assertTrue(g.get("K_real").norm2Number().doubleValue() > 0);
        double r = 0.99;
        double expected = (2 * (r - 1) * (r - 1) + Math.pow(m.spectrum().get(2).modulus() - 1, 2)) / 3;
        assertEquals(expected, m.evaluate(w).get("eigen"), 1e-12);
        assertTrue(FiniteDifferences.worstRelativeError(m.sameDiff(), Map.of("x", w), "loss",
                List.of("K_rho", "K_real"), 1e-6, 1e-12) < 1e-5);
    }
    /**
     * No op of the spectral graphs lists the same variable twice as input (e.g. {@code X.mmul(X)}): ND4J 1.0.0-M2.1's
     * session visits an input once per shortest path from the outputs, so chained squarings with repeated inputs cost
     * 2^J visits per execution (see {@link SpectralOps#matrixSquare}).
     */
    @Test
    void spectralGraphsHaveNoOpWithARepeatedInput() {
        SameDiff sd = SameDiff.create();
        SDVariable k = sd.var("k", rotation(0.9, 0.3).add(0.01));
        SDVariable a = sd.var("a", Nd4j.rand(DataType.DOUBLE, 4, 4));
        sd.identity("rho", SpectralOps.gelfandRadius(sd, k, 2, 3, 10));
        sd.identity("q", SpectralOps.skewExponential(sd, a, 4));
        SDVariable l = sd.var("l", Nd4j.eye(2).castTo(DataType.DOUBLE));
        sd.identity("lyap", SpectralOps.lyapunovPenalty(sd, k, l, 2, 1e-3, 10));
        int matmuls = 0;
        for (var op : sd.getOps().values()) {
            List<String> in = op.getInputsToOp();
            if (in == null) {
                continue;
            }
            assertEquals(in.size(), new java.util.HashSet<>(in).size(), () -> "op " + op.getName() + " repeats an input: "
                    + in);
            if (op.getOp().opName().equals("matmul")) {
                matmuls++;
            }
        }
        // the squarings are present: 3 Gelfand + 2 × 10 power squarings + the skew exponential's squarings
        assertTrue(matmuls >= 23 + SpectralOps.squaringsFor(4), "matmuls " + matmuls);
    }
}
