package org.geodl4j.koopman;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Differentiable SameDiff building blocks for latent operators: the exponential of a skew matrix, 2×2
 * rotation-scaling block matrices, dominant eigenvalues of symmetric matrices, a spectral-radius bound, Miller's
 * eigenloss and a Lyapunov penalty. Only matmul, elementwise ops and full reductions are used, so the SameDiff
 * gradients are exact derivatives of the computed quantities (no eigen-decomposition, no {@code matrix_inverse},
 * whose ND4J 1.0.0-M2.1 backward is wrong; no broadcasting {@code div}, whose backward is wrong for one-element
 * divisors — divisions are multiplications by a reciprocal).
 */
public final class SpectralOps {

    /** Degree of the Taylor polynomial in {@link #skewExponential}. */
    public static final int TAYLOR_DEGREE = 12;
    /** Upper bound on ‖X‖₂ after scaling in {@link #skewExponential}. */
    public static final double SCALED_NORM_BOUND = 0.5;
    /** Default number of matrix squarings in {@link #lambdaMaxSymmetric} (power 2^10 = 1024). */
    public static final int DEFAULT_POWER_SQUARINGS = 10;

    private SpectralOps() {
    }

    /** Number of squarings {@code s} used by {@link #skewExponential} for an n×n matrix: {@code π√n / 2^s ≤ ½}. */
    public static int squaringsFor(int n) {
        return Math.max(0, (int) Math.ceil(Math.log(Math.PI * Math.sqrt(n) / SCALED_NORM_BOUND) / Math.log(2)));
    }

    /**
     * The orthogonal matrix {@code Q = exp(S)} for the skew matrix {@code S = β·(A − Aᵀ)/sqrt(β² + ‖A − Aᵀ‖²_F)},
     * {@code β = π√n}.
     *
     * <pre>
     *   X = S / 2^s,     s = squaringsFor(n)          (‖X‖₂ ≤ ‖S‖_F / 2^s &lt; β / 2^s ≤ ½)
     *   T = Σ_{k=0..12} X^k / k!                      (Horner)
     *   Q = T^(2^s)                                   (s squarings)
     * </pre>
     * The soft normalisation loses nothing: every rotation in SO(n) is {@code exp(S)} for a skew S with eigenvalues
     * {@code ±iθⱼ}, {@code |θⱼ| ≤ π}, hence {@code ‖S‖_F ≤ π√n}; it only bounds ‖S‖ so that the number of squarings
     * can be fixed in the graph. Truncation error of T: {@code ‖X‖^13/13!·e^{‖X‖} ≤ 3.3e-14}, amplified about
     * {@code 2^s}-fold by the squarings (≤ 1e-12 for n ≤ 16), so {@code QᵀQ = I} to rounding in double precision.
     *
     * @param a unconstrained n×n parameter
     * @param n matrix size
     */
    public static SDVariable skewExponential(SameDiff sd, SDVariable a, int n) {
        DataType dt = a.dataType();
        double beta = Math.PI * Math.sqrt(n);
        SDVariable s = a.sub(sd.transpose(a));
        SDVariable fro2 = sd.math.square(s).sum();
        SDVariable scale = sd.math.rsqrt(fro2.add(beta * beta)).mul(beta);
        int squarings = squaringsFor(n);
        SDVariable x = s.mul(scale).mul(Math.pow(0.5, squarings));
        SDVariable eye = sd.constant(Nd4j.eye(n).castTo(dt));
        SDVariable t = eye;
        for (int k = TAYLOR_DEGREE; k >= 1; k--) {
            t = eye.add(x.mmul(t).mul(1.0 / k));
        }
        for (int i = 0; i < squarings; i++) {
            t = matrixSquare(sd, t);
        }
        return t;
    }

