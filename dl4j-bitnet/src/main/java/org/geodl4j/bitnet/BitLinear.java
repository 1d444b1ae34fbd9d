package org.geodl4j.bitnet;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * BitLinear (BitNet b1.58): a fully connected layer with ternary weights {−1, 0, +1}·γ and b-bit per-token
 * activations, trained through latent full-precision weights with the straight-through estimator, optionally with
 * stochastic-resonance noise before the quantisers.
 *
 * <pre>
 *   y = act( Quant_b(RMSNorm(x)) · (γ·RoundClip(W/γ, −1, 1)) + b ),   γ = max(mean|W|, 1e-5)
 * </pre>
 * The SameDiff definition is {@link BitLinearGraph}; quantisers: {@link ActivationQuantizer},
 * {@link TernaryWeightQuantizer}; noise: {@link StochasticResonance}. Parameters: {@code W [nIn, nOut]} (latent
 * weights, 'f' order like DL4J's DenseLayer), {@code b [1, nOut]} (if {@code hasBias}), {@code rho [1, 1]} (learnable
 * noise level, no regularization), buffer {@code srStep [1, 1]} (annealing counter of training forward passes).
 *
 * <p>Usage: a drop-in for {@code DenseLayer}; for an all-ternary classifier put a parameter-free
 * {@code LossLayer} (softmax + MCXENT) after the last BitLinear. After training, {@link TernaryExport} packs the
 * layers for multiplication-free inference.
 *
 * <p>Reference: Ma, Wang, Ma, Wang, Wang, Huang, Dong, Wang, Xue, Wei, "The Era of 1-bit LLMs: All Large Language
 * Models are in 1.58 Bits", arXiv:2402.17764 (2024); "Training Tips, Code and FAQ" (microsoft/unilm), Fig. 3.
 *
 * <p>Convention: RMSNorm on by default (the b1.58 recipe moves the norm into the layer), bias on by default (DL4J
 * convention; the b1.58 LLaMA-style models have none — switch it off with {@code hasBias(false)}); activation
 * identity by default. With noise, the runtime's backward pass re-executes the forward with a fresh draw: the weight
 * and σ gradients do not depend on the draw (they use the expectation), the input gradient δ·W_sᵀ uses an
 * independent sample (same expectation).
 */
