package org.geodl4j.hyperbolic.wordnet;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.manifold.SafeMath;

/**
 * The Poincaré-ball verbs the embedding trainer needs, on single rows of a row-major {@code double[]} table: the same
 * formulas, clamps and projection as {@link PoincareBall}'s INDArray verbs (checked against them to 1e-12 by
 * {@code PoincareRowMathTest}), without ND4J's per-op overhead, which dominates batches of ten 10-dimensional rows.
 * Plus the closed-form gradient of the distance, which the geometry core does not need elsewhere.
 *
 * <p>All methods take {@code (array, offset)} pairs for rows of length {@code dim} and the curvature {@code c > 0}
 * (sectional curvature {@code -c}).
 */
final class PoincareRowMath {

    private PoincareRowMath() {
    }

    static double dot(double[] a, int ao, double[] b, int bo, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }

    /**
     * Geodesic distance, {@link PoincareBall#dist} in the equivalent arcosh form (Nickel &amp; Kiela 2017, Eq. 1):
     * <pre>d = (1/sqrt(c)) arcosh(1 + delta),  delta = 2c||a - b||^2 / ((1 - c||a||^2)(1 - c||b||^2))</pre>
     * evaluated as {@code log1p(delta + sqrt(delta (delta + 2)))/sqrt(c)}, accurate for nearby points.
     */
    static double dist(double[] a, int ao, double[] b, int bo, int dim, double c) {
        return arcoshOnePlus(delta(a, ao, b, bo, dim, c)) / Math.sqrt(c);
    }

    static double delta(double[] a, int ao, double[] b, int bo, int dim, double c) {
        double aa = 0;
        double bb = 0;
        double diff = 0;
        for (int k = 0; k < dim; k++) {
            double x = a[ao + k];
            double y = b[bo + k];
            aa += x * x;
            bb += y * y;
            diff += (x - y) * (x - y);
        }
        double den = Math.max((1 - c * aa) * (1 - c * bb), PoincareBall.MIN_DENOMINATOR);
        return 2 * c * diff / den;
    }

    /** {@code arcosh(1 + delta)} for {@code delta >= 0}. */
    static double arcoshOnePlus(double delta) {
        return Math.log1p(delta + Math.sqrt(delta * (delta + 2)));
    }

    /**
     * Adds {@code weight · ∂d(u, v)/∂u} to {@code gu} and {@code weight · ∂d(u, v)/∂v} to {@code gv} (Nickel &amp;
     * Kiela 2017, Eq. 4, with curvature c):
     * <pre>
     * ∂d/∂u = 4c / (sqrt(c) alpha^2 beta sqrt(gamma^2 - 1)) · ((1 - 2c&lt;u,v&gt; + c||v||^2) u - alpha v)
     * alpha = 1 - c||u||^2, beta = 1 - c||v||^2, gamma = 1 + delta, gamma^2 - 1 = delta (delta + 2)
     * </pre>
     * and symmetrically for {@code v}. At {@code u = v} ({@code gamma = 1}) the gradient is set to 0, as gensim does.
     */
    static void accumulateDistGrad(double[] t, int uo, int vo, int dim, double c, double weight, double[] g) {
        double uu = 0;
        double vv = 0;
        double uv = 0;
        for (int k = 0; k < dim; k++) {
            double x = t[uo + k];
            double y = t[vo + k];
            uu += x * x;
            vv += y * y;
            uv += x * y;
        }
        double alpha = Math.max(1 - c * uu, PoincareBall.MIN_DENOMINATOR);
        double beta = Math.max(1 - c * vv, PoincareBall.MIN_DENOMINATOR);
        double diff = Math.max(uu + vv - 2 * uv, 0);
        double delta = 2 * c * diff / (alpha * beta);
        double g2 = delta * (delta + 2);
        if (!(g2 > 0)) {
            return;
        }
        double common = weight * 4 * c / (Math.sqrt(c) * Math.sqrt(g2) * alpha * beta);
        double cu = common / alpha;
        double cv = common / beta;
        double au = 1 - 2 * c * uv + c * vv;
        double av = 1 - 2 * c * uv + c * uu;
        for (int k = 0; k < dim; k++) {
            double x = t[uo + k];
            double y = t[vo + k];
            g[uo + k] += cu * (au * x - alpha * y);
            g[vo + k] += cv * (av * y - beta * x);
        }
    }

