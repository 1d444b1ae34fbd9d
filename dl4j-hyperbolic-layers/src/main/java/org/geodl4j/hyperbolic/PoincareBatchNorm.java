package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Riemannian batch normalisation on the Poincaré ball with gyromidpoint centring (van Spengler, Berkhout &amp;
 * Mettes, "Poincaré ResNet", ICCV 2023, §4.3; Lou et al., "Differentiable Iterative Algorithm for Fréchet Means",
 * ICML 2020, Alg. 2 with the midpoint in place of the Fréchet mean), <b>with running statistics</b>:
 * <pre>
 *   training:   m = gyromidpoint(x_1..x_M),   s2 = (1/M) sum_i d(x_i, m)^2             (batch statistics)
 *   inference:  m = runningMean,             s2 = runningVar                            (running statistics)
 *   y_i = exp_mu( PT_{m -> mu}( log_m x_i ) * scale / sqrt(s2 + eps) )
 *   after each training forward pass:
 *     runningMean &lt;- exp_rm( momentum * log_rm(m) )      (a geodesic step towards the batch midpoint)
 *     runningVar  &lt;- (1 - momentum) runningVar + momentum * s2
 * </pre>
 * (all math from {@link PoincareBall}; settings, parameters, statistics and running statistics from
 * {@link HyperbolicBatchNorm}). Points are the feature vectors (feed-forward), the per-step vectors (recurrent; masked
 * steps are excluded from the statistics through midpoint weights and become the origin) or each pixel's channel
 * vector (convolutional: one {@code C}-dimensional mean and one scalar variance over {@code N·H·W} points, as in the
 * paper).
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
public class PoincareBatchNorm extends HyperbolicBatchNorm {

    private static final long serialVersionUID = 1L;

    private PoincareBatchNorm() {
    }

    private PoincareBatchNorm(Builder b) {
        super(b);
    }

    @Override
    protected PointSpace space() {
        return PointSpace.POINCARE;
    }

    @Override
    protected Manifold manifold(double c) {
        return new PoincareBall(c);
    }

    /** The learned mean projected into the ball (a plain updater may step outside). */
    @Override
    protected SDVariable learnedMean(SDVariable mean, SDVariable c) {
        return PoincareBall.projx(mean, c);
    }

    /** The running mean as stored (its geodesic steps stay in the ball). */
    @Override
    protected SDVariable runningMean(SDVariable runningMean, SDVariable c) {
        return runningMean;
    }

    /** The gyromidpoint ({@link PoincareBall#weightedMidpoint}). */
    @Override
    protected SDVariable centre(SDVariable x, SDVariable w, SDVariable c) {
        return PoincareBall.weightedMidpoint(x, w, c);
    }

    @Override
    protected SDVariable dist(SDVariable m, SDVariable x, SDVariable c) {
        return PoincareBall.dist(m, x, c);
    }

    @Override
    protected SDVariable geodesicStep(SDVariable from, SDVariable to, double t, SDVariable c) {
        return PoincareBall.geodesic(from, to, t, c);
    }

    /** {@code y_i = exp_mu( PT_{m -> mu}( log_m x_i ) f )}. */
    @Override
    protected SDVariable normalize(SDVariable x, SDVariable m, SDVariable mu, SDVariable f, SDVariable c) {
        SDVariable v = PoincareBall.transp(m, mu, PoincareBall.logmap(m, x, c), c).mul(f);
        return PoincareBall.expmap(mu, v, c);
    }

    /** A builder (momentum 0.1, eps 1e-5, curvature 1 fixed by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareBatchNorm}. */
    public static final class Builder extends HyperbolicBatchNorm.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PoincareBatchNorm build() {
            return new PoincareBatchNorm(this);
        }
    }
}
