package org.geodl4j.updater;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One Riemannian Adam (or AMSGrad) step for one parameter (pure math; {@link RiemannianAdam} is the DL4J
 * configuration).
 *
 * <pre>
 *   x  = projx(x)                                   (manifold parameters, when stabilising)
 *   g  = g + wd * x;   r = egrad2rgrad(x, g)
 *   m  = beta1 * m + (1 - beta1) * r
 *   v  = beta2 * v + (1 - beta2) * componentInner(x, r)    (r*r on Euclidean space; &lt;r,r&gt;_x per point otherwise)
 *   vh = amsgrad ? (vMax = max(vMax, v)) : v
 *   d  = adamStep(m, vh, lr, t)                     (bias-corrected, see {@link EpsilonConvention})
 *   (x', m) = (Exp_x(-d), P_{x -&gt; x'}(m))           (only m is transported: v is a scalar per point)
 *   update = x_in - x'
 * </pre>
 *
 * With {@link Euclidean} space every geometric map is the identity and the step is Adam's.
 *
 * <p>Reference: G. Bécigneul, O.-E. Ganea, "Riemannian Adaptive Optimization Methods", ICLR 2019, Algorithm 1
 * (RAMSGRAD; RADAM drops the max); geoopt {@code RiemannianAdam} ({@code geoopt/optim/radam.py}).
 *
 * <p>Convention: geoopt places {@code eps} as PyTorch does; DL4J as {@link EpsilonConvention#DL4J} (the default of
 * {@link RiemannianAdam}).
 */
public final class RiemannianAdamStep {

    private RiemannianAdamStep() {
    }

    /**
     * Computes the update and advances the moments in place.
     *
     * @param manifold    the parameter's manifold
     * @param x           current point (not modified); may be {@code null} on {@link Euclidean} space with
     *                    {@code weightDecay == 0}
     * @param g           Euclidean gradient (not modified)
     * @param m           first moment (tangent at {@code x}, transported to {@code x'})
     * @param v           second moment, same shape as {@code g}
     * @param vMax        running maximum of {@code v} (AMSGrad), or {@code null} for Adam
     * @param lr          learning rate
     * @param t           1-based step number (bias correction)
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator guard
     * @param weightDecay L2 coefficient added to the gradient (coupled, as geoopt)
     * @param convention  where {@code eps} enters
     * @param exact       exponential map and parallel transport ({@code false}: retraction and its transport)
     * @param stabilize   project {@code x} before the step and the new point and {@code m} after it
     * @return {@code x - x'} (a new array)
     */
    public static INDArray update(Manifold manifold, INDArray x, INDArray g, INDArray m, INDArray v, INDArray vMax,
            double lr, long t, double beta1, double beta2, double eps, double weightDecay,
            EpsilonConvention convention, boolean exact, boolean stabilize) {
        boolean euclidean = manifold instanceof Euclidean;
        INDArray point = RiemannianMove.startPoint(manifold, x, stabilize);
        INDArray grad = weightDecay != 0.0 ? g.add(point.mul(weightDecay)) : g;
        INDArray r = euclidean ? grad : manifold.egrad2rgrad(point, grad);
        m.muli(beta1).addi(r.mul(1.0 - beta1));
        v.muli(beta2).addi(RiemannianMove.squaredComponents(manifold, point, r).muli(1.0 - beta2));
        INDArray vHat = v;
        if (vMax != null) {
            Transforms.max(vMax, v, false);
            vHat = vMax;
        }
        INDArray step = convention.adamStep(m, vHat, lr, t, beta1, beta2, eps);
        if (euclidean) {
            return step;
        }
        INDArray update = RiemannianMove.update(manifold, point, step.negi(), exact, stabilize, m);
        return RiemannianMove.fromStoredValue(update, x, point);
    }
}
