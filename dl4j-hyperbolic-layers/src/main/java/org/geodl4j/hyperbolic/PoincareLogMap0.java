package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Bridge from the Poincaré ball back to Euclidean features (the tangent space at the origin): every point is mapped by
 * the logarithmic map at the origin,
 * <pre>  u = log_0(y) = artanh(sqrt(c) ||y||) y / (sqrt(c) ||y||)</pre>
 * (Ganea, Bécigneul &amp; Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018, Lemma 2; artanh clamped as in
 * {@link org.geodl4j.manifold.SafeMath}). Input: ball points (checked when the curvature is fixed); output: tangent
 * vectors of the same width, {@code ||u|| <= artanh(1 - 1e-7)/sqrt(c) = 8.4/sqrt(c)}.
 *
 * <pre>{@code
 * .layer(PoincareLogMap0.builder().curvature(1.0).build())    // back to Euclidean features
 * }</pre>
 */
public class PoincareLogMap0 extends PointwiseHyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private PoincareLogMap0() {
    }

    private PoincareLogMap0(Builder b) {
        super(b);
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable y, SDVariable c) {
        return PoincareBall.logmap0(y, c);
    }

    @Override
    protected PointSpace inputSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    protected PointSpace outputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    /** A builder (curvature 1, fixed, by default). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareLogMap0}. */
    public static final class Builder extends PointwiseHyperbolicLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PoincareLogMap0 build() {
            return new PoincareLogMap0(this);
        }
    }
}