    /**
     * The matrix square {@code X·X}, built as {@code X · identity(X)} so that the product has two distinct inputs.
     * Why: ND4J 1.0.0-M2.1's {@code AbstractSession.initSubgraph}, run on every execution (forward and backward),
     * enqueues an input each time a consumer is visited before the input itself is, i.e. once per shortest path from
     * the requested outputs; {@code X.mmul(X)} lists X twice, so a chain of J squarings visits the variables above it
     * 2^J times (each visit a regex match and map look-ups). With the eigenloss (3 + 10 squarings) that bookkeeping
     * dominated the training step. The identity makes the second path one op longer, so X is visited once per visit
     * of the product; the value and gradient are unchanged.
     */
    static SDVariable matrixSquare(SameDiff sd, SDVariable x) {
        return x.mmul(sd.identity(x));
    }

    /**
     * The block-diagonal matrix {@code ⊕ᵢ [[aᵢ, −bᵢ], [bᵢ, aᵢ]] ⊕ diag(s)} of size {@code n = 2p + q}.
     *
     * @param a rank-1 [p] (may be null when p = 0)
     * @param b rank-1 [p] (may be null when p = 0)
     * @param s rank-1 [q] (may be null when q = 0)
     */
    public static SDVariable blockMatrix(SameDiff sd, SDVariable a, SDVariable b, SDVariable s, int p, int q,
                                         DataType dt) {
        int n = 2 * p + q;
        SDVariable flat = null;
        if (p > 0) {
            INDArray c1 = Nd4j.zeros(dt, p, (long) n * n);
            INDArray c2 = Nd4j.zeros(dt, p, (long) n * n);
            for (int i = 0; i < p; i++) {
                int r = 2 * i;
                c1.putScalar(i, (long) r * n + r, 1);
                c1.putScalar(i, (long) (r + 1) * n + r + 1, 1);
                c2.putScalar(i, (long) (r + 1) * n + r, 1);
                c2.putScalar(i, (long) r * n + r + 1, -1);
            }
            flat = a.reshape(1, p).mmul(sd.constant(c1)).add(b.reshape(1, p).mmul(sd.constant(c2)));
        }
        if (q > 0) {
            INDArray c3 = Nd4j.zeros(dt, q, (long) n * n);
            for (int j = 0; j < q; j++) {
                int r = 2 * p + j;
                c3.putScalar(j, (long) r * n + r, 1);
            }
            SDVariable part = s.reshape(1, q).mmul(sd.constant(c3));
            flat = flat == null ? part : flat.add(part);
        }
        return flat.reshape(n, n);
    }

    /**
     * The largest eigenvalue of a symmetric n×n matrix M, differentiably: with the shift {@code c = ‖M‖_F} (so
     * {@code A = M + cI ⪰ 0} and its dominant eigenvector is M's top one), {@code N₀ = A/‖A‖_F},
     * {@code N_{j+1} = N_j²/‖N_j²‖_F} (j &lt; {@code squarings}; i.e. power iteration with {@code 2^squarings} steps
     * in {@code squarings} matmuls), {@code v = N_J x₀} for a fixed generic {@code x₀}, and the Rayleigh quotient
     * {@code λ = vᵀMv / vᵀv}. Always {@code λ ≤ λ_max(M)}; equality up to {@code (λ₂+c)/(λ₁+c)}^{2^J} relative
     * error. The gradient is that of this computed value (through the iteration).
     */
    public static SDVariable lambdaMaxSymmetric(SameDiff sd, SDVariable m, int n, int squarings) {
        DataType dt = m.dataType();
        SDVariable eye = sd.constant(Nd4j.eye(n).castTo(dt));
        SDVariable c = sd.math.sqrt(sd.math.square(m).sum().add(1e-30));
        SDVariable a = m.add(eye.mul(c));
        SDVariable nrm = a;
        nrm = nrm.mul(sd.math.rsqrt(sd.math.square(nrm).sum().add(1e-30)));
        for (int j = 0; j < squarings; j++) {
            SDVariable sq = matrixSquare(sd, nrm);
            nrm = sq.mul(sd.math.rsqrt(sd.math.square(sq).sum().add(1e-30)));
        }
        SDVariable v = nrm.mmul(sd.constant(startVector(n, dt)));
        SDVariable num = v.mul(m.mmul(v)).sum();
        SDVariable den = sd.math.square(v).sum();
        return num.mul(sd.math.reciprocal(den));
    }

