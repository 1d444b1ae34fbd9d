package org.geodl4j.bitnet;

import java.io.Serializable;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of stochastic-resonance noise for a {@code BitLinear} layer: noise {@code n = σ·Δ·ε} injected
 * before the ternary weight quantiser (and optionally the activation quantiser) while training.
 *
 * <pre>
 *   FIXED      σ = sigma
 *   ANNEALED   σ(k) = sigmaEnd + (sigma − sigmaEnd)·max(0, 1 − k/annealSteps),   k = training forward passes
 *   LEARNABLE  σ = softplus(ρ) + sigmaMin, ρ a trainable per-layer scalar initialised so that σ = sigma
 * </pre>
 * Weights train through the expected-gradient STE of {@link NoisyTernaryQuantizer} (forward: one hard sample;
 * backward: ∂E/∂v and, for LEARNABLE, ∂E/∂σ). Activation noise uses the plain STE (for one-step uniform dither that
 * is the exact expected gradient, reference A4). Inference: no noise ({@code inferenceSamples = 0}, default) or the
 * mean of {@code inferenceSamples} noisy weight quantisations (an array of threshold units, Duan et al.).
 *
 * <p>Reference: Duan, Ren &amp; Duan, "Adaptive stochastic resonance based convolutional neural network", Chaos,
 * Solitons &amp; Fractals 162 (2022); Duan, Duan, Chapeau-Blondeau &amp; Abbott, IEEE TIM 70 (2021) (noise level as
 * an SGD parameter).
 *
 * <p>Convention: all σ are in units of the quantiser step (γ for weights, 1/s for activations); for UNIFORM σ is
 * the half-width, so 0.5 is one-step dither.
 */
public final class StochasticResonance implements Serializable {

    /** How σ evolves during training. */
    public enum Schedule {
        /** Constant σ. */
        FIXED,
        /** Linear decay from sigma to sigmaEnd over annealSteps training forward passes. */
        ANNEALED,
        /** σ = softplus(ρ) + sigmaMin with a trainable ρ per layer. */
        LEARNABLE
    }

    /** Default σ (½ step: maximal slope of the Gaussian expectation at v = 0, one-step dither for UNIFORM). */
    public static final double DEFAULT_SIGMA = 0.5;
    /** Default lower bound of a learnable σ. */
    public static final double DEFAULT_SIGMA_MIN = 0.01;

    private static final long serialVersionUID = 1L;

    private final NoiseDistribution distribution;
    private final Schedule schedule;
    private final double sigma;
    private final double sigmaMin;
    private final double sigmaEnd;
    private final long annealSteps;
    private final double activationSigma;
    private final int inferenceSamples;

    @JsonCreator
    private StochasticResonance(@JsonProperty("distribution") NoiseDistribution distribution,
                                @JsonProperty("schedule") Schedule schedule,
                                @JsonProperty("sigma") double sigma,
                                @JsonProperty("sigmaMin") double sigmaMin,
                                @JsonProperty("sigmaEnd") double sigmaEnd,
                                @JsonProperty("annealSteps") long annealSteps,
                                @JsonProperty("activationSigma") double activationSigma,
                                @JsonProperty("inferenceSamples") int inferenceSamples) {
        if (distribution == null || schedule == null) {
            throw new IllegalArgumentException("StochasticResonance: distribution and schedule are required");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("StochasticResonance: sigma must be finite and > 0, got " + sigma);
        }
        if (schedule == Schedule.LEARNABLE && !(sigmaMin >= 0 && sigmaMin < sigma)) {
            throw new IllegalArgumentException("StochasticResonance: learnable σ needs 0 <= sigmaMin < sigma, got "
                    + "sigmaMin=" + sigmaMin + ", sigma=" + sigma);
        }
        if (schedule == Schedule.ANNEALED && (!(sigmaEnd > 0) || annealSteps < 1)) {
            // σ → 0 would make the expected gradient vanish almost everywhere (E → hard quantiser)
            throw new IllegalArgumentException("StochasticResonance: annealing needs sigmaEnd > 0 (the expected "
                    + "gradient vanishes as σ → 0) and annealSteps >= 1, got sigmaEnd=" + sigmaEnd + ", annealSteps="
                    + annealSteps);
        }
        if (!(activationSigma >= 0) || Double.isInfinite(activationSigma)) {
            throw new IllegalArgumentException("StochasticResonance: activationSigma must be >= 0 (0 = no activation "
                    + "noise), got " + activationSigma);
        }
        if (inferenceSamples < 0) {
            throw new IllegalArgumentException("StochasticResonance: inferenceSamples must be >= 0, got "
                    + inferenceSamples);
        }
        this.distribution = distribution;
        this.schedule = schedule;
        this.sigma = sigma;
        this.sigmaMin = sigmaMin;
        this.sigmaEnd = sigmaEnd;
        this.annealSteps = annealSteps;
        this.activationSigma = activationSigma;
        this.inferenceSamples = inferenceSamples;
    }

    /**
     * Fixed noise level.
     *
     * @param distribution noise family
     * @param sigma        σ in steps
     * @return the configuration
     */
    public static StochasticResonance fixed(NoiseDistribution distribution, double sigma) {
        return new StochasticResonance(distribution, Schedule.FIXED, sigma, 0, 0, 0, 0, 0);
    }

    /**
     * One-step uniform dither (σ = ½, UNIFORM, fixed): the unbiased stochastic-rounding quantiser.
     *
     * @return the configuration
     */
    public static StochasticResonance dither() {
        return fixed(NoiseDistribution.UNIFORM, 0.5);
    }

