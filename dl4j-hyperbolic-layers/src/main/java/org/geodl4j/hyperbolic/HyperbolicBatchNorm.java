package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the hyperbolic batch norms ({@link PoincareBatchNorm}; {@link LorentzBatchNorm} and
 * {@link GyroLorentzBatchNorm} through {@link LorentzBatchNormBase}): Riemannian batch normalisation <b>with running
 * statistics</b> (Lou et al., "Differentiable Iterative Algorithm for Fréchet Means", ICML 2020, Alg. 2; van Spengler,
 * Berkhout &amp; Mettes, "Poincaré ResNet", ICCV 2023, §4.3; Bdéir, Schwethelm &amp; Landwehr, ICLR 2024, §4.2),
 * <pre>
 *   training:   m = centre(x_1..x_M),   s2 = (1/M) sum_i d(x_i, m)^2                   (batch statistics)
 *   inference:  m = runningMean,        s2 = runningVar                                (running statistics)
 *   f = scale / sqrt(s2 + eps),   y = normalize(x, m, mu, f)   with   d(y_i, mu) = f d(x_i, m)
 *   after each training forward pass:
 *     runningMean &lt;- exp_rm( momentum * log_rm(m) )      (a geodesic step towards the batch centre)
 *     runningVar  &lt;- (1 - momentum) runningVar + momentum * s2
 * </pre>
 * so in training mode the outputs' mean squared distance to the learned mean {@code mu} is exactly
 * {@code scale^2 s2/(s2 + eps)}. Points are feature vectors (feed-forward), per-step vectors (recurrent; masked steps
 * get weight 0 in {@code centre} and {@code s2}, which becomes {@code sum_i w_i d_i^2 / sum_i w_i}) or each pixel's
 * channel vector (convolutional: one centre and one scalar variance over {@code N·H·W} points).
 *
 * <p>This class holds what does not depend on the space: the settings {@code nIn}, {@code momentum}, {@code eps}
 * (checked at {@code build()}), their JSON properties, equality and builder; the parameters — the learned mean
 * {@code mean [1, nIn]}, a <b>point of the space</b> initialised at its origin and declared through
 * {@link #manifoldOf} (a Riemannian updater keeps it on the manifold), the scale {@code [1, 1]} initialised to 1 — and
 * the buffers (saved with the model, never trained) {@code runningMean [1, nIn]} (origin) and {@code runningVar [1, 1]}
 * (1); and the statistics above. A subclass supplies its space's geometry: {@link #space}, {@link #manifold},
 * {@link #learnedMean}/{@link #runningMean} (how a stored mean is read as a point), {@link #centre}, {@link #dist}
 * (for the variance), {@link #geodesicStep} (the running-mean update) and {@link #normalize}.
 *
 * <p>Convention: the variance is the Fréchet variance (mean <em>squared</em> distance) and the scale a standard
 * deviation ({@code var = scale^2}); see the subclasses for how the papers' code differs. Training needs at least two
 * points per batch (a SameDiff reduction over one point fails in ND4J 1.0.0-M2.1).
 */
public abstract class HyperbolicBatchNorm extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Learned mean, a point of the layer's space {@code [1, nIn]} (bias). */
    public static final String MEAN = "mean";
    /** Learned scale {@code [1, 1]} (weight); output Fréchet variance {@code scale^2}. */
    public static final String SCALE = "scale";
    /** Running centre {@code [1, nIn]} (buffer). */
    public static final String RUNNING_MEAN = "runningMean";
    /** Running Fréchet variance (mean squared distance) {@code [1, 1]} (buffer). */
    public static final String RUNNING_VAR = "runningVar";

    /** Default weight of the new batch in the running statistics. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** Default variance floor. */
    public static final double DEFAULT_EPS = 1e-5;

    private long nIn;
    private double momentum = DEFAULT_MOMENTUM;
    private double eps = DEFAULT_EPS;

    /** For Jackson. */
    protected HyperbolicBatchNorm() {
    }

    /** Copies and checks the builder's settings ({@code 0 < momentum <= 1}, {@code eps > 0}). */
    protected HyperbolicBatchNorm(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.momentum = b.momentum;
        this.eps = b.eps;
        if (!(momentum > 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(describe() + ": expected 0 < momentum <= 1 and eps > 0, got momentum = "
                    + momentum + ", eps = " + eps);
        }
    }

    // ---------------------------------------------------------------- space-specific hooks

    /** The space of the input and output points. */
    protected abstract PointSpace space();

    /** The manifold of the learned and running means for curvature {@code c} (also gives their initial origin). */
    protected abstract Manifold manifold(double c);

    /** The learned mean {@code mu [1, nIn]} as used by the graph, from the stored parameter. */
    protected abstract SDVariable learnedMean(SDVariable mean, SDVariable c);

    /** The running mean {@code [1, nIn]} as used by the graph (inference centre, start of the geodesic step). */
    protected abstract SDVariable runningMean(SDVariable runningMean, SDVariable c);

    /**
     * The batch centre {@code m [1, nIn]} of the points.
     *
     * @param x points {@code [M, nIn]}
     * @param w per-point weights {@code [M, 1]} (0 for masked steps), or {@code null} for equal weights
     */
    protected abstract SDVariable centre(SDVariable x, SDVariable w, SDVariable c);

    /** Geodesic distances {@code d(m, x_i)} {@code [M, 1]} from the centre, the terms of the variance. */
    protected abstract SDVariable dist(SDVariable m, SDVariable x, SDVariable c);

    /** The point a fraction {@code t} of the way from {@code from} to {@code to}: {@code exp_from(t log_from(to))}. */
    protected abstract SDVariable geodesicStep(SDVariable from, SDVariable to, double t, SDVariable c);

    /**
     * Moves the points from centre {@code m} to the learned mean {@code mu}, multiplying every distance to the centre
     * by {@code f}: {@code d(y_i, mu) = f d(x_i, m)}.
     *
     * @param x  points {@code [M, nIn]}
     * @param m  centre {@code [1, nIn]}
     * @param mu learned mean {@code [1, nIn]}
     * @param f  factor {@code [1, 1]}
     */
    protected abstract SDVariable normalize(SDVariable x, SDVariable m, SDVariable mu, SDVariable f, SDVariable c);

    // ---------------------------------------------------------------- HyperbolicLayer

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
        INDArray origin = manifold(getCurvature()).origin(params.get(MEAN).dataType(), 1, nIn);
        params.get(MEAN).assign(origin);
        params.get(RUNNING_MEAN).assign(origin);
        params.get(RUNNING_VAR).assign(1);
    }

    @Override
    protected final SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SameDiff sd = ctx.sameDiff();
        SDVariable mu = learnedMean(ctx.param(MEAN), c);
        SDVariable m;
        SDVariable s2;
        if (ctx.training()) {
            SDVariable w = ctx.mask() != null && getLayout().masksPerPoint() ? getLayout().maskPerPoint(ctx.mask())
                    : null;
            m = centre(x, w, c);
            SDVariable d = dist(m, x, c);
            s2 = w == null ? sd.mean(d.mul(d), true, 0)
                    : d.mul(d).mul(w).sum(true, 0).mul(w.sum(true, 0).rdiv(1.0));
            SDVariable rm = runningMean(ctx.param(RUNNING_MEAN), c);
            ctx.updateBuffer(RUNNING_MEAN, geodesicStep(rm, m, momentum, c));
            ctx.updateBuffer(RUNNING_VAR, ctx.param(RUNNING_VAR).mul(1 - momentum).add(s2.mul(momentum)));
        } else {
            m = runningMean(ctx.param(RUNNING_MEAN), c);
            s2 = ctx.param(RUNNING_VAR);
        }
        SDVariable f = ctx.param(SCALE).mul(sd.math.rsqrt(s2.add(eps)));
        return normalize(x, m, mu, f, c);
    }

    /** The learned and running means live on {@link #manifold} of the (initial) curvature; the scale is Euclidean. */
    @Override
    public Manifold manifoldOf(String paramName) {
        return MEAN.equals(paramName) || RUNNING_MEAN.equals(paramName) ? manifold(getCurvature())
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
    protected final PointSpace inputSpace() {
        return space();
    }

    @Override
    protected final PointSpace outputSpace() {
        return space();
    }

    // ---------------------------------------------------------------- properties (JSON)

    /** Point width ({@code C} on the ball, {@code n + 1} on the hyperboloid; 0 until set from the input type). */
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
        HyperbolicBatchNorm b = (HyperbolicBatchNorm) o;
        return nIn == b.nIn && Double.compare(momentum, b.momentum) == 0 && Double.compare(eps, b.eps) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, momentum, eps);
    }

    /** Builder with the batch-norm settings; every setter returns {@code T}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends HyperbolicLayer.Builder<T> {
        private long nIn;
        private double momentum = DEFAULT_MOMENTUM;
        private double eps = DEFAULT_EPS;

        /** Point width ({@code n + 1} on the hyperboloid); optional when the network's input types are set. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return (T) this;
        }

        /** Weight of the new batch in the running statistics, in (0, 1]; default 0.1. */
        public T momentum(double momentum) {
            this.momentum = momentum;
            return (T) this;
        }

        /** Variance floor, > 0; default 1e-5. */
        public T eps(double eps) {
            this.eps = eps;
            return (T) this;
        }
    }
}
