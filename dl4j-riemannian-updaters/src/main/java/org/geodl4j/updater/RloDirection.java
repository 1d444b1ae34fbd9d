package org.geodl4j.updater;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The direction field {@code Phi} of the Riemannian Lyapunov Optimizer: the target the velocity is attracted to,
 * computed from the interpolated momentum {@code c = beta1 * m_old + (1 - beta1) * g} (or, for {@link #ADAM}, from the
 * updated moments).
 *
 * <p>Reference: Wang, Patil, Dixon, "Riemannian Lyapunov Optimizer", arXiv:2601.22284, 2026 (the field's notation
 * follows the paper's summary; the variants follow the authors' {@code train_classification.py}).
 */
public enum RloDirection {

    /** {@code sign(c)}: Lion's field; the limit of {@link #TANH} as {@code gamma -> infinity}. */
    SIGN {
        @Override
        INDArray apply(INDArray c, double gamma, double beta2) {
            return Transforms.sign(c, true);
        }
    },

    /** {@code tanh(gamma * c)}: the smooth (Lipschitz) field of RLO-Λ and RLO-Lifted. */
    TANH {
        @Override
        INDArray apply(INDArray c, double gamma, double beta2) {
            return Transforms.tanh(c.mul(gamma), false);
        }
    },

    /**
     * {@code c / (1 - beta2)}: linear momentum. With {@code beta2 = mu} the EMA {@code m} equals {@code (1 - mu)}
     * times PyTorch's sum-form buffer, so {@code beta1 = mu} gives heavy-ball SGD ({@code mu * buf_old + g}) and
     * {@code beta1 = mu^2} gives Nesterov's direction ({@code g + mu * buf_new}) exactly.
     */
    MOMENTUM {
        @Override
        INDArray apply(INDArray c, double gamma, double beta2) {
            return c.div(1.0 - beta2);
        }
    },

    /**
     * Adam's {@code m_hat / (sqrt(v_hat) + eps)} from the updated moments ({@code beta2} decays {@code m},
     * {@code beta3} decays the second moment); computed by {@link RloStep}, not from {@code c}.
     */
    ADAM {
        @Override
        INDArray apply(INDArray c, double gamma, double beta2) {
            throw new UnsupportedOperationException("RloDirection.ADAM is computed from the moments, not from c");
        }
    };

    /** The field at the interpolated momentum {@code c} (a new array). */
    abstract INDArray apply(INDArray c, double gamma, double beta2);
}
