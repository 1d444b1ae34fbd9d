package org.geodl4j.manifold;

import java.util.Optional;
import java.util.SplittableRandom;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Poincaré ball {@code D_c = {x in R^n : c ||x||^2 < 1}} of constant sectional curvature {@code -c}, radius
 * {@code 1/sqrt(c)}, with the conformal metric {@code <u, v>_x = lambda_x^2 <u, v>}, {@code lambda_x = 2/(1 - c||x||^2)}.
 *
 * <p>Every formula is Möbius gyrovector algebra (Ungar, "A Gyrovector Space Approach to Hyperbolic Geometry", 2008)
 * as written for neural networks by Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018
 * (arXiv:1805.09112), with geoopt ({@code geoopt/manifolds/stereographic/math.py}) as the reference implementation
 * whose numerical guards are reproduced here (see {@link SafeMath}).
 *
 * <p><b>Two forms.</b> Instance methods act on eager {@code INDArray}s with the curvature bound at construction; the
 * {@code public static} methods of the same names act on {@code SDVariable}s and take the curvature as a scalar
 * {@code SDVariable c} (so a layer can train it, e.g. {@code c = softplus(raw)}); the two agree to float64 rounding.
 * Points lie along the last axis; leading axes are batch axes; per-point scalars keep the last axis with size 1.
 *
 * <p><b>SameDiff numerics.</b> The SameDiff forms apply the same guards as the INDArray forms, through
 * {@link SafeMath}'s SameDiff clamps and {@code max} with constants, whose gradient is zero beyond the clamp; so the
 * backward pass is finite wherever the forward value is (checked by a float32 stress test: points up to the projection
 * radius, tangent norms 1e-8 to 1e3, zero vectors, identical and antipodal pairs, {@code c} in {0.1, 1, 4}). Plain
 * autodiff of the guarded formulas is exact away from the clamps (float64 gradient checks), so no stop-gradient
 * surrogate ({@code stopGrad(y - s) + s}) is used anywhere. At {@code x = y}, {@code dist} has gradient 0 (the
 * clamped norm), a subgradient of the non-differentiable distance. Two ND4J 1.0.0-M2.1 defects are worked around
 * internally: a broadcasting division's backward pass is wrong for {@code [1, D] / [1, 1]} and {@code [1, D] / scalar},
 * so divisions are written as products with reciprocals; and a reduction over an axis of size 1 fails, so
 * {@code weightedMidpoint} sums over a doubled point axis. The latter also means the SameDiff forms need points of
 * dimension {@code D >= 2} (a SameDiff {@code sum} over a last axis of size 1 fails in {@link SafeMath}); the INDArray
 * forms accept {@code D = 1}.
 *
 * <p><b>Projection.</b> Results that are points ({@link #expmap}, {@link #expmap0}, {@link #retr}, the Möbius
 * operations, {@link #geodesic}, the midpoints) are projected with {@link #projx} to norm {@code <= (1 - eps)/sqrt(c)},
 * {@code eps =} {@link #projectionEps(DataType)}, as geoopt does by default ({@code project=True}). Tangent vectors
 * ({@link #logmap}, {@link #logmap0}, {@link #transp}, {@link #gyration}) are never projected.
 *
 * <p><b>Convention.</b> {@code c > 0} means curvature {@code -c}. geoopt's {@code Stereographic} writes the formulas
 * with {@code kappa = -c}; geoopt's {@code PoincareBall(c)} stores {@code c} (softplus-parameterised when learnable);
 * HypLL's {@code Curvature(value)} applies softplus to its argument, so HypLL's {@code Curvature(1.0)} is
 * {@code c = 1.313} here. The Lorentz model with the same curvature uses {@code <x, x>_L = -1/c}.
 */
public final class PoincareBall implements Manifold {

    private static final long serialVersionUID = 1L;

    /** Projection margin for 16/32-bit floating point (geoopt, tuned on a grid for float32). */
    public static final double PROJECTION_EPS_FLOAT = 4e-3;
    /** Projection margin for float64 (geoopt; Ganea et al. 2018 use the same 1e-5). */
    public static final double PROJECTION_EPS_DOUBLE = 1e-5;
    /** Lower clamp of every denominator (geoopt {@code clamp_min(1e-15)}). */
    public static final double MIN_DENOMINATOR = 1e-15;
    /** Lower clamp of the gyromidpoint denominator {@code sum w_i (lambda_i - 1)} (geoopt {@code clamp_abs(1e-10)}). */
    public static final double MIDPOINT_MIN_DENOMINATOR = 1e-10;

    private final double c;
    private final double sqrtC;

    /**
     * The ball of curvature {@code -c}.
     *
     * @param c positive, finite; the ball has radius {@code 1/sqrt(c)}
     * @throws IllegalArgumentException if {@code c <= 0}, NaN or infinite
     */
    public PoincareBall(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("PoincareBall: curvature parameter c must be positive and finite"
                    + " (sectional curvature -c), got c = " + c);
        }
        this.c = c;
        this.sqrtC = Math.sqrt(c);
    }

    /** The curvature parameter {@code c > 0} (sectional curvature {@code -c}). */
    public double c() {
        return c;
    }

    /**
     * The projection margin {@code eps} for a data type: points are kept at norm {@code <= (1 - eps)/sqrt(c)}.
     * 4e-3 for FLOAT, HALF and BFLOAT16, 1e-5 for DOUBLE (geoopt {@code _project}). This caps the distance from the
     * origin at {@code 2 artanh(1 - eps)/sqrt(c)}: 6.21 (float32) and 12.21 (float64) for {@code c = 1}.
     */
    public static double projectionEps(DataType dataType) {
        return dataType == DataType.DOUBLE ? PROJECTION_EPS_DOUBLE : PROJECTION_EPS_FLOAT;
    }

    @Override
    public String name() {
        return "PoincareBall(c=" + c + ")";
    }

    // ================================================================ Manifold verbs (INDArray)

    /**
     * Clips every point to the projection radius: {@code x <- x (1 - eps)/(sqrt(c) ||x||)} where
     * {@code ||x|| > (1 - eps)/sqrt(c)}, unchanged otherwise ({@code eps =} {@link #projectionEps}; geoopt
     * {@code _project}).
     */
    @Override
    public INDArray projx(INDArray x) {
        double maxNorm = (1 - projectionEps(x.dataType())) / sqrtC;
        INDArray scale = Transforms.min(SafeMath.norm(x).rdivi(maxNorm), 1.0, false);
        return x.mul(scale);
    }

    /** Identity (a copy): the tangent space at every point of the ball is {@code R^n}. */
    @Override
    public INDArray proju(INDArray x, INDArray u) {
        return u.dup();
    }

    /**
     * Riemannian gradient {@code g / lambda_x^2 = ((1 - c||x||^2)^2 / 4) g} (Ganea et al. 2018 §2; Nickel &amp; Kiela,
     * "Poincaré Embeddings for Learning Hierarchical Representations", NeurIPS 2017, for {@code c = 1}; geoopt {@code _egrad2rgrad}).
     */
    @Override
    public INDArray egrad2rgrad(INDArray x, INDArray g) {
        INDArray f = oneMinusCSqNorm(x);
        return g.mul(f.muli(f).muli(0.25));
    }

    /** Metric {@code <u, v>_x = lambda_x^2 <u, v>}, shape {@code [..., 1]}. */
    @Override
    public INDArray inner(INDArray x, INDArray u, INDArray v) {
        INDArray lam = lambda(x);
        return SafeMath.dot(u, v).muli(lam.muli(lam));
    }

    /** Norm {@code ||u||_x = lambda_x ||u||}, shape {@code [..., 1]}. */
    @Override
    public INDArray norm(INDArray x, INDArray u) {
        return u.norm2(true, -1).muli(lambda(x));
    }

    /**
     * Exponential map (Ganea et al. 2018, Lemma 2):
     * <pre>exp_x(u) = x ⊕ ( tanh(sqrt(c) lambda_x ||u|| / 2) u / (sqrt(c) ||u||) )</pre>
     * tanh argument clamped to 15, {@code ||u||} to {@code >= 1e-15}; the result is projected.
     */
    @Override
    public INDArray expmap(INDArray x, INDArray u) {
        INDArray s = SafeMath.norm(u).muli(sqrtC);
        INDArray f = SafeMath.tanh(s.mul(lambda(x)).muli(0.5)).divi(s);
        return projx(mobiusAddUnprojected(x, u.mul(f)));
    }

    /**
     * Logarithmic map (Ganea et al. 2018, Lemma 2), the inverse of {@link #expmap}:
     * <pre>log_x(y) = (2 / (sqrt(c) lambda_x)) artanh(sqrt(c) ||w||) w / ||w||,   w = (-x) ⊕ y</pre>
     * with the clamped {@link SafeMath#artanh}; not projected.
     */
    @Override
    public INDArray logmap(INDArray x, INDArray y) {
        INDArray w = mobiusAddUnprojected(x.neg(), y);
        INDArray s = SafeMath.norm(w).muli(sqrtC);
        INDArray f = SafeMath.artanh(s).divi(s).muli(2.0).divi(lambda(x));
        return w.muli(f);
    }

    /**
     * First-order retraction {@code R_x(u) = projx(x + u)} (geoopt {@code PoincareBall.retr}). It agrees with
     * {@link #expmap} to first order only; callers that need the exact step (geoopt's {@code PoincareBallExact})
     * call {@link #expmap}.
     */
    @Override
    public INDArray retr(INDArray x, INDArray u) {
        return projx(x.add(u));
    }

    /**
     * Parallel transport along the geodesic from {@code x} to {@code y} (Ungar 2008; geoopt {@code _parallel_transport}):
     * <pre>PT_{x->y}(v) = (lambda_x / lambda_y) gyr[y, -x] v</pre>
     * An isometry {@code T_x -> T_y}.
     */
    @Override
    public INDArray transp(INDArray x, INDArray y, INDArray v) {
        return gyration(y, x.neg(), v).muli(lambda(x).divi(lambda(y)));
    }

    /**
     * Geodesic distance (Ganea et al. 2018, §2.2 "Distance"):
     * <pre>d(x, y) = (2 / sqrt(c)) artanh(sqrt(c) ||(-x) ⊕ y||)
     *         = (1/sqrt(c)) arcosh(1 + 2c||x - y||^2 / ((1 - c||x||^2)(1 - c||y||^2)))</pre>
     * evaluated in the artanh form (accurate for nearby points), shape {@code [..., 1]}.
     */
    @Override
    public INDArray dist(INDArray x, INDArray y) {
        INDArray s = SafeMath.norm(mobiusAddUnprojected(x.neg(), y)).muli(sqrtC);
        return SafeMath.artanh(s).muli(2.0 / sqrtC);
    }

    /** The origin (zeros) of the given full shape. */
    @Override
    public INDArray origin(DataType dataType, long... shape) {
        return Nd4j.zeros(dataType, shape);
    }

    /**
     * Random points of {@code shape} (last axis = point dimension), reproducible for a seed: a direction uniform on
     * the unit sphere (normalised Gaussian) times a Euclidean norm uniform in {@code [0, (1 - eps)/sqrt(c))}, so the
     * points spread from the origin to the projection limit (uniform in Euclidean radius, not in hyperbolic volume,
     * which would put almost every point at the boundary).
     */
    @Override
    public INDArray randomPoint(long seed, DataType dataType, long... shape) {
        if (shape.length == 0 || shape[shape.length - 1] < 1) {
            throw new IllegalArgumentException(name() + ".randomPoint: shape must have a last (point) axis of size >= 1,"
                    + " got " + java.util.Arrays.toString(shape));
        }
        int dim = (int) shape[shape.length - 1];
        long total = 1;
        for (long s : shape) {
            total *= s;
        }
        double maxNorm = (1 - projectionEps(dataType)) / sqrtC;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[(int) total];
        for (int start = 0; start < total; start += dim) {
            double sq = 0;
            for (int j = 0; j < dim; j++) {
                double g = gaussian(rng);
                values[start + j] = g;
                sq += g * g;
            }
            double scale = maxNorm * rng.nextDouble() / Math.max(Math.sqrt(sq), SafeMath.MIN_NORM);
            for (int j = 0; j < dim; j++) {
                values[start + j] *= scale;
            }
        }
        return projx(Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType));
    }

    /** Relative rounding error of a floating-point data type (2^-52 for DOUBLE, 2^-23 for FLOAT, ...). */
    private static double unitRoundoff(DataType dataType) {
        switch (dataType) {
            case DOUBLE:
                return Math.ulp(1.0);
            case HALF:
                return 0x1p-10;
            case BFLOAT16:
                return 0x1p-7;
            default:
                return Math.ulp(1.0f);
        }
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller (one of the pair); 1 - nextDouble() is in (0, 1]
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * Checks every point (row of the last axis): it must be finite, strictly inside the ball
     * ({@code ||x|| < 1/sqrt(c)}) and not beyond the projection radius {@code (1 - eps)/sqrt(c)} by more than
     * {@code atol} plus 8 units of rounding of its data type (geoopt's {@code x ≈ projx(x)} criterion). Reports the first offending row, e.g.
     * {@code "row 3 has norm 1.02 >= 1/sqrt(c) = 1.0"}.
     */
    @Override
    public Optional<String> checkPoint(INDArray x, double atol) {
        if (x.isEmpty()) {
            return Optional.empty();
        }
        if (x.rank() == 0) {
            return Optional.of("it is a scalar, not an array of points along the last axis");
        }
        long dim = x.size(-1);
        double[] norms = x.castTo(DataType.DOUBLE).reshape(-1, dim).norm2(1).toDoubleVector();
        double radius = 1 / sqrtC;
        double limit = (1 - projectionEps(x.dataType())) / sqrtC;
        // a projected point may exceed the limit by the rounding of its data type
        double allowed = limit * (1 + 8 * unitRoundoff(x.dataType())) + atol;
        for (int i = 0; i < norms.length; i++) {
            double n = norms[i];
            if (Double.isNaN(n) || Double.isInfinite(n)) {
                return Optional.of("row " + i + " contains NaN or infinite values");
            }
            if (n >= radius) {
                return Optional.of("row " + i + " has norm " + n + " >= 1/sqrt(c) = " + radius);
            }
            if (n > allowed) {
                return Optional.of("row " + i + " has norm " + n + " > projection radius (1 - eps)/sqrt(c) = " + limit
                        + " (eps = " + projectionEps(x.dataType()) + ") by more than atol = " + atol);
            }
        }
        return Optional.empty();
    }

    // ================================================================ extras (INDArray)

    /**
     * Conformal factor {@code lambda_x = 2 / (1 - c||x||^2)}, shape {@code [..., 1]}; the denominator is clamped at
     * {@code 1e-15} (Ganea et al. 2018 §2; geoopt {@code _lambda_x}).
     */
    public INDArray lambda(INDArray x) {
        return oneMinusCSqNorm(x).rdivi(2.0);
    }

    /**
     * Möbius addition (Ungar 2008; Ganea et al. 2018, §2.2):
     * <pre>x ⊕ y = [(1 + 2c<x,y> + c||y||^2) x + (1 - c||x||^2) y] / [1 + 2c<x,y> + c^2 ||x||^2 ||y||^2]</pre>
     * denominator clamped at {@code 1e-15}, result projected. Laws: left cancellation {@code (-x) ⊕ (x ⊕ y) = y},
     * gyro-associativity {@code u ⊕ (v ⊕ w) = (u ⊕ v) ⊕ gyr[u, v] w}; not commutative.
     */
    public INDArray mobiusAdd(INDArray x, INDArray y) {
        return projx(mobiusAddUnprojected(x, y));
    }

    /** Möbius subtraction {@code x ⊖ y = x ⊕ (-y)}, projected. */
    public INDArray mobiusSub(INDArray x, INDArray y) {
        return projx(mobiusAddUnprojected(x, y.neg()));
    }

    /**
     * Möbius scalar multiplication (Ganea et al. 2018, §2.2):
     * <pre>r ⊗ x = (1/sqrt(c)) tanh(r artanh(sqrt(c) ||x||)) x / ||x||</pre>
     * with clamped artanh/tanh and {@code ||x|| >= 1e-15}; result projected. Laws: {@code n ⊗ x = x ⊕ ... ⊕ x},
     * {@code (r s) ⊗ x = r ⊗ (s ⊗ x)}.
     */
    public INDArray mobiusScalarMul(double r, INDArray x) {
        INDArray s = SafeMath.norm(x).muli(sqrtC);
        return projx(x.mul(SafeMath.tanh(SafeMath.artanh(s).muli(r)).divi(s)));
    }

    /**
     * Möbius scalar multiplication with one scalar per point: {@code r} has shape {@code [..., 1]} (e.g. {@code [N, 1]}
     * for points {@code [N, D]}) or is a vector {@code [N]}, which is read as {@code [N, 1]}. Formula as
     * {@link #mobiusScalarMul(double, INDArray)}.
     */
    public INDArray mobiusScalarMul(INDArray r, INDArray x) {
        INDArray rr = r;
        if (r.rank() == 1 && x.rank() == 2 && r.length() == x.size(0) && x.size(0) != 1) {
            rr = r.reshape(x.size(0), 1);
        }
        INDArray s = SafeMath.norm(x).muli(sqrtC);
        return projx(x.mul(SafeMath.tanh(SafeMath.artanh(s).muli(rr)).divi(s)));
    }

    /**
     * Möbius matrix-vector multiplication in DL4J layout (Ganea et al. 2018, §3.2 "Möbius version"; geoopt {@code _mobius_matvec}):
     * rows {@code x [N, nIn]}, weight {@code w [nIn, nOut]}, {@code Mx = x·w}:
     * <pre>M ⊗ x = (1/sqrt(c)) tanh((||Mx|| / ||x||) artanh(sqrt(c) ||x||)) Mx / ||Mx||</pre>
     * exactly 0 where {@code Mx = 0} (the clamped norm makes the factor finite and it multiplies {@code Mx = 0}).
     * It equals {@code exp_0(log_0(x)·w)}. Result projected.
     *
     * @throws IllegalArgumentException if the shapes are not {@code [N, nIn]} and {@code [nIn, nOut]}
     */
    public INDArray mobiusMatVec(INDArray w, INDArray x) {
        if (w.rank() != 2 || x.rank() != 2 || x.size(1) != w.size(0)) {
            throw new IllegalArgumentException(name() + ".mobiusMatVec: expected points x [N, nIn] and weight w"
                    + " [nIn, nOut], got x " + java.util.Arrays.toString(x.shape()) + " and w "
                    + java.util.Arrays.toString(w.shape()));
        }
        INDArray mx = x.mmul(w);
        INDArray xn = SafeMath.norm(x);
        INDArray mxn = SafeMath.norm(mx);
        INDArray t = SafeMath.tanh(mxn.div(xn).muli(SafeMath.artanh(xn.mul(sqrtC))));
        return projx(mx.muli(t.divi(mxn.muli(sqrtC))));
    }

    /**
     * Gyration (Ungar 2008; geoopt {@code _gyration}):
     * <pre>gyr[u, v] w = w + 2 (a u + b v) / d
     * a = -c^2 <u,w> ||v||^2 + c <v,w> + 2 c^2 <u,v> <v,w>
     * b = -c^2 <v,w> ||u||^2 - c <u,w>
     * d = 1 + 2c <u,v> + c^2 ||u||^2 ||v||^2   (clamped at 1e-15)</pre>
     * It satisfies {@code u ⊕ (v ⊕ w) = (u ⊕ v) ⊕ gyr[u, v] w} and is an isometry; not projected.
     */
    public INDArray gyration(INDArray u, INDArray v, INDArray w) {
        double c2 = c * c;
        INDArray u2 = SafeMath.sqnorm(u);
        INDArray v2 = SafeMath.sqnorm(v);
        INDArray uv = SafeMath.dot(u, v);
        INDArray uw = SafeMath.dot(u, w);
        INDArray vw = SafeMath.dot(v, w);
        INDArray a = uw.mul(v2).muli(-c2).addi(vw.mul(c)).addi(uv.mul(vw).muli(2 * c2));
        INDArray b = vw.mul(u2).muli(-c2).subi(uw.mul(c));
        INDArray d = Transforms.max(uv.mul(2 * c).addi(1.0).addi(u2.mul(v2).muli(c2)), MIN_DENOMINATOR, false);
        return w.add(u.mul(a).addi(v.mul(b)).muli(2.0).divi(d));
    }

    /**
     * Exponential map at the origin (Ganea et al. 2018, Lemma 2 with {@code x = 0}):
     * {@code exp_0(u) = tanh(sqrt(c) ||u||) u / (sqrt(c) ||u||)}; result projected.
     */
    public INDArray expmap0(INDArray u) {
        INDArray s = SafeMath.norm(u).muli(sqrtC);
        return projx(u.mul(SafeMath.tanh(s).divi(s)));
    }

    /**
     * Logarithmic map at the origin: {@code log_0(y) = artanh(sqrt(c) ||y||) y / (sqrt(c) ||y||)} (clamped artanh).
     */
    public INDArray logmap0(INDArray y) {
        INDArray s = SafeMath.norm(y).muli(sqrtC);
        return y.mul(SafeMath.artanh(s).divi(s));
    }

    /**
     * Parallel transport from the origin to {@code y}: {@code PT_{0->y}(v) = (2 / lambda_y) v = (1 - c||y||^2) v}
     * (geoopt {@code _parallel_transport0}).
     */
    public INDArray transp0(INDArray y, INDArray v) {
        return v.mul(oneMinusCSqNorm(y));
    }

    /**
     * Parallel transport from {@code y} back to the origin: {@code PT_{y->0}(v) = (lambda_y / 2) v = v / (1 - c||y||^2)}
     * (geoopt {@code _parallel_transport0back}).
     */
    public INDArray transp0back(INDArray y, INDArray v) {
        return v.div(oneMinusCSqNorm(y));
    }

    /**
     * The geodesic through {@code x} ({@code t = 0}) and {@code y} ({@code t = 1}) (Ganea et al. 2018, §2.3):
     * {@code gamma(t) = x ⊕ (t ⊗ ((-x) ⊕ y))}; result projected.
     */
    public INDArray geodesic(INDArray x, INDArray y, double t) {
        INDArray w = mobiusAddUnprojected(x.neg(), y);
        INDArray s = SafeMath.norm(w).muli(sqrtC);
        INDArray tw = w.muli(SafeMath.tanh(SafeMath.artanh(s).muli(t)).divi(s));
        return projx(mobiusAddUnprojected(x, tw));
    }

    /**
     * Logits of the unidirectional hyperbolic multinomial logistic regression of Shimizu, Mukuta &amp; Harada,
     * "Hyperbolic Neural Networks++", ICLR 2021, Eq. 6 (HNN++ code {@code unidirectional_poincare_mlr}): for points
     * {@code x [N, n]}, class normals {@code z [n, m]} (one column per class) and offsets {@code r [1, m]},
     * <pre>v_k(x) = (2 ||z_k|| / sqrt(c)) arsinh( [2 sqrt(c) <x, z_k/||z_k||> cosh(2 sqrt(c) r_k)
     *                                          - (1 + c||x||^2) sinh(2 sqrt(c) r_k)] / max(1 - c||x||^2, 1e-15) )</pre>
     * i.e. {@code 2||z_k||} times the signed distance from {@code x} to the hyperplane with normal {@code z_k} at
     * distance {@code r_k} from the origin; shape {@code [N, m]}. cosh/sinh arguments are clamped as in
     * {@link SafeMath}. Convention: HNN++ writes the argument as
     * {@code sqrt(c) lambda_x <x, z^> cosh(2 sqrt(c) r) - (lambda_x - 1) sinh(2 sqrt(c) r)}; both are the same.
     */
    public INDArray mlrLogits(INDArray x, INDArray z, INDArray r) {
        INDArray zNorm = Transforms.max(z.norm2(true, 0), SafeMath.MIN_NORM, false);    // [1, m]
        INDArray twoSqrtCR = r.mul(2 * sqrtC);
        INDArray x2 = SafeMath.sqnorm(x);                                                 // [N, 1]
        INDArray num = x.mmul(z.div(zNorm)).muli(SafeMath.cosh(twoSqrtCR)).muli(2 * sqrtC)
                .subi(x2.mul(c).addi(1.0).mul(SafeMath.sinh(twoSqrtCR)));
        return SafeMath.arsinh(num.divi(oneMinusCSqNorm(x))).muli(zNorm.mul(2 / sqrtC));
    }

    /**
     * The point of the ball whose HNN++ hyperplane coordinates are {@code v [N, m]} (Shimizu et al., ICLR 2021, Eq. 9,
     * the last step of the Poincaré fully-connected layer):
     * <pre>w = sinh(sqrt(c) v) / sqrt(c),   y = w / (1 + sqrt(1 + c||w||^2))</pre>
     * projected. It inverts {@link #mlrLogits} for the coordinate hyperplanes:
     * {@code mlrLogits(pointFromHyperplaneDistances(v), I, 0) = 2v}. The sinh argument is clamped to
     * {@code [-15, 15]} ({@link SafeMath#MAX_TANH_ARG}) so that {@code c||w||^2} cannot overflow float32; a point with a
     * clamped coordinate lies within {@code 1/sinh(15) = 6e-7} of the boundary, far outside the projection radius, so
     * the clamp only acts where the projection does.
     */
    public INDArray pointFromHyperplaneDistances(INDArray v) {
        INDArray w = Transforms.sinh(SafeMath.clamp(v.mul(sqrtC), SafeMath.MAX_TANH_ARG), false).divi(sqrtC);
        INDArray den = Transforms.sqrt(SafeMath.sqnorm(w).muli(c).addi(1.0), false).addi(1.0);
        return projx(w.divi(den));
    }

    /**
     * Weighted gyromidpoint of the points {@code x [N, D]} along axis 0 (Ungar 2008, Einstein midpoint carried to the
     * ball; geoopt {@code _weighted_midpoint}; Shimizu, Mukuta &amp; Harada, "Hyperbolic Neural
     * Networks++", ICLR 2021, Möbius gyromidpoint):
     * <pre>z = sum_i w_i lambda_i x_i / max(sum_i w_i (lambda_i - 1), 1e-10)
     * m = (1/2) ⊗ z = z / (1 + sqrt(max(1 - c||z||^2, 1e-15)))</pre>
     * Returns {@code [1, D]}, projected. For two points the midpoint is equidistant from both.
     *
     * @param weights non-negative weights {@code [N]} (or {@code [N, 1]}), not all zero; {@code null} for uniform
     */
    public INDArray weightedMidpoint(INDArray x, INDArray weights) {
        long n = requirePointMatrix(x, "weightedMidpoint");
        INDArray w = midpointWeights(x, weights, n, "weightedMidpoint");
        INDArray lam = lambda(x);
        INDArray num = x.mul(lam.mul(w)).sum(true, 0);
        INDArray den = Transforms.max(lam.subi(1.0).muli(w).sum(true, 0), MIDPOINT_MIN_DENOMINATOR, false);
        INDArray z = num.divi(den);
        INDArray root = Transforms.sqrt(
                Transforms.max(SafeMath.sqnorm(z).muli(-c).addi(1.0), MIN_DENOMINATOR, false), false);
        return projx(z.divi(root.addi(1.0)));
    }

    /**
     * Weighted Fréchet mean {@code mu = argmin_m sum_i w_i d(x_i, m)^2} of the points {@code x [N, D]} by the
     * fixed-point iteration of Lou, Katsman, Jiang, Belongie, Lim &amp; De Sa, "Differentiable Iterative Algorithm
     * for Fréchet Means", ICML 2020 (Algorithm for the Poincaré ball, written here with general {@code c}):
     * <pre>y_i     = c||x_i - mu||^2 / ((1 - c||x_i||^2)(1 - c||mu||^2))
     * alpha_i = w_i l'(y_i) / (1 - c||x_i||^2),   l'(y) = 2 arcosh(1 + 2y)/sqrt(y^2 + y) = 4 arsinh(sqrt y)/sqrt(y(1+y))
     * a = sum alpha_i,  b = sum alpha_i x_i,  C = sum alpha_i ||x_i||^2,  A = a + cC
     * mu <- eta b,  eta = (A - sqrt(A^2 - 4c||b||^2)) / (2c||b||^2) = 2 / (A + sqrt(A^2 - 4c||b||^2))</pre>
     * starting at {@code x_0}, stopping when {@code ||mu_new - mu|| < tol} or after {@code maxIter} iterations.
     * Reference quality: evaluated in float64 on the host (no autodiff), returns {@code [1, D]} in the data type of
     * {@code x}, projected.
     *
     * @param weights non-negative weights {@code [N]} (or {@code [N, 1]}), not all zero; {@code null} for uniform
     * @param maxIter at least 1 (Lou et al. use 1000)
     * @param tol non-negative step tolerance (e.g. 1e-12 for float64, 1e-6 for float32)
     */
    public INDArray frechetMean(INDArray x, INDArray weights, int maxIter, double tol) {
        long n = requirePointMatrix(x, "frechetMean");
        if (maxIter < 1 || !(tol >= 0)) {
            throw new IllegalArgumentException(name() + ".frechetMean: expected maxIter >= 1 and tol >= 0, got maxIter = "
                    + maxIter + ", tol = " + tol);
        }
        double[][] xs = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] w = midpointWeights(x, weights, n, "frechetMean").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        int dim = xs[0].length;
        double[] x2 = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            x2[i] = sq(xs[i]);
        }
        double[] mu = xs[0].clone();
        for (int iter = 0; iter < maxIter; iter++) {
            double muDen = Math.max(1 - c * sq(mu), MIN_DENOMINATOR);
            double a = 0;
            double bigC = 0;
            double[] b = new double[dim];
            for (int i = 0; i < xs.length; i++) {
                double xDen = Math.max(1 - c * x2[i], MIN_DENOMINATOR);
                double diff2 = 0;
                for (int j = 0; j < dim; j++) {
                    double d = xs[i][j] - mu[j];
                    diff2 += d * d;
                }
                double alpha = w[i] * frechetLPrime(c * diff2 / (xDen * muDen)) / xDen;
                a += alpha;
                bigC += alpha * x2[i];
                for (int j = 0; j < dim; j++) {
                    b[j] += alpha * xs[i][j];
                }
            }
            double bigA = a + c * bigC;
            double disc = Math.max(bigA * bigA - 4 * c * sq(b), 0);
            double eta = 2 / Math.max(bigA + Math.sqrt(disc), MIN_DENOMINATOR);
            double step = 0;
            for (int j = 0; j < dim; j++) {
                double next = eta * b[j];
                step += (next - mu[j]) * (next - mu[j]);
                mu[j] = next;
            }
            if (Math.sqrt(step) < tol) {
                break;
            }
        }
        return projx(Nd4j.create(mu, new long[] {1, dim}, DataType.DOUBLE).castTo(x.dataType()));
    }

    /** {@code l'(y) = 4 arsinh(sqrt(y)) / sqrt(y (1 + y))}, with its limit 4 at {@code y -> 0}. */
    private static double frechetLPrime(double y) {
        double s = Math.sqrt(Math.max(y, 0));
        if (s < 1e-8) {
            return 4 - 8 * y / 3;
        }
        double asinh = Math.log(s + Math.sqrt(1 + y));
        return 4 * asinh / (s * Math.sqrt(1 + y));
    }

    private static double sq(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }

    // ================================================================ private INDArray helpers

    /** {@code max(1 - c||x||^2, 1e-15)}, shape {@code [..., 1]}. */
    private INDArray oneMinusCSqNorm(INDArray x) {
        return Transforms.max(SafeMath.sqnorm(x).muli(-c).addi(1.0), MIN_DENOMINATOR, false);
    }

    /** Möbius addition without the final projection (used inside logmap, dist, geodesic). */
    private INDArray mobiusAddUnprojected(INDArray x, INDArray y) {
        INDArray x2 = SafeMath.sqnorm(x);
        INDArray y2 = SafeMath.sqnorm(y);
        INDArray xy = SafeMath.dot(x, y);
        INDArray coefX = xy.mul(2 * c).addi(y2.mul(c)).addi(1.0);
        INDArray coefY = x2.mul(-c).addi(1.0);
        INDArray den = Transforms.max(xy.mul(2 * c).addi(1.0).addi(x2.mul(y2).muli(c * c)), MIN_DENOMINATOR, false);
        return x.mul(coefX).addi(y.mul(coefY)).divi(den);
    }

    private long requirePointMatrix(INDArray x, String op) {
        if (x.rank() != 2 || x.size(0) < 1) {
            throw new IllegalArgumentException(name() + "." + op + ": expected points x [N, D] with N >= 1, got shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        return x.size(0);
    }

    private INDArray midpointWeights(INDArray x, INDArray weights, long n, String op) {
        if (weights == null) {
            return Nd4j.ones(x.dataType(), n, 1);
        }
        if (weights.length() != n) {
            throw new IllegalArgumentException(name() + "." + op + ": expected " + n + " weights (one per point of x "
                    + java.util.Arrays.toString(x.shape()) + "), got shape " + java.util.Arrays.toString(weights.shape()));
        }
        return weights.reshape(n, 1).castTo(x.dataType());
    }

    // ================================================================ SameDiff forms

    /**
     * SameDiff form of {@link #projx(INDArray)}: {@code x min(1, (1 - eps)/(sqrt(c) ||x||))}, {@code eps} chosen by
     * {@code x.dataType()} ({@link #projectionEps}).
     *
     * @param c scalar curvature parameter ({@code > 0}, same data type as {@code x})
     */
    public static SDVariable projx(SDVariable x, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        DataType dt = x.dataType();
        SDVariable maxNorm = sd.math.sqrt(c).rdiv(1 - projectionEps(dt));
        SDVariable scale = sd.math.min(over(maxNorm, SafeMath.norm(x)), SafeMath.constant(sd, dt, 1.0));
        return x.mul(scale);
    }

    /**
     * SameDiff form of {@link #lambda(INDArray)}: {@code lambda_x = 2 / max(1 - c||x||^2, 1e-15)}, shape {@code [..., 1]}
     * (Ganea et al. 2018 §2).
     */
    public static SDVariable lambda(SDVariable x, SDVariable c) {
        return oneMinusCSqNorm(x, c).rdiv(2.0);
    }

    /**
     * SameDiff form of {@link #mobiusAdd(INDArray, INDArray)} (Ganea et al. 2018, §2.2), projected:
     * {@code x ⊕ y = [(1 + 2c<x,y> + c||y||^2) x + (1 - c||x||^2) y] / max(1 + 2c<x,y> + c^2||x||^2||y||^2, 1e-15)}.
     */
    public static SDVariable mobiusAdd(SDVariable x, SDVariable y, SDVariable c) {
        return projx(mobiusAddUnprojected(x, y, c), c);
    }

    /** SameDiff form of {@link #mobiusSub(INDArray, INDArray)}: {@code x ⊖ y = x ⊕ (-y)}, projected. */
    public static SDVariable mobiusSub(SDVariable x, SDVariable y, SDVariable c) {
        return projx(mobiusAddUnprojected(x, y.neg(), c), c);
    }

    /**
     * SameDiff form of {@link #mobiusScalarMul(INDArray, INDArray)} (Ganea et al. 2018, §2.2), projected:
     * {@code r ⊗ x = (1/sqrt(c)) tanh(r artanh(sqrt(c)||x||)) x/||x||}.
     *
     * @param r a scalar or one scalar per point ({@code [..., 1]}, e.g. {@code [N, 1]})
     */
    public static SDVariable mobiusScalarMul(SDVariable r, SDVariable x, SDVariable c) {
        SDVariable s = SafeMath.norm(x).mul(x.getSameDiff().math.sqrt(c));
        return projx(x.mul(SafeMath.tanh(SafeMath.artanh(s).mul(r)).div(s)), c);
    }

    /**
     * SameDiff form of {@link #mobiusMatVec(INDArray, INDArray)} (Ganea et al. 2018, §3.2 "Möbius version") in DL4J layout
     * ({@code x [N, nIn]}, {@code w [nIn, nOut]}, {@code Mx = x·w}), projected:
     * {@code M ⊗ x = (1/sqrt(c)) tanh((||Mx||/||x||) artanh(sqrt(c)||x||)) Mx/||Mx||}, exactly 0 where {@code Mx = 0};
     * equals {@code exp_0(log_0(x)·w)}.
     */
    public static SDVariable mobiusMatVec(SDVariable w, SDVariable x, SDVariable c) {
        SDVariable sqrtC = x.getSameDiff().math.sqrt(c);
        SDVariable mx = x.mmul(w);
        SDVariable xn = SafeMath.norm(x);
        SDVariable mxn = SafeMath.norm(mx);
        SDVariable t = SafeMath.tanh(mxn.div(xn).mul(SafeMath.artanh(xn.mul(sqrtC))));
        return projx(mx.mul(t.div(mxn.mul(sqrtC))), c);
    }

    /**
     * SameDiff form of {@link #gyration(INDArray, INDArray, INDArray)} (Ungar 2008):
     * {@code gyr[u,v]w = w + 2(a u + b v)/d} with {@code a, b, d} as there; not projected.
     */
    public static SDVariable gyration(SDVariable u, SDVariable v, SDVariable w, SDVariable c) {
        SameDiff sd = u.getSameDiff();
        SDVariable c2 = c.mul(c);
        SDVariable u2 = SafeMath.sqnorm(u);
        SDVariable v2 = SafeMath.sqnorm(v);
        SDVariable uv = SafeMath.dot(u, v);
        SDVariable uw = SafeMath.dot(u, w);
        SDVariable vw = SafeMath.dot(v, w);
        SDVariable a = uw.mul(v2).mul(c2).neg().add(vw.mul(c)).add(uv.mul(vw).mul(c2).mul(2.0));
        SDVariable b = vw.mul(u2).mul(c2).neg().sub(uw.mul(c));
        SDVariable d = sd.math.max(uv.mul(c).mul(2.0).add(1.0).add(u2.mul(v2).mul(c2)),
                SafeMath.constant(sd, u.dataType(), MIN_DENOMINATOR));
        return w.add(over(u.mul(a).add(v.mul(b)).mul(2.0), d));
    }

    /**
     * SameDiff form of {@link #expmap0(INDArray)}: {@code exp_0(u) = tanh(sqrt(c)||u||) u/(sqrt(c)||u||)}, projected
     * (Ganea et al. 2018, Lemma 2).
     */
    public static SDVariable expmap0(SDVariable u, SDVariable c) {
        SDVariable s = SafeMath.norm(u).mul(u.getSameDiff().math.sqrt(c));
        return projx(u.mul(SafeMath.tanh(s).div(s)), c);
    }

    /**
     * SameDiff form of {@link #logmap0(INDArray)}: {@code log_0(y) = artanh(sqrt(c)||y||) y/(sqrt(c)||y||)}
     * (Ganea et al. 2018, Lemma 2).
     */
    public static SDVariable logmap0(SDVariable y, SDVariable c) {
        SDVariable s = SafeMath.norm(y).mul(y.getSameDiff().math.sqrt(c));
        return y.mul(SafeMath.artanh(s).div(s));
    }

    /**
     * SameDiff form of {@link #expmap(INDArray, INDArray)}:
     * {@code exp_x(u) = x ⊕ (tanh(sqrt(c) lambda_x ||u||/2) u/(sqrt(c)||u||))}, projected (Ganea et al. 2018, Lemma 2).
     */
    public static SDVariable expmap(SDVariable x, SDVariable u, SDVariable c) {
        SDVariable s = SafeMath.norm(u).mul(x.getSameDiff().math.sqrt(c));
        SDVariable f = SafeMath.tanh(s.mul(lambda(x, c)).mul(0.5)).div(s);
        return projx(mobiusAddUnprojected(x, u.mul(f), c), c);
    }

    /**
     * SameDiff form of {@link #geodesic(INDArray, INDArray, double)}: the point at parameter {@code t} of the geodesic
     * from {@code x} ({@code t = 0}) to {@code y} ({@code t = 1}), {@code gamma(t) = exp_x(t log_x(y))}, which equals
     * {@code x ⊕ (t ⊗ ((-x) ⊕ y))} (Ganea et al. 2018, §2.3); projected. Used for geodesic (running-mean) steps.
     */
    public static SDVariable geodesic(SDVariable x, SDVariable y, double t, SDVariable c) {
        return expmap(x, logmap(x, y, c).mul(t), c);
    }

    /**
     * SameDiff form of {@link #logmap(INDArray, INDArray)}:
     * {@code log_x(y) = (2/(sqrt(c) lambda_x)) artanh(sqrt(c)||w||) w/||w||, w = (-x) ⊕ y} (Ganea et al. 2018, Lemma 2).
     */
    public static SDVariable logmap(SDVariable x, SDVariable y, SDVariable c) {
        SDVariable w = mobiusAddUnprojected(x.neg(), y, c);
        SDVariable s = SafeMath.norm(w).mul(x.getSameDiff().math.sqrt(c));
        return w.mul(over(SafeMath.artanh(s).div(s).mul(2.0), lambda(x, c)));
    }

    /**
     * SameDiff form of {@link #dist(INDArray, INDArray)}: {@code d(x, y) = (2/sqrt(c)) artanh(sqrt(c)||(-x) ⊕ y||)},
     * shape {@code [..., 1]} (Ganea et al. 2018, §2.2 "Distance"). At {@code x = y} the norm is clamped, so the gradient there
     * is 0 (a subgradient of the non-differentiable distance).
     */
    public static SDVariable dist(SDVariable x, SDVariable y, SDVariable c) {
        SDVariable sqrtC = x.getSameDiff().math.sqrt(c);
        SDVariable s = SafeMath.norm(mobiusAddUnprojected(x.neg(), y, c)).mul(sqrtC);
        return over(SafeMath.artanh(s).mul(2.0), sqrtC);
    }

    /**
     * SameDiff form of {@link #transp(INDArray, INDArray, INDArray)}:
     * {@code PT_{x->y}(v) = (lambda_x/lambda_y) gyr[y, -x] v} (Ungar 2008; geoopt {@code _parallel_transport}).
     */
    public static SDVariable transp(SDVariable x, SDVariable y, SDVariable v, SDVariable c) {
        return gyration(y, x.neg(), v, c).mul(over(lambda(x, c), lambda(y, c)));
    }

    /** SameDiff form of {@link #transp0(INDArray, INDArray)}: {@code PT_{0->y}(v) = max(1 - c||y||^2, 1e-15) v}. */
    public static SDVariable transp0(SDVariable y, SDVariable v, SDVariable c) {
        return v.mul(oneMinusCSqNorm(y, c));
    }

    /** SameDiff form of {@link #transp0back(INDArray, INDArray)}: {@code PT_{y->0}(v) = v / max(1 - c||y||^2, 1e-15)}. */
    public static SDVariable transp0back(SDVariable y, SDVariable v, SDVariable c) {
        return over(v, oneMinusCSqNorm(y, c));
    }

    /**
     * SameDiff form of {@link #weightedMidpoint(INDArray, INDArray)}: gyromidpoint of {@code x [N, D]} along axis 0,
     * {@code z = sum w_i lambda_i x_i / max(sum w_i (lambda_i - 1), 1e-10)},
     * {@code m = z / (1 + sqrt(max(1 - c||z||^2, 1e-15)))}, shape {@code [1, D]}, projected (Ungar 2008; geoopt
     * {@code _weighted_midpoint}).
     *
     * @param weights non-negative weights {@code [N]} or {@code [N, 1]}, not all zero; {@code null} for uniform
     */
    public static SDVariable weightedMidpoint(SDVariable x, SDVariable weights, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        DataType dt = x.dataType();
        SDVariable lam = lambda(x, c);
        SDVariable weighted = weights == null ? lam : lam.mul(weights.reshape(-1, 1));
        SDVariable num = sumOverPoints(x.mul(weighted));
        SDVariable excess = weights == null ? lam.sub(1.0) : lam.sub(1.0).mul(weights.reshape(-1, 1));
        SDVariable den = sd.math.max(sumOverPoints(excess), SafeMath.constant(sd, dt, MIDPOINT_MIN_DENOMINATOR));
        SDVariable z = over(num, den);
        SDVariable root = sd.math.sqrt(oneMinusCSqNorm(z, c));
        return projx(over(z, root.add(1.0)), c);
    }

    /**
     * SameDiff form of {@link #mlrLogits(INDArray, INDArray, INDArray)} (HNN++ unidirectional MLR, Shimizu et al. 2021,
     * Eq. 6): {@code x [N, n]}, {@code z [n, m]}, {@code r [1, m]} -> {@code [N, m]}.
     */
    public static SDVariable mlrLogits(SDVariable x, SDVariable z, SDVariable r, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable sqrtC = sd.math.sqrt(c);
        SDVariable zNorm = sd.math.sqrt(sd.math.max(z.mul(z).sum(true, 0),
                SafeMath.constant(sd, x.dataType(), SafeMath.MIN_NORM * SafeMath.MIN_NORM)));
        SDVariable twoSqrtCR = r.mul(sqrtC).mul(2.0);
        SDVariable num = x.mmul(over(z, zNorm)).mul(SafeMath.cosh(twoSqrtCR)).mul(sqrtC).mul(2.0)
                .sub(SafeMath.sqnorm(x).mul(c).add(1.0).mul(SafeMath.sinh(twoSqrtCR)));
        return SafeMath.arsinh(over(num, oneMinusCSqNorm(x, c))).mul(over(zNorm.mul(2.0), sqrtC));
    }

    /**
     * SameDiff form of {@link #pointFromHyperplaneDistances(INDArray)} (HNN++ FC layer, Shimizu et al. 2021, Eq. 9):
     * {@code w = sinh(clamp(sqrt(c) v, -15, 15))/sqrt(c)}, {@code y = w/(1 + sqrt(1 + c||w||^2))}, projected.
     */
    public static SDVariable pointFromHyperplaneDistances(SDVariable v, SDVariable c) {
        SameDiff sd = v.getSameDiff();
        SDVariable sqrtC = sd.math.sqrt(c);
        SDVariable w = over(sd.math.sinh(sd.math.clipByValue(v.mul(sqrtC), -SafeMath.MAX_TANH_ARG,
                SafeMath.MAX_TANH_ARG)), sqrtC);
        SDVariable den = sd.math.sqrt(SafeMath.sqnorm(w).mul(c).add(1.0)).add(1.0);
        return projx(over(w, den), c);
    }

    /**
     * {@code a / b} written as {@code a * (1/b)}: in ND4J 1.0.0-M2.1 the backward pass of a broadcasting division
     * ({@code DivBpOp}) returns wrong gradients when the numerator is {@code [1, D]} and the denominator {@code [1, 1]}
     * or a scalar (found by this class's gradient checks with a single-point batch), and for the denominator of
     * {@code [M, 1] / [1, 1]} (one base point against many points, e.g. {@code logmap(m, x)} in a batch norm); the
     * broadcasting product's backward pass is correct.
     */
    private static SDVariable over(SDVariable a, SDVariable b) {
        return a.mul(b.rdiv(1.0));
    }

    /**
     * {@code sum_i a_i} over axis 0, keeping it ({@code [N, k] -> [1, k]}), computed as
     * {@code sum(concat(a, a)) / 2}. ND4J 1.0.0-M2.1 SameDiff fails on a reduce_sum over an axis of size 1 (a batch
     * of one point: {@code BaseReduceOp.noOp} without input array); the doubled axis is at least 2 long. (The
     * alternatives {@code onesLike}+{@code mmul}, transposed {@code mmul} and slicing broke the backward pass.)
     */
    private static SDVariable sumOverPoints(SDVariable a) {
        return a.getSameDiff().concat(0, a, a).sum(true, 0).mul(0.5);
    }

    /** {@code max(1 - c||x||^2, 1e-15)}, shape {@code [..., 1]}. */
    private static SDVariable oneMinusCSqNorm(SDVariable x, SDVariable c) {
        return x.getSameDiff().math.max(SafeMath.sqnorm(x).mul(c).rsub(1.0),
                SafeMath.constant(x.getSameDiff(), x.dataType(), MIN_DENOMINATOR));
    }

    /** Möbius addition without the final projection. */
    private static SDVariable mobiusAddUnprojected(SDVariable x, SDVariable y, SDVariable c) {
        SameDiff sd = x.getSameDiff();
        SDVariable x2 = SafeMath.sqnorm(x);
        SDVariable y2 = SafeMath.sqnorm(y);
        SDVariable xy = SafeMath.dot(x, y);
        SDVariable twoCxy = xy.mul(c).mul(2.0);
        SDVariable coefX = twoCxy.add(y2.mul(c)).add(1.0);
        SDVariable coefY = x2.mul(c).rsub(1.0);
        SDVariable den = sd.math.max(twoCxy.add(1.0).add(x2.mul(y2).mul(c.mul(c))),
                SafeMath.constant(sd, x.dataType(), MIN_DENOMINATOR));
        return over(x.mul(coefX).add(y.mul(coefY)), den);
    }

    // ================================================================ Object

    @Override
    public boolean equals(Object o) {
        return o instanceof PoincareBall && Double.compare(((PoincareBall) o).c, c) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(c) + 7;
    }

    @Override
    public String toString() {
        return name();
    }
}
