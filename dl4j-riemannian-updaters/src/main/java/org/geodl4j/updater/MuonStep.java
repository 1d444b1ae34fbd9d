package org.geodl4j.updater;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Muon step for one weight (pure math; {@link Muon} is the DL4J configuration), and the AdamW step Muon uses for
 * everything that is not a hidden weight matrix.
 *
 * <pre>
 *   buf = mu * buf + (1 - mu) * g                      (EMA form; buf_0 = 0)
 *   u   = nesterov ? (1 - mu) * g + mu * buf : buf
 *   U   = asMatrix(u)                                  (dense [nIn, nOut] as is; conv [nOut, nIn, kH, kW] -&gt; [nOut, nIn*kH*kW])
 *   O   = NewtonSchulz(U) * scale(fanIn, fanOut)
 *   update = lr * wd * x + lr * O                      (decoupled decay with the unadjusted lr)
 * </pre>
 *
 * <p>Reference: K. Jordan et al., "Muon: An optimizer for hidden layers in neural networks", 2024
 * ({@code KellerJordan/Muon muon.py}); J. Liu et al., "Muon is Scalable for LLM Training", arXiv:2502.16982, 2025,
 * §2.2 (scale and decoupled decay).
 *
 * <p>Convention: the momentum is the EMA form of the reference; the sum form ({@code buf = mu*buf + g}, Moonlight's
 * toy code) differs by the factor {@code 1 - mu}, which Newton–Schulz's normalisation removes.
 */
public final class MuonStep {

    private MuonStep() {
    }

    /**
     * True if Muon can treat a parameter of this shape: rank 2 with both sides &gt;= 2 (DL4J biases {@code [1, n]} are
     * not matrices), or rank &gt;= 3 (convolution filters {@code [nOut, nIn, k...]}) with {@code nOut >= 2} and
     * {@code nIn*k... >= 2}.
     */
    public static boolean isMatrixLike(long[] shape) {
        if (shape.length < 2) {
            return false;
        }
        long rows = shape[0];
        long cols = 1;
        for (int i = 1; i < shape.length; i++) {
            cols *= shape[i];
        }
        return rows >= 2 && cols >= 2;
    }

    /**
     * {@code {fanIn, fanOut}} of a weight: DL4J dense {@code [nIn, nOut]} gives {@code {nIn, nOut}}; a convolution
     * filter {@code [nOut, nIn, k...]} gives {@code {nIn * prod(k), nOut}}.
     */
    public static long[] fans(long[] shape) {
        if (shape.length == 2) {
            return new long[] {shape[0], shape[1]};
        }
        long in = 1;
        for (int i = 1; i < shape.length; i++) {
            in *= shape[i];
        }
        return new long[] {in, shape[0]};
    }

    /**
     * The matrix Newton–Schulz acts on: the parameter itself when rank 2, else the convolution filter flattened to
     * {@code [nOut, nIn*kH*kW]} (row-major, so {@link #fromMatrix} restores it exactly).
     */
    public static INDArray asMatrix(INDArray u) {
        if (u.rank() == 2) {
            return u;
        }
        long[] shape = u.shape();
        return u.dup('c').reshape('c', shape[0], u.length() / shape[0]);
    }

    /** Inverse of {@link #asMatrix}: back to {@code shape}. */
    public static INDArray fromMatrix(INDArray m, long[] shape) {
        if (shape.length == 2) {
            if (!Arrays.equals(m.shape(), shape)) {
                throw new IllegalArgumentException("MuonStep: expected a matrix of shape " + Arrays.toString(shape)
                        + " but got " + Arrays.toString(m.shape()));
            }
            return m;
        }
        return m.dup('c').reshape('c', shape);
    }

    /**
     * Computes the Muon update for one weight and advances {@code buf} in place.
     *
     * @param x           current weight (not modified); may be {@code null} when {@code weightDecay == 0}
     * @param g           gradient, same shape (not modified)
     * @param buf         momentum buffer, same shape
     * @param lr          learning rate (also the decay's rate, unadjusted)
     * @param momentum    {@code mu in [0, 1)}
     * @param nesterov    use the Nesterov look-ahead {@code (1 - mu) g + mu buf}
     * @param weightDecay decoupled decay coefficient
     * @param nsSteps     Newton–Schulz iterations
     * @param a           Newton–Schulz linear coefficient
     * @param b           cubic coefficient
     * @param c           quintic coefficient
     * @param nsEps       Frobenius normalisation guard
     * @param scale       shape scale rule
     * @return the update (a new array of {@code g}'s shape)
     */
    public static INDArray update(INDArray x, INDArray g, INDArray buf, double lr, double momentum, boolean nesterov,
            double weightDecay, int nsSteps, double a, double b, double c, double nsEps, MuonScale scale) {
        buf.muli(momentum).addi(g.mul(1.0 - momentum));
        INDArray u = nesterov ? g.mul(1.0 - momentum).addi(buf.mul(momentum)) : buf;
        long[] shape = g.shape();
        long[] fans = fans(shape);
        INDArray o = NewtonSchulz.newtonSchulz(asMatrix(u), nsSteps, a, b, c, nsEps);
        INDArray update = fromMatrix(o, shape).muli(lr * scale.factor(fans[0], fans[1]));
        if (weightDecay != 0.0) {
            update.addi(x.mul(lr * weightDecay));
        }
        return update;
    }

    /**
     * The AdamW step Muon applies to biases, gains, embeddings and other parameters it does not orthogonalise:
     * {@code update = lr * wd * x + adamStep(m, v)} with the moments advanced in place.
     *
     * <p>Reference: I. Loshchilov, F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, Algorithm 2.
     *
     * @param x           current value (not modified); may be {@code null} when {@code weightDecay == 0}
     * @param g           gradient (not modified)
     * @param m           first moment
     * @param v           second moment
     * @param lr          learning rate
     * @param t           1-based step
     * @param beta1       first-moment decay
     * @param beta2       second-moment decay
     * @param eps         denominator guard
     * @param weightDecay decoupled decay coefficient
     * @param convention  where {@code eps} enters
     * @return the update (a new array)
     */
    public static INDArray adamwUpdate(INDArray x, INDArray g, INDArray m, INDArray v, double lr, long t,
            double beta1, double beta2, double eps, double weightDecay, EpsilonConvention convention) {
        m.muli(beta1).addi(g.mul(1.0 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1.0 - beta2));
        INDArray update = convention.adamStep(m, v, lr, t, beta1, beta2, eps);
        if (weightDecay != 0.0) {
            update.addi(x.mul(lr * weightDecay));
        }
        return update;
    }
}
