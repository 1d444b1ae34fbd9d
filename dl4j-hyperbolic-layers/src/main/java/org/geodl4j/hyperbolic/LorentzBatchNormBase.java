package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared part of the Lorentz batch norms ({@link LorentzBatchNorm}, {@link GyroLorentzBatchNorm}): statistics,
 * running statistics, parameters. A subclass supplies only the map that re-centres and rescales,
 * <pre>  {@link #normalize}(x, m, mu, f, c):  points x [M, n+1], centre m, learned mean mu, factor f -> y</pre>
 * with the property {@code d(y_i, mu) = f d(x_i, m)}. The statistics (all math from {@link Lorentz}):
 * <pre>
 *   training:   m = centroid(x_1..x_M)  (Lorentz centroid, Law et al. 2019),   s2 = (1/M) sum_i d(x_i, m)^2
 *   inference:  m = runningMean,  s2 = runningVar
 *   f = scale / sqrt(s2 + eps),   so the output Fréchet variance about mu is scale^2 s2/(s2 + eps)
 *   after each training forward pass:
 *     runningMean <- exp_rm( momentum * log_rm(m) )      (a geodesic step towards the batch centroid)
 *     runningVar  <- (1 - momentum) runningVar + momentum * s2
 * </pre>
 * Points are feature vectors (feed-forward), per-step vectors (recurrent; masked steps get weight 0) or each pixel's
 * channel vector (convolutional: one centroid and one scalar variance over {@code N·H·W} points).
 *
 * <p>Parameters: the learned mean {@code mean [1, n+1]}, a <b>point of the hyperboloid</b> initialised at the origin
 * and declared through {@link #manifoldOf} (its time coordinate is recomputed from the space coordinates in the graph,
 * so plain updaters also work); the scale {@code [1, 1]}, initialised to 1. Buffers (saved, never trained):
 * {@code runningMean [1, n+1]} (origin) and {@code runningVar [1, 1]} (1).
 *
 * <p>Convention: the variance is the Fréchet variance (mean <em>squared</em> distance), as in Bdéir et al.'s paper and
 * in {@link PoincareBatchNorm}; HyperbolicCV's code divides by the mean distance {@code (σ + eps)} instead, and ILNN's
 * code by {@code sqrt(σ + 1e-6)} with σ the mean distance. Training needs at least two points per batch.
 */
public abstract class LorentzBatchNormBase extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** Learned mean, a hyperboloid point {@code [1, n+1]} (bias). */
    public static final String MEAN = "mean";
    /** Learned scale {@code [1, 1]} (weight); output Fréchet variance {@code scale^2}. */
    public static final String SCALE = "scale";
    /** Running centroid {@code [1, n+1]} (buffer). */
    public static final String RUNNING_MEAN = "runningMean";
    /** Running Fréchet variance {@code [1, 1]} (buffer). */
    public static final String RUNNING_VAR = "runningVar";

    /** Default weight of the new batch in the running statistics. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** Default variance floor. */
    public static final double DEFAULT_EPS = 1e-5;

    private long nIn;
    private double momentum = DEFAULT_MOMENTUM;
    private double eps = DEFAULT_EPS;

    /** For Jackson. */
    protected LorentzBatchNormBase() {
    }

    /** Copies and checks the builder's settings. */
    protected LorentzBatchNormBase(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.momentum = b.momentum;
        this.eps = b.eps;
        if (!(momentum > 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(describe() + ": expected 0 < momentum <= 1 and eps > 0, got momentum = "
                    + momentum + ", eps = " + eps);
        }
    }

    /**
     * Moves the points from centre {@code m} to the learned mean {@code mu}, multiplying every distance to the centre
     * by {@code f}: {@code d(y_i, mu) = f d(x_i, m)}.
     *
     * @param x  points {@code [M, n+1]}
     * @param m  centre {@code [1, n+1]}
     * @param mu learned mean {@code [1, n+1]}
     * @param f  factor {@code [1, 1]}
     */
    protected abstract SDVariable normalize(SDVariable x, SDVariable m, SDVariable mu, SDVariable f, SDVariable c);

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
        INDArray origin = new Lorentz(getCurvature()).origin(params.get(MEAN).dataType(), 1, nIn);
        params.get(MEAN).assign(origin);
        params.get(RUNNING_MEAN).assign(origin);
        params.get(RUNNING_VAR).assign(1);
    }

    @Override
    protected final SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        SameDiff sd = ctx.sameDiff();
        SDVariable mu = Lorentz.projx(ctx.param(MEAN), c);
        SDVariable m;
        SDVariable s2;
        if (ctx.training()) {
            SDVariable w = ctx.mask() != null && getLayout().masksPerPoint() ? getLayout().maskPerPoint(ctx.mask())
                    : null;
            m = Lorentz.centroid(x, w, c);
            SDVariable d = Lorentz.dist(m, x, c);
            s2 = w == null ? sd.mean(d.mul(d), true, 0)
                    : d.mul(d).mul(w).sum(true, 0).mul(w.sum(true, 0).rdiv(1.0));
            SDVariable rm = Lorentz.projx(ctx.param(RUNNING_MEAN), c);
            ctx.updateBuffer(RUNNING_MEAN, Lorentz.expmap(rm, Lorentz.logmap(rm, m, c).mul(momentum), c));
            ctx.updateBuffer(RUNNING_VAR, ctx.param(RUNNING_VAR).mul(1 - momentum).add(s2.mul(momentum)));
        } else {
            m = Lorentz.projx(ctx.param(RUNNING_MEAN), c);
            s2 = ctx.param(RUNNING_VAR);
        }
        SDVariable f = ctx.param(SCALE).mul(sd.math.rsqrt(s2.add(eps)));
        return normalize(x, m, mu, f, c);
    }

    /** The learned and running means live on the hyperboloid of the (initial) curvature; the scale is Euclidean. */
    @Override
    public Manifold manifoldOf(String paramName) {
        return MEAN.equals(paramName) || RUNNING_MEAN.equals(paramName) ? new Lorentz(getCurvature())
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
        return PointSpace.LORENTZ;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.LORENTZ;
    }

    /** Point width {@code n + 1} (0 until set from the input type). */
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
        LorentzBatchNormBase b = (LorentzBatchNormBase) o;
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

        /** Point width {@code n + 1}; optional when the network's input types are set. */
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
