package org.geodl4j.updater;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.SafeMath;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One step of the Riemannian Lyapunov Optimizer for one parameter, in two phases so that a global normalisation over
 * every parameter can sit between them (pure math; {@link Rlo} is the DL4J configuration).
 *
 * <pre>
 * phase 1, {@link #field}:
 *   r   = egrad2rgrad(x, g)
 *   c   = beta1 * m + (1 - beta1) * r               (uses the OLD m)
 *   dlt = r - m                                      (belief residual, OLD m)
 *   m   = beta2 * m + (1 - beta2) * r               (state update Psi)
 *   s   = beta3 * s + (1 - beta3) * componentInner(x, r)     (when a second moment is kept)
 *   phi = Phi(c) (per point on a manifold)  or, for ADAM, m_hat / (sqrt(s_hat) + eps)
 *   phi = phi / (sqrt(s) + eps)                      (second-moment scaling, RLO-Λ)
 * between the phases: kappa = sqrt(D) / ||phi||_2 over all D coordinates (global normalisation) or 1
 * phase 2, {@link #update}:
 *   u   = kappa * phi + lambdaB * dlt / max(||dlt||, eps)
 *   vel = (1 - eta) * vel + eta * u                  (lift; eta = 1: vel = u, memoryless)
 *   x'  = R_x(-lr * vel);   m, vel transported to x'  (Euclidean: x' = x - lr * vel - lr * wd * x)
 *   update = x - x'
 * </pre>
 *
 * <p>Reference: Wang, Patil, Dixon, "Riemannian Lyapunov Optimizer", arXiv:2601.22284, 2026. The paper body was not
 * available; the update follows the authors' code ({@code noMushroomw/NAIM train_classification.py}) as summarised
 * in the project's optimizer notes §3. Lion: X. Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS
 * 2023, Algorithm 2.
 *
 * <p>Convention: on a manifold, {@code sign}/{@code tanh} act per point on the Riemannian norm
 * ({@link #radialField}); norms are Riemannian; decoupled weight decay applies to Euclidean parameters only (a manifold has no origin to
 * decay towards).
 */
public final class RloStep {

    private RloStep() {
    }

    /** Result of phase 1 for one parameter. */
    public static final class Field {
        /** The target direction {@code phi} (tangent at {@code x}). */
        public final INDArray phi;
        /** The belief residual {@code r - m_old}, or {@code null} when no belief term is used. */
        public final INDArray residual;
        /** {@code ||phi||^2} (Riemannian, summed over points). */
        public final double phiSquaredNorm;

        Field(INDArray phi, INDArray residual, double phiSquaredNorm) {
            this.phi = phi;
            this.residual = residual;
            this.phiSquaredNorm = phiSquaredNorm;
        }
    }

    /**
     * Phase 1: the Riemannian gradient, the direction field and the state update ({@code m}, {@code s} in place).
     *
     * @param manifold     the parameter's manifold
     * @param x            current point (may be {@code null} on Euclidean space)
     * @param g            Euclidean gradient (not modified)
     * @param m            momentum EMA (decay {@code beta2})
     * @param s            second moment (decay {@code beta3}), or {@code null} when neither {@code secondMoment} nor
     *                     {@link RloDirection#ADAM}
     * @param direction    the field {@code Phi}
     * @param beta1        interpolation weight of {@code c}
     * @param beta2        momentum decay
     * @param beta3        second-moment decay
     * @param eps          denominator guard
     * @param gamma        tanh sharpness
     * @param secondMoment divide the field by {@code sqrt(s) + eps} (RLO-Λ)
     * @param belief       compute the belief residual
     * @param t            1-based step (bias correction of {@link RloDirection#ADAM})
     * @param convention   {@code eps} placement of {@link RloDirection#ADAM}
     */
    public static Field field(Manifold manifold, INDArray x, INDArray g, INDArray m, INDArray s,
            RloDirection direction, double beta1, double beta2, double beta3, double eps, double gamma,
            boolean secondMoment, boolean belief, long t, EpsilonConvention convention) {
        boolean euclidean = manifold instanceof Euclidean;
        INDArray r = euclidean ? g : manifold.egrad2rgrad(x, g);
        INDArray residual = belief ? r.sub(m) : null;
        INDArray phi;
        if (direction == RloDirection.ADAM) {
            m.muli(beta2).addi(r.mul(1.0 - beta2));
            s.muli(beta3).addi(RiemannianMove.squaredComponents(manifold, x, r).muli(1.0 - beta3));
            phi = convention.adamStep(m, s, 1.0, t, beta2, beta3, eps);
        } else {
            INDArray c = m.mul(beta1).addi(r.mul(1.0 - beta1));
            phi = euclidean || direction == RloDirection.MOMENTUM ? direction.apply(c, gamma, beta2)
                    : radialField(manifold, x, c, direction, gamma);
            m.muli(beta2).addi(r.mul(1.0 - beta2));
            if (secondMoment) {
                s.muli(beta3).addi(RiemannianMove.squaredComponents(manifold, x, r).muli(1.0 - beta3));
                phi.divi(Transforms.sqrt(s, true).addi(eps));
            }
        }
        return new Field(phi, residual, squaredNorm(manifold, x, phi));
    }

    /**
     * Phase 2: belief term, lift, move and transport. Returns {@code x - x'} and transports {@code m} and
     * {@code velocity} in place.
     *
     * @param manifold     the parameter's manifold
     * @param x            current point (may be {@code null} on Euclidean space with {@code weightDecay == 0})
     * @param field        result of phase 1
     * @param m            momentum (transported)
     * @param velocity     lifted velocity, or {@code null} when {@code eta == 1}
     * @param kappa        global normalisation factor (1 when not normalising)
     * @param lr           learning rate
     * @param beliefWeight {@code lambdaB}
     * @param eta          lift rate in (0, 1]
     * @param weightDecay  decoupled decay (Euclidean parameters only)
     * @param eps          guard of the residual's norm
     * @param exact        exponential map and parallel transport ({@code false}: retraction)
     * @param stabilize    re-project point and states after the move
     */
    public static INDArray update(Manifold manifold, INDArray x, Field field, INDArray m, INDArray velocity,
            double kappa, double lr, double beliefWeight, double eta, double weightDecay, double eps, boolean exact,
            boolean stabilize) {
        INDArray u = kappa == 1.0 ? field.phi : field.phi.mul(kappa);
        if (beliefWeight != 0.0) {
            double residualNorm = Math.sqrt(squaredNorm(manifold, x, field.residual));
            u = u.add(field.residual.mul(beliefWeight / Math.max(residualNorm, eps)));
        }
        INDArray step = u;
        if (velocity != null) {
            velocity.muli(1.0 - eta).addi(u.mul(eta));
            step = velocity;
        }
        if (manifold instanceof Euclidean) {
            INDArray update = step.mul(lr);
            if (weightDecay != 0.0) {
                update.addi(x.mul(lr * weightDecay));
            }
            return update;
        }
        return RiemannianMove.update(manifold, x, step.mul(-lr), exact, stabilize, m, velocity);
    }

    /**
     * The sign/tanh field on a manifold, per point and coordinate-free: {@code sqrt(k) * c / ||c||_x} for
     * {@link RloDirection#SIGN} and {@code sqrt(k) * tanh(gamma ||c||_x) * c / ||c||_x} for {@link RloDirection#TANH},
     * {@code k} the number of elements of one point (so a point's field has the norm {@code sqrt(k)} that an
     * elementwise sign has on {@code R^k}). Elementwise sign/tanh of a tangent vector's ambient coordinates is not a
     * geometric object (on the hyperboloid far from the origin it points anywhere once projected), while the
     * per-point form is the factor-wise adaptivity of Bécigneul &amp; Ganea (ICLR 2019, §3) and keeps
     * {@code tanh -> sign} as {@code gamma -> infinity}.
     */
    static INDArray radialField(Manifold manifold, INDArray x, INDArray c, RloDirection direction, double gamma) {
        long[] shape = c.shape();
        long k = 1;
        for (int i = shape.length - manifold.pointRank(); i < shape.length; i++) {
            k *= shape[i];
        }
        INDArray n = Transforms.max(manifold.norm(x, c), SafeMath.MIN_NORM, false);
        INDArray scale = direction == RloDirection.SIGN ? n.rdiv(Math.sqrt(k))
                : Transforms.tanh(n.mul(gamma), false).muli(Math.sqrt(k)).divi(n);
        return c.mul(scale);
    }

    /** The global normalisation {@code sqrt(D) / ||phi||} from the summed squared norms; 1 when the field is zero. */
    public static double kappa(long totalCoordinates, double phiSquaredNormSum) {
        double norm = Math.sqrt(phiSquaredNormSum);
        return norm > SafeMath.MIN_NORM ? Math.sqrt((double) totalCoordinates) / norm : 1.0;
    }

    /** {@code ||u||^2} in the metric of {@code manifold} at {@code x}, summed over all points. */
    static double squaredNorm(Manifold manifold, INDArray x, INDArray u) {
        if (manifold instanceof Euclidean) {
            double n = u.norm2Number().doubleValue();
            return n * n;
        }
        return Math.max(manifold.inner(x, u, u).sumNumber().doubleValue(), 0.0);
    }
}
