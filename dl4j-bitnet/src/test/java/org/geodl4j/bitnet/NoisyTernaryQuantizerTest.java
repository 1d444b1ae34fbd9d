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
import org.nd4j.linalg.ops.transforms.Transforms;

class NoisyTernaryQuantizerTest {

    private static final double[] V = {-1.7, -1.1, -0.62, -0.5, -0.31, 0.0, 0.18, 0.5, 0.77, 1.0, 1.45};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray grid() {
        return Nd4j.createFromArray(V).reshape(1, V.length);
    }

    /** Monte-Carlo mean over m rows of independent samples, compared with E within 3 standard errors. */
    private static double maxStandardizedError(NoiseDistribution noise, double sigma, int m) {
        INDArray v = grid();
        INDArray vs = Nd4j.zeros(DataType.DOUBLE, m, V.length).addiRowVector(v);
        INDArray mean = NoisyTernaryQuantizer.sample(vs, noise, sigma).mean(true, 0);
        INDArray e = NoisyTernaryQuantizer.expectation(v, noise, sigma);
        INDArray var = NoisyTernaryQuantizer.variance(v, noise, sigma);
        double worst = 0;
        for (int j = 0; j < V.length; j++) {
            double se = Math.sqrt(var.getDouble(0, j) / m);
            double err = Math.abs(mean.getDouble(0, j) - e.getDouble(0, j));
            if (se == 0) {
                assertEquals(0.0, err, 1e-12, noise + " σ=" + sigma + " deterministic at v=" + V[j]);
            } else {
                worst = Math.max(worst, err / se);
                assertTrue(err <= 3 * se, noise + " σ=" + sigma + " v=" + V[j] + ": MC mean " + mean.getDouble(0, j)
                        + " vs E " + e.getDouble(0, j) + " (" + err / se + " SE)");
            }
        }
        return worst;
    }

    @Test
    void monteCarloMeanMatchesClosedFormExpectationWithinThreeStandardErrors() {
        Nd4j.getRandom().setSeed(11);
        double worst = 0;
        for (double sigma : new double[]{0.2, 0.5, 1.0}) {
            worst = Math.max(worst, maxStandardizedError(NoiseDistribution.GAUSSIAN, sigma, 20000));
            worst = Math.max(worst, maxStandardizedError(NoiseDistribution.UNIFORM, sigma, 20000));
            worst = Math.max(worst, maxStandardizedError(NoiseDistribution.CAUCHY, sigma, 20000));
        }
        assertTrue(worst > 0, "some cells are random");
    }

    @Test
    void oneStepUniformDitherIsUnbiasedInsideTheRange() {
        INDArray v = Nd4j.linspace(-1.5, 1.5, 61, DataType.DOUBLE).reshape(1, 61);
        INDArray e = NoisyTernaryQuantizer.expectation(v, NoiseDistribution.UNIFORM, 0.5);
        INDArray clip = Transforms.max(Transforms.min(v, 1.0, true), -1.0, false);
        assertEquals(0.0, e.sub(clip).amaxNumber().doubleValue(), 1e-15, "E(v) = clip(v, -1, 1)");
        INDArray slope = NoisyTernaryQuantizer.expectationDerivativeV(v, NoiseDistribution.UNIFORM, 0.5);
        for (int j = 0; j < 61; j++) {
            double x = v.getDouble(0, j);
            if (Math.abs(Math.abs(x) - 1) > 1e-9 && Math.abs(Math.abs(x) - 0.5) > 1e-9) {
                assertEquals(Math.abs(x) < 1 ? 1.0 : 0.0, slope.getDouble(0, j), 1e-15, "∂E/∂v = 1[|v|<1] at " + x);
            }
        }
        // Monte-Carlo: sample mean of the dithered quantiser equals v itself
        Nd4j.getRandom().setSeed(12);
        int m = 40000;
        INDArray in = Nd4j.createFromArray(-0.83, -0.37, 0.12, 0.64, 0.95).reshape(1, 5);
        INDArray mean = NoisyTernaryQuantizer.sample(Nd4j.zeros(DataType.DOUBLE, m, 5).addiRowVector(in),
                NoiseDistribution.UNIFORM, 0.5).mean(true, 0);
        INDArray var = NoisyTernaryQuantizer.variance(in, NoiseDistribution.UNIFORM, 0.5);
        for (int j = 0; j < 5; j++) {
            double frac = Math.abs(in.getDouble(0, j));
            assertEquals(frac * (1 - frac), var.getDouble(0, j), 1e-12, "variance frac(1-frac)");
            assertEquals(in.getDouble(0, j), mean.getDouble(0, j), 3 * Math.sqrt(var.getDouble(0, j) / m));
        }
    }

