package org.geodl4j.manifold;

import java.io.Serializable;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A Riemannian manifold with the verb set of geoopt ({@code geoopt/manifolds/base.py}), acting on batches.
 *
 * <p><b>Layout.</b> A point is the trailing {@link #pointRank()} axes of an {@code INDArray}: the last axis for vector
 * manifolds (Euclidean, Poincaré ball, Lorentz hyperboloid, sphere), the last two axes for matrix manifolds (Stiefel).
 * All leading axes are batch axes, so one call handles a whole mini-batch or embedding table. Arguments are never
 * modified; every verb returns a new array of the input's data type.
 *
 * <p><b>Shapes.</b> Scalar-per-point results ({@link #inner}, {@link #norm}, {@link #dist}) keep the point axes with
 * size 1 (e.g. {@code [N, D] -> [N, 1]}), so they broadcast against points without reshaping.
 *
 * <p><b>Updates.</b> DL4J subtracts whatever an updater writes, so a Riemannian step {@code x' = R_x(-lr * xi)} is
 * written as the update {@code x - R_x(-lr * xi)} (see {@code org.geodl4j.nn}).
 *
 * <p>Composite verbs ({@link #retrTransp}, {@link #expmapTransp}, {@link #norm}, {@link #componentInner}) have
 * default bodies built from the primitives; implementations override them where a fused or exact form exists.
 */
public interface Manifold extends Serializable {

    /** A short human-readable name including its parameters, e.g. {@code PoincareBall(c=1.0)}; used in error messages. */
    String name();

    /** Number of trailing axes that form one point: 1 for vector manifolds, 2 for matrix manifolds. */
    default int pointRank() {
        return 1;
    }

    /** The nearest point of the manifold (a projection or a cheap approximation of it), e.g. the ball clips norms. */
    INDArray projx(INDArray x);

    /** Projects an ambient vector {@code u} onto the tangent space at {@code x}. */
    INDArray proju(INDArray x, INDArray u);

    /** Converts a Euclidean gradient {@code g} of a function at {@code x} into its Riemannian gradient. */
    INDArray egrad2rgrad(INDArray x, INDArray g);

    /** Riemannian metric {@code <u, v>_x}, one value per point (point axes kept with size 1). */
    INDArray inner(INDArray x, INDArray u, INDArray v);

    /** Riemannian norm {@code ||u||_x}, one value per point (point axes kept with size 1). */
    default INDArray norm(INDArray x, INDArray u) {
        return Transforms.sqrt(Transforms.max(inner(x, u, u), 0.0), false);
    }

    /**
     * The per-component second-moment statistic used by Riemannian Adam: for a product of one-dimensional factors
     * (Euclidean space) the elementwise {@code u * u}; for every other manifold the point's {@code <u, u>_x}
     * broadcast to the shape of {@code u} (geoopt {@code component_inner}, Bécigneul &amp; Ganea, ICLR 2019).
     */
    default INDArray componentInner(INDArray x, INDArray u) {
        return inner(x, u, u).broadcast(u.shape());
    }

    /** Exponential map {@code exp_x(u)}. */
    INDArray expmap(INDArray x, INDArray u);

    /** Logarithmic map {@code log_x(y)}, the inverse of {@link #expmap} where it is defined. */
    INDArray logmap(INDArray x, INDArray y);

    /** A retraction {@code R_x(u)}: a first-order approximation of the exponential map (default: the exponential map). */
    default INDArray retr(INDArray x, INDArray u) {
        return expmap(x, u);
    }

    /** Parallel transport (or a vector transport, as documented by the implementation) of {@code v} from {@code T_x} to {@code T_y}. */
    INDArray transp(INDArray x, INDArray y, INDArray v);

    /** Retraction followed by transport of {@code v} to the new point: returns {@code {y, transp(x, y, v)}}. */
    default INDArray[] retrTransp(INDArray x, INDArray u, INDArray v) {
        INDArray y = retr(x, u);
        return new INDArray[] {y, transp(x, y, v)};
    }

    /** Exponential map followed by parallel transport of {@code v}: returns {@code {y, transp(x, y, v)}}. */
    default INDArray[] expmapTransp(INDArray x, INDArray u, INDArray v) {
        INDArray y = expmap(x, u);
        return new INDArray[] {y, transp(x, y, v)};
    }

    /** Geodesic distance, one value per pair of points (point axes kept with size 1). */
    INDArray dist(INDArray x, INDArray y);

    /**
     * The canonical base point ("origin") broadcast to {@code shape} (the full shape including point axes):
     * zero for Euclidean space and the ball, {@code (1/sqrt(c), 0, ..., 0)} on the hyperboloid, {@code e_1} on the
     * sphere, the first columns of the identity on Stiefel.
     */
    INDArray origin(DataType dataType, long... shape);

    /**
     * A random point of {@code shape} (full shape including point axes), reproducible for a given seed. The
     * distribution is documented by each implementation (it is meant for initialisation and tests).
     */
    INDArray randomPoint(long seed, DataType dataType, long... shape);

    /**
     * Checks that every point of {@code x} lies on the manifold within {@code atol}; returns the reason when it does
     * not (e.g. {@code "norm 1.02 >= 1/sqrt(c) = 1.0"}), empty when it does.
     */
    Optional<String> checkPoint(INDArray x, double atol);

    /**
     * Throws an {@link IllegalArgumentException} naming {@code who} (a layer and parameter, say), this manifold and
     * the reason, when {@code x} is not on the manifold within {@code atol}.
     */
    default void assertOnManifold(INDArray x, double atol, String who) {
        Optional<String> reason = checkPoint(x, atol);
        if (reason.isPresent()) {
            throw new IllegalArgumentException(who + ": expected points on " + name() + " but " + reason.get());
        }
    }
}
