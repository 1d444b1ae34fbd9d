package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Riemannian batch normalisation on the Poincaré ball with gyromidpoint centring (van Spengler, Berkhout &amp;
 * Mettes, "Poincaré ResNet", ICCV 2023, §4.3; Lou et al., "Differentiable Iterative Algorithm for Fréchet Means",
 * ICML 2020, Alg. 2 with the midpoint in place of the Fréchet mean), <b>with running statistics</b>:
 * <pre>
 *   training:   m = gyromidpoint(x_1..x_M),   s2 = (1/M) sum_i d(x_i, m)^2             (batch statistics)
 *   inference:  m = runningMean,             s2 = runningVar                            (running statistics)
 *   y_i = exp_mu( PT_{m -> mu}( log_m x_i ) * scale / sqrt(s2 + eps) )
 *   after each training forward pass:
 *     runningMean <- exp_rm( momentum * log_rm(m) )      (a geodesic step towards the batch midpoint)
 *     runningVar  <- (1 - momentum) runningVar + momentum * s2
 * </pre>
 * Points are the feature vectors (feed-forward), the per-step vectors (recurrent; masked steps are excluded from the
 * statistics through midpoint weights and become the origin) or each pixel's channel vector (convolutional: one
 * {@code C}-dimensional mean and one scalar variance over {@code N·H·W} points, as in the paper).
 *
 * <p>Parameters: the learned mean {@code mu [1, C]}, a <b>point of the ball</b> initialised at the origin and declared
 * through {@link #manifoldOf} (a Riemannian updater keeps it on the ball); the scale {@code [1, 1]}, initialised to 1.
 * Buffers (saved with the model, never trained): {@code runningMean [1, C]} (origin) and {@code runningVar [1, 1]} (1).
 *
 * <p>Guarantee (training mode, every point weighted equally): the mean squared distance of the outputs to {@code mu}
 * is exactly {@code scale^2 s2/(s2 + eps)}, since {@code log_m}, parallel transport and {@code exp_mu} preserve
 * distances to the centre; the gyromidpoint of the outputs is close to, not equal to, {@code mu} (only a Fréchet mean
 * is preserved exactly; about 1e-2 apart for c = 1 and 512 points, reference note §4).
 *
 * <p>Convention: the Poincaré ResNet code keeps the mean as a tangent vector at the origin and a scalar variance
 * parameter {@code var} (output mean squared distance {@code var}); here the mean is a ball point and the scale is a
 * standard deviation ({@code var = scale^2}), so plain gradient steps cannot make it negative. The paper's code
 * declares running statistics but never updates or uses them (batch statistics also at inference). Training needs at
 * least two points per batch (a SameDiff reduction over one point fails in ND4J 1.0.0-M2.1).
 */
public class PoincareBatchNorm extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Learned mean, a ball point {@code [1, C]} (bias). */
    public static final String MEAN = "mean";
    /** Learned scale {@code [1, 1]} (weight); output mean squared distance {@code scale^2}. */
    public static final String SCALE = "scale";
    /** Running midpoint {@code [1, C]} (buffer). */
    public static final String RUNNING_MEAN = "runningMean";
    /** Running mean squared distance {@code [1, 1]} (buffer). */
    public static final String RUNNING_VAR = "runningVar";

    /** Default weight of the new batch in the running statistics. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** Default variance floor. */
    public static final double DEFAULT_EPS = 1e-5;

    private long nIn;
    private double momentum = DEFAULT_MOMENTUM;
    private double eps = DEFAULT_EPS;

    private PoincareBatchNorm() {
    }

    private PoincareBatchNorm(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.momentum = b.momentum;
        this.eps = b.eps;
        if (!(momentum > 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(describe() + ": expected 0 < momentum <= 1 and eps > 0, got momentum = "
                    + momentum + ", eps = " + eps);
        }
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(SCALE, 1, 1);
        params.addBiasParam(MEAN, 1, nIn);
        params.addBuffer(RUNNING_MEAN, 1, nIn);
        params.addBuffer(RUNNING_VAR, 1, 1);
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        params.get(SCALE).assign(1);
        params.get(MEAN).assign(0);
        params.get(RUNNING_MEAN).assign(0);
        params.get(RUNNING_VAR).assign(1);
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SameDiff sd = ctx.sameDiff();
        SDVariable mu = PoincareBall.projx(ctx.param(MEAN), c);
        SDVariable m;
        SDVariable s2;
        if (ctx.training()) {
            SDVariable w = ctx.mask() != null && getLayout().masksPerPoint() ? getLayout().maskPerPoint(ctx.mask())
                    : null;
            m = PoincareBall.weightedMidpoint(x, w, c);
            SDVariable d = PoincareBall.dist(m, x, c);
            s2 = w == null ? sd.mean(d.mul(d), true, 0)
                    : d.mul(d).mul(w).sum(true, 0).mul(w.sum(true, 0).rdiv(1.0));
            SDVariable rm = ctx.param(RUNNING_MEAN);
            ctx.updateBuffer(RUNNING_MEAN, PoincareBall.expmap(rm, PoincareBall.logmap(rm, m, c).mul(momentum), c));
            ctx.updateBuffer(RUNNING_VAR, ctx.param(RUNNING_VAR).mul(1 - momentum).add(s2.mul(momentum)));
        } else {
            m = ctx.param(RUNNING_MEAN);
            s2 = ctx.param(RUNNING_VAR);
        }
        SDVariable factor = ctx.param(SCALE).mul(sd.math.rsqrt(s2.add(eps)));
        SDVariable v = PoincareBall.transp(m, mu, PoincareBall.logmap(m, x, c), c).mul(factor);
        return PoincareBall.expmap(mu, v, c);
    }

    /** The learned mean lives on the ball of the (initial) curvature; the scale is Euclidean. */
    @Override
    public Manifold manifoldOf(String paramName) {
        return MEAN.equals(paramName) || RUNNING_MEAN.equals(paramName) ? new PoincareBall(getCurvature())
                : Euclidean.INSTANCE;
    }

    @Override
    public long inputWidth() {
        return nIn;
    }

    @Override
    public long outputWidth() {
        return nIn;
    }

    @Override
    protected void setInputWidth(long width, boolean override) {
        if (nIn <= 0 || override) {
            nIn = width;
        }
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.POINCARE;
    }

    /** Point width {@code C} (0 until set from the input type). */
    public long getNIn() {
        return nIn;
    }

    /** For Jackson. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
        setLayerParams(null);
    }

    /** Weight of the new batch in the running statistics. */
    public double getMomentum() {
        return momentum;
    }

    /** For Jackson. */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    /** Variance floor {@code eps}. */
    public double getEps() {
        return eps;
    }

    /** For Jackson. */
    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        PoincareBatchNorm b = (PoincareBatchNorm) o;
        return nIn == b.nIn && Double.compare(momentum, b.momentum) == 0 && Double.compare(eps, b.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, momentum, eps);
    }

    /** A builder (momentum 0.1, eps 1e-5, curvature 1 fixed by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareBatchNorm}. */
    public static final class Builder extends HyperbolicLayer.Builder<Builder> {
        private long nIn;
        private double momentum = DEFAULT_MOMENTUM;
        private double eps = DEFAULT_EPS;

        /** Point width; optional when the network's input types are set. */
        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        /** Weight of the new batch in the running statistics, in (0, 1]; default 0.1. */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Variance floor, > 0; default 1e-5. */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PoincareBatchNorm build() {
            return new PoincareBatchNorm(this);
        }
    }
}
