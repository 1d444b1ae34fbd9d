package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.PoincareBall;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The space the points of a layer's input or output live in: Euclidean (including the tangent space at the origin),
 * the Poincaré ball {@code D_c} or the Lorentz hyperboloid {@code L_c} (same curvature {@code -c}).
 */
public enum PointSpace {
    /** Unconstrained vectors (features, tangent vectors at the origin). */
    EUCLIDEAN,
    /** Points of the Poincaré ball {@code c||x||^2 < 1}. */
    POINCARE,
    /** Points {@code (x_0, x_s)} of the hyperboloid {@code <x, x>_L = -1/c, x_0 > 0} (width = dimension + 1). */
    LORENTZ;

    /**
     * Checks input points {@code [M, width]}: finite, and on this space. For {@link #POINCARE} with a known curvature
     * every norm must be below the radius {@code 1/sqrt(c)}; with a trainable curvature ({@code c} NaN) the radius is
     * not known before the forward pass and only finiteness is checked.
     *
     * @param c the (fixed) curvature, or {@code Double.NaN} when it is trainable
     * @throws IllegalArgumentException saying which row is bad and why
     */
    void checkPoints(INDArray points, double c, String who) {
        if (points.isNaN().any() || points.isInfinite().any()) {
            throw new IllegalArgumentException(who + ": input contains NaN or infinite values");
        }
        if (this == POINCARE && !Double.isNaN(c) && points.length() > 0) {
            INDArray norms = points.norm2(1);
            double max = norms.maxNumber().doubleValue();
            if (!(max < 1 / Math.sqrt(c))) {
                throw new IllegalArgumentException(who + ": input must be points of the Poincaré ball of radius 1/sqrt(c) = "
                        + 1 / Math.sqrt(c) + " (c = " + c + "), but row " + norms.argMax().getInt(0) + " has norm "
                        + max + "; map Euclidean features with PoincareExpMap0 first");
            }
        }
    }

    /**
     * A Euclidean activation applied in the tangent space at the origin of this space (Ganea et al. 2018, Eq. 26,
     * "Möbius version" {@code phi^(x) = exp_0(phi(log_0(x)))}); identity for {@link Activation#IDENTITY} and for
     * {@link #EUCLIDEAN}.
     */
    SDVariable tangentActivation(SDVariable points, Activation activation, SDVariable c) {
        if (activation == Activation.IDENTITY) {
            return points;
        }
        SameDiff sd = points.getSameDiff();
        switch (this) {
            case POINCARE:
                return PoincareBall.expmap0(activation.asSameDiff(sd, PoincareBall.logmap0(points, c)), c);
            default:
                return activation.asSameDiff(sd, points);
        }
    }

    /**
     * Masked points {@code [M, width]} (mask {@code [M, 1]} of 0/1): masked rows become the origin of this space
     * (the zero vector for {@link #EUCLIDEAN} and {@link #POINCARE}).
     */
    SDVariable mask(SDVariable points, SDVariable maskPerPoint, SDVariable c) {
        if (this == POINCARE) {
            return PoincareBall.projx(points.mul(maskPerPoint), c);
        }
        return points.mul(maskPerPoint);
    }
}
