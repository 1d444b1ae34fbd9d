package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.nn.GeoLayerContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Bridge from the Lorentz model back to Euclidean features: each point {@code x [n+1]} is mapped by the
 * logarithmic map at the origin and its (zero) time coordinate dropped,
 * <pre>  u = arcosh(sqrt(c) x_0) x_s/(sqrt(c)||x_s||)</pre>
 * ({@link Lorentz#logmap0}, evaluated through the stable arsinh form). Input: hyperboloid points (checked); output
 * width {@code n}.
 */
public class LorentzLogMap0 extends PointwiseHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private LorentzLogMap0() {
    }

    private LorentzLogMap0(Builder b) {
        super(b);
    }

    @Override
    protected int widthChange() {
        return -1;
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        return Lorentz.logmap0(x, c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.LORENTZ;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    /** A builder (curvature 1, fixed, by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link LorentzLogMap0}. */
    public static final class Builder extends PointwiseHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LorentzLogMap0 build() {
            return new LorentzLogMap0(this);
        }
    }
}
