package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.Manifold;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Shared part of the Lorentz batch norms ({@link LorentzBatchNorm}, {@link GyroLorentzBatchNorm}): the geometry of
 * the statistics on the hyperboloid; settings, parameters and running statistics come from
 * {@link HyperbolicBatchNorm}. A subclass supplies only the map that re-centres and rescales,
 * <pre>  {@link #normalize}(x, m, mu, f, c):  points x [M, n+1], centre m, learned mean mu, factor f -> y</pre>
 * with the property {@code d(y_i, mu) = f d(x_i, m)}. The statistics (all math from {@link Lorentz}):
 * <pre>
 *   training:   m = centroid(x_1..x_M)  (Lorentz centroid, Law et al. 2019),   s2 = (1/M) sum_i d(x_i, m)^2
 *   inference:  m = runningMean,  s2 = runningVar
 *   f = scale / sqrt(s2 + eps),   so the output Fréchet variance about mu is scale^2 s2/(s2 + eps)
 *   after each training forward pass:
 *     runningMean &lt;- exp_rm( momentum * log_rm(m) )      (a geodesic step towards the batch centroid)
 *     runningVar  &lt;- (1 - momentum) runningVar + momentum * s2
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
public abstract class LorentzBatchNormBase extends HyperbolicBatchNorm {

    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    protected LorentzBatchNormBase() {
    }

    /** Copies and checks the builder's settings. */
    protected LorentzBatchNormBase(Builder<?> b) {
        super(b);
    }

    @Override
    protected final PointSpace space() {
        return PointSpace.LORENTZ;
    }

    @Override
    protected final Manifold manifold(double c) {
        return new Lorentz(c);
    }

    /** The learned mean with its time coordinate recomputed from the space coordinates ({@link Lorentz#projx}). */
    @Override
    protected final SDVariable learnedMean(SDVariable mean, SDVariable c) {
        return Lorentz.projx(mean, c);
    }

    /** The running mean with its time coordinate recomputed from the space coordinates ({@link Lorentz#projx}). */
    @Override
    protected final SDVariable runningMean(SDVariable runningMean, SDVariable c) {
        return Lorentz.projx(runningMean, c);
    }

    /** The Lorentz centroid ({@link Lorentz#centroid}). */
    @Override
    protected final SDVariable centre(SDVariable x, SDVariable w, SDVariable c) {
        return Lorentz.centroid(x, w, c);
    }

    @Override
    protected final SDVariable dist(SDVariable m, SDVariable x, SDVariable c) {
        return Lorentz.dist(m, x, c);
    }

    @Override
    protected final SDVariable geodesicStep(SDVariable from, SDVariable to, double t, SDVariable c) {
        return Lorentz.geodesic(from, to, t, c);
    }

    /** Builder of the Lorentz batch norms; every setter returns {@code T}. */
    public abstract static class Builder<T extends Builder<T>> extends HyperbolicBatchNorm.Builder<T> {
    }
}
