package org.geodl4j.hyperbolic;

import java.util.Objects;

import org.nd4j.linalg.activations.Activation;

/**
 * Base of the hyperbolic linear layers ({@link MobiusLinear}, {@link PoincareLinear}, {@link LorentzLinear}): input
 * width {@code nIn}, output width {@code nOut}, an optional Euclidean activation applied in the tangent space at the
 * origin after the linear map, {@code y = exp_0(phi(log_0(linear(x))))} (Ganea et al. 2018, Eq. 26), and an optional
 * bias.
 */
public abstract class LinearHyperbolicLayer extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    private long nIn;
    private long nOut;
    private Activation activation = Activation.IDENTITY;
    private boolean hasBias = true;

    /** For Jackson. */
    protected LinearHyperbolicLayer() {
    }

    /** Copies and checks the builder's settings. */
    protected LinearHyperbolicLayer(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.activation = Objects.requireNonNull(b.activation, describe() + ": activation");
        this.hasBias = b.hasBias;
        if (nOut <= 0) {
            throw new IllegalArgumentException(describe() + ": nOut must be positive, got " + nOut);
        }
    }

    @Override
    public long inputWidth() {
        return nIn;
    }

    @Override
    public long outputWidth() {
        return nOut;
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

    /** Output point width. */
    public long getNOut() {
        return nOut;
    }

    /** For Jackson. */
    public void setNOut(long nOut) {
        this.nOut = nOut;
        setLayerParams(null);
    }

    /** The activation applied in the tangent space at the origin ({@code IDENTITY}: none). */
    public Activation getActivation() {
        return activation;
    }

    /** For Jackson. */
    public void setActivation(Activation activation) {
        this.activation = activation;
    }

    /** Whether the layer has a bias. */
    public boolean isHasBias() {
        return hasBias;
    }

    /** For Jackson. */
    public void setHasBias(boolean hasBias) {
        this.hasBias = hasBias;
        setLayerParams(null);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        LinearHyperbolicLayer l = (LinearHyperbolicLayer) o;
        return nIn == l.nIn && nOut == l.nOut && activation == l.activation && hasBias == l.hasBias;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, activation, hasBias);
    }

    /** Builder; every setter returns {@code T}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends HyperbolicLayer.Builder<T> {

        private long nIn;
        private long nOut;
        private Activation activation = Activation.IDENTITY;
        private boolean hasBias = true;

        /** Input point width; optional when the network's input types are set. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return (T) this;
        }

        /** Output point width (required). */
        public T nOut(long nOut) {
            this.nOut = nOut;
            return (T) this;
        }

        /** Activation applied in the tangent space at the origin after the linear map; default none (IDENTITY). */
        public T activation(Activation activation) {
            this.activation = activation;
            return (T) this;
        }

        /** Whether to use a bias; default true. */
        public T hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return (T) this;
        }
    }
}
