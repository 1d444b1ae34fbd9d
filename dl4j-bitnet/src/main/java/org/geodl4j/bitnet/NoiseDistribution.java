package org.geodl4j.bitnet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Symmetric noise families for stochastic-resonance quantisation, each a scale family {@code n = σ·ε} with a
 * closed-form CDF {@code F(z; σ)}, density {@code f(z; σ)} and scale derivative
 * {@code ∂F/∂σ = −(z/σ)·f(z; σ)} (true for every scale family).
 *
 * <pre>
 *   GAUSSIAN  σ = standard deviation   F = ½(1 + erf(z/(σ√2)))     f = exp(−z²/2σ²)/(σ√(2π))
 *   UNIFORM   σ = half-width a          F = clip((z + a)/(2a), 0, 1) f = 1[−a ≤ z &lt; a]/(2a)     (std a/√3)
 *   CAUCHY    σ = scale (Student-t ν=1) F = ½ + atan(z/σ)/π        f = 1/(πσ(1 + (z/σ)²))  (heavy-tailed)
 * </pre>
 * Reference: stochastic resonance in threshold networks — Duan, Duan, Chapeau-Blondeau &amp; Abbott, IEEE Trans.
 * Instrum. Meas. 70 (2021); Duan, Ren &amp; Duan, "Adaptive stochastic resonance based convolutional neural network",
 * Chaos, Solitons &amp; Fractals 162 (2022); dither: Wannamaker, Lipshitz &amp; Vanderkooy, "A theory of nonsubtractive
 * dither", IEEE Trans. Signal Process. 48(2), 2000.
 *
 * <p>Convention: σ is the family's scale parameter measured in quantiser steps (relative to the step Δ); for the
 * uniform family it is the half-width, so {@code σ = ½} is one-step dither (the unbiased case).
 */
public enum NoiseDistribution {
    /** Gaussian noise, σ = standard deviation. */
    GAUSSIAN,
    /** Uniform noise U(−σ, σ), σ = half-width (σ = ½: one-step dither). */
    UNIFORM,
    /** Cauchy noise with scale σ (heavy-tailed; Student-t with one degree of freedom). */
    CAUCHY;

    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    /** Cauchy samples are drawn from u ∈ [U_EPS, 1 − U_EPS] to keep tan finite. */
    private static final double U_EPS = 1e-7;

