package org.geodl4j.bitnet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Per-token (per-row) absmax activation quantiser of BitNet b1.58 with {@code b} bits.
 *
 * <pre>
 *   Q   = 2^(b−1) − 1                                  (127 for b = 8, 7 for b = 4)
 *   s_i = Q / max(max_j |x_ij|, 1e-5)                   (one scale per row)
 *   q_ij = clamp(round(x_ij · s_i), −Q−1, Q)            (integers in [−128, 127] for b = 8)
 *   x_q = q / s
 * </pre>
 * The straight-through form {@link #steQuantize(SameDiff, SDVariable, int)} is {@code x + stopGradient(x_q − x)}:
 * gradient identity, no gradient to the scales.
 *
 * <p>Reference: Ma et al., "The Era of 1-bit LLMs", arXiv:2402.17764 (2024), §2 "activation quantization"; BitNet
 * "Training Tips, Code and FAQ" (microsoft/unilm), Fig. 3 ({@code activation_quant}).
 *
 * <p>Convention: symmetric, no zero point (b1.58); input is a 2-D {@code [tokens, features]} array and each row is
 * one token. Since |x·s| ≤ Q by construction, the lower clamp −Q−1 never binds; it is kept as in the reference.
 * {@code round} is ND4J's (half away from zero).
 */
public final class ActivationQuantizer {

    /** Lower clamp of the absmax denominator. */
    public static final double ABSMAX_EPS = 1e-5;
    /** Default number of activation bits. */
    public static final int DEFAULT_BITS = 8;

    private ActivationQuantizer() {
    }

    /**
     * The largest positive integer level {@code Q = 2^(b−1) − 1}.
     *
     * @param bits activation bits, 2..8
     * @return Q
     */
    public static int maxLevel(int bits) {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("ActivationQuantizer: bits must be in [2, 8] (8 = int8, 4 = int4), got "
                    + bits);
        }
        return (1 << (bits - 1)) - 1;
    }

    /**
     * Per-row scales {@code s_i = Q / max(max_j |x_ij|, 1e-5)}.
     *
     * @param x    activations {@code [n, d]} (not modified)
     * @param bits activation bits
     * @return {@code [n, 1]} scales
     */
    public static INDArray scales(INDArray x, int bits) {
        requireMatrix(x);
        int q = maxLevel(bits);
        INDArray absMax = Transforms.abs(x, true).max(true, 1);
        Transforms.max(absMax, ABSMAX_EPS, false);
        return Transforms.pow(absMax, -1.0, false).muli(q);
    }

    /**
     * Integer levels {@code clamp(round(x·s), −Q−1, Q)} (stored in x's floating data type).
     *
     * @param x      activations {@code [n, d]} (not modified)
     * @param scales {@code [n, 1]} from {@link #scales(INDArray, int)}
     * @param bits   activation bits
     * @return a new {@code [n, d]} array of integer values
     */
    public static INDArray levels(INDArray x, INDArray scales, int bits) {
        int q = maxLevel(bits);
        INDArray t = x.mul(scales);
        Transforms.round(t, false);
        return Transforms.max(Transforms.min(t, q, false), -q - 1, false);
    }

    /**
     * Fake-quantised activations {@code x_q = levels / s}.
     *
     * @param x    activations {@code [n, d]} (not modified)
     * @param bits activation bits
     * @return a new array
     */
    public static INDArray quantize(INDArray x, int bits) {
        INDArray s = scales(x, bits);
        return levels(x, s, bits).divi(s);
    }

    /**
     * SameDiff form of the per-row scales (no gradient).
     *
     * @param sd   SameDiff instance
     * @param x    activations {@code [n, d]}
     * @param bits activation bits
     * @return {@code [n, 1]} scales, gradient-free
     */
    public static SDVariable scales(SameDiff sd, SDVariable x, int bits) {
        int q = maxLevel(bits);
        SDVariable absMax = sd.math.abs(x).max(true, 1);
        SDVariable clamped = sd.math.max(absMax, sd.constant(ABSMAX_EPS).castTo(x.dataType()));
        return TernaryWeightQuantizer.stopGradient(sd, sd.math.pow(clamped, -1.0).mul(q));
    }

    /**
     * SameDiff fake quantisation {@code clamp(round(x·s), −Q−1, Q)/s} (use inside a stop-gradient).
     *
     * @param sd   SameDiff instance
     * @param x    activations {@code [n, d]}
     * @param bits activation bits
     * @return fake-quantised activations
     */
    public static SDVariable quantize(SameDiff sd, SDVariable x, int bits) {
        int q = maxLevel(bits);
        SDVariable s = scales(sd, x, bits);
        return sd.math.clipByValue(sd.math.round(x.mul(s)), -q - 1, q).div(s);
    }

    /**
     * Straight-through activations {@code x + stopGradient(x_q − x)}.
     *
     * @param sd   SameDiff instance
     * @param x    activations {@code [n, d]}
     * @param bits activation bits
     * @return STE-quantised activations
     */
    public static SDVariable steQuantize(SameDiff sd, SDVariable x, int bits) {
        return x.add(TernaryWeightQuantizer.stopGradient(sd, quantize(sd, x, bits).sub(x)));
    }

    private static void requireMatrix(INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("ActivationQuantizer: expected [tokens, features] (rank 2), got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
    }
}
