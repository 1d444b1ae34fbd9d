package org.geodl4j.hyperbolic;

import java.util.Optional;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** Relative tolerance of the hyperboloid check ({@code |<x,x>_L + 1/c| <= rtol c x_0^2}), float32-safe. */
    public static final double LORENTZ_RTOL = 1e-4;

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
        if (this == LORENTZ && points.length() > 0) {
            checkLorentz(points, c, who);
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
     * Lorentz points: {@code x_0 > 0} and, for a fixed curvature, {@code |<x,x>_L + 1/c| <= 1e-4 c x_0^2}
     * ({@link Lorentz#checkPoint}); for a trainable curvature (not known before the forward pass) only that the
     * point is time-like, {@code <x,x>_L < 1e-4 x_0^2} (rounding), on the upper sheet.
     */
    private static void checkLorentz(INDArray points, double c, String who) {
        if (points.size(1) < 2) {
            throw new IllegalArgumentException(who + ": Lorentz points need n + 1 >= 2 coordinates, got width "
                    + points.size(1));
        }
        if (!Double.isNaN(c)) {
            Optional<String> bad = new Lorentz(c).checkPoint(points, LORENTZ_RTOL);
            if (bad.isPresent()) {
                throw new IllegalArgumentException(who + ": input must be points of the hyperboloid <x,x>_L = -1/c"
                        + " (c = " + c + ", time coordinate first): " + bad.get()
                        + "; map Euclidean features with LorentzExpMap0 first");
            }
            return;
        }
        INDArray t = points.getColumn(0);
        INDArray s = points.get(NDArrayIndex.all(), NDArrayIndex.interval(1, points.size(1)));
        INDArray t2 = t.mul(t);
        // <x,x>_L < 0 up to rounding, which grows like x_0^2 (float32: <x,x>_L = +32 at x_0 = 1.2e4)
        INDArray excess = s.mul(s).sum(1).subi(t2).subi(t2.mul(LORENTZ_RTOL));
        if (t.minNumber().doubleValue() <= 0 || excess.maxNumber().doubleValue() >= 0) {
            throw new IllegalArgumentException(who + ": input must be points of the hyperboloid (time coordinate"
                    + " first, x_0 > 0, <x,x>_L < 0); got a point with x_0 = " + t.minNumber()
                    + " or <x,x>_L > " + LORENTZ_RTOL + " x_0^2");
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
            case LORENTZ:
                return Lorentz.expmap0(activation.asSameDiff(sd, Lorentz.logmap0(points, c)), c);
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
        if (this == LORENTZ) {
            return Lorentz.projx(points.mul(maskPerPoint), c);    // space coordinates 0 -> the origin
        }
        return points.mul(maskPerPoint);
    }
}
