package org.geodl4j.bitnet;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference-only BitLinear with packed ternary weights: RMSNorm (optional) → per-token absmax integer activations →
 * multiplication-free ternary product ({@link TernaryMatMul}) → dequantisation → bias.
 *
 * <pre>
 *   x̂ = RMSNorm(x);   s_b = Q / max|x̂_b|;   q_b = clamp(round(x̂_b·s_b), −Q−1, Q)        (int8 for 8 bits)
 *   y_b = (Σ_c T[r, c]·q_b[c]) · γ / s_b + bias_r
 * </pre>
 * The quantisers are the same ND4J functions as in training ({@link RmsNorm}, {@link ActivationQuantizer},
 * {@link TernaryWeightQuantizer}), so the integer levels equal the training forward's; the output equals the
 * training forward {@code x_q·W_q + b} up to float rounding of the final scaling and of the float mmul.
 *
 * <p>Reference: BitNet b1.58 inference, "The Era of 1-bit LLMs: Training Tips, Code and FAQ" (microsoft/unilm), Fig. 4:
 * {@code y = gemm(x_int8, W_ternary) / w_scale / x_scale}, {@code w_scale = 1/γ}, {@code x_scale = s}.
 *
 * <p>Convention: input {@code [batch, nIn]}, output {@code [batch, nOut]} in the input's floating data type.
 */
public final class PackedBitLinear {

    private final String name;
    private final TernaryMatrix weights;
    private final double[] bias;
    private final boolean rmsNorm;
    private final double rmsNormEps;
    private final int activationBits;

    /**
     * @param name           layer name for error messages
     * @param weights        packed {@code [nOut, nIn]} ternary weights and γ
     * @param bias           bias of length nOut, or null
     * @param rmsNorm        apply RMSNorm to the input first
     * @param rmsNormEps     ε of the RMSNorm
     * @param activationBits activation bits (8 or 4; levels must fit a byte)
     */
    public PackedBitLinear(String name, TernaryMatrix weights, double[] bias, boolean rmsNorm, double rmsNormEps,
                           int activationBits) {
        ActivationQuantizer.maxLevel(activationBits);
        if (bias != null && bias.length != weights.rows()) {
            throw new IllegalArgumentException("PackedBitLinear '" + name + "': bias length must be nOut="
                    + weights.rows() + ", got " + bias.length);
        }
        this.name = name;
        this.weights = weights;
        this.bias = bias == null ? null : bias.clone();
        this.rmsNorm = rmsNorm;
        this.rmsNormEps = rmsNormEps;
        this.activationBits = activationBits;
    }

    /** @return the layer name */
    public String name() {
        return name;
    }

    /** @return the packed ternary weights */
    public TernaryMatrix weights() {
        return weights;
    }

    /** @return nIn */
    public int nIn() {
        return weights.cols();
    }

    /** @return nOut */
    public int nOut() {
        return weights.rows();
    }

    /** @return bytes of packed weights, scale and bias */
    public long sizeInBytes() {
        return weights.sizeInBytes() + (bias == null ? 0 : 4L * bias.length);
    }

    /**
     * Forward pass on the given kernel.
     *
     * @param x      {@code [batch, nIn]} finite activations (not modified)
     * @param kernel the product kernel (thread pool)
     * @return {@code [batch, nOut]}
     */
    public INDArray output(INDArray x, TernaryMatMul kernel) {
        if (x.rank() != 2 || x.size(1) != nIn()) {
            throw new IllegalArgumentException("PackedBitLinear '" + name + "': expected input [batch, " + nIn()
                    + "], got " + Arrays.toString(x.shape()));
        }
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException("PackedBitLinear '" + name + "': expected floating input, got "
                    + x.dataType());
        }
        double check = x.sumNumber().doubleValue();
        if (Double.isNaN(check) || Double.isInfinite(check)) {
            throw new IllegalArgumentException("PackedBitLinear '" + name + "': input contains NaN or Inf");
        }
        int batch = (int) x.size(0);
        INDArray xn = rmsNorm ? RmsNorm.normalize(x, rmsNormEps) : x;
        INDArray s = ActivationQuantizer.scales(xn, activationBits);
        INDArray levels = ActivationQuantizer.levels(xn, s, activationBits);
        int[] lv = levels.castTo(DataType.INT).dup('c').data().asInt();
        byte[] q = new byte[lv.length];
        for (int i = 0; i < lv.length; i++) {
            q[i] = (byte) lv[i];
        }
        int[] acc = kernel.multiply(weights, q, batch);
        double[] sv = s.castTo(DataType.DOUBLE).data().asDouble();
        int nOut = nOut();
        double[] y = new double[acc.length];
        double gamma = weights.scale();
        for (int b = 0; b < batch; b++) {
            double f = gamma / sv[b];
            for (int r = 0; r < nOut; r++) {
                y[b * nOut + r] = acc[b * nOut + r] * f + (bias == null ? 0.0 : bias[r]);
            }
        }
        return Nd4j.create(y, new long[]{batch, nOut}, DataType.DOUBLE).castTo(x.dataType());
    }

    @Override
    public String toString() {
        return "PackedBitLinear[" + name + ", " + nIn() + "->" + nOut() + ", bits=" + activationBits + ", rmsNorm="
                + rmsNorm + ", " + weights + "]";
    }
}