    /** {@code (1 - c||x||^2)^2 / 4 = 1/lambda_x^2}, the factor of {@link PoincareBall#egrad2rgrad}. */
    static double rgradScale(double[] x, int xo, int dim, double c) {
        double f = 1 - c * dot(x, xo, x, xo, dim);
        return f * f * 0.25;
    }

    /** Conformal factor {@code lambda_x = 2/(1 - c||x||^2)}, as {@link PoincareBall#lambda}. */
    static double lambda(double[] x, int xo, int dim, double c) {
        return 2.0 / Math.max(1 - c * dot(x, xo, x, xo, dim), PoincareBall.MIN_DENOMINATOR);
    }

    /** {@link PoincareBall#projx} of one row, in place: clip the norm to {@code (1 - eps)/sqrt(c)}. */
    static void projx(double[] x, int xo, int dim, double c, double eps) {
        double maxNorm = (1 - eps) / Math.sqrt(c);
        double norm = Math.max(Math.sqrt(dot(x, xo, x, xo, dim)), SafeMath.MIN_NORM);
        if (norm > maxNorm) {
            double s = maxNorm / norm;
            for (int k = 0; k < dim; k++) {
                x[xo + k] *= s;
            }
        }
    }

    /** Möbius addition {@code out = x ⊕ y} (not projected); {@code out} may alias neither input. */
    static void mobiusAdd(double[] x, int xo, double[] y, int yo, int dim, double c, double[] out, int oo) {
        double xy = dot(x, xo, y, yo, dim);
        double xx = dot(x, xo, x, xo, dim);
        double yy = dot(y, yo, y, yo, dim);
        double a = 1 + 2 * c * xy + c * yy;
        double b = 1 - c * xx;
        double den = Math.max(1 + 2 * c * xy + c * c * xx * yy, PoincareBall.MIN_DENOMINATOR);
        for (int k = 0; k < dim; k++) {
            out[oo + k] = (a * x[xo + k] + b * y[yo + k]) / den;
        }
    }

    /**
     * {@link PoincareBall#expmap}: {@code out = projx(x ⊕ tanh(sqrt(c) lambda_x ||u|| / 2) u / (sqrt(c) ||u||))};
     * {@code scratch} is a row of length {@code dim}.
     */
    static void expmap(double[] x, int xo, double[] u, int uo, int dim, double c, double eps, double[] out, int oo,
            double[] scratch) {
        double sqrtC = Math.sqrt(c);
        double s = Math.max(Math.sqrt(dot(u, uo, u, uo, dim)), SafeMath.MIN_NORM) * sqrtC;
        double arg = Math.min(s * lambda(x, xo, dim, c) * 0.5, SafeMath.MAX_TANH_ARG);
        double f = Math.tanh(arg) / s;
        for (int k = 0; k < dim; k++) {
            scratch[k] = u[uo + k] * f;
        }
        mobiusAdd(x, xo, scratch, 0, dim, c, out, oo);
        projx(out, oo, dim, c, eps);
    }

    /**
     * {@link PoincareBall#transp}: {@code out = (lambda_x / lambda_y) gyr[y, -x] v}, with gyration
     * {@code gyr[p, q] w = w + 2(a p + b q)/d}, {@code a = -c^2 <p,w> ||q||^2 + c <q,w> + 2c^2 <p,q><q,w>},
     * {@code b = -c^2 <q,w> ||p||^2 - c <p,w>}, {@code d = 1 + 2c <p,q> + c^2 ||p||^2 ||q||^2}, with {@code p = y},
     * {@code q = -x}. {@code out} may alias {@code v}.
     */
    static void transp(double[] x, int xo, double[] y, int yo, double[] v, int vo, int dim, double c, double[] out,
            int oo) {
        double pw = dot(y, yo, v, vo, dim);
        double qw = -dot(x, xo, v, vo, dim);
        double pq = -dot(x, xo, y, yo, dim);
        double pp = dot(y, yo, y, yo, dim);
        double qq = dot(x, xo, x, xo, dim);
        double a = -c * c * pw * qq + c * qw + 2 * c * c * pq * qw;
        double b = -c * c * qw * pp - c * pw;
        double d = Math.max(1 + 2 * c * pq + c * c * pp * qq, PoincareBall.MIN_DENOMINATOR);
        double scale = lambda(x, xo, dim, c) / lambda(y, yo, dim, c);
        for (int k = 0; k < dim; k++) {
            double w = v[vo + k] + 2 * (a * y[yo + k] - b * x[xo + k]) / d;
            out[oo + k] = scale * w;
        }
    }
}
