package org.geodl4j.manifold;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The isometries between the two models of hyperbolic space of curvature {@code -c} used in geodl4j: the Poincaré
 * ball {@code D_c = {p : c|p|^2 < 1}} and the hyperboloid {@link Lorentz} {@code L_c} (reference {@code hyperbolic.md}
 * §5). Both directions come in an eager INDArray form ({@code c} a number) and a SameDiff form ({@code c} a scalar
 * variable, so it can be trained).
 * <pre>
 *   lorentzToPoincare:  p = x_s / (1 + sqrt(c) x_0)
 *   poincareToLorentz:  x = ( (1 + c|p|^2) / (sqrt(c) (1 - c|p|^2)),  2p / (1 - c|p|^2) )
 * </pre>
 * The time coordinate is evaluated as {@code sqrt(1/c + |x_s|^2)}, equal to the expression above on exact arithmetic,
 * so the result lies on {@code L_c} to rounding even where {@code 1 - c|p|^2} has lost its digits (near the boundary).
 * The map is the stereographic projection from {@code (-1/sqrt(c), 0, ..., 0)} (Chami et al., "Hyperbolic Graph
 * Convolutional Neural Networks", NeurIPS 2019, HGCN {@code to_poincare}/{@code to_hyperboloid}; Nickel &amp; Kiela,
 * ICML 2018, §3 for {@code c = 1}); it preserves distances: {@code d_D(p, q) = d_L(x, y)}.
 *
 * <p><b>Numerics.</b> {@code 1 - c|p|^2} is clamped at {@link #MIN_CONFORMAL_DENOMINATOR} = 1e-15, so points on or
 * beyond the ball's boundary map to finite (huge) hyperboloid points instead of infinities or the lower sheet; keep
 * ball points inside with the ball's projection (which leaves {@code 1 - c|p|^2 >= 8e-3} in float32). The inverse
 * has no cancellation ({@code 1 + sqrt(c) x_0 >= 2}).
 *
 * <p><b>Convention.</b> geoopt's {@code lorentz_to_poincare(x, k)} computes {@code x_s / (x_0 + sqrt(k))}, which maps
 * {@code L} with {@code k = 1/c} into the <em>unit</em> ball whatever {@code k} is (its inverse adds 1e-6 to the
 * denominator), so it is an isometry only up to the factor {@code sqrt(k)}; ours maps into the ball of radius
 * {@code 1/sqrt(c)}, the domain of {@code PoincareBall(c)}, and is an isometry for every {@code c}.
 */
public final class Hyperbolic {

    /** Lower clamp of {@code 1 - c|p|^2} in {@link #poincareToLorentz}. */
    public static final double MIN_CONFORMAL_DENOMINATOR = 1e-15;

    private Hyperbolic() {
    }

    /**
     * Poincaré ball point(s) {@code [.., n]} to hyperboloid point(s) {@code [.., n+1]} (time coordinate first).
     *
     * @throws IllegalArgumentException if {@code c} is not finite and positive
     */
    public static INDArray poincareToLorentz(INDArray p, double c) {
        checkCurvature(c, "poincareToLorentz");
        INDArray den = Transforms.max(SafeMath.sqnorm(p).muli(-c).addi(1.0), MIN_CONFORMAL_DENOMINATOR, false);
        INDArray xs = p.mul(2.0).divi(den);
        return Lorentz.point(Transforms.sqrt(SafeMath.sqnorm(xs).addi(1 / c), false), xs);
    }

    /**
     * Hyperboloid point(s) {@code [.., n+1]} to Poincaré ball point(s) {@code [.., n]}.
     *
     * @throws IllegalArgumentException if {@code c} is not finite and positive
     */
    public static INDArray lorentzToPoincare(INDArray x, double c) {
        checkCurvature(c, "lorentzToPoincare");
        INDArray den = Lorentz.time(x).mul(Math.sqrt(c)).addi(1.0);
        return Lorentz.space(x).div(den);
    }

    /** SameDiff form of {@link #poincareToLorentz(INDArray, double)}: {@code [.., n] -> [.., n+1]}. */
    public static SDVariable poincareToLorentz(SDVariable p, SDVariable c) {
        SameDiff sd = p.getSameDiff();
        SDVariable den = sd.math.max(SafeMath.sqnorm(p).mul(c).rsub(1.0),
                SafeMath.constant(sd, p.dataType(), MIN_CONFORMAL_DENOMINATOR));
        SDVariable xs = Lorentz.divideBroadcast(p.mul(2.0), den);
        return sd.concat(-1, sd.math.sqrt(SafeMath.sqnorm(xs).add(c.rdiv(1.0))), xs);
    }

    /** SameDiff form of {@link #lorentzToPoincare(INDArray, double)}: {@code [N, n+1] -> [N, n]} (rank 2 only). */
    public static SDVariable lorentzToPoincare(SDVariable x, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable den = Lorentz.timeCoordinate(x, Lorentz.spaceMask(x)).mul(sd.math.sqrt(c)).add(1.0);
        return Lorentz.divideBroadcast(Lorentz.spaceCoordinates(x), den);
    }

    private static void checkCurvature(double c, String who) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("Hyperbolic." + who + ": curvature c must be finite and > 0 (curvature -c), got " + c);
        }
    }
}