    @Test
    void analyticDerivativesMatchFiniteDifferences() {
        INDArray v = grid().add(0.013);   // away from the uniform kinks
        double h = 1e-6;
        for (NoiseDistribution noise : NoiseDistribution.values()) {
            for (double sigma : new double[]{0.3, 0.7}) {
                INDArray dv = NoisyTernaryQuantizer.expectationDerivativeV(v, noise, sigma);
                INDArray ds = NoisyTernaryQuantizer.expectationDerivativeSigma(v, noise, sigma);
                INDArray fdv = NoisyTernaryQuantizer.expectation(v.add(h), noise, sigma)
                        .sub(NoisyTernaryQuantizer.expectation(v.sub(h), noise, sigma)).divi(2 * h);
                INDArray fds = NoisyTernaryQuantizer.expectation(v, noise, sigma + h)
                        .sub(NoisyTernaryQuantizer.expectation(v, noise, sigma - h)).divi(2 * h);
                assertEquals(0.0, dv.sub(fdv).amaxNumber().doubleValue(), 1e-7, noise + " ∂E/∂v σ=" + sigma);
                assertEquals(0.0, ds.sub(fds).amaxNumber().doubleValue(), 1e-7, noise + " ∂E/∂σ σ=" + sigma);
            }
        }
        // slope at v = 0 for Gaussian σ = ½ is 2φ(1)/½ = 0.9679 (reference A4)
        double slope0 = NoisyTernaryQuantizer.expectationDerivativeV(Nd4j.zeros(DataType.DOUBLE, 1, 1),
                NoiseDistribution.GAUSSIAN, 0.5).getDouble(0);
        assertEquals(4 * Math.exp(-0.5) / Math.sqrt(2 * Math.PI), slope0, 1e-12);
    }

    @Test
    void expectedGradientSurrogateHasHardForwardAndAnalyticGradientsForVAndSigma() {
        Nd4j.getRandom().setSeed(13);
        for (NoiseDistribution noise : NoiseDistribution.values()) {
            INDArray vv = grid().add(0.013);
            INDArray c = Nd4j.randn(DataType.DOUBLE, 1, V.length);
            double sigma = 0.4;
            SameDiff sd = SameDiff.create();
            SDVariable v = sd.var("v", vv);
            SDVariable s = sd.var("sigma", Nd4j.scalar(sigma));
            SDVariable q = NoisyTernaryQuantizer.sampleWithExpectedGradient(sd, v, noise, s);
            q.mul(sd.constant(c)).sum().markAsLoss();
            INDArray out = q.eval();
            for (double x : out.data().asDouble()) {
                assertTrue(Math.abs(x - Math.rint(x)) < 1e-12 && Math.abs(x) <= 1, "forward is a hard trit: " + x);
            }
            Map<String, INDArray> g = sd.calculateGradients(Map.of(), "v", "sigma");
            INDArray dv = NoisyTernaryQuantizer.expectationDerivativeV(vv, noise, sigma).mul(c);
            double dsig = NoisyTernaryQuantizer.expectationDerivativeSigma(vv, noise, sigma).mul(c).sumNumber()
                    .doubleValue();
            assertEquals(0.0, g.get("v").sub(dv).amaxNumber().doubleValue(), 1e-12, noise + " dL/dv");
            assertEquals(dsig, g.get("sigma").getDouble(0), 1e-12, noise + " dL/dσ");
            assertTrue(Math.abs(dsig) > 1e-3, "σ receives a non-zero gradient");
        }
    }

    @Test
    void expectationGraphPassesDoublePrecisionGradientCheckInVAndSigma() {
        for (NoiseDistribution noise : new NoiseDistribution[]{NoiseDistribution.GAUSSIAN, NoiseDistribution.CAUCHY,
                NoiseDistribution.UNIFORM}) {
            SameDiff sd = SameDiff.create();
            SDVariable v = sd.var("v", grid().add(0.013));
            SDVariable s = sd.var("sigma", Nd4j.scalar(0.45));
            SDVariable c = sd.constant(Nd4j.linspace(-1.0, 1.0, V.length, DataType.DOUBLE).reshape(1, V.length));
            NoisyTernaryQuantizer.expectation(sd, v, noise, s).mul(c).sum().markAsLoss();
            assertTrue(GradCheckUtil.checkGradients(sd, new HashMap<>(), false, true), noise + " gradient check");
        }
    }

    @Test
    void sameDiffNoiseIsFreshAtEveryExecutionAndHasUnitMoments() {
        Nd4j.getRandom().setSeed(14);
        for (NoiseDistribution noise : new NoiseDistribution[]{NoiseDistribution.GAUSSIAN, NoiseDistribution.UNIFORM}) {
            double var = noise == NoiseDistribution.GAUSSIAN ? 1.0 : 1.0 / 3;
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 50);
            SDVariable fixedShape = noise.sampleUnit(sd, DataType.DOUBLE, 200, 50);
            SDVariable like = noise.sampleUnitLike(sd, x);
            Map<String, INDArray> ph = Map.of("x", Nd4j.zeros(DataType.DOUBLE, 200, 50));
            Map<String, INDArray> a = sd.output(ph, fixedShape.name(), like.name());
            Map<String, INDArray> b = sd.output(ph, fixedShape.name(), like.name());
            for (String name : new String[]{fixedShape.name(), like.name()}) {
                INDArray e = a.get(name);
                assertTrue(!e.equals(b.get(name)), noise + " " + name + ": a fresh draw per execution");
                double se = Math.sqrt(var / e.length());
                assertEquals(0.0, e.meanNumber().doubleValue(), 3 * se, noise + " mean");
                double v = e.mul(e).meanNumber().doubleValue();
                assertEquals(var, v, 0.05 * var, noise + " variance");
            }
        }
    }
}
