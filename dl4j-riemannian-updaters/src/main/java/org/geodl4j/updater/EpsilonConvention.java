package org.geodl4j.updater;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Where Adam's {@code eps} enters the bias-corrected step. Libraries differ, and over many steps the difference is
 * visible whenever {@code sqrt(v)} is comparable to {@code eps}.
 *
 * <pre>
 *   DL4J    (nd4j AdamUpdater):     step = lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
 *   PYTORCH (torch.optim.Adam,       step = lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 *            geoopt RiemannianAdam)
 * </pre>
 *
 * {@code t} is the 1-based step (DL4J's 0-based {@code iteration + 1}); {@code m}, {@code v} are the already updated
 * moments. The two agree for {@code eps = 0}; PYTORCH equals DL4J with {@code eps * sqrt(1 - beta2^t)}.
 *
 * <p>Reference: D. P. Kingma, J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1 (which
 * writes the PYTORCH form; the DL4J form is the "more efficient" reordering given in §2 of the same paper).
 */
public enum EpsilonConvention {

    /** {@code eps} added to the uncorrected {@code sqrt(v)}, as DL4J's {@code Adam}: bit-for-bit comparable with it. */
    DL4J {
        @Override
        public INDArray adamStep(INDArray m, INDArray v, double lr, long t, double beta1, double beta2, double eps) {
            double alpha = lr * Math.sqrt(1.0 - Math.pow(beta2, t)) / (1.0 - Math.pow(beta1, t));
            INDArray den = Transforms.sqrt(v, true).addi(eps);
            return m.mul(alpha).divi(den);
        }
    },

    /** {@code eps} added to the bias-corrected {@code sqrt(v_hat)}, as PyTorch and geoopt. */
    PYTORCH {
        @Override
        public INDArray adamStep(INDArray m, INDArray v, double lr, long t, double beta1, double beta2, double eps) {
            double bc1 = 1.0 - Math.pow(beta1, t);
            double bc2 = 1.0 - Math.pow(beta2, t);
            INDArray den = Transforms.sqrt(v.div(bc2), false).addi(eps);
            return m.mul(lr / bc1).divi(den);
        }
    };

    /**
     * The Adam step {@code lr * m_hat / (sqrt(v_hat) + eps)} in this convention, as a new array.
     *
     * @param m     updated first moment (not modified)
     * @param v     updated second moment, or its running maximum for AMSGrad (not modified; same shape as {@code m}
     *              or broadcastable to it)
     * @param lr    learning rate
     * @param t     1-based step number
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param eps   denominator guard
     */
    public abstract INDArray adamStep(INDArray m, INDArray v, double lr, long t, double beta1, double beta2,
            double eps);
}
