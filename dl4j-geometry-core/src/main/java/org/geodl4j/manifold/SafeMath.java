package org.geodl4j.manifold;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
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
 *       so that neither overflows float32;</li>
 *   <li>{@code arsinh(x)} is evaluated as {@code x * R(|x|)} with {@code R(t) = arsinh(t)/t} ({@link #arsinhRatio}),
 *       not as ND4J's {@code log(x + sqrt(1 + x^2))}, which in float32 returns 0 for {@code |x| < 6e-8}, {@code -inf}
 *       for {@code x < -4e3} (cancellation) and {@code +inf} for {@code x > 1.8e19} (overflow of {@code x^2}).</li>
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
    /** Below this argument {@code arsinh(t)/t} is its Taylor series {@code 1 - t^2/6 + 3t^4/40} (error &lt; 5e-14). */
    public static final double ARSINH_SERIES_BELOW = 1e-2;

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

    /**
     * {@code arsinh(x) = x R(|x|)} with {@code R = }{@link #arsinhRatio(INDArray)}: odd, accurate to a few ulps for every
     * finite float32/float64 argument (no cancellation for negative {@code x}, no overflow for large {@code |x|}).
     */
    public static INDArray arsinh(INDArray x) {
        return x.mul(arsinhRatio(Transforms.abs(x, true)));
    }

    /**
     * {@code R(t) = arsinh(t)/t} for {@code t >= 0}, in three regimes chosen so no branch loses precision or overflows:
     * <pre>
     *   t &lt;= 1e-2       R = 1 - t^2/6 + 3t^4/40
     *   1e-2 &lt; t &lt; 1    R = log1p(t + t^2/(1 + sqrt(1 + t^2))) / t     (log1p(u) as u log(1+u)/((1+u)-1))
     *   t &gt;= 1          R = (log(t) + log(1 + sqrt(1 + 1/t^2))) / t
     * </pre>
     */
    public static INDArray arsinhRatio(INDArray t) {
        INDArray small = t.lte(ARSINH_SERIES_BELOW).castTo(t.dataType());
        INDArray large = t.gte(1.0).castTo(t.dataType());
        INDArray mid = small.add(large).rsubi(1.0);
        INDArray ts = Transforms.min(t, ARSINH_SERIES_BELOW, true);
        INDArray z2 = ts.mul(ts);
        INDArray series = z2.mul(3.0 / 40).subi(1.0 / 6).muli(z2).addi(1.0);
        INDArray tm = Transforms.min(Transforms.max(t, ARSINH_SERIES_BELOW, true), 1.0, false);
        INDArray tm2 = tm.mul(tm);
        INDArray u = tm2.div(Transforms.sqrt(tm2.add(1.0), true).addi(1.0)).addi(tm);
        INDArray w = u.add(1.0);
        // log1p(u) = u log(w)/(w - 1), w = fl(1 + u) (Goldberg 1991): ND4J's log1p is log(1 + u), 3e-6 off in float32
        INDArray midv = Transforms.log(w, true).muli(u).divi(w.subi(1.0)).divi(tm);
        INDArray tl = Transforms.max(t, 1.0, true);
        INDArray inv2 = tl.mul(tl).rdivi(1.0);
        INDArray largev = Transforms.log(tl, true).addi(Transforms.log(Transforms.sqrt(inv2.addi(1.0), false)
                .addi(1.0), false)).divi(tl);
        return series.muli(small).addi(midv.muli(mid)).addi(largev.muli(large));
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

    /**
     * SameDiff form of {@link #arsinh(INDArray)}: {@code x R(|x|)}. Its gradient {@code R(|x|) + |x| R'(|x|)} is exact
     * at 0 (where {@code |x|} has a zero subgradient, {@code R(0) = 1} carries it) and finite everywhere; the branch
     * masks carry no gradient.
     */
    public static SDVariable arsinh(SDVariable x) {
        return x.mul(arsinhRatio(x.getSameDiff().math.abs(x)));
    }

    /** SameDiff form of {@link #arsinhRatio(INDArray)} ({@code t >= 0}); every branch is evaluated on clamped input. */
    public static SDVariable arsinhRatio(SDVariable t) {
        SameDiff sd = t.getSameDiff();
        DataType dt = t.dataType();
        SDVariable lo = constant(sd, dt, ARSINH_SERIES_BELOW);
        SDVariable one = constant(sd, dt, 1.0);
        SDVariable small = stopGradient(sd.lte(t, lo).castTo(dt));
        SDVariable large = stopGradient(sd.gte(t, one).castTo(dt));
        SDVariable mid = small.add(large).rsub(1.0);
        SDVariable ts = sd.math.min(t, lo);
        SDVariable z2 = ts.mul(ts);
        SDVariable series = z2.mul(3.0 / 40).sub(1.0 / 6).mul(z2).add(1.0);
        SDVariable tm = sd.math.clipByValue(t, ARSINH_SERIES_BELOW, 1.0);
        SDVariable tm2 = tm.mul(tm);
        SDVariable u = tm.add(tm2.mul(sd.math.sqrt(tm2.add(1.0)).add(1.0).rdiv(1.0)));
        SDVariable w = u.add(1.0);
        SDVariable midv = sd.math.log(w).mul(u).mul(w.sub(1.0).rdiv(1.0)).mul(tm.rdiv(1.0));
        SDVariable tl = sd.math.max(t, one);
        SDVariable inv = tl.rdiv(1.0);
        SDVariable largev = sd.math.log(tl).add(sd.math.log(sd.math.sqrt(inv.mul(inv).add(1.0)).add(1.0))).mul(inv);
        return series.mul(small).add(midv.mul(mid)).add(largev.mul(large));
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

    private static SDVariable stopGradient(SDVariable v) {
        return new StopGradient(v.getSameDiff(), v).outputVariable();
    }

    /** A scalar constant of the given data type (SameDiff does not mix data types). */
    public static SDVariable constant(SameDiff sd, DataType dataType, double value) {
        return sd.constant(Nd4j.scalar(dataType, value));
    }
}
