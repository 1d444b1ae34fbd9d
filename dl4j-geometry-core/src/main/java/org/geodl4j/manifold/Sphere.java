package org.geodl4j.manifold;

import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The unit sphere {@code S^(n-1) = { x in R^n : ||x|| = 1 }} with the metric induced by R^n (sectional curvature +1);
 * points along the last axis ({@link #pointRank()} = 1), all leading axes are batch axes.
 *
 * <pre>
 * proju        P_x(u) = u - &lt;x, u&gt; x                       egrad2rgrad = proju,  &lt;u, v&gt;_x = &lt;u, v&gt;
 * expmap       exp_x(u) = cos(||u||) x + sin(||u||) u/||u||
 * logmap       log_x(y) = theta P_x(y - x)/||P_x(y - x)||,     theta = d(x, y)
 * dist         d(x, y) = 2 atan(||x - y|| / ||x + y||)         (= arccos &lt;x, y&gt; on the sphere)
 * transp       P_{x-&gt;y}(v) = v - &lt;y, v&gt; (x + y) / (1 + &lt;x, y&gt;)   (parallel transport along the minimal geodesic)
 * retr         R_x(u) = (x + u)/||x + u||
 * </pre>
 *
 * <p>References: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix Manifolds", Princeton
 * University Press, 2008 (the sphere is their running example: tangent projection, retraction {@code (x+u)/||x+u||},
 * geodesics); N. Boumal, "An Introduction to Optimization on Smooth Manifolds", Cambridge University Press, 2023
 * (exponential and logarithmic maps and parallel transport of the sphere in closed form). The transport is the
 * rotation of the plane {@code span{x, y}} that carries {@code x} to {@code y}, identity on its orthogonal complement.
 * geoopt {@code manifolds/sphere.py} has the same proju/expmap/retr.
 *
 * <p><b>Numerics.</b> Norms are clamped below at {@link SafeMath#MIN_NORM}, so {@code exp_x(0) = x},
 * {@code log_x(x) = 0}. The distance uses the half-angle form {@code 2 atan(||x - y|| / ||x + y||)}, accurate at
 * every angle (arccos loses half the digits near 0 and near pi; arcsin of {@code ||x - y||/2} near pi). The logarithm
 * takes its direction from {@code P_x(y - x)}, which is accurate for nearby points, and its length from the
 * distance; {@code exp_x} re-normalises its result so rounding does not drift off the sphere.
 *
 * <p><b>Antipodes.</b> For {@code y = -x} every great circle through {@code x} is a minimal geodesic, so
 * {@code log_x(y)} and the parallel transport are not unique. The formulas stay finite: {@code log_x(-x)} returns
 * the zero vector (its direction {@code P_x(y - x)} vanishes) while {@code d(x, -x) = pi}, and the transport's
 * denominator {@code 1 + <x, y> = ||x + y||^2 / 2} is clamped at {@link SafeMath#MIN_NORM}. Results within about
 * {@code 1e-8} of the antipode are ill-conditioned.
 *
 * <p><b>Convention.</b> geoopt's {@code Sphere.transp} is the projection {@code P_y(v)} (a non-isometric vector
 * transport); this class implements the exact parallel transport, which is an isometry and satisfies
 * {@code P_{y->x} P_{x->y} = id}.
 */
public final class Sphere implements Manifold {

    private static final long serialVersionUID = 1L;

    /** The single instance (the unit sphere has no parameters; its dimension comes from the arrays). */
    public static final Sphere INSTANCE = new Sphere();

    /** Prefer {@link #INSTANCE}; public for Jackson/serialisation. */
    public Sphere() {
    }

    @Override
    public String name() {
        return "Sphere";
    }

    /** {@code x / max(||x||, 1e-15)} (the nearest point of the sphere; a zero vector stays zero). */
    @Override
    public INDArray projx(INDArray x) {
        return x.div(SafeMath.norm(x));
    }

    /** {@code u - <x, u> x}, the orthogonal projection onto {@code T_x S = x^perp}. */
    @Override
    public INDArray proju(INDArray x, INDArray u) {
        return u.sub(x.mul(SafeMath.dot(x, u)));
    }

    /** The Riemannian gradient of the induced metric is the tangent projection of the Euclidean one. */
    @Override
    public INDArray egrad2rgrad(INDArray x, INDArray g) {
        return proju(x, g);
    }

    /** The Euclidean inner product {@code <u, v>} (last axis kept with size 1). */
    @Override
    public INDArray inner(INDArray x, INDArray u, INDArray v) {
        return SafeMath.dot(u, v);
    }

    /**
     * {@code cos(||u||) x + sin(||u||) u/||u||}, re-normalised (the great circle through {@code x} with velocity
     * {@code u}; Absil et al. 2008); {@code ||u||} is clamped
     * below at {@code 1e-15} in the quotient so {@code exp_x(0) = x}.
     */
    @Override
    public INDArray expmap(INDArray x, INDArray u) {
        INDArray n = u.norm2(true, -1);
        INDArray sinc = Transforms.sin(n, true).divi(Transforms.max(n, SafeMath.MIN_NORM, true));
        INDArray y = x.mul(Transforms.cos(n, false)).addi(u.mul(sinc));
        return projx(y);
    }

    /**
     * {@code d(x, y) P_x(y - x) / ||P_x(y - x)||} (Boumal 2023): the tangent vector at {@code x} of length
     * {@code d(x, y)} pointing to {@code y}; zero for {@code y = x}, and zero at the antipode (see the class comment).
     */
    @Override
    public INDArray logmap(INDArray x, INDArray y) {
        INDArray u = proju(x, y.sub(x));
        return u.muli(dist(x, y).divi(SafeMath.norm(u)));
    }

    /** {@code projx(x + u)}, a second-order retraction (Absil et al. 2008). */
    @Override
    public INDArray retr(INDArray x, INDArray u) {
        return projx(x.add(u));
    }

    /**
     * Parallel transport along the minimal geodesic from {@code x} to {@code y} (Boumal 2023):
     * <pre>P_{x-&gt;y}(v) = v - &lt;y, v&gt; (x + y) / (1 + &lt;x, y&gt;)</pre>
     * an isometry {@code T_x -> T_y} with inverse {@code P_{y->x}}. The denominator is evaluated as
     * {@code ||x + y||^2/2} (no cancellation near the antipode) and clamped at {@code 1e-15}. The image of the normal
     * direction {@code x} is tangent at {@code y} too, so the result is always tangent at {@code y}; for {@code y = x}
     * the map is {@link #proju}.
     */
    @Override
    public INDArray transp(INDArray x, INDArray y, INDArray v) {
        INDArray s = x.add(y);
        INDArray den = Transforms.max(SafeMath.sqnorm(s).muli(0.5), SafeMath.MIN_NORM, false);
        return v.sub(s.muli(SafeMath.dot(y, v).divi(den)));
    }

    /**
     * {@code 2 atan(||x - y|| / ||x + y||)} = the angle between {@code x} and {@code y}, in {@code [0, pi]}, accurate at
     * all angles (Kahan's half-angle form).
     */
    @Override
    public INDArray dist(INDArray x, INDArray y) {
        INDArray chord = x.sub(y).norm2(true, -1);
        INDArray sum = Transforms.max(x.add(y).norm2(true, -1), SafeMath.MIN_NORM, false);
        return Transforms.atan(chord.divi(sum), false).muli(2.0);
    }

    /** {@code e_1 = (1, 0, ..., 0)} broadcast to {@code shape}. */
    @Override
    public INDArray origin(DataType dataType, long... shape) {
        requireVectorShape(shape, "origin");
        long d = shape[shape.length - 1];
        INDArray z = Nd4j.zeros(dataType, Math.max(1, shapeLength(shape) / d), d);
        z.getColumn(0).assign(1.0);
        return z.reshape(shape);
    }

    /** A standard Gaussian vector normalised to unit length: the uniform distribution on the sphere. */
    @Override
    public INDArray randomPoint(long seed, DataType dataType, long... shape) {
        requireVectorShape(shape, "randomPoint");
        INDArray g = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(shape)
                .castTo(DataType.DOUBLE);
        return projx(g).castTo(dataType);
    }

    /** Every point must have {@code | ||x|| - 1 | <= atol}; the reason names the (flat) index of the first offender. */
    @Override
    public Optional<String> checkPoint(INDArray x, double atol) {
        if (x.isEmpty()) {
            return Optional.empty();
        }
        if (x.rank() < 1) {
            return Optional.of("it is a scalar, not a vector of shape [..., n]");
        }
        double[] norms = Nd4j.toFlattened('c', x.norm2(true, -1)).castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < norms.length; i++) {
            double dev = Math.abs(norms[i] - 1.0);
            if (!Double.isFinite(norms[i])) {
                return Optional.of("point " + i + " contains NaN or infinite values");
            }
            if (dev > atol) {
                return Optional.of("point " + i + " has norm " + norms[i] + " (|norm - 1| = " + dev + " > atol = "
                        + atol + ")");
            }
        }
        return Optional.empty();
    }

    private void requireVectorShape(long[] shape, String verb) {
        if (shape.length < 1 || shape[shape.length - 1] < 1) {
            throw new IllegalArgumentException(name() + "." + verb + ": expected a shape [..., n] with n >= 1 but got "
                    + java.util.Arrays.toString(shape));
        }
    }

    private static long shapeLength(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sphere;
    }

    @Override
    public int hashCode() {
        return Sphere.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
