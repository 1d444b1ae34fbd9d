package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Bridge from Euclidean features to the Poincaré ball: every point (example, time step or pixel channel vector) is
 * mapped by the exponential map at the origin,
 * <pre>  y = exp_0(u) = tanh(sqrt(c) ||u||) u / (sqrt(c) ||u||)</pre>
 * (Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018, Lemma 2), projected to the ball's
 * projection radius ({@link PoincareBall#projx}). Input: any finite vectors; output: ball points of the same width.
 *
 * <pre>{@code
 * .layer(PoincareExpMap0.builder().curvature(1.0).build())    // nIn from the input type
 * }</pre>
 */
public class PoincareExpMap0 extends PointwiseHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private PoincareExpMap0() {
    }

    private PoincareExpMap0(Builder b) {
        super(b);
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable u, SDVariable c) {
        return PoincareBall.expmap0(u, c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.POINCARE;
    }

    /** A builder (curvature 1, fixed, by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareExpMap0}. */
    public static final class Builder extends PointwiseHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PoincareExpMap0 build() {
            return new PoincareExpMap0(this);
        }
    }
}
