package org.geodl4j.bitnet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-tensor absmean ternary weight quantiser of BitNet b1.58.
 *
 * <pre>
 *   γ   = max(mean_ij |W_ij|, 1e-5)                      (one scale per tensor)
 *   t   = RoundClip(W / γ, −1, 1) = max(−1, min(1, round(W / γ)))  ∈ {−1, 0, 1}
 *   W_q = t · γ
 * </pre>
 * The straight-through estimator {@link #steQuantize(SameDiff, SDVariable)} returns
 * {@code W + stopGradient(W_q − W)}: its forward value is {@code W_q}, its gradient with respect to {@code W} is the
 * identity (the linear backward is evaluated at the quantised values; no clip mask; γ gets no gradient).
 *
 * <p>Reference: Ma, Wang, Ma, Wang, Wang, Huang, Dong, Wang, Xue, Wei, "The Era of 1-bit LLMs: All Large Language
 * Models are in 1.58 Bits", arXiv:2402.17764 (2024), Eq. (1)–(3); the accompanying "Training Tips, Code and FAQ"
 * (microsoft/unilm, bitnet/), Fig. 3.
 *
 * <p>Convention: the paper writes {@code W/(γ+ε)}; the FAQ code (followed here) clamps γ from below,
 * {@code γ = max(mean|W|, 1e-5)}. {@code round} is ND4J's (half away from zero; PyTorch rounds half to even — ties
 * have probability zero for real-valued weights). Weights keep the caller's data type.
 */
public final class TernaryWeightQuantizer {

    /** Lower clamp of the scale γ (FAQ code). */
    public static final double SCALE_EPS = 1e-5;

    private TernaryWeightQuantizer() {
    }

    /**
     * The absmean scale {@code γ = max(mean|W|, 1e-5)}.
     *
     * @param w weights (any shape, not modified)
     * @return γ
     */
    public static double scale(INDArray w) {
        requireFinite(w);
        // abs + mean: the same native reduction as the SameDiff form, so export and training agree bit for bit
        return Math.max(Transforms.abs(w, true).meanNumber().doubleValue(), SCALE_EPS);
    }

    /**
     * Ternary codes {@code RoundClip(W/γ, −1, 1)} as values −1, 0, 1 in the caller's data type.
     *
     * @param w     weights (not modified)
     * @param gamma scale, {@code > 0}
     * @return a new array of codes
     */
    public static INDArray codes(INDArray w, double gamma) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("TernaryWeightQuantizer: scale γ must be finite and > 0, got " + gamma);
        }
        INDArray t = w.div(gamma);
        Transforms.round(t, false);
        return Transforms.max(Transforms.min(t, 1.0, false), -1.0, false);
    }

    /**
     * Quantised weights {@code W_q = RoundClip(W/γ, −1, 1)·γ} with γ = {@link #scale(INDArray)}.
     *
     * @param w weights (not modified)
     * @return a new array with values in {−γ, 0, γ}
     */
    public static INDArray quantize(INDArray w) {
        double gamma = scale(w);
        return codes(w, gamma).muli(gamma);
    }

    /**
     * SameDiff form of γ: {@code max(mean|W|, 1e-5)} as a scalar; gradient-free by construction (wrapped in
     * stopGradient), as in BitNet where the scale is recomputed from the latent weights at every step.
     *
     * @param sd SameDiff instance
     * @param w  latent weights
     * @return scalar γ (no gradient)
     */
    public static SDVariable scale(SameDiff sd, SDVariable w) {
        SDVariable mean = sd.math.abs(w).mean();
        return stopGradient(sd, sd.math.max(mean, sd.constant(SCALE_EPS).castTo(w.dataType())));
    }

    /**
     * SameDiff form of the ternary codes for a given scale: {@code clip(round(W/γ), −1, 1)} (no useful gradient:
     * use it only inside a stop-gradient, see {@link #steQuantize}).
     *
     * @param sd    SameDiff instance
     * @param w     weights
     * @param gamma scalar scale
     * @return codes in {−1, 0, 1}
     */
    public static SDVariable codes(SameDiff sd, SDVariable w, SDVariable gamma) {
        return sd.math.clipByValue(sd.math.round(w.div(gamma)), -1.0, 1.0);
    }

    /**
     * Straight-through ternary weights: forward {@code W_q}, gradient identity, {@code W + stopGradient(W_q − W)}.
     *
     * @param sd SameDiff instance
     * @param w  latent weights
     * @return STE-quantised weights
     */
    public static SDVariable steQuantize(SameDiff sd, SDVariable w) {
        SDVariable gamma = scale(sd, w);
        SDVariable wq = codes(sd, w, gamma).mul(gamma);
        return w.add(stopGradient(sd, wq.sub(w)));
    }

    static SDVariable stopGradient(SameDiff sd, SDVariable v) {
        return new StopGradient(sd, v).outputVariable();
    }

    static void requireFinite(INDArray w) {
        if (w.isEmpty()) {
            throw new IllegalArgumentException("TernaryWeightQuantizer: empty weight array");
        }
        double s = w.sumNumber().doubleValue();
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("TernaryWeightQuantizer: weights must be finite, got a NaN/Inf entry");
        }
    }
}