    /**
     * CDF {@code F(z; σ)} elementwise.
     *
     * @param z     points (not modified)
     * @param sigma scale &gt; 0
     * @return a new array
     */
    public INDArray cdf(INDArray z, double sigma) {
        requireSigma(sigma);
        switch (this) {
            case GAUSSIAN: {
                INDArray e = Nd4j.exec(new Erf(z.div(sigma * SQRT_2)));
                return e.addi(1.0).muli(0.5);
            }
            case UNIFORM:
                return Transforms.max(Transforms.min(z.add(sigma).divi(2 * sigma), 1.0, false), 0.0, false);
            case CAUCHY:
                return Transforms.atan(z.div(sigma), false).divi(Math.PI).addi(0.5);
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * Density {@code f(z; σ) = ∂F/∂z} elementwise (for UNIFORM the a.e. derivative {@code 1[−σ ≤ z < σ]/(2σ)};
     * the half-open interval makes the one-step-dither slope {@code f(v − ½) + f(v + ½)} equal 1 at v = 0 too).
     *
     * @param z     points (not modified)
     * @param sigma scale &gt; 0
     * @return a new array
     */
    public INDArray pdf(INDArray z, double sigma) {
        requireSigma(sigma);
        switch (this) {
            case GAUSSIAN: {
                INDArray u = z.div(sigma);
                return Transforms.exp(u.muli(u).muli(-0.5), false).muli(INV_SQRT_2PI / sigma);
            }
            case UNIFORM:
                return z.gte(-sigma).castTo(z.dataType()).muli(z.lt(sigma).castTo(z.dataType())).divi(2 * sigma);
            case CAUCHY: {
                INDArray u = z.div(sigma);
                return Transforms.pow(u.muli(u).addi(1.0), -1.0, false).divi(Math.PI * sigma);
            }
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * Scale derivative {@code ∂F/∂σ = −(z/σ)·f(z; σ)} elementwise.
     *
     * @param z     points (not modified)
     * @param sigma scale &gt; 0
     * @return a new array
     */
    public INDArray cdfDerivativeSigma(INDArray z, double sigma) {
        return pdf(z, sigma).muli(z).divi(-sigma);
    }

    /**
     * Samples of {@code σ·ε} from ND4J's global random generator ({@code Nd4j.getRandom()}).
     *
     * @param sigma scale &gt; 0
     * @param dtype floating data type
     * @param shape output shape
     * @return a new array of noise
     */
    public INDArray sample(double sigma, DataType dtype, long... shape) {
        requireSigma(sigma);
        switch (this) {
            case GAUSSIAN:
                return Nd4j.randn(dtype, shape).muli(sigma);
            case UNIFORM:
                return Nd4j.rand(dtype, shape).muli(2 * sigma).subi(sigma);
            case CAUCHY: {
                INDArray u = Nd4j.rand(dtype, shape);
                u = Transforms.max(Transforms.min(u, 1.0 - U_EPS, false), U_EPS, false);
                return Transforms.tan(u.subi(0.5).muli(Math.PI), false).muli(sigma);
            }
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * SameDiff form of the CDF; differentiable in {@code z} and {@code sigma}.
     *
     * <p>Divisions are written {@code z·reciprocal(σ)}: in ND4J 1.0.0-M2.1 the backward of {@code x.div(y)} with a
     * one-element {@code y} (shape [] or [1,1]) returns {@code ∂/∂y} multiplied by the number of elements of x.
     *
     * @param sd    SameDiff instance
     * @param z     points
     * @param sigma scalar (or broadcastable) scale &gt; 0
     * @return {@code F(z; σ)}
     */
    public SDVariable cdf(SameDiff sd, SDVariable z, SDVariable sigma) {
        switch (this) {
            case GAUSSIAN:
                return sd.math.erf(z.mul(sd.math.reciprocal(sigma.mul(SQRT_2)))).add(1.0).mul(0.5);
            case UNIFORM:
                return sd.math.clipByValue(z.add(sigma).mul(sd.math.reciprocal(sigma.mul(2.0))), 0.0, 1.0);
            case CAUCHY:
                return sd.math.atan(z.mul(sd.math.reciprocal(sigma))).div(Math.PI).add(0.5);
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * SameDiff unit-scale noise ε (multiply by σ yourself) with a static shape, drawn by ND4J's legacy random ops
     * from the global generator: a fresh draw at every execution.
     *
     * @param sd    SameDiff instance
     * @param dtype floating data type
     * @param shape static shape (e.g. of a weight matrix)
     * @return ε with {@code σ·ε} distributed as this family at scale σ
     */
    public SDVariable sampleUnit(SameDiff sd, DataType dtype, long... shape) {
        switch (this) {
            case GAUSSIAN:
                return sd.random.normal(0.0, 1.0, dtype, shape);
            case UNIFORM:
                return sd.random.uniform(-1.0, 1.0, dtype, shape);
            case CAUCHY:
                return sd.math.tan(sd.random.uniform(U_EPS - 0.5, 0.5 - U_EPS, dtype, shape).mul(Math.PI));
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * SameDiff unit-scale noise ε shaped like another variable at run time (e.g. activations, whose batch size is
     * unknown when the graph is built); a fresh draw at every execution.
     *
     * <p>ND4J 1.0.0-M2.1's dynamic-shape random ops ({@code DistributionUniform}, {@code RandomNormal}) return the
     * same values at every execution, so uniforms are assembled from {@value #LIKE_BITS} Bernoulli(½) bits drawn by
     * the legacy dropout op (which does advance the generator):
     * <pre>  u = Σ_{j=1..k} b_j·2^(−j) + 2^(−k−1) ∈ (0, 1)   (2^k equally likely midpoints)</pre>
     * UNIFORM: 2u − 1; GAUSSIAN: Box–Muller {@code √(−2 ln u₁)·cos(2πu₂)} (tails truncated at |ε| ≈ 4.2);
     * CAUCHY: {@code tan(π(u − ½))} (|ε| ≤ ≈ 2600).
     *
     * @param sd   SameDiff instance
     * @param like variable whose run-time shape the noise takes
     * @return ε shaped like {@code like}, in its data type
     */
    public SDVariable sampleUnitLike(SameDiff sd, SDVariable like) {
        switch (this) {
            case GAUSSIAN: {
                SDVariable r = sd.math.sqrt(sd.math.log(bitUniform(sd, like)).mul(-2.0));
                return r.mul(sd.math.cos(bitUniform(sd, like).mul(2 * Math.PI)));
            }
            case UNIFORM:
                return bitUniform(sd, like).mul(2.0).sub(1.0);
            case CAUCHY:
                return sd.math.tan(bitUniform(sd, like).sub(0.5).mul(Math.PI));
            default:
                throw new IllegalStateException(name());
        }
    }

    /** Bits per uniform in {@link #sampleUnitLike}. */
    static final int LIKE_BITS = 12;

    private static SDVariable bitUniform(SameDiff sd, SDVariable like) {
        // ones built from the (integer) run-time shape: no differentiable path from `like` to the random ops
        SDVariable ones = sd.fill(sd.shape(like), like.dataType(), 1.0);
        SDVariable u = ones.mul(Math.pow(2.0, -LIKE_BITS - 1));
        for (int j = 1; j <= LIKE_BITS; j++) {
            // non-inverted dropout of ones: Bernoulli(½) in {0, 1}
            // (cast: M2.1 infers the dropout output as the default float type whatever the input type)
            u = u.add(sd.nn.dropout(ones, 0.5).castTo(like.dataType()).mul(Math.pow(2.0, -j)));
        }
        return u;
    }

    private void requireSigma(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("NoiseDistribution." + name() + ": scale σ must be finite and > 0, got "
                    + sigma);
        }
    }
}
