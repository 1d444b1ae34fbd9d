package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.nn.GeoLayerContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Bridge from Euclidean features to the Lorentz model: each point {@code u [n]} (example, time step or pixel
 * channel vector) is mapped by the exponential map at the origin {@code o = (1/sqrt(c), 0, ..., 0)},
 * <pre>  x = exp_o(0, u) = (cosh(sqrt(c)||u||)/sqrt(c), sinh(sqrt(c)||u||) u/(sqrt(c)||u||))</pre>
 * ({@link Lorentz#expmap0}; Nickel &amp; Kiela, ICML 2018; the argument is capped at 10 as in HCNN). Output width
 * {@code n + 1} (time coordinate first).
 */
public class LorentzExpMap0 extends PointwiseHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private LorentzExpMap0() {
    }

    private LorentzExpMap0(Builder b) {
        super(b);
    }

    @Override
    protected int widthChange() {
        return 1;
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        return Lorentz.expmap0(x, c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.LORENTZ;
    }

    /** A builder (curvature 1, fixed, by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link LorentzExpMap0}. */
    public static final class Builder extends PointwiseHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LorentzExpMap0 build() {
            return new LorentzExpMap0(this);
        }
    }
}
