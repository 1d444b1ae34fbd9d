package org.geodl4j.manifold;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The clamped elementary functions every hyperbolic formula is built from, in an eager INDArray form and a SameDiff
 * form side by side, so both forms apply exactly the same guards.
 *
 * <p>Guards (reference {@code hyperbolic.md} §1, after geoopt {@code stereographic/math.py}, Ganea et al. 2018 and
 * Chami et al. 2019):
 * <ul>
 *   <li>every norm is clamped below at {@link #MIN_NORM} = 1e-15, so directions {@code x/||x||} are finite at 0 and
 *       the gradient of the norm is zero (not NaN) at the clamp;</li>
 *   <li>{@code artanh} clamps its argument to {@code [-1 + 1e-7, 1 - 1e-7]} and is evaluated as
 *       {@code (log1p(x) - log1p(-x))/2} (largest value 8.4);</li>
 *   <li>{@code arcosh} clamps its argument to {@code >= 1 + 1e-7} (its derivative at 1 is infinite);</li>
 *   <li>{@code tanh} arguments are clamped to {@code [-15, 15]} (tanh is 1 to float64 precision beyond);</li>
 *   <li>{@code cosh}/{@code sinh} arguments are clamped to {@code [-}{@link #MAX_COSH_ARG}{@code , }{@link #MAX_COSH_ARG}{@code ]}
 *       so that neither overflows float32.</li>
 * </ul>
 * In SameDiff the clamps are {@code clipByValue}/{@code max}, whose gradient is zero outside the clamp, so the
 * backward pass of a clamped expression is finite wherever the forward value is.
 */
public final class SafeMath {

    /** Lower clamp for norms (geoopt, Ganea et al. 2018). */
    public static final double MIN_NORM = 1e-15;
    /** Distance of the artanh clamp from ±1. */
    public static final double ARTANH_EPS = 1e-7;
    /** Distance of the arcosh clamp above 1. */
    public static final double ARCOSH_EPS = 1e-7;
    /** Clamp of tanh arguments. */
    public static final double MAX_TANH_ARG = 15.0;
    /** Clamp of cosh/sinh arguments: cosh(50) = 2.6e21 is finite in float32 and its square in float64. */
    public static final double MAX_COSH_ARG = 50.0;

    private SafeMath() {
    }

    // ---------------------------------------------------------------- INDArray forms

    /** Euclidean norm along the last axis, kept as size 1, clamped below at {@link #MIN_NORM}. */
    public static INDArray norm(INDArray x) {
        return Transforms.max(x.norm2(true, -1), MIN_NORM, false);
    }

    /** Squared Euclidean norm along the last axis, kept as size 1 (not clamped). */
    public static INDArray sqnorm(INDArray x) {
        return x.mul(x).sum(true, -1);
    }

    /** Dot product along the last axis, kept as size 1 (broadcasting over batch axes). */
    public static INDArray dot(INDArray x, INDArray y) {
        return x.mul(y).sum(true, -1);
    }

    /** {@code artanh(clamp(x, -1 + 1e-7, 1 - 1e-7))}, evaluated as {@code (log1p(x) - log1p(-x))/2}. */
    public static INDArray artanh(INDArray x) {
        INDArray z = Transforms.min(Transforms.max(x, -1 + ARTANH_EPS, true), 1 - ARTANH_EPS, false);
        return Transforms.log1p(z, true).subi(Transforms.log1p(z.neg(), false)).muli(0.5);
    }

    /** {@code arcosh(max(x, 1 + 1e-7))} = {@code log(x + sqrt(x^2 - 1))}. */
    public static INDArray arcosh(INDArray x) {
        INDArray z = Transforms.max(x, 1 + ARCOSH_EPS, true);
        INDArray r = Transforms.sqrt(z.mul(z).subi(1.0), false);
        return Transforms.log(r.addi(z), false);
    }

    /** {@code arsinh(x)} = {@code sign(x) log(|x| + sqrt(1 + x^2))} (odd, no cancellation for negative x). */
    public static INDArray arsinh(INDArray x) {
        INDArray a = Transforms.abs(x, true);
        INDArray r = Transforms.log(Transforms.sqrt(a.mul(a).addi(1.0), false).addi(a), false);
        return r.muli(Transforms.sign(x, true));
    }

    /** {@code tanh(clamp(x, -15, 15))}. */
    public static INDArray tanh(INDArray x) {
        return Transforms.tanh(clamp(x, MAX_TANH_ARG), false);
    }

    /** {@code cosh(clamp(x, -50, 50))}. */
    public static INDArray cosh(INDArray x) {
        return Transforms.cosh(clamp(x, MAX_COSH_ARG), false);
    }

    /** {@code sinh(clamp(x, -50, 50))}. */
    public static INDArray sinh(INDArray x) {
        return Transforms.sinh(clamp(x, MAX_COSH_ARG), false);
    }

    /** {@code clamp(x, -bound, bound)} into a new array. */
    public static INDArray clamp(INDArray x, double bound) {
        return Transforms.min(Transforms.max(x, -bound, true), bound, false);
    }

    /** A scalar of the data type of {@code like}. */
    static INDArray scalarLike(INDArray like, double v) {
        return Nd4j.scalar(like.dataType(), v);
    }

    // ---------------------------------------------------------------- SameDiff forms

    /** Euclidean norm along the last axis, kept as size 1, clamped below at {@link #MIN_NORM}. */
    public static SDVariable norm(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.sqrt(sd.math.max(sqnorm(x), constant(sd, x.dataType(), MIN_NORM * MIN_NORM)));
    }

    /** Squared Euclidean norm along the last axis, kept as size 1. */
    public static SDVariable sqnorm(SDVariable x) {
        return dot(x, x);
    }

    /**
     * Dot product along the last axis, kept as size 1. Written as {@code expandDims(sum(x*y, -1), -1)} because
     * SameDiff's {@code sum(true, -1)} in ND4J 1.0.0-M2.1 returns wrong values for rank &gt;= 3 (it reduces
     * {@code [2,3,4]} to {@code [10, 58, 74, 90, 0, 0]} instead of the six row sums); rank 2 is unaffected.
     */
    public static SDVariable dot(SDVariable x, SDVariable y) {
        return x.getSameDiff().expandDims(x.mul(y).sum(false, -1), -1);
    }

    /** {@code artanh(clamp(x, -1 + 1e-7, 1 - 1e-7))}. */
    public static SDVariable artanh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.atanh(sd.math.clipByValue(x, -1 + ARTANH_EPS, 1 - ARTANH_EPS));
    }

    /** {@code arcosh(max(x, 1 + 1e-7))}. */
    public static SDVariable arcosh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.acosh(sd.math.max(x, constant(sd, x.dataType(), 1 + ARCOSH_EPS)));
    }

    /** {@code arsinh(x)}. */
    public static SDVariable arsinh(SDVariable x) {
        return x.getSameDiff().math.asinh(x);
    }

    /** {@code tanh(clamp(x, -15, 15))}. */
    public static SDVariable tanh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.tanh(sd.math.clipByValue(x, -MAX_TANH_ARG, MAX_TANH_ARG));
    }

    /** {@code cosh(clamp(x, -50, 50))}. */
    public static SDVariable cosh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.cosh(sd.math.clipByValue(x, -MAX_COSH_ARG, MAX_COSH_ARG));
    }

    /** {@code sinh(clamp(x, -50, 50))}. */
    public static SDVariable sinh(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.sinh(sd.math.clipByValue(x, -MAX_COSH_ARG, MAX_COSH_ARG));
    }

    /** A scalar constant of the given data type (SameDiff does not mix data types). */
    public static SDVariable constant(SameDiff sd, DataType dataType, double value) {
        return sd.constant(Nd4j.scalar(dataType, value));
    }
}
