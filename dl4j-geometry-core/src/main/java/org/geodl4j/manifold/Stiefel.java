package org.geodl4j.manifold;

import java.util.Arrays;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Stiefel manifold {@code St(n, p) = { X in R^(n x p) : X^T X = I_p }}, {@code p <= n}, of matrices with orthonormal
 * columns, with the <b>canonical metric</b> (geoopt {@code CanonicalStiefel}). A point is the trailing two axes
 * {@code [n, p]} of an array ({@link #pointRank()} = 2): a single matrix {@code [n, p]} or a batch
 * {@code [B, n, p]} (any number of leading batch axes).
 *
 * <pre>
 * tangent space   T_X = { U : X^T U + U^T X = 0 }   (X^T U skew-symmetric)
 * metric          &lt;U, V&gt;_X = tr(U^T (I - X X^T / 2) V) = tr(U^T V) - tr((X^T U)^T (X^T V)) / 2
 * proju           P_X(U) = U - X sym(X^T U),   sym(S) = (S + S^T)/2
 * egrad2rgrad     grad f(X) = G - X G^T X       (G the Euclidean gradient)
 * generator       W(U) = Ū X^T - X Ū^T,   Ū = (I - X X^T / 2) U   (skew n x n, W(U) X = P_X(U))
 * retr  (Cayley)  R_X(U) = (I - W/2)^-1 (I + W/2) X
 * expmap          exp_X(U) = e^W X                (the canonical geodesic)
 * </pre>
 *
 * <b>How the n x n operators are applied.</b> {@code W = L R^T} has rank at most 2p with {@code L = [Ū, X]},
 * {@code R = [X, -Ū]} ({@code n x 2p}). With the {@code 2p x 2p} matrix {@code B = R^T L} the Sherman-Morrison-Woodbury
 * identity gives {@code (I - W/2)^-1 (I + W/2) Z = Z + L (I - B/2)^-1 R^T Z} (Wen &amp; Yin 2013, Lemma 4.1), and the
 * power series gives {@code e^W Z = Z + L phi1(B) R^T Z} with {@code phi1(B) = sum_k B^k/(k+1)!}, read off as the
 * top-right block of {@code exp([[B, I], [0, 0]])} (Higham, Functions of Matrices, 2008, Thm. 10.10 / §10.7.4). So
 * each verb costs {@code O(n p^2 + p^3)} rather than {@code O(n^3)}; {@code I - W/2} is never singular because
 * {@code W} is skew. All per-matrix arithmetic runs in float64 ({@link DenseMatrix}) and the result is cast back to
 * the input's data type.
 *
 * <p><b>Transports.</b> Three vector transports are used, each in the place where it is natural:
 * <ul>
 *   <li>{@link #retrTransp}: the Cayley operator {@code Q = (I - W/2)^-1 (I + W/2)} applied to {@code V} (the
 *       "implicit vector transport" of Li, Li &amp; Todorovic 2020). {@code Q} is orthogonal, maps {@code T_X} onto
 *       {@code T_{QX}} and preserves the canonical metric (an isometry).</li>
 *   <li>{@link #expmapTransp}: the rotation {@code e^W} that generates the geodesic applied to {@code V}; an isometry,
 *       and it maps the initial velocity to the final velocity of the geodesic, so
 *       {@code exp_Y(-e^W U) = X}. It is not the Levi-Civita parallel transport (which has no closed form on Stiefel
 *       with the canonical metric).</li>
 *   <li>{@link #transp}: the projection {@code P_Y(V)} (Absil, Mahony &amp; Sepulchre 2008, §8.1.3), since the
 *       operator that carried {@code X} to {@code Y} is unknown given only the two points. It is the identity for
 *       {@code Y = X} but is <i>not</i> an isometry.</li>
 * </ul>
 *
 * <p><b>Not available.</b> {@link #logmap} and {@link #dist}: the canonical-metric logarithm has no closed form
 * (it needs an iterative solver, Zimmermann, SIAM J. Matrix Anal. Appl. 2017); both throw
 * {@link UnsupportedOperationException}.
 *
 * <p><b>Convention.</b> geoopt's {@code CanonicalStiefel} uses {@code proju(X, U) = U - X U^T X} (which is its
 * Riemannian gradient, not a projection: applied to a tangent vector it doubles the skew part {@code X^T U}) and the
 * Cayley generator {@code A = U X^T - X U^T} (for which {@code A X = U + X X^T U}, so {@code d/dt R_X(tU)} at 0 is
 * not {@code U} unless {@code X^T U = 0}). Here {@code proju} is the true (idempotent) projection, {@code egrad2rgrad}
 * is the canonical gradient {@code G - X G^T X} (Edelman, Arias &amp; Smith 1998, eq. 2.53), and the generator is the
 * horizontal lift {@code W(U)} above, with {@code W(U) X = U} on {@code T_X}, so the Cayley map is a genuine
 * retraction (second order: it agrees with {@code e^W X} up to {@code O(||U||^3)}). For the Euclidean gradient
 * {@code G}, {@code W(G)} equals the generator {@code W = Ŵ - Ŵ^T}, {@code Ŵ = G X^T - X (X^T G X^T)/2} of Li, Li &amp;
 * Todorovic (2020).
 *
 * <p>References: A. Edelman, T. A. Arias, S. T. Smith, "The geometry of algorithms with orthogonality constraints",
 * SIAM J. Matrix Anal. Appl. 20(2), 1998 (§2.4, eqs. 2.39-2.53); Z. Wen, W. Yin, "A feasible method for optimization
 * with orthogonality constraints", Math. Programming 142, 2013 (eq. 7, Lemma 4.1); J. Li, F. Li, S. Todorovic,
 * "Efficient Riemannian optimization on the Stiefel manifold via the Cayley transform", ICLR 2020 (eqs. 5-8);
 * P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix Manifolds", Princeton 2008.
 */
public final class Stiefel implements Manifold {

    private static final long serialVersionUID = 1L;

    /** The single instance (the manifold has no parameters; {@code n} and {@code p} come from the arrays). */
    public static final Stiefel INSTANCE = new Stiefel();

    /** Prefer {@link #INSTANCE}; public for Jackson/serialisation. */
    public Stiefel() {
    }

    @Override
    public String name() {
        return "Stiefel(canonical)";
    }

    /** 2: a point is the trailing {@code [n, p]} matrix. */
    @Override
    public int pointRank() {
        return 2;
    }

    /** The orthonormal polar factor {@code U V^T} of {@code X = U S V^T} per matrix (one-sided Jacobi SVD in float64). */
    @Override
    public INDArray projx(INDArray x) {
        Points px = points(x, "projx", "x");
        double[] out = new double[px.length()];
        for (int b = 0; b < px.count; b++) {
            px.matrix(b).polarFactor().copyInto(out, px.offset(b));
        }
        return px.build(out);
    }

    /** {@code U - X sym(X^T U)}: the orthogonal projection onto {@code T_X} (idempotent). */
    @Override
    public INDArray proju(INDArray x, INDArray u) {
        Points px = points(x, "proju", "x");
        Points pu = points(u, "proju", "u").sameShapeAs(px);
        double[] out = new double[px.length()];
        for (int b = 0; b < px.count; b++) {
            tangentProjection(px.matrix(b), pu.matrix(b)).copyInto(out, px.offset(b));
        }
        return px.build(out);
    }

    /**
     * The Riemannian gradient under the canonical metric, {@code G - X G^T X} (Edelman, Arias &amp; Smith 1998,
     * eq. 2.53): the tangent vector {@code xi} with {@code <xi, U>_X = tr(G^T U)} for every tangent {@code U}.
     */
    @Override
    public INDArray egrad2rgrad(INDArray x, INDArray g) {
        Points px = points(x, "egrad2rgrad", "x");
        Points pg = points(g, "egrad2rgrad", "g").sameShapeAs(px);
        double[] out = new double[px.length()];
        for (int b = 0; b < px.count; b++) {
            DenseMatrix xm = px.matrix(b);
            DenseMatrix gm = pg.matrix(b);
            gm.plusScaled(-1.0, xm.times(gm.transposeTimes(xm))).copyInto(out, px.offset(b));
        }
        return px.build(out);
    }

    /** {@code tr(U^T V) - tr((X^T U)^T (X^T V))/2}, shape {@code [..., 1, 1]}. */
    @Override
    public INDArray inner(INDArray x, INDArray u, INDArray v) {
        Points px = points(x, "inner", "x");
        Points pu = points(u, "inner", "u").sameShapeAs(px);
        Points pv = points(v, "inner", "v").sameShapeAs(px);
        double[] out = new double[px.count];
        for (int b = 0; b < px.count; b++) {
            DenseMatrix xm = px.matrix(b);
            DenseMatrix um = pu.matrix(b);
            DenseMatrix vm = pv.matrix(b);
            out[b] = um.frobeniusDot(vm) - 0.5 * xm.transposeTimes(um).frobeniusDot(xm.transposeTimes(vm));
        }
        return px.buildPerPoint(out);
    }

    /**
     * The canonical geodesic {@code exp_X(U) = e^W X}, {@code W = Ū X^T - X Ū^T}, {@code Ū = (I - X X^T/2) U}
     * (Edelman, Arias &amp; Smith 1998, §2.4.2: the geodesic is the orbit of the one-parameter subgroup generated by
     * the horizontal lift of {@code U}), evaluated as {@code L e^B [0; I]} (since {@code W L = L B}; see the class
     * comment). For a non-tangent {@code U} it follows the geodesic of {@code P_X(U)}.
     */
    @Override
    public INDArray expmap(INDArray x, INDArray u) {
        return move(x, u, null, false, "expmap")[0];
    }

    /**
     * {@code {exp_X(U), e^W V}}: the geodesic's rotation applied to {@code V} (an isometry; see the class comment),
     * both as {@code Z + L phi1(B) R^T Z}. It needs a {@code 4p x 4p} exponential, so it costs several times
     * {@link #retrTransp}; optimisers should prefer the Cayley pair.
     */
    @Override
    public INDArray[] expmapTransp(INDArray x, INDArray u, INDArray v) {
        return move(x, u, v, false, "expmapTransp");
    }

    /**
     * The Cayley retraction {@code R_X(U) = (I - W/2)^-1 (I + W/2) X} (Wen &amp; Yin 2013, eq. 7; Li, Li &amp;
     * Todorovic 2020, eq. 5), solved through the {@code 2p x 2p} system of the Woodbury identity (LU with partial
     * pivoting, never an explicit inverse). It keeps {@code X^T X} invariant up to rounding for any step size.
     */
    @Override
    public INDArray retr(INDArray x, INDArray u) {
        return move(x, u, null, true, "retr")[0];
    }

    /** {@code {R_X(U), Q V}} with the same Cayley operator {@code Q = (I - W/2)^-1 (I + W/2)} (isometric transport). */
    @Override
    public INDArray[] retrTransp(INDArray x, INDArray u, INDArray v) {
        return move(x, u, v, true, "retrTransp");
    }

    /**
     * The projection vector transport {@code P_Y(V) = V - Y sym(Y^T V)} (Absil, Mahony &amp; Sepulchre 2008, §8.1.3):
     * tangent at {@code Y}, identity on {@code T_X} when {@code Y = X}, not an isometry. {@link #retrTransp} and
     * {@link #expmapTransp} use isometric transports instead.
     */
    @Override
    public INDArray transp(INDArray x, INDArray y, INDArray v) {
        if (!Arrays.equals(x.shape(), y.shape())) {
            throw new IllegalArgumentException(name() + ".transp: y has shape " + Arrays.toString(y.shape())
                    + " but x has shape " + Arrays.toString(x.shape()) + "; expected equal shapes");
        }
        return proju(y, v);
    }

    /** Not available: the canonical-metric logarithm of Stiefel has no closed form. */
    @Override
    public INDArray logmap(INDArray x, INDArray y) {
        throw new UnsupportedOperationException(name() + ".logmap: the Riemannian logarithm of the Stiefel manifold "
                + "under the canonical metric has no closed form (Edelman, Arias & Smith 1998); it needs an "
                + "iterative solver (Zimmermann 2017), which is not implemented. Use retr/retrTransp to move, and "
                + "the Frobenius norm ||y - x||_F as a chordal distance.");
    }

    /** Not available: the canonical geodesic distance needs the logarithm, which has no closed form. */
    @Override
    public INDArray dist(INDArray x, INDArray y) {
        throw new UnsupportedOperationException(name() + ".dist: the geodesic distance of the Stiefel manifold "
                + "under the canonical metric has no closed form (it needs the Riemannian logarithm, Zimmermann "
                + "2017). Use the chordal distance ||y - x||_F (or ||x^T y - I||) instead.");
    }

    /** The first {@code p} columns of the {@code n x n} identity, broadcast to {@code shape = [..., n, p]}. */
    @Override
    public INDArray origin(DataType dataType, long... shape) {
        Points layout = Points.layout(this, shape, "origin");
        double[] out = new double[layout.length()];
        DenseMatrix id = DenseMatrix.identity(layout.n, layout.p);
        for (int b = 0; b < layout.count; b++) {
            id.copyInto(out, layout.offset(b));
        }
        return Nd4j.create(out, shape, DataType.DOUBLE).castTo(dataType);
    }

    /**
     * The orthonormal factor {@code Q} of the thin QR decomposition {@code G = Q R} of a standard Gaussian matrix
     * {@code G} per point, with the signs fixed by {@code diag(R) > 0}. This is the Haar (uniform) distribution on
     * {@code St(n, p)} (Mezzadri, "How to generate random matrices from the classical compact groups", Notices AMS
     * 2007). Reproducible for a given seed.
     */
    @Override
    public INDArray randomPoint(long seed, DataType dataType, long... shape) {
        Points layout = Points.layout(this, shape, "randomPoint");
        INDArray gaussian = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(shape);
        Points pg = points(gaussian, "randomPoint", "gaussian");
        double[] out = new double[layout.length()];
        for (int b = 0; b < layout.count; b++) {
            pg.matrix(b).orthonormalFactor().copyInto(out, layout.offset(b));
        }
        return Nd4j.create(out, shape, DataType.DOUBLE).castTo(dataType);
    }

    /**
     * Every matrix must satisfy {@code max_ij |X^T X - I|_ij <= atol}; the reason names the (flat) batch index of the
     * first offending matrix and its deviation. A wide shape ({@code p > n}) or a rank below 2 is also reported.
     */
    @Override
    public Optional<String> checkPoint(INDArray x, double atol) {
        long[] shape = x.shape();
        if (shape.length < 2 || shape[shape.length - 1] > shape[shape.length - 2]) {
            return Optional.of("shape " + Arrays.toString(shape) + " is not [..., n, p] with p <= n");
        }
        if (x.isEmpty()) {
            return Optional.empty();
        }
        Points px = points(x, "checkPoint", "x");
        for (int b = 0; b < px.count; b++) {
            DenseMatrix xm = px.matrix(b);
            double dev = orthonormalityDefect(xm);
            String where = px.count == 1 && shape.length == 2 ? "the matrix" : "matrix " + b + " of " + px.count;
            if (Double.isNaN(dev) || Double.isInfinite(dev)) {
                return Optional.of(where + " contains NaN or infinite values");
            }
            if (dev > atol) {
                return Optional.of(where + " has max|X^T X - I| = " + dev + " > atol = " + atol);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stiefel;
    }

    @Override
    public int hashCode() {
        return Stiefel.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }

    // ---------------------------------------------------------------- per-matrix math

    /** {@code max_ij |X^T X - I|_ij} (NaN if an entry is not finite). */
    static double orthonormalityDefect(DenseMatrix x) {
        DenseMatrix g = x.transposeTimes(x);
        double dev = 0.0;
        for (int i = 0; i < g.rows; i++) {
            for (int j = 0; j < g.cols; j++) {
                double d = Math.abs(g.get(i, j) - (i == j ? 1.0 : 0.0));
                if (!Double.isFinite(d)) {
                    return Double.NaN;
                }
                dev = Math.max(dev, d);
            }
        }
        return dev;
    }

    private static DenseMatrix tangentProjection(DenseMatrix x, DenseMatrix u) {
        return u.plusScaled(-1.0, x.times(x.transposeTimes(u).symmetricPart()));
    }

    /**
     * Moves {@code X} along {@code W(U)} by the Cayley operator ({@code cayley}) or the exponential, and applies the
     * same operator to {@code V} when given. Returns {@code {Y}} or {@code {Y, QV}}.
     */
    private INDArray[] move(INDArray x, INDArray u, INDArray v, boolean cayley, String verb) {
        Points px = points(x, verb, "x");
        Points pu = points(u, verb, "u").sameShapeAs(px);
        Points pv = v == null ? null : points(v, verb, "v").sameShapeAs(px);
        int p = px.p;
        double[] ys = new double[px.length()];
        double[] ws = pv == null ? null : new double[px.length()];
        for (int b = 0; b < px.count; b++) {
            DenseMatrix xm = px.matrix(b);
            DenseMatrix um = pu.matrix(b);
            // Ū = U - X (X^T U)/2; W = L R^T with L = [Ū, X], R = [X, -Ū]
            DenseMatrix ubar = um.plusScaled(-0.5, xm.times(xm.transposeTimes(um)));
            DenseMatrix left = ubar.besides(xm);
            DenseMatrix right = xm.besides(ubar.scaled(-1.0));
            DenseMatrix small = right.transposeTimes(left); // B = R^T L, 2p x 2p
            if (!cayley && pv == null) {
                // W L = L B, so e^W X = e^W L [0; I] = L e^B [0; I]: a 2p x 2p exponential suffices
                left.times(small.expm().block(0, 2 * p, p, 2 * p)).copyInto(ys, px.offset(b));
                continue;
            }
            DenseMatrix rhs = right.transposeTimes(xm);
            if (pv != null) {
                rhs = rhs.besides(right.transposeTimes(pv.matrix(b)));
            }
            DenseMatrix coeff;
            if (cayley) {
                // (I - W/2)^-1 (I + W/2) Z = Z + L (I - B/2)^-1 R^T Z
                coeff = DenseMatrix.identity(2 * p, 2 * p).plusScaled(-0.5, small).solve(rhs);
            } else {
                // e^W Z = Z + L phi1(B) R^T Z, phi1(B) = top-right block of exp([[B, I], [0, 0]])
                DenseMatrix augmented = small.besides(DenseMatrix.identity(2 * p, 2 * p))
                        .above(new DenseMatrix(2 * p, 4 * p));
                DenseMatrix phi1 = augmented.expm().block(0, 2 * p, 2 * p, 4 * p);
                coeff = phi1.times(rhs);
            }
            DenseMatrix delta = left.times(coeff);
            xm.plusScaled(1.0, delta.block(0, px.n, 0, p)).copyInto(ys, px.offset(b));
            if (pv != null) {
                pv.matrix(b).plusScaled(1.0, delta.block(0, px.n, p, 2 * p)).copyInto(ws, px.offset(b));
            }
        }
        return pv == null ? new INDArray[] {px.build(ys)} : new INDArray[] {px.build(ys), px.build(ws)};
    }

    private Points points(INDArray a, String verb, String argument) {
        Points layout = Points.layout(this, a.shape(), verb + "(" + argument + ")");
        double[] data = a.isEmpty() ? new double[0]
                : Nd4j.toFlattened('c', a).castTo(DataType.DOUBLE).toDoubleVector();
        return new Points(this, a.shape(), a.dataType(), data, layout.n, layout.p, layout.count, verb, argument);
    }

    /** A batch of {@code [n, p]} matrices stored contiguously (row-major) in float64. */
    private static final class Points {
        final Stiefel manifold;
        final long[] shape;
        final DataType dataType;
        final double[] data;
        final int n;
        final int p;
        final int count;
        final String verb;
        final String argument;

        Points(Stiefel manifold, long[] shape, DataType dataType, double[] data, int n, int p, int count, String verb,
                String argument) {
            this.manifold = manifold;
            this.shape = shape;
            this.dataType = dataType;
            this.data = data;
            this.n = n;
            this.p = p;
            this.count = count;
            this.verb = verb;
            this.argument = argument;
        }

        /** Validates {@code shape = [..., n, p]} with {@code p <= n}; the returned layout holds no data. */
        static Points layout(Stiefel manifold, long[] shape, String who) {
            if (shape.length < 2) {
                throw new IllegalArgumentException(manifold.name() + "." + who + ": expected points of shape "
                        + "[..., n, p] (rank >= 2) but got shape " + Arrays.toString(shape));
            }
            long n = shape[shape.length - 2];
            long p = shape[shape.length - 1];
            if (p > n) {
                throw new IllegalArgumentException(manifold.name() + "." + who + ": expected tall points [..., n, p] "
                        + "with p <= n (orthonormal columns) but got shape " + Arrays.toString(shape) + " (n = " + n
                        + " < p = " + p + "); transpose the parameter to [" + p + ", " + n + "]");
            }
            long count = 1;
            for (int i = 0; i < shape.length - 2; i++) {
                count *= shape[i];
            }
            if (n * p * count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(manifold.name() + "." + who + ": shape " + Arrays.toString(shape)
                        + " has more than 2^31 entries");
            }
            return new Points(manifold, shape, DataType.DOUBLE, null, (int) n, (int) p, (int) count, who, "");
        }

        Points sameShapeAs(Points other) {
            if (!Arrays.equals(shape, other.shape)) {
                throw new IllegalArgumentException(manifold.name() + "." + verb + ": " + argument + " has shape "
                        + Arrays.toString(shape) + " but " + other.argument + " has shape "
                        + Arrays.toString(other.shape) + "; expected equal shapes");
            }
            return this;
        }

        int length() {
            return count * n * p;
        }

        int offset(int b) {
            return b * n * p;
        }

        DenseMatrix matrix(int b) {
            return DenseMatrix.copyOf(data, offset(b), n, p);
        }

        /** An array of this shape and data type from float64 row-major values. */
        INDArray build(double[] values) {
            return Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType);
        }

        /** One value per matrix, shape {@code [..., 1, 1]}. */
        INDArray buildPerPoint(double[] values) {
            long[] s = shape.clone();
            s[s.length - 1] = 1;
            s[s.length - 2] = 1;
            return Nd4j.create(values, s, DataType.DOUBLE).castTo(dataType);
        }
    }
}
