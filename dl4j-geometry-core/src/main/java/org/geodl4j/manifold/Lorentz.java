package org.geodl4j.manifold;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Optional;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hyperboloid (Lorentz) model of hyperbolic space of sectional curvature {@code -c}, {@code c > 0}:
 * <pre>
 *   L_c = { x in R^{n+1} : &lt;x, x&gt;_L = -1/c, x_0 &gt; 0 },   &lt;x, y&gt;_L = -x_0 y_0 + sum_{i&gt;=1} x_i y_i,
 *   origin o = (1/sqrt(c), 0, ..., 0).
 * </pre>
 * Points (and tangent vectors) lie along the last axis with the time coordinate {@code x_0} first; all leading axes
 * are batch axes. Tangent vectors at {@code x} are the {@code u} with {@code <x, u>_L = 0}; the metric is the Minkowski
 * product restricted to them (positive definite there).
 *
 * <p><b>Convention.</b> Here {@code c > 0} and the curvature is {@code -c} (reference {@code hyperbolic.md} §0). geoopt's
 * {@code Lorentz(k)} writes {@code <x,x>_L = -k}, i.e. {@code k = 1/c}; HGCN's {@code Hyperboloid} uses {@code K = 1/c}
 * as well; HCNN (Bdéir et al. 2024) keeps geoopt's {@code k}. Our {@code Lorentz(2.0)} is geoopt's {@code Lorentz(k=0.5)}.
 *
 * <p><b>Formulas</b> (Nickel &amp; Kiela, "Learning Continuous Hierarchies in the Lorentz Model of Hyperbolic
 * Geometry", ICML 2018; Chami et al., "Hyperbolic Graph Convolutional Neural Networks", NeurIPS 2019; geoopt
 * {@code manifolds/lorentz/math.py}), with {@code D = y - x}:
 * <pre>
 *   projx(x)          = (sqrt(1/c + |x_s|^2), x_s)
 *   proju(x, u)       = u + c &lt;x,u&gt;_L x
 *   egrad2rgrad(x, g) = proju(x, (-g_0, g_s))
 *   d(x, y)           = (1/sqrt c) arcosh(-c &lt;x,y&gt;_L) = (2/sqrt c) arsinh(sqrt(c &lt;D,D&gt;_L) / 2)
 *   exp_x(u)          = cosh(sqrt(c)|u|_L) x + sinh(sqrt(c)|u|_L) u / (sqrt(c)|u|_L)
 *   log_x(y)          = d(x,y) w / |w|_L,  w = y + c &lt;x,y&gt;_L x = D - (c/2) &lt;D,D&gt;_L x
 *   PT_{x-&gt;y}(v)      = v + c &lt;y,v&gt;_L / (1 - c &lt;x,y&gt;_L) (x + y),   1 - c &lt;x,y&gt;_L = 2 + (c/2) &lt;D,D&gt;_L
 * </pre>
 *
 * <p><b>Numerics</b> (all shared by the eager and the SameDiff forms):
 * <ul>
 *   <li>Distances and logarithms are computed from the chord {@code D = y - x} through
 *       {@code <D,D>_L = -2/c - 2<x,y>_L = (4/c) sinh^2(sqrt(c) d/2)} instead of {@code arcosh(-c<x,y>_L)}: the
 *       arcosh form loses half the digits near {@code d = 0} ({@code arcosh(1 + e) ~ sqrt(2e)}; in float32 a true
 *       distance 1e-3 comes out as 9.77e-4) and its clamp at {@code 1 + 1e-7} would floor every distance at
 *       {@code 4.5e-4/sqrt(c)}. The chord form gives {@code d(x, x) = 0} and keeps relative accuracy.</li>
 *   <li>The ratio {@code arsinh(z)/z} is evaluated by its series {@code 1 - z^2/6 + 3z^4/40} below
 *       {@link #ARSINH_SERIES_BELOW}, because ND4J's {@code asinh} (eager and SameDiff) is {@code log(z + sqrt(1+z^2))},
 *       which returns 0 for {@code z < 6e-8} in float32.</li>
 *   <li>The exponential maps cap {@code theta = sqrt(c)|u|_L} at {@link #MAX_EXPMAP_ARG} = 10 (a geodesic step of at
 *       most {@code 10/sqrt(c)}), keeping the direction; HCNN caps {@code |u|_L <= 10} the same way
 *       ({@code EXP_MAX_NORM}). Without a cap a tangent vector of norm 50 gives coordinates ~1e21 whose squares
 *       overflow float32. Tangent norms in denominators are clamped at {@link SafeMath#MIN_NORM}.</li>
 *   <li>{@link #expmap} returns {@code projx} of the formula (time coordinate recomputed from the space coordinates,
 *       as geoopt's {@code expmap(project=True)}), so {@link #retr} is the exponential map itself.</li>
 * </ul>
 *
 * <p><b>SameDiff forms.</b> The static methods taking {@link SDVariable}s (same names as the eager verbs) take the
 * curvature as a scalar variable {@code c} so layers can train it. They use only ops with gradients ({@code clipByValue},
 * {@code max}, {@code sqrt}, {@code cosh}, {@code sinh}, {@code asinh}, reductions); the clamps above make every
 * backward pass finite, so no stop-gradient surrogate is needed (only the constant masks that select the time
 * coordinate and the series branch are wrapped in {@code StopGradient}). They agree with the eager forms to ~1e-14 in
 * float64. Points may have any rank except where a method
 * returns the {@code n} space coordinates ({@link #logmap0(SDVariable, SDVariable)},
 * {@link Hyperbolic#lorentzToPoincare(SDVariable, SDVariable)}): there the input must be rank 2, {@code [N, n+1]}, since
 * the coordinates are cut with a rank-2 {@code slice} (in ND4J 1.0.0-M2.1 a strided slice with an ellipsis mask gives
 * wrong shapes for rank 3, and its backward pass fails for one-row batches).
 */
public final class Lorentz implements Manifold {

    private static final long serialVersionUID = 1L;

    /** Cap of {@code theta = sqrt(c)|u|_L}, the cosh/sinh argument of {@link #expmap} and {@link #expmap0}. */
    public static final double MAX_EXPMAP_ARG = 10.0;

    /** Lower clamp of {@code |<s,s>_L|} in {@link #centroid} (HCNN {@code centroid}, Law et al. 2019). */
    public static final double CENTROID_MIN_SQNORM = 1e-8;

    /** Below this argument {@code arsinh(z)/z} is evaluated by its Taylor series (error &lt; 5e-14 there). */
    public static final double ARSINH_SERIES_BELOW = 1e-2;

    private final double c;

    /**
     * @param c curvature magnitude, {@code c > 0} (sectional curvature {@code -c}); geoopt's {@code k} is {@code 1/c}
     * @throws IllegalArgumentException if {@code c} is not a finite positive number
     */
    public Lorentz(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("Lorentz: curvature c must be finite and > 0 (curvature -c), got " + c);
        }
        this.c = c;
    }

    /** The curvature magnitude {@code c > 0} (sectional curvature {@code -c}). */
    public double c() {
        return c;
    }

    @Override
    public String name() {
        return "Lorentz(c=" + c + ")";
    }

    // ================================================================ eager (INDArray) verbs

    /** Minkowski product {@code <x, y>_L = -x_0 y_0 + <x_s, y_s>} along the last axis, kept as size 1. */
    public INDArray minkowskiInner(INDArray x, INDArray y) {
        return SafeMath.dot(space(x), space(y)).subi(time(x).mul(time(y)));
    }

    /** {@code (sqrt(1/c + |x_s|^2), x_s)}: keeps the space coordinates and recomputes the time coordinate. */
    @Override
    public INDArray projx(INDArray x) {
        INDArray xs = space(x);
        return point(timeFromSpace(xs), xs);
    }

    /** {@code u + c <x,u>_L x}, the Minkowski-orthogonal projection onto {@code T_x L_c}. */
    @Override
    public INDArray proju(INDArray x, INDArray u) {
        return u.add(x.mul(minkowskiInner(x, u).muli(c)));
    }

    /**
     * {@code proju(x, h)} with {@code h = diag(-1, 1, ..., 1) g}: the metric's inverse applied to the Euclidean gradient,
     * projected to the tangent space (Nickel &amp; Kiela 2018, §3; geoopt {@code _egrad2rgrad}).
     */
    @Override
    public INDArray egrad2rgrad(INDArray x, INDArray g) {
        INDArray h = point(time(g).neg(), space(g));
        return proju(x, h);
    }

    /** The Minkowski product {@code <u, v>_L} (the metric on every tangent space; independent of {@code x}). */
    @Override
    public INDArray inner(INDArray x, INDArray u, INDArray v) {
        return minkowskiInner(u, v);
    }

    /**
     * {@code sqrt(max(<u,u>_L, 0))}. For tangent vectors {@code <u,u>_L >= 0} (the tangent spaces are spacelike), so
     * the clamp only absorbs rounding; {@code norm(x, 0) = 0}. geoopt clamps {@code <u,u>_L >= 1e-8} instead, which
     * floors every norm at 1e-4; we clamp at {@link SafeMath#MIN_NORM} only where the norm is a denominator.
     */
    @Override
    public INDArray norm(INDArray x, INDArray u) {
        return Transforms.sqrt(Transforms.max(minkowskiInner(u, u), 0.0, false), false);
    }

    /**
     * {@code projx(cosh(theta) x + sinh(theta)/(sqrt(c) n) u)}, {@code n = max(|u|_L, 1e-15)},
     * {@code theta = min(sqrt(c) n, 10)} ({@link #MAX_EXPMAP_ARG}).
     */
    @Override
    public INDArray expmap(INDArray x, INDArray u) {
        double sc = Math.sqrt(c);
        INDArray n = Transforms.sqrt(Transforms.max(minkowskiInner(u, u), SafeMath.MIN_NORM * SafeMath.MIN_NORM, false), false);
        INDArray theta = Transforms.min(n.mul(sc), MAX_EXPMAP_ARG, false);
        INDArray coefU = SafeMath.sinh(theta).divi(n.muli(sc));
        INDArray ys = space(x).mul(SafeMath.cosh(theta)).addi(space(u).mul(coefU));
        return point(timeFromSpace(ys), ys);
    }

    /** The exponential map (which already projects its result), i.e. an exact retraction. */
    @Override
    public INDArray retr(INDArray x, INDArray u) {
        return expmap(x, u);
    }

    /**
     * {@code log_x(y) = [arsinh(z) / (z sqrt(1 + z^2))] w}, {@code w = D - (c/2)<D,D>_L x}, {@code z = sqrt(c <D,D>_L)/2},
     * {@code D = y - x}: equal to {@code d(x,y) w/|w|_L} on the manifold (since {@code |w|_L = sinh(sqrt(c) d)/sqrt(c)}),
     * without the cancellations of {@code y + c<x,y>_L x} and {@code |w|_L}.
     */
    @Override
    public INDArray logmap(INDArray x, INDArray y) {
        INDArray delta = y.sub(x);
        INDArray dd = minkowskiInner(delta, delta);
        INDArray z = Transforms.sqrt(Transforms.max(dd, SafeMath.MIN_NORM * SafeMath.MIN_NORM, true), false).muli(Math.sqrt(c) / 2);
        INDArray coef = arsinhRatio(z).divi(Transforms.sqrt(z.mul(z).addi(1.0), false));
        INDArray w = delta.subi(x.mul(dd.mul(c / 2)));
        return w.muli(coef);
    }

    /**
     * Parallel transport along the geodesic: {@code v + [c<y,v>_L / (1 - c<x,y>_L)] (x + y)}, the denominator evaluated
     * as {@code 2 + (c/2) max(<D,D>_L, 0) >= 2} (Lou et al., "Differentiating through the Fréchet Mean", ICML 2020,
     * hyperboloid transport; geoopt writes the same map via logarithms).
     */
    @Override
    public INDArray transp(INDArray x, INDArray y, INDArray v) {
        INDArray delta = y.sub(x);
        INDArray den = Transforms.max(minkowskiInner(delta, delta), 0.0, false).muli(c / 2).addi(2.0);
        INDArray coef = minkowskiInner(y, v).muli(c).divi(den);
        return v.add(x.add(y).muli(coef));
    }

    /**
     * {@code (2/sqrt(c)) arsinh(sqrt(c <D,D>_L)/2)}, {@code D = y - x}, {@code <D,D>_L} clamped at {@code 1e-30}: equal
     * to {@code (1/sqrt c) arcosh(-c<x,y>_L)} on the manifold, accurate down to {@code d = 0} (see class notes).
     */
    @Override
    public INDArray dist(INDArray x, INDArray y) {
        INDArray delta = y.sub(x);
        INDArray dd = minkowskiInner(delta, delta);
        INDArray z = Transforms.sqrt(Transforms.max(dd, SafeMath.MIN_NORM * SafeMath.MIN_NORM, false), false).muli(Math.sqrt(c) / 2);
        return SafeMath.arsinh(z).muli(2 / Math.sqrt(c));
    }

    /**
     * Exponential map at the origin from the {@code n} space coordinates of a tangent vector at {@code o} (its time
     * coordinate is 0): {@code [.., n] -> [.., n+1]},
     * {@code exp_o(u_s) = (cosh(theta)/sqrt(c), sinh(theta) u_s/(sqrt(c) |u_s|))}, {@code theta = min(sqrt(c)|u_s|, 10)}.
     * For an ambient tangent vector {@code u = (0, u_s)} use {@code expmap(origin, u)}.
     */
    public INDArray expmap0(INDArray us) {
        double sc = Math.sqrt(c);
        INDArray r = SafeMath.norm(us);
        INDArray theta = Transforms.min(r.mul(sc), MAX_EXPMAP_ARG, false);
        INDArray xs = us.mul(SafeMath.sinh(theta).divi(r.muli(sc)));
        return point(SafeMath.cosh(theta).divi(sc), xs);
    }

    /**
     * Logarithmic map at the origin, returning the {@code n} space coordinates of {@code log_o(y)} (its time coordinate
     * is 0): {@code [.., n+1] -> [.., n]}, {@code arsinh(sqrt(c)|y_s|) y_s / (sqrt(c)|y_s|)}. Uses the arsinh form,
     * equal to {@code arcosh(sqrt(c) y_0)} on the manifold but free of cancellation near the origin. For the full
     * {@code n+1} coordinates {@code (0, logmap0(y))} use {@code logmap(origin, y)}.
     */
    public INDArray logmap0(INDArray y) {
        INDArray ys = space(y);
        INDArray z = SafeMath.norm(ys).muli(Math.sqrt(c));
        return ys.mul(arsinhRatio(z));
    }

    /**
     * Parallel transport from the origin to {@code y} of {@code u in T_o} (full {@code n+1} coordinates, {@code u_0 = 0}):
     * {@code u + [c<y,u>_L / (1 + sqrt(c) y_0)] (o + y)}; equals {@code transp(origin, y, u)}.
     */
    public INDArray transp0(INDArray y, INDArray u) {
        double sc = Math.sqrt(c);
        INDArray coef = minkowskiInner(y, u).muli(c).divi(time(y).mul(sc).addi(1.0));
        return u.add(shiftTime(y, 1 / sc).muli(coef));
    }

    /**
     * Parallel transport from {@code y} back to the origin of {@code v in T_y} (full coordinates):
     * {@code v - [sqrt(c) v_0 / (1 + sqrt(c) y_0)] (y + o)}; equals {@code transp(y, origin, v)}. The result's time
     * coordinate is 0 up to rounding.
     */
    public INDArray transp0back(INDArray y, INDArray v) {
        double sc = Math.sqrt(c);
        INDArray coef = time(v).mul(-sc).divi(time(y).mul(sc).addi(1.0));
        return v.add(shiftTime(y, 1 / sc).muli(coef));
    }

    /**
     * Lorentzian centroid (Law, Liao, Snell &amp; Zemel, "Lorentzian Distance Learning for Hyperbolic
     * Representations", ICML 2019): the minimiser over {@code L_c} of {@code sum_i w_i d_L^2(x_i, mu)} with the squared
     * Lorentzian distance {@code d_L^2(x, y) = -2/c - 2<x,y>_L},
     * <pre>
     *   s = sum_i w_i x_i (w = 1/N if weights == null),   mu = s / (sqrt(c) sqrt(max(|&lt;s,s&gt;_L|, 1e-8))),
     * </pre>
     * with the time coordinate then recomputed from the space coordinates (exact on the manifold, and keeps float32
     * results on it). Weights must be non-negative (then {@code s} is future-timelike).
     *
     * @param x       points {@code [N, n+1]} (centroid along axis 0)
     * @param weights {@code [N]} or {@code [N, 1]} non-negative weights, or {@code null} for the plain mean
     * @return {@code [1, n+1]}
     */
    public INDArray centroid(INDArray x, INDArray weights) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(name() + ".centroid: expected points [N, n+1], got shape "
                    + Arrays.toString(x.shape()));
        }
        INDArray s;
        if (weights == null) {
            s = x.mean(true, 0);
        } else {
            if (weights.length() != x.size(0)) {
                throw new IllegalArgumentException(name() + ".centroid: expected " + x.size(0) + " weights, got shape "
                        + Arrays.toString(weights.shape()));
            }
            s = x.mul(weights.reshape(x.size(0), 1).castTo(x.dataType())).sum(true, 0);
        }
        INDArray scale = Transforms.sqrt(Transforms.max(Transforms.abs(minkowskiInner(s, s), false),
                CENTROID_MIN_SQNORM, false), false).muli(Math.sqrt(c));
        INDArray ms = space(s).div(scale);
        return point(timeFromSpace(ms), ms);
    }

    /**
     * Gyro-addition of the Lorentz model, {@code x ⊕_L y}: Möbius addition ({@link PoincareBall#mobiusAdd}) carried
     * through the isometry {@code p = x_s/(1 + sqrt(c) x_0)} to the ball and back (the ILNN GyroLBN {@code ⊕_L};
     * Shi et al., ICLR 2026), in closed form
     * <pre>
     *   (x ⊕_L y)_s = (sqrt(c) y_0 + c &lt;x_s, y_s&gt; / (1 + sqrt(c) x_0)) x_s + y_s,
     *   (x ⊕_L y)_0 = sqrt(1/c + |(x ⊕_L y)_s|^2)          (= sqrt(c) (x_0 y_0 + &lt;x_s, y_s&gt;) on the manifold)
     * </pre>
     * (derived from Möbius addition; the time coordinate is {@code cosh} of {@code d(⊖x, y)} since left
     * gyro-translations are isometries). The denominator is {@code >= 2}; no clamp is needed. Laws: {@code o} is the
     * identity, {@code (⊖x) ⊕_L (x ⊕_L y) = y} (left cancellation), {@code d(x ⊕_L y, x ⊕_L z) = d(y, z)}.
     */
    public INDArray gyroAdd(INDArray x, INDArray y) {
        double sc = Math.sqrt(c);
        INDArray xs = space(x);
        INDArray s = SafeMath.dot(xs, space(y));
        INDArray f = time(y).mul(sc).addi(s.muli(c).divi(time(x).mul(sc).addi(1.0)));
        INDArray ws = xs.mul(f).addi(space(y));
        return point(timeFromSpace(ws), ws);
    }

    /** Gyro-inverse {@code ⊖x = (x_0, -x_s)} (the Poincaré {@code -p}), so {@code (⊖x) ⊕_L x = o}. */
    public INDArray gyroNeg(INDArray x) {
        INDArray r = x.neg();
        time(r).negi();
        return r;
    }

    /**
     * Gyro scalar multiplication {@code r ⊗_L x = exp_o(r log_o(x))}, i.e. {@code (cosh(r theta), sinh(r theta)
     * x_s/|x_s|)/sqrt(c)} with {@code theta = arcosh(sqrt(c) x_0)} (ILNN {@code ⊗_L}; the Poincaré {@code r ⊗ p}
     * through the isometry), so {@code d(o, r ⊗_L x) = |r| d(o, x)}; evaluated through {@link #logmap0} and
     * {@link #expmap0} (arsinh form, {@code r theta} capped at {@link #MAX_EXPMAP_ARG}).
     */
    public INDArray gyroScalarMul(double r, INDArray x) {
        return expmap0(logmap0(x).muli(r));
    }

    @Override
    public INDArray origin(DataType dataType, long... shape) {
        INDArray o = Nd4j.zeros(dataType, shape);
        o.get(lastAxis(o, NDArrayIndex.interval(0, 1))).assign(1 / Math.sqrt(c));
        return o;
    }

    /**
     * A wrapped normal point at the origin (Nagano et al., "A Wrapped Normal Distribution on Hyperbolic Space for
     * Gradient-Based Learning", ICML 2019): {@code x = expmap0(u_s)}, {@code u_s ~ N(0, I_n / n)}, so
     * {@code E[d(o, x)^2] = 1} for every {@code n} and {@code c}. Computed in float64, then cast.
     */
    @Override
    public INDArray randomPoint(long seed, DataType dataType, long... shape) {
        long[] spaceShape = shape.clone();
        long n = shape[shape.length - 1] - 1;
        if (n < 1) {
            throw new IllegalArgumentException(name() + ".randomPoint: the last axis must hold n+1 >= 2 coordinates, got shape "
                    + Arrays.toString(shape));
        }
        spaceShape[shape.length - 1] = n;
        INDArray us = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(spaceShape).castTo(DataType.DOUBLE)
                .muli(1 / Math.sqrt(n));
        return expmap0(us).castTo(dataType);
    }

    /**
     * Checks every point (in the array's own precision, evaluated in float64): finite coordinates, {@code x_0 > 0} and
     * {@code |<x,x>_L + 1/c| <= atol * c x_0^2}, i.e. the absolute tolerance {@code atol} at the origin, relative to
     * {@code x_0^2} far from it, where rounding of {@code -x_0^2 + |x_s|^2} grows like {@code x_0^2}. Points are
     * numbered as rows of the {@code [M, n+1]} view of {@code x}.
     */
    @Override
    public Optional<String> checkPoint(INDArray x, double atol) {
        if (x.isEmpty()) {
            return Optional.empty();
        }
        long d = x.size(-1);
        double[][] rows = x.castTo(DataType.DOUBLE).dup('c').reshape('c', -1, d).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            double[] p = rows[i];
            double mink = -p[0] * p[0];
            for (int j = 0; j < p.length; j++) {
                if (!Double.isFinite(p[j])) {
                    return Optional.of("row " + i + ": coordinate " + j + " is " + p[j]);
                }
                if (j > 0) {
                    mink += p[j] * p[j];
                }
            }
            if (!(p[0] > 0)) {
                return Optional.of("row " + i + ": time coordinate x0 = " + p[0] + " <= 0 (lower sheet or not a point)");
            }
            double diff = Math.abs(mink + 1 / c);
            double allowed = atol * c * p[0] * p[0];
            if (diff > allowed) {
                return Optional.of("row " + i + ": <x,x>_L = " + sig6(mink) + ", expected -1/c = " + sig6(-1 / c)
                        + " (|diff| = " + sig6(diff) + " > atol*c*x0^2 = " + sig6(allowed) + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code v} rounded to 6 significant digits for messages ({@code -0.7999999999999999 -> -0.8}). */
    private static String sig6(double v) {
        return Double.isFinite(v) ? String.valueOf(new BigDecimal(v).round(new MathContext(6)).doubleValue()) : String.valueOf(v);
    }

    /**
     * Logits of the Lorentz multinomial logistic regression (Bdéir, Schwethelm &amp; Landwehr, "Fully Hyperbolic
     * Convolutional Neural Networks for Computer Vision", ICLR 2024, HyperbolicCV {@code LMLR}): class {@code k} has an
     * offset {@code a_k} and a normal {@code z_k in R^n}, i.e. the hyperplane {@code {y : <w_k, y>_L = 0}} with
     * <pre>
     *   w_k = (sinh(sqrt(c) a_k) ||z_k||, cosh(sqrt(c) a_k) z_k),   ||w_k||_L = ||z_k||,
     *   logit_k(x) = ||z_k|| * (1/sqrt c) arsinh(sqrt(c) &lt;w_k, x&gt;_L / ||z_k||)
     *              = (||z_k||/sqrt c) arsinh(sqrt(c) (cosh(sqrt(c) a_k) &lt;x_s, z_k/||z_k||&gt; - sinh(sqrt(c) a_k) x_0)),
     * </pre>
     * {@code ||z_k||} times the signed distance from {@code x} to the hyperplane, which passes at distance
     * {@code |a_k|} from the origin (at the origin the logit is {@code -||z_k|| a_k}).
     *
     * <p>Convention: HyperbolicCV computes {@code beta = sqrt(||w_s||^2 - w_t^2)} and
     * {@code sign(alpha) beta |arsinh(sqrt(c) alpha/beta)|/sqrt(c)}; {@code beta = ||z_k||} exactly and arsinh is odd,
     * so this is the same function without the cancellation in {@code beta} (float32, large {@code |a_k|}).
     * {@code sinh}/{@code cosh} arguments are clamped at ±50 ({@link SafeMath}), {@code ||z_k||} at 1e-15.
     *
     * @param x points {@code [N, n+1]}
     * @param z hyperplane normals (space part) {@code [n, m]}, one column per class
     * @param a hyperplane offsets {@code [1, m]}
     * @return logits {@code [N, m]}
     */
    public INDArray mlrLogits(INDArray x, INDArray z, INDArray a) {
        if (x.rank() != 2 || z.rank() != 2 || x.size(1) != z.size(0) + 1 || a.length() != z.size(1)) {
            throw new IllegalArgumentException(name() + ".mlrLogits: expected x [N, n+1], z [n, m], a [1, m], got x "
                    + Arrays.toString(x.shape()) + ", z " + Arrays.toString(z.shape()) + ", a " + Arrays.toString(a.shape()));
        }
        double sc = Math.sqrt(c);
        INDArray zn = Transforms.max(z.norm2(true, 0), SafeMath.MIN_NORM, false);
        INDArray sa = a.reshape(1, z.size(1)).mul(sc);
        INDArray w = Nd4j.concat(0, SafeMath.sinh(sa).negi(), z.div(zn).muli(SafeMath.cosh(sa)));
        return SafeMath.arsinh(x.mmul(w).muli(sc)).muli(zn.div(sc));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lorentz && Double.compare(((Lorentz) o).c, c) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(c) * 31 + Lorentz.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }

    // ================================================================ SameDiff forms (curvature as a variable)

    /** SameDiff form of {@link #minkowskiInner(INDArray, INDArray)}: {@code sum(sign * x * y)}, sign = (-1, 1, ..., 1). */
    public static SDVariable minkowskiInner(SDVariable x, SDVariable y) {
        SDVariable sign = spaceMask(x).mul(2.0).sub(1.0);
        return SafeMath.dot(x.mul(sign), y);
    }

    /** SameDiff form of {@link #projx(INDArray)}. */
    public static SDVariable projx(SDVariable x, SDVariable c) {
        SDVariable mask = spaceMask(x);
        SDVariable xs = x.mul(mask);
        return assemble(timeFromSpace(xs, c), xs, mask);
    }

    /** SameDiff form of {@link #proju(INDArray, INDArray)}. */
    public static SDVariable proju(SDVariable x, SDVariable u, SDVariable c) {
        return u.add(x.mul(minkowskiInner(x, u).mul(c)));
    }

    /** SameDiff form of {@link #expmap(INDArray, INDArray)} (projected, {@code theta} capped at 10). */
    public static SDVariable expmap(SDVariable x, SDVariable u, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable n = sd.math.sqrt(sd.math.max(minkowskiInner(u, u),
                SafeMath.constant(sd, x.dataType(), SafeMath.MIN_NORM * SafeMath.MIN_NORM)));
        SDVariable theta = sd.math.clipByValue(n.mul(sc), 0.0, MAX_EXPMAP_ARG);
        SDVariable coefU = SafeMath.sinh(theta).div(n.mul(sc));
        SDVariable mask = spaceMask(x);
        SDVariable ys = x.mul(SafeMath.cosh(theta)).add(u.mul(coefU)).mul(mask);
        return assemble(timeFromSpace(ys, c), ys, mask);
    }

    /**
     * The point at parameter {@code t} of the geodesic from {@code x} ({@code t = 0}) to {@code y} ({@code t = 1}) on
     * the hyperboloid, {@code gamma(t) = exp_x(t log_x(y))} (SameDiff; projected by {@link #expmap}). Used for geodesic
     * (running-mean) steps.
     */
    public static SDVariable geodesic(SDVariable x, SDVariable y, double t, SDVariable c) {
        return expmap(x, logmap(x, y, c).mul(t), c);
    }

    /** SameDiff form of {@link #logmap(INDArray, INDArray)}. */
    public static SDVariable logmap(SDVariable x, SDVariable y, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable delta = y.sub(x);
        SDVariable dd = minkowskiInner(delta, delta);
        SDVariable z = sd.math.sqrt(sd.math.max(dd, SafeMath.constant(sd, x.dataType(), SafeMath.MIN_NORM * SafeMath.MIN_NORM)))
                .mul(sd.math.sqrt(c)).div(2.0);
        SDVariable coef = arsinhRatio(z).div(sd.math.sqrt(z.mul(z).add(1.0)));
        SDVariable w = delta.sub(x.mul(dd.mul(c).div(2.0)));
        return w.mul(coef);
    }

    /** SameDiff form of {@link #dist(INDArray, INDArray)}. */
    public static SDVariable dist(SDVariable x, SDVariable y, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable delta = y.sub(x);
        SDVariable sc = sd.math.sqrt(c);
        SDVariable z = sd.math.sqrt(sd.math.max(minkowskiInner(delta, delta),
                SafeMath.constant(sd, x.dataType(), SafeMath.MIN_NORM * SafeMath.MIN_NORM))).mul(sc).div(2.0);
        return divideBroadcast(SafeMath.arsinh(z).mul(2.0), sc);
    }

    /** SameDiff form of {@link #transp(INDArray, INDArray, INDArray)}. */
    public static SDVariable transp(SDVariable x, SDVariable y, SDVariable v, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable delta = y.sub(x);
        SDVariable den = sd.math.max(minkowskiInner(delta, delta), SafeMath.constant(sd, x.dataType(), 0.0))
                .mul(c).div(2.0).add(2.0);
        SDVariable coef = divideBroadcast(minkowskiInner(y, v).mul(c), den);
        return v.add(x.add(y).mul(coef));
    }

    /** SameDiff form of {@link #expmap0(INDArray)}: {@code [.., n] -> [.., n+1]}. */
    public static SDVariable expmap0(SDVariable us, SDVariable c) {
        SameDiff sd = us.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable r = SafeMath.norm(us);
        SDVariable theta = sd.math.clipByValue(r.mul(sc), 0.0, MAX_EXPMAP_ARG);
        SDVariable xs = us.mul(SafeMath.sinh(theta).div(r.mul(sc)));
        return sd.concat(-1, divideBroadcast(SafeMath.cosh(theta), sc), xs);
    }

    /** SameDiff form of {@link #logmap0(INDArray)}: {@code [N, n+1] -> [N, n]} (rank 2 only, see class notes). */
    public static SDVariable logmap0(SDVariable y, SDVariable c) {
        SameDiff sd = y.getSameDiff();
        SDVariable ys = spaceCoordinates(y);
        SDVariable z = SafeMath.norm(ys).mul(sd.math.sqrt(c));
        return ys.mul(arsinhRatio(z));
    }

    /** SameDiff form of {@link #transp0(INDArray, INDArray)}. */
    public static SDVariable transp0(SDVariable y, SDVariable u, SDVariable c) {
        SameDiff sd = y.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable mask = spaceMask(y);
        SDVariable y0 = timeCoordinate(y, mask);
        SDVariable coef = divideBroadcast(minkowskiInner(y, u).mul(c), y0.mul(sc).add(1.0));
        return u.add(y.add(divideBroadcast(mask.rsub(1.0), sc)).mul(coef));
    }

    /** SameDiff form of {@link #transp0back(INDArray, INDArray)}. */
    public static SDVariable transp0back(SDVariable y, SDVariable v, SDVariable c) {
        SameDiff sd = y.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable mask = spaceMask(y);
        SDVariable coef = divideBroadcast(timeCoordinate(v, mask).mul(sc).neg(),
                timeCoordinate(y, mask).mul(sc).add(1.0));
        return v.add(y.add(divideBroadcast(mask.rsub(1.0), sc)).mul(coef));
    }

    /**
     * SameDiff form of {@link #centroid(INDArray, INDArray)}: {@code x [N, n+1]}, {@code weights [N]} or {@code null},
     * result {@code [1, n+1]}.
     */
    public static SDVariable centroid(SDVariable x, SDVariable weights, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable s = weights == null ? x.mean(true, 0) : x.mul(weights.reshape(-1, 1)).sum(true, 0);
        SDVariable scale = sd.math.sqrt(sd.math.max(sd.math.abs(minkowskiInner(s, s)),
                SafeMath.constant(sd, x.dataType(), CENTROID_MIN_SQNORM))).mul(sd.math.sqrt(c));
        SDVariable mask = spaceMask(s);
        SDVariable ms = divideBroadcast(s.mul(mask), scale);
        return assemble(timeFromSpace(ms, c), ms, mask);
    }

    /**
     * SameDiff form of {@link #mlrLogits(INDArray, INDArray, INDArray)}: {@code x [N, n+1]}, {@code z [n, m]},
     * {@code a [1, m]} -> {@code [N, m]}.
     */
    public static SDVariable mlrLogits(SDVariable x, SDVariable z, SDVariable a, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable zn = sd.math.sqrt(sd.math.max(z.mul(z).sum(true, 0),
                SafeMath.constant(sd, x.dataType(), SafeMath.MIN_NORM * SafeMath.MIN_NORM)));
        SDVariable sa = a.mul(sc);
        SDVariable w = sd.concat(0, SafeMath.sinh(sa).neg(), z.mul(zn.rdiv(1.0)).mul(SafeMath.cosh(sa)));
        return SafeMath.arsinh(x.mmul(w).mul(sc)).mul(zn.mul(sc.rdiv(1.0)));
    }

    /** SameDiff form of {@link #gyroAdd(INDArray, INDArray)} ({@code x} may be one row broadcast against many). */
    public static SDVariable gyroAdd(SDVariable x, SDVariable y, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable sc = sd.math.sqrt(c);
        SDVariable mask = spaceMask(y);
        SDVariable xs = x.mul(mask);
        SDVariable s = SafeMath.dot(xs, y);
        SDVariable f = timeCoordinate(y, mask).mul(sc)
                .add(divideBroadcast(s.mul(c), timeCoordinate(x, spaceMask(x)).mul(sc).add(1.0)));
        SDVariable ws = xs.mul(f).add(y.mul(mask));
        return assemble(timeFromSpace(ws, c), ws, mask);
    }

    /** SameDiff form of {@link #gyroNeg(INDArray)}. */
    public static SDVariable gyroNeg(SDVariable x) {
        return x.mul(spaceMask(x).mul(-2.0).add(1.0));
    }

    /**
     * SameDiff form of {@link #gyroScalarMul(double, INDArray)} with a variable factor {@code r} (scalar, {@code [1, 1]}
     * or {@code [N, 1]}); {@code x [N, n+1]} (rank 2, as {@link #logmap0(SDVariable, SDVariable)}).
     */
    public static SDVariable gyroScalarMul(SDVariable r, SDVariable x, SDVariable c) {
        return expmap0(logmap0(x, c).mul(r), c);
    }

    // ================================================================ helpers

    /** {@code arsinh(z)/z} for {@code z >= 0} ({@link SafeMath#arsinhRatio(INDArray)}: series below 1e-2). */
    static INDArray arsinhRatio(INDArray z) {
        return SafeMath.arsinhRatio(z);
    }

    /** SameDiff form of {@link #arsinhRatio(INDArray)}; the branch masks carry no gradient. */
    static SDVariable arsinhRatio(SDVariable z) {
        return SafeMath.arsinhRatio(z);
    }

    private INDArray timeFromSpace(INDArray xs) {
        return Transforms.sqrt(SafeMath.sqnorm(xs).addi(1 / c), false);
    }

    /** {@code y + s e_0}: adds {@code s} to the time coordinate (into a new array). */
    private static INDArray shiftTime(INDArray y, double s) {
        INDArray r = y.dup();
        INDArray t = r.get(lastAxis(r, NDArrayIndex.interval(0, 1)));
        t.addi(s);
        return r;
    }

    /** The time coordinate {@code x_0} as a size-1 last axis (a view). */
    static INDArray time(INDArray x) {
        return x.get(lastAxis(x, NDArrayIndex.interval(0, 1)));
    }

    /** The space coordinates {@code x_s} (a view). */
    static INDArray space(INDArray x) {
        return x.get(lastAxis(x, NDArrayIndex.interval(1, x.size(-1))));
    }

    /** Concatenates a time coordinate {@code [.., 1]} and space coordinates {@code [.., n]} along the last axis. */
    static INDArray point(INDArray t, INDArray xs) {
        return Nd4j.concat(xs.rank() - 1, t, xs);
    }

    private static INDArrayIndex[] lastAxis(INDArray x, INDArrayIndex last) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[idx.length - 1] = last;
        return idx;
    }

    /** {@code (0, 1, ..., 1)} of the shape of {@code x}, built from {@code x} so it works for any rank; no gradient. */
    static SDVariable spaceMask(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return stopGradient(sd.math.clipByValue(sd.cumsum(sd.onesLike(x), true, false, -1), 0.0, 1.0));
    }

    /** The time coordinate {@code x_0} as a size-1 last axis, given {@link #spaceMask}. */
    static SDVariable timeCoordinate(SDVariable x, SDVariable mask) {
        return SafeMath.dot(x, mask.rsub(1.0));
    }

    private static SDVariable timeFromSpace(SDVariable xs, SDVariable c) {
        return xs.getSameDiff().math.sqrt(SafeMath.sqnorm(xs).add(c.rdiv(1.0)));
    }

    /** {@code t e_0 + xs}, where {@code xs} has a zero time coordinate. */
    private static SDVariable assemble(SDVariable t, SDVariable xs, SDVariable mask) {
        return mask.rsub(1.0).mul(t).add(xs);
    }

    /** The space coordinates {@code x[:, 1:]} of a rank-2 variable. */
    static SDVariable spaceCoordinates(SDVariable x) {
        return x.getSameDiff().slice(x, new int[] {0, 1}, new int[] {-1, -1});
    }

    /**
     * {@code a / b} for a divisor {@code b [.., 1]} broadcast along the last axis of {@code a}, written as
     * {@code a * (1/b)}: in ND4J 1.0.0-M2.1 the backward pass of {@code div} returns a wrong gradient for the divisor
     * when the batch has one row ({@code [1, D] / [1, 1]}; {@code [N, D] / [N, 1]} with N &gt; 1 is right), and for
     * {@code [M, 1] / [1, 1]} (one base point against many points, as in {@link #transp}, {@link #transp0} and
     * {@link #transp0back} inside a batch norm).
     */
    static SDVariable divideBroadcast(SDVariable a, SDVariable b) {
        return a.mul(b.rdiv(1.0));
    }

    private static SDVariable stopGradient(SDVariable v) {
        return new StopGradient(v.getSameDiff(), v).outputVariable();
    }
}
