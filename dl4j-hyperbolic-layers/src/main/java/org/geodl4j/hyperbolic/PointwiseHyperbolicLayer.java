package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of parameter-free (except a trainable curvature) layers that map each point on its own: the exp/log bridges
 * and hyperbolic activations. {@code nIn} is the input point width; the output width is
 * {@code nIn + }{@link #widthChange()} (0 for Poincaré maps, +1 into and -1 out of the Lorentz model).
 */
public abstract class PointwiseHyperbolicLayer extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private long nIn;

    /** For Jackson. */
    protected PointwiseHyperbolicLayer() {
    }

    /** Copies the builder's settings. */
    protected PointwiseHyperbolicLayer(Builder<?> builder) {
        super(builder);
        this.nIn = builder.nIn;
    }

    /** Output width minus input width. */
    protected int widthChange() {
        return 0;
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
    }

    @Override
    public long inputWidth() {
        return nIn;
    }

    @Override
    public long outputWidth() {
        return nIn + widthChange();
    }

    @Override
    protected void setInputWidth(long width, boolean override) {
        if (nIn <= 0 || override) {
            nIn = width;
        }
    }

    /** Input point width (0 until set from the input type). */
    public long getNIn() {
        return nIn;
    }

    /** For Jackson. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
        setLayerParams(null);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && nIn == ((PointwiseHyperbolicLayer) o).nIn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn);
    }

    /** Builder; every setter returns {@code T}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends HyperbolicLayer.Builder<T> {

        private long nIn;

        /** Input point width; optional when the network's input types are set. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return (T) this;
        }
    }
}
