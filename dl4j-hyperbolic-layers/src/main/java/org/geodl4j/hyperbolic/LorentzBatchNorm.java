package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Lorentz batch normalisation (Bdéir, Schwethelm &amp; Landwehr, "Fully Hyperbolic Convolutional Neural Networks for
 * Computer Vision", ICLR 2024, §4.2; HyperbolicCV {@code LorentzBatchNorm}): centre at the Lorentz centroid, rescale
 * by the Fréchet variance, transport to the learned mean,
 * <pre>
 *   u_i = PT_{m -> o}( log_m x_i ),    y_i = exp_mu( PT_{o -> mu}( f u_i ) ),    f = scale / sqrt(s2 + eps)
 * </pre>
 * with the statistics and running statistics of {@link LorentzBatchNormBase} (centroid {@code m}, Fréchet variance
 * {@code s2}). Guarantee (training mode): the outputs' mean squared distance to {@code mu} is exactly
 * {@code scale^2 s2/(s2 + eps)}; their centroid is close to, not equal to, {@code mu} (the centroid is not the
 * Fréchet mean; about 1e-2 apart, reference note §5).
 *
 * <p>Convention: transport goes through the origin as in HyperbolicCV (two transports, not the direct
 * {@code PT_{m -> mu}}); see {@link LorentzBatchNormBase} for the variance convention.
 */
public class LorentzBatchNorm extends LorentzBatchNormBase {

    private static final long serialVersionUID = 1L;

    private LorentzBatchNorm() {
    }

    private LorentzBatchNorm(Builder b) {
        super(b);
    }

    @Override
    protected SDVariable normalize(SDVariable x, SDVariable m, SDVariable mu, SDVariable f, SDVariable c) {
        SDVariable u = Lorentz.transp0back(m, Lorentz.logmap(m, x, c), c).mul(f);
        return Lorentz.expmap(mu, Lorentz.transp0(mu, u, c), c);
    }

    /** A builder (momentum 0.1, eps 1e-5, curvature 1 fixed by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link LorentzBatchNorm}. */
    public static final class Builder extends LorentzBatchNormBase.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LorentzBatchNorm build() {
            return new LorentzBatchNorm(this);
        }
    }
}
