package org.geodl4j.updater;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The last stage of every Riemannian step: move from {@code x} along the tangent vector {@code u}, carry the optimiser's
 * tangent-vector states along, and express the move as the array DL4J subtracts.
 *
 * <pre>
 *   x'  = Exp_x(u)            (or R_x(u), a retraction, when not exact)
 *   s_i = P_{x -&gt; x'}(s_i)    for every vector-valued state s_i (momentum, velocity), in place
 *   update = x - x'           (DL4J applies params &lt;- params - update, landing exactly on x')
 * </pre>
 *
 * On {@link Euclidean} space every map is the identity, so the update is {@code -u} exactly (no cancellation in
 * {@code x - (x + u)}) and {@code x} is not needed.
 *
 * <p>Reference: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix Manifolds", Princeton 2008,
 * §4.1 (retractions) and §8.1 (vector transport); G. Bécigneul, O.-E. Ganea, "Riemannian Adaptive Optimization
 * Methods", ICLR 2019, Algorithm 1 (transported momentum).
 */
public final class RiemannianMove {

    private RiemannianMove() {
    }

    /**
     * {@code componentInner(x, u)} clamped at 0: the statistic Adam-type second moments accumulate. It is
     * non-negative in exact arithmetic, but an indefinite ambient form (the hyperboloid's Minkowski product) can
     * round a tangent vector's {@code <u,u>_x} below zero far from the origin in float32, and {@code sqrt} of a
     * negative second moment would be NaN. Euclidean space returns {@code u * u} unchanged.
     */
    public static INDArray squaredComponents(Manifold manifold, INDArray x, INDArray u) {
        INDArray sq = manifold.componentInner(x, u);
        return manifold instanceof Euclidean ? sq : Transforms.max(sq, 0.0, false);
    }

    /**
     * The point a step starts from: {@code projx(x)} when stabilising a manifold parameter (DL4J lands on
     * {@code x - (x - x')}, which in float32 can miss {@code x'} by a rounding of the size of {@code x}'s coordinates,
     * e.g. far out on the hyperboloid), else {@code x} itself. Pair with {@link #fromStoredValue}.
     */
    public static INDArray startPoint(Manifold manifold, INDArray x, boolean stabilize) {
        return stabilize && !(manifold instanceof Euclidean) ? manifold.projx(x) : x;
    }

    /**
     * Re-expresses an update computed from {@code point} (see {@link #startPoint}) relative to the stored value
     * {@code x}, so that DL4J's {@code x - update} lands on the same new point: adds {@code x - point} in place.
     */
    public static INDArray fromStoredValue(INDArray update, INDArray x, INDArray point) {
        return point == x ? update : update.addi(x.sub(point));
    }

    /**
     * Moves {@code x} along {@code u}, transports {@code states} in place and returns the update {@code x - x'}.
     *
     * @param manifold  the parameter's manifold
     * @param x         the current point (not modified; may be {@code null} on {@link Euclidean} space)
     * @param u         the tangent step at {@code x} (e.g. {@code -lr * direction}; not modified)
     * @param exact     {@code true}: exponential map and parallel transport; {@code false}: the manifold's retraction
     *                  and its transport
     * @param stabilize {@code true}: re-project the new point onto the manifold and the states onto its tangent space
     * @param states    tangent vectors at {@code x} to carry to {@code x'}, overwritten in place (null entries skipped)
     * @return the update {@code x - x'}, a new array
     */
    public static INDArray update(Manifold manifold, INDArray x, INDArray u, boolean exact, boolean stabilize,
            INDArray... states) {
        if (manifold instanceof Euclidean) {
            return u.neg();
        }
        INDArray first = null;
        for (INDArray s : states) {
            if (s != null) {
                first = s;
                break;
            }
        }
        INDArray y;
        INDArray[] moved = new INDArray[states.length];
        if (first == null) {
            y = exact ? manifold.expmap(x, u) : manifold.retr(x, u);
        } else {
            // the fused verbs let a manifold use its exact or cheaper combined form (e.g. Cayley on Stiefel)
            INDArray[] yt = exact ? manifold.expmapTransp(x, u, first) : manifold.retrTransp(x, u, first);
            y = yt[0];
            for (int i = 0; i < states.length; i++) {
                if (states[i] == first) {
                    moved[i] = yt[1];
                } else if (states[i] != null) {
                    moved[i] = manifold.transp(x, y, states[i]);
                }
            }
        }
        if (stabilize) {
            y = manifold.projx(y);
        }
        for (int i = 0; i < states.length; i++) {
            if (moved[i] != null) {
                states[i].assign(stabilize ? manifold.proju(y, moved[i]) : moved[i]);
            }
        }
        return x.sub(y);
    }
}
