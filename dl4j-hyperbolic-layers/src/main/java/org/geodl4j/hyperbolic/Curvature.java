package org.geodl4j.hyperbolic;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The curvature parameter {@code c > 0} (sectional curvature {@code -c}) of a hyperbolic layer: fixed, or trainable
 * through a raw parameter {@code rho} with
 * <pre>  c = softplus(rho) = log(1 + e^rho),   rho_0 = log(e^{c_0} - 1)   (so c = c_0 at initialisation)</pre>
 * which keeps {@code c > 0} whatever the optimiser does (geoopt {@code PoincareBall(learnable=True)} stores the same
 * softplus pre-image).
 *
 * <p>Convention: HypLL's {@code Curvature(value)} applies softplus to its argument, so HypLL's {@code Curvature(1.0)} is
 * {@code c = 1.313} here; geodl4j's builders always take {@code c} itself.
 */
public final class Curvature {

    /** Name of the raw (softplus pre-image) parameter of a trainable curvature; declared as a bias, shape [1, 1]. */
    public static final String RAW_PARAM = "rawCurvature";
    /** Default curvature parameter. */
    public static final double DEFAULT = 1.0;

    private Curvature() {
    }

    /**
     * Checks a curvature parameter.
     *
     * @throws IllegalArgumentException naming {@code who} unless {@code c} is positive and finite
     */
    public static double check(double c, String who) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException(who + ": curvature parameter c must be positive and finite (sectional"
                    + " curvature -c), got c = " + c);
        }
        return c;
    }

    /** The softplus pre-image {@code log(e^c - 1)} of {@code c > 0} (stable for small and large {@code c}). */
    public static double rawOf(double c) {
        return c > 30 ? c + Math.log1p(-Math.exp(-c)) : Math.log(Math.expm1(c));
    }

    /** {@code softplus(raw)} as a double (what a trainable curvature currently is). */
    public static double valueOf(double raw) {
        return raw > 30 ? raw + Math.log1p(Math.exp(-raw)) : Math.log1p(Math.exp(raw));
    }

    /**
     * The curvature in a graph: {@code softplus(raw)} when {@code raw} is not null (trainable), else the constant
     * {@code c}.
     */
    public static SDVariable define(SameDiff sd, DataType dataType, double c, SDVariable raw) {
        if (raw != null) {
            return sd.nn.softplus(raw);
        }
        return sd.constant(Nd4j.scalar(dataType, c));
    }
}
