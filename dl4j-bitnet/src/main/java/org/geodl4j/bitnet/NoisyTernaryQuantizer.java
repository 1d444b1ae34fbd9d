package org.geodl4j.bitnet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The stochastic-resonance (noisy) ternary quantiser {@code t(v + n)} on step-normalised inputs {@code v = w/Δ},
 * with {@code t = RoundClip(·, −1, 1)} (thresholds ±½) and noise {@code n = σ·ε} from a {@link NoiseDistribution},
 * σ measured in steps. Its expectation and exact derivatives are closed-form:
 *
 * <pre>
 *   E(v; σ)   = F(v − ½; σ) + F(v + ½; σ) − 1
 *   ∂E/∂v     = f(v − ½; σ) + f(v + ½; σ)
 *   ∂E/∂σ     = ∂F/∂σ(v − ½) + ∂F/∂σ(v + ½) = −[(v − ½) f(v − ½) + (v + ½) f(v + ½)] / σ
 *   Var       = P₊ + P₋ − (P₊ − P₋)²,   P₊ = 1 − F(½ − v),  P₋ = F(−½ − v)
 * </pre>
 * Special case (UNIFORM, σ = ½, one-step dither): {@code E(v) = clip(v, −1, 1)} exactly and {@code ∂E/∂v = 1[|v| < 1]}
 * — stochastic rounding, unbiased inside the range; the clipped STE is its exact expected gradient.
 *
 * <p>Training uses the "expected-gradient STE": forward value = one hard sample, gradient = that of the expectation,
 * {@code stopGradient(t(v + σε) − E(v; σ)) + E(v; σ)} ({@link #sampleWithExpectedGradient}). Gradients reach both
 * {@code v} and a learnable σ.
 *
 * <p>Reference: threshold-unit stochastic resonance with noise-smoothed gradients — Duan, Ren &amp; Duan, "Adaptive
 * stochastic resonance based convolutional neural network", Chaos, Solitons &amp; Fractals 162 (2022); expectation
 * formulas derived for the ternary RoundClip quantiser (geodl4j reference note bitnet-koopman A4).
 *
 * <p>Convention: v is already divided by the step (BitNet: Δ = γ, the absmean scale computed from the latent,
 * noise-free weights); the hard quantiser rounds half away from zero (ND4J).
 */
public final class NoisyTernaryQuantizer {

    private NoisyTernaryQuantizer() {
    }

    /**
     * The noise-free hard quantiser {@code t(v) = clip(round(v), −1, 1)}.
     *
     * @param v step-normalised values (not modified)
     * @return a new array of values in {−1, 0, 1}
     */
    public static INDArray hard(INDArray v) {
        INDArray t = Transforms.round(v, true);
        return Transforms.max(Transforms.min(t, 1.0, false), -1.0, false);
    }

    /**
     * One noisy sample {@code t(v + σ·ε)} (noise from {@code Nd4j.getRandom()}).
     *
     * @param v     step-normalised values (not modified)
     * @param noise noise family
     * @param sigma noise scale in steps, &gt; 0
     * @return a new array of values in {−1, 0, 1}
     */
    public static INDArray sample(INDArray v, NoiseDistribution noise, double sigma) {
        INDArray t = v.add(noise.sample(sigma, v.dataType(), v.shape()));
        Transforms.round(t, false);
        return Transforms.max(Transforms.min(t, 1.0, false), -1.0, false);
    }

    /**
     * Mean of {@code m} independent noisy samples (an array of m threshold units; variance Var/m).
     *
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma noise scale in steps
     * @param m     number of samples, ≥ 1
     * @return a new array
     */
    public static INDArray meanOfSamples(INDArray v, NoiseDistribution noise, double sigma, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("NoisyTernaryQuantizer: number of samples must be >= 1, got " + m);
        }
        INDArray acc = sample(v, noise, sigma);
        for (int i = 1; i < m; i++) {
            acc.addi(sample(v, noise, sigma));
        }
        return acc.divi(m);
    }

    /**
     * Closed-form expectation {@code E(v; σ) = F(v − ½) + F(v + ½) − 1}.
     *
     * @param v     step-normalised values (not modified)
     * @param noise noise family
     * @param sigma noise scale in steps
     * @return a new array
     */
    public static INDArray expectation(INDArray v, NoiseDistribution noise, double sigma) {
        return noise.cdf(v.sub(0.5), sigma).addi(noise.cdf(v.add(0.5), sigma)).subi(1.0);
    }

    /**
     * Per-element variance {@code P₊ + P₋ − (P₊ − P₋)²} of one noisy sample.
     *
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma noise scale in steps
     * @return a new array
     */
    public static INDArray variance(INDArray v, NoiseDistribution noise, double sigma) {
        INDArray pPlus = noise.cdf(v.sub(0.5), sigma);              // P(v + n > ½) = F(v − ½) by symmetry
        INDArray pMinus = noise.cdf(v.add(0.5).negi(), sigma);       // P(v + n < −½) = F(−v − ½)
        INDArray diff = pPlus.sub(pMinus);
        return pPlus.addi(pMinus).subi(diff.muli(diff));
    }

    /**
     * Analytic {@code ∂E/∂v = f(v − ½) + f(v + ½)}.
     *
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma noise scale in steps
     * @return a new array
     */
    public static INDArray expectationDerivativeV(INDArray v, NoiseDistribution noise, double sigma) {
        return noise.pdf(v.sub(0.5), sigma).addi(noise.pdf(v.add(0.5), sigma));
    }

    /**
     * Analytic {@code ∂E/∂σ = ∂F/∂σ(v − ½) + ∂F/∂σ(v + ½)}.
     *
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma noise scale in steps
     * @return a new array
     */
    public static INDArray expectationDerivativeSigma(INDArray v, NoiseDistribution noise, double sigma) {
        return noise.cdfDerivativeSigma(v.sub(0.5), sigma).addi(noise.cdfDerivativeSigma(v.add(0.5), sigma));
    }

    /**
     * SameDiff expectation {@code E(v; σ)}, differentiable in v and σ (autodiff reproduces the analytic derivatives).
     *
     * @param sd    SameDiff instance
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma scale in steps (scalar variable; may be trainable)
     * @return E(v; σ)
     */
    public static SDVariable expectation(SameDiff sd, SDVariable v, NoiseDistribution noise, SDVariable sigma) {
        return noise.cdf(sd, v.sub(0.5), sigma).add(noise.cdf(sd, v.add(0.5), sigma)).sub(1.0);
    }

    /**
     * Expected-gradient STE: forward value {@code t(v + σ·ε)} (one fresh sample per execution), gradient that of
     * {@code E(v; σ)}: {@code stopGradient(t(v + σε) − E) + E}. The unit noise ε is drawn with a static shape when
     * {@code v} has one, else shaped like {@code v} at run time ({@link NoiseDistribution#sampleUnitLike}).
     *
     * @param sd    SameDiff instance
     * @param v     step-normalised values
     * @param noise noise family
     * @param sigma scale in steps (scalar variable; may be trainable)
     * @return sampled ternary values with the expected gradient
     */
    public static SDVariable sampleWithExpectedGradient(SameDiff sd, SDVariable v, NoiseDistribution noise,
                                                        SDVariable sigma) {
        long[] shape = v.getShape();
        SDVariable eps = shape != null && java.util.Arrays.stream(shape).allMatch(d -> d > 0)
                ? noise.sampleUnit(sd, v.dataType(), shape) : noise.sampleUnitLike(sd, v);
        return sampleWithExpectedGradient(sd, v, eps, noise, sigma);
    }

    /**
     * Expected-gradient STE with given unit noise ε (shaped like v):
     * {@code stopGradient(t(v + σε) − E(v; σ)) + E(v; σ)}.
     *
     * @param sd    SameDiff instance
     * @param v     step-normalised values
     * @param eps   unit-scale noise of the family {@code noise}
     * @param noise noise family
     * @param sigma scale in steps (scalar variable; may be trainable)
     * @return sampled ternary values with the expected gradient
     */
    public static SDVariable sampleWithExpectedGradient(SameDiff sd, SDVariable v, SDVariable eps,
                                                        NoiseDistribution noise, SDVariable sigma) {
        SDVariable noisy = v.add(eps.mul(sigma));
        SDVariable hard = sd.math.clipByValue(sd.math.round(noisy), -1.0, 1.0);
        SDVariable e = expectation(sd, v, noise, sigma);
        return TernaryWeightQuantizer.stopGradient(sd, hard.sub(e)).add(e);
    }
}
