package org.geodl4j.bitnet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parameter-free root-mean-square normalisation over the last axis, the norm BitNet b1.58 places inside BitLinear.
 *
 * <pre>
 *   RMSNorm(x)_ij = x_ij / sqrt( (1/d) Σ_k x_ik² + ε ),   ε = 1e-6 by default
 * </pre>
 * Reference: Zhang &amp; Sennrich, "Root Mean Square Layer Normalization", NeurIPS 2019, Eq. (4); used without a
 * gain inside BitLinear by Ma et al., arXiv:2402.17764 (2024) / BitNet FAQ Fig. 3.
 *
 * <p>Convention: no learnable gain (the FAQ's BitLinear owns only its weight); ε inside the square root as in
 * LLaMA's RMSNorm.
 */
public final class RmsNorm {

    /** Default ε. */
    public static final double DEFAULT_EPS = 1e-6;

    private RmsNorm() {
    }

    /**
     * RMS-normalises each row.
     *
     * @param x   {@code [n, d]} (not modified)
     * @param eps ε &gt; 0
     * @return a new normalised array
     */
    public static INDArray normalize(INDArray x, double eps) {
        INDArray ms = x.mul(x).mean(true, 1).addi(eps);
        // the same native op as the SameDiff form, so that packed inference reproduces training bit for bit
        return x.mul(Nd4j.exec(new RSqrt(ms, ms)));
    }

    /**
     * SameDiff form of {@link #normalize(INDArray, double)} (differentiable).
     *
     * @param sd  SameDiff instance
     * @param x   {@code [n, d]}
     * @param eps ε &gt; 0
     * @return normalised activations
     */
    public static SDVariable normalize(SameDiff sd, SDVariable x, double eps) {
        SDVariable ms = sd.math.square(x).mean(true, 1).add(eps);
        // x·rsqrt(ms), not x.div(sqrt(ms)): M2.1's div backward is wrong for a one-element divisor (batch size 1)
        return x.mul(sd.math.rsqrt(ms));
    }
}