    /**
     * Linearly annealed noise level.
     *
     * @param distribution noise family
     * @param sigma        initial σ
     * @param sigmaEnd     final σ, &gt; 0 (small σ: gradient only near the thresholds ±½)
     * @param annealSteps  number of training forward passes of the decay
     * @return the configuration
     */
    public static StochasticResonance annealed(NoiseDistribution distribution, double sigma, double sigmaEnd,
                                               long annealSteps) {
        return new StochasticResonance(distribution, Schedule.ANNEALED, sigma, 0, sigmaEnd, annealSteps, 0, 0);
    }

    /**
     * Learnable per-layer noise level {@code σ = softplus(ρ) + sigmaMin}.
     *
     * @param distribution noise family
     * @param sigmaInit    initial σ
     * @return the configuration (sigmaMin = {@link #DEFAULT_SIGMA_MIN})
     */
    public static StochasticResonance learnable(NoiseDistribution distribution, double sigmaInit) {
        return new StochasticResonance(distribution, Schedule.LEARNABLE, sigmaInit, DEFAULT_SIGMA_MIN, 0, 0, 0, 0);
    }

    /**
     * A copy that also adds noise of scale {@code activationSigma} (in activation steps) before the activation
     * quantiser while training.
     *
     * @param activationSigma σ for activations, ≥ 0
     * @return a new configuration
     */
    public StochasticResonance withActivationNoise(double activationSigma) {
        return new StochasticResonance(distribution, schedule, sigma, sigmaMin, sigmaEnd, annealSteps,
                activationSigma, inferenceSamples);
    }

    /**
     * A copy whose inference output uses the mean of {@code m} noisy weight quantisations (0 = noise-free).
     *
     * @param m number of samples, ≥ 0
     * @return a new configuration
     */
    public StochasticResonance withInferenceSamples(int m) {
        return new StochasticResonance(distribution, schedule, sigma, sigmaMin, sigmaEnd, annealSteps,
                activationSigma, m);
    }

    /**
     * A copy with a different lower bound for the learnable σ.
     *
     * @param sigmaMin lower bound, {@code 0 ≤ sigmaMin < sigma}
     * @return a new configuration
     */
    public StochasticResonance withSigmaMin(double sigmaMin) {
        return new StochasticResonance(distribution, schedule, sigma, sigmaMin, sigmaEnd, annealSteps,
                activationSigma, inferenceSamples);
    }

    /**
     * σ of the FIXED/ANNEALED schedules after {@code step} training forward passes (LEARNABLE: the initial σ).
     *
     * @param step number of training forward passes so far
     * @return σ ≥ 0
     */
    public double sigmaAt(long step) {
        if (schedule != Schedule.ANNEALED) {
            return sigma;
        }
        double f = Math.max(0.0, 1.0 - step / (double) annealSteps);
        return sigmaEnd + (sigma - sigmaEnd) * f;
    }

    /**
     * The unconstrained initial value {@code ρ₀ = softplus⁻¹(sigma − sigmaMin) = log(exp(sigma − sigmaMin) − 1)}.
     *
     * @return ρ₀
     */
    public double initialRho() {
        double d = sigma - sigmaMin;
        return d > 30 ? d : Math.log(Math.expm1(d));
    }

    /** @return the noise family */
    @JsonProperty("distribution")
    public NoiseDistribution distribution() {
        return distribution;
    }

    /** @return the σ schedule */
    @JsonProperty("schedule")
    public Schedule schedule() {
        return schedule;
    }

    /** @return the (initial) σ */
    @JsonProperty("sigma")
    public double sigma() {
        return sigma;
    }

    /** @return the lower bound of a learnable σ */
    @JsonProperty("sigmaMin")
    public double sigmaMin() {
        return sigmaMin;
    }

    /** @return the final σ of the annealing */
    @JsonProperty("sigmaEnd")
    public double sigmaEnd() {
        return sigmaEnd;
    }

    /** @return the annealing length in training forward passes */
    @JsonProperty("annealSteps")
    public long annealSteps() {
        return annealSteps;
    }

    /** @return σ of the activation noise (0 = none) */
    @JsonProperty("activationSigma")
    public double activationSigma() {
        return activationSigma;
    }

    /** @return number of noisy samples averaged at inference (0 = noise-free) */
    @JsonProperty("inferenceSamples")
    public int inferenceSamples() {
        return inferenceSamples;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StochasticResonance)) {
            return false;
        }
        StochasticResonance s = (StochasticResonance) o;
        return distribution == s.distribution && schedule == s.schedule && sigma == s.sigma
                && sigmaMin == s.sigmaMin && sigmaEnd == s.sigmaEnd && annealSteps == s.annealSteps
                && activationSigma == s.activationSigma && inferenceSamples == s.inferenceSamples;
    }

    @Override
    public int hashCode() {
        return Objects.hash(distribution, schedule, sigma, sigmaMin, sigmaEnd, annealSteps, activationSigma,
                inferenceSamples);
    }

    @Override
    public String toString() {
        return "StochasticResonance{" + distribution + ", " + schedule + ", σ=" + sigma
                + (schedule == Schedule.LEARNABLE ? ", σmin=" + sigmaMin : "")
                + (schedule == Schedule.ANNEALED ? " → " + sigmaEnd + " over " + annealSteps : "")
                + (activationSigma > 0 ? ", σ_act=" + activationSigma : "")
                + (inferenceSamples > 0 ? ", M=" + inferenceSamples : "") + "}";
    }
}
