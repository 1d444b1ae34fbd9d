package org.geodl4j.updater;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One Riemannian SGD step for one parameter (pure math; {@link RiemannianSgd} is the DL4J configuration).
 *
 * <pre>
 *   x   = projx(x)                                    (manifold parameters, when stabilising)
 *   g   = g + wd * x                                  (ambient L2, before projection)
 *   r   = egrad2rgrad(x, g)
 *   buf = mu * buf + (1 - dampening) * r              (buf_0 = 0; skipped when mu = 0)
 *   d   = nesterov ? r + mu * buf : (mu &gt; 0 ? buf : r)
 *   (x', buf) = (Exp_x(-lr * d), P_{x -&gt; x'}(buf))     (or the retraction and its transport)
 *   update = x - x'
 * </pre>
 *
 * <p>Reference: S. Bonnabel, "Stochastic gradient descent on Riemannian manifolds", IEEE TAC 58(9), 2013, eq. (2);
 * geoopt {@code RiemannianSGD} ({@code geoopt/optim/rsgd.py}) for momentum with transport.
 *
 * <p>Convention (first step): the buffer starts at zero, so {@code buf_1 = (1 - dampening) * r_1}. This is DL4J
 * {@code Nesterovs} (and PyTorch SGD for dampening 0). geoopt instead starts from a copy of the raw gradient
 * ({@code buf_1 = mu * g_1 + (1 - dampening) * r_1}); PyTorch ignores dampening on the first step
 * ({@code buf_1 = g_1}).
 */
public final class RiemannianSgdStep {

    private RiemannianSgdStep() {
    }

    /**
     * Computes the update and advances {@code buf} in place (transported to the new point).
     *
     * @param manifold    the parameter's manifold
     * @param x           current point (not modified); may be {@code null} on {@link Euclidean} space with
     *                    {@code weightDecay == 0}
     * @param g           Euclidean gradient (not modified)
     * @param buf         momentum buffer, same shape as {@code g}; ignored (may be {@code null}) when
     *                    {@code momentum == 0}
     * @param lr          learning rate
     * @param momentum    {@code mu >= 0}
     * @param dampening   {@code in [0, 1]}
     * @param nesterov    Nesterov's look-ahead direction
     * @param weightDecay L2 coefficient added to the gradient
     * @param exact       exponential map and parallel transport ({@code false}: retraction and its transport)
     * @param stabilize   project {@code x} before the step and the new point and the buffer after it
     * @return {@code x - x'} (a new array; {@code lr * d} on Euclidean space)
     */
    public static INDArray update(Manifold manifold, INDArray x, INDArray g, INDArray buf, double lr, double momentum,
            double dampening, boolean nesterov, double weightDecay, boolean exact, boolean stabilize) {
        INDArray point = RiemannianMove.startPoint(manifold, x, stabilize);
        INDArray grad = weightDecay != 0.0 ? g.add(point.mul(weightDecay)) : g;
        INDArray r = manifold instanceof Euclidean ? grad : manifold.egrad2rgrad(point, grad);
        INDArray direction;
        if (momentum != 0.0) {
            buf.muli(momentum).addi(r.mul(1.0 - dampening));
            direction = nesterov ? r.add(buf.mul(momentum)) : buf;
        } else {
            direction = r;
        }
        if (manifold instanceof Euclidean) {
            return direction.mul(lr);
        }
        INDArray update = RiemannianMove.update(manifold, point, direction.mul(-lr), exact, stabilize,
                momentum != 0.0 ? buf : null);
        return RiemannianMove.fromStoredValue(update, x, point);
    }
}