    /**
     * A differentiable upper bound of the spectral radius (Gelfand): {@code ρ̂ = ‖K^k‖₂^{1/k}}, {@code k = 2^g}
     * ({@code g} = {@code gelfandSquarings}), with {@code ‖·‖₂²} the top eigenvalue of {@code (K^k)ᵀK^k} by
     * {@link #lambdaMaxSymmetric}. {@code ρ(K) ≤ ρ̂ ≤ ‖K‖₂}, → ρ(K) as k → ∞; {@code ρ̂ = 1} exactly for orthogonal K.
     * Unlike {@code max|λ|} from an eigen-solver it has a gradient everywhere (also for a dominant complex pair,
     * where plain power iteration on K fails).
     */
    public static SDVariable gelfandRadius(SameDiff sd, SDVariable k, int n, int gelfandSquarings, int squarings) {
        SDVariable pw = k;
        for (int i = 0; i < gelfandSquarings; i++) {
            pw = matrixSquare(sd, pw);
        }
        SDVariable gram = sd.transpose(pw).mmul(pw);
        SDVariable sigma2 = sd.nn.relu(lambdaMaxSymmetric(sd, gram, n, squarings), 0).add(1e-30);
        return sd.math.pow(sigma2, 0.5 / (1 << gelfandSquarings));
    }

    /**
     * Miller's eigenloss over the given moduli (rank 1, one entry per eigenvalue): {@code mean| |λ| − 1 |},
     * {@code mean(|λ| − 1)²} or {@code mean|λ|}.
     */
    public static SDVariable eigenLoss(SameDiff sd, SDVariable moduli, EigenLoss type) {
        return switch (type) {
            case UNIT_CIRCLE_MAE -> sd.math.abs(moduli.sub(1.0)).mean();
            case UNIT_CIRCLE_MSE -> moduli.sub(1.0).mul(moduli.sub(1.0)).mean();
            case ORIGIN -> sd.math.abs(moduli).mean();
        };
    }

    /**
     * The Lyapunov penalty {@code relu(λ_max(KᵀPK − P + εI))}, {@code P = LLᵀ + εI} (L trainable). It is zero iff
     * {@code KᵀPK − P ⪯ −εI}, which certifies {@code ρ(K) < 1}; when positive its gradient (w.r.t. K and L) is that
     * of the Rayleigh quotient of {@link #lambdaMaxSymmetric}, non-zero. Since the Rayleigh quotient never exceeds
     * λ_max, the penalty is exactly zero whenever the constraint holds.
     *
     * @param k the operator (column convention z' = Kz)
     * @param l the factor of P
     */
    public static SDVariable lyapunovPenalty(SameDiff sd, SDVariable k, SDVariable l, int n, double eps,
                                             int squarings) {
        SDVariable eye = sd.constant(Nd4j.eye(n).castTo(k.dataType()));
        SDVariable p = l.mmul(sd.transpose(l)).add(eye.mul(eps));
        SDVariable m = sd.transpose(k).mmul(p).mmul(k).sub(p).add(eye.mul(eps));
        SDVariable sym = m.add(sd.transpose(m)).mul(0.5);
        return sd.nn.relu(lambdaMaxSymmetric(sd, sym, n, squarings), 0);
    }

    /** A fixed generic start vector [n, 1] (no zero entries, not an eigenvector of structured matrices). */
    static INDArray startVector(int n, DataType dt) {
        INDArray v = Nd4j.zeros(dt, n, 1);
        for (int i = 0; i < n; i++) {
            v.putScalar(i, 0, 1.0 + 0.37 * Math.sin(1.3 * i + 0.7));
        }
        return v;
    }
}