public class BitLinear extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    /** Latent weight parameter name. */
    public static final String WEIGHT_KEY = "W";
    /** Bias parameter name. */
    public static final String BIAS_KEY = "b";
    /** Unconstrained learnable noise level ρ, σ = softplus(ρ) + σmin. */
    public static final String RHO_KEY = "rho";
    /** Buffer counting training forward passes (annealed noise). */
    public static final String STEP_KEY = "srStep";

    private long nIn;
    private long nOut;
    private boolean hasBias = true;
    private boolean rmsNorm = true;
    private double rmsNormEps = RmsNorm.DEFAULT_EPS;
    private int activationBits = ActivationQuantizer.DEFAULT_BITS;
    private Activation activation = Activation.IDENTITY;
    private StochasticResonance stochasticResonance;

    private BitLinear() {
    }

    private BitLinear(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.hasBias = b.hasBias;
        this.rmsNorm = b.rmsNorm;
        this.rmsNormEps = b.rmsNormEps;
        this.activationBits = b.activationBits;
        this.activation = b.activation;
        this.stochasticResonance = b.stochasticResonance;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void defineParameters(GeoLayerParams params) {
        params.addWeightParam(WEIGHT_KEY, nIn, nOut);
        if (stochasticResonance != null && stochasticResonance.schedule() == StochasticResonance.Schedule.LEARNABLE) {
            params.addWeightParam(RHO_KEY, 1, 1);
        }
        if (hasBias) {
            params.addBiasParam(BIAS_KEY, 1, nOut);
        }
        if (stochasticResonance != null && stochasticResonance.schedule() == StochasticResonance.Schedule.ANNEALED) {
            params.addBuffer(STEP_KEY, 1, 1);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeight(WEIGHT_KEY, params.get(WEIGHT_KEY), nIn, nOut);
        if (params.containsKey(BIAS_KEY)) {
            params.get(BIAS_KEY).assign(0);
        }
        if (params.containsKey(RHO_KEY)) {
            params.get(RHO_KEY).assign(stochasticResonance.initialRho());
        }
        if (params.containsKey(STEP_KEY)) {
            params.get(STEP_KEY).assign(0);
        }
    }

    @Override
    protected SDVariable define(GeoLayerContext ctx) {
        SameDiff sd = ctx.sameDiff();
        SDVariable sigma = noiseLevel(ctx);
        SDVariable y = BitLinearGraph.define(sd, ctx.input(), ctx.param(WEIGHT_KEY),
                hasBias ? ctx.param(BIAS_KEY) : null, sigma, stochasticResonance, rmsNorm, rmsNormEps,
                activationBits, ctx.training());
        SDVariable out = activation.asSameDiff(sd, y);
        return ctx.mask() == null ? out : out.mul(ctx.mask());
    }

    /** σ as a graph variable, or null when there is no weight noise in this graph. */
    private SDVariable noiseLevel(GeoLayerContext ctx) {
        StochasticResonance sr = stochasticResonance;
        if (sr == null || (!ctx.training() && sr.inferenceSamples() == 0)) {
            return null;
        }
        SameDiff sd = ctx.sameDiff();
        switch (sr.schedule()) {
            case FIXED:
                return sd.constant(sr.sigma()).castTo(ctx.dataType());
            case LEARNABLE:
                return sd.nn.softplus(ctx.param(RHO_KEY)).add(sr.sigmaMin());
            case ANNEALED: {
                SDVariable step = ctx.param(STEP_KEY);
                ctx.updateBuffer(STEP_KEY, step.add(1.0));
                SDVariable frac = sd.math.clipByValue(step.mul(-1.0 / sr.annealSteps()).add(1.0), 0.0, 1.0);
                return frac.mul(sr.sigma() - sr.sigmaEnd()).add(sr.sigmaEnd());
            }
            default:
                throw new IllegalStateException(String.valueOf(sr.schedule()));
        }
    }

    /** The learnable noise level ρ is not a weight: no weight decay / L2 on it. */
    @Override
    protected List<Regularization> regularizationFor(String paramName, List<Regularization> configured) {
        return RHO_KEY.equals(paramName) ? Collections.emptyList() : configured;
    }

    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(describe() + ": expected feed-forward input, got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(describe() + " (index " + layerIndex
                    + "): expected feed-forward input, got " + inputType);
        }
        return InputType.feedForward(nOut);
    }

    @Override
    public char paramReshapeOrder(String param) {
        return WEIGHT_KEY.equals(param) ? 'f' : 'c';
    }

    @Override
    public void validateInput(INDArray input) {
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException("BitLinear expected input [minibatch, " + nIn + "], got "
                    + Arrays.toString(input.shape()));
        }
        double s = input.sumNumber().doubleValue();
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("BitLinear expected finite input, got NaN or Inf");
        }
    }

    // ---------------------------------------------------------------- bean properties (JSON)

    /** @return number of inputs */
    public long getNIn() {
        return nIn;
    }

    /** @param nIn number of inputs */
    public void setNIn(long nIn) {
        this.nIn = nIn;
        setLayerParams(null);
    }

    /** @return number of outputs */
    public long getNOut() {
        return nOut;
    }

    /** @param nOut number of outputs */
    public void setNOut(long nOut) {
        this.nOut = nOut;
        setLayerParams(null);
    }

    /** @return whether the layer has a bias */
    public boolean isHasBias() {
        return hasBias;
    }

    /** @param hasBias whether the layer has a bias */
    public void setHasBias(boolean hasBias) {
        this.hasBias = hasBias;
        setLayerParams(null);
    }

    /** @return whether RMSNorm is applied to the input */
    public boolean isRmsNorm() {
        return rmsNorm;
    }

    /** @param rmsNorm whether RMSNorm is applied to the input */
    public void setRmsNorm(boolean rmsNorm) {
        this.rmsNorm = rmsNorm;
    }

    /** @return RMSNorm ε */
    public double getRmsNormEps() {
        return rmsNormEps;
    }

    /** @param rmsNormEps RMSNorm ε */
    public void setRmsNormEps(double rmsNormEps) {
        this.rmsNormEps = rmsNormEps;
    }

    /** @return activation bits */
    public int getActivationBits() {
        return activationBits;
    }

    /** @param activationBits activation bits (2..8) */
    public void setActivationBits(int activationBits) {
        this.activationBits = activationBits;
    }

    /** @return activation applied after the linear map */
    public Activation getActivation() {
        return activation;
    }

    /** @param activation activation applied after the linear map */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** @return the noise configuration, or null */
    public StochasticResonance getStochasticResonance() {
        return stochasticResonance;
    }

    /** @param stochasticResonance the noise configuration, or null */
    public void setStochasticResonance(StochasticResonance stochasticResonance) {
        this.stochasticResonance = stochasticResonance;
        setLayerParams(null);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        BitLinear l = (BitLinear) o;
        return nIn == l.nIn && nOut == l.nOut && hasBias == l.hasBias && rmsNorm == l.rmsNorm
                && rmsNormEps == l.rmsNormEps && activationBits == l.activationBits && activation == l.activation
                && Objects.equals(stochasticResonance, l.stochasticResonance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, hasBias, rmsNorm, rmsNormEps, activationBits, activation,
                stochasticResonance);
    }

    @Override
    public String toString() {
        return "BitLinear(" + nIn + "->" + nOut + ", bias=" + hasBias + ", rmsNorm=" + rmsNorm + ", bits="
                + activationBits + ", act=" + activation + (stochasticResonance == null ? "" : ", "
                + stochasticResonance) + ")";
    }

    /** DL4J-style builder. */
    public static final class Builder extends GeoSameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private boolean hasBias = true;
        private boolean rmsNorm = true;
        private double rmsNormEps = RmsNorm.DEFAULT_EPS;
        private int activationBits = ActivationQuantizer.DEFAULT_BITS;
        private Activation activation = Activation.IDENTITY;
        private StochasticResonance stochasticResonance;

        /** @param nIn number of inputs (0: inferred from the input type) @return this */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /** @param nOut number of outputs, ≥ 1 @return this */
        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        /** @param hasBias add a bias (default true) @return this */
        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        /** @param rmsNorm RMSNorm the input (default true) @return this */
        public Builder rmsNorm(boolean rmsNorm) {
            this.rmsNorm = rmsNorm;
            return this;
        }

        /** @param eps RMSNorm ε &gt; 0 (default 1e-6) @return this */
        public Builder rmsNormEps(double eps) {
            this.rmsNormEps = eps;
            return this;
        }

        /** @param bits activation bits, 2..8 (default 8; 4 for int4) @return this */
        public Builder activationBits(int bits) {
            this.activationBits = bits;
            return this;
        }

        /** @param activation activation after the linear map (default identity) @return this */
        public Builder activation(Activation activation) {
            this.activation = activation;
            return this;
        }

        /** @param sr stochastic-resonance noise, or null for plain STE (default) @return this */
        public Builder stochasticResonance(StochasticResonance sr) {
            this.stochasticResonance = sr;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BitLinear build() {
            if (nOut < 1) {
                throw new IllegalArgumentException("BitLinear: nOut must be >= 1, got " + nOut);
            }
            if (nIn < 0) {
                throw new IllegalArgumentException("BitLinear: nIn must be >= 0 (0 = from input type), got " + nIn);
            }
            if (!(rmsNormEps > 0)) {
                throw new IllegalArgumentException("BitLinear: rmsNormEps must be > 0, got " + rmsNormEps);
            }
            ActivationQuantizer.maxLevel(activationBits);
            if (activation == null) {
                throw new IllegalArgumentException("BitLinear: activation must not be null");
            }
            return new BitLinear(this);
        }
    }
}
