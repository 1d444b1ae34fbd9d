package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffOutputLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the hyperbolic output layers ({@link PoincareMLR}, {@link LorentzMLR}, {@link PoincareEmbeddingLoss}): a
 * {@link GeoSameDiffOutputLayer} (so a DL4J activation and loss are applied to the pre-activation the subclass defines,
 * softmax + MCXENT by default, and {@code net.evaluate} works) with a curvature, fixed or trainable
 * ({@link Curvature}), feed-forward input {@code [N, nIn]} of points of {@link #inputSpace()}, and input validation
 * (width, finiteness, membership) whose errors name the layer.
 *
 * <p>A subclass declares its parameters in {@link #declareParameters}, initialises them in
 * {@link #initializeLayerParameters} and defines the pre-activation {@code [N, nOut]} in {@link #definePreOutput}.
 *
 * <p>Convention: only feed-forward input (one point per example); put a recurrent or convolutional network's points
 * through a DL4J {@code LastTimeStep}/pooling layer first.
 */
public abstract class HyperbolicOutputLayer extends GeoSameDiffOutputLayer {

    private static final long serialVersionUID = 1L;

    private long nIn;
    private long nOut;
    private double curvature = Curvature.DEFAULT;
    private boolean trainableCurvature;

    /** For Jackson. */
    protected HyperbolicOutputLayer() {
    }

    /** Copies and checks the builder's settings. */
    protected HyperbolicOutputLayer(Builder<?> b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.curvature = Curvature.check(b.curvature, describe());
        this.trainableCurvature = b.trainableCurvature;
    }

    // ---------------------------------------------------------------- subclass contract

    /** Declares the layer's own parameters (the raw curvature is added by the base). */
    protected abstract void declareParameters(GeoLayerParams params);

    /** Initialises the layer's own parameters in place. */
    protected abstract void initializeLayerParameters(Map<String, INDArray> params);

    /**
     * The pre-activation (e.g. logits) {@code [N, nOut]} of the input points {@code [N, nIn]}.
     *
     * @param c the curvature (scalar variable; {@code softplus(rawCurvature)} when trainable)
     */
    protected abstract SDVariable definePreOutput(GeoLayerContext ctx, SDVariable x, SDVariable c);

    /** The space of the input points. */
    protected abstract PointSpace inputSpace();

    // ---------------------------------------------------------------- GeoSameDiffOutputLayer

    @Override
    public final void defineParameters(GeoLayerParams params) {
        declareParameters(params);
        if (trainableCurvature) {
            params.addBiasParam(Curvature.RAW_PARAM, 1, 1);
        }
    }

    @Override
    public final void initializeParameters(Map<String, INDArray> params) {
        initializeLayerParameters(params);
        if (trainableCurvature) {
            params.get(Curvature.RAW_PARAM).assign(Curvature.rawOf(curvature));
        }
    }

    @Override
    protected final SDVariable define(GeoLayerContext ctx) {
        SDVariable c = Curvature.define(ctx.sameDiff(), ctx.dataType(), curvature,
                trainableCurvature ? ctx.param(Curvature.RAW_PARAM) : null);
        return definePreOutput(ctx, ctx.input(), c);
    }

    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeFeedForward)) {
            throw new IllegalArgumentException(describe() + ": expected feed-forward input [minibatch, nIn] (one point"
                    + " per example), got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = ((InputType.InputTypeFeedForward) inputType).getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    /** Shape {@code [N, nIn]}, finite, points of {@link #inputSpace()} (radius / hyperboloid only when c is fixed). */
    @Override
    public void validateInput(INDArray input) {
        String who = getClass().getSimpleName();
        if (input.rank() != 2 || input.size(1) != nIn) {
            throw new IllegalArgumentException(who + ": expected input [minibatch, " + nIn + "] (feed-forward points), got "
                    + java.util.Arrays.toString(input.shape()));
        }
        inputSpace().checkPoints(input, trainableCurvature ? Double.NaN : curvature, who);
    }

    // ---------------------------------------------------------------- properties (JSON)

    /** Input width (0 until set from the input type). */
    public long getNIn() {
        return nIn;
    }

    /** For Jackson. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
        setLayerParams(null);
    }

    /** Output width (number of classes). */
    public long getNOut() {
        return nOut;
    }

    /** For Jackson. */
    public void setNOut(long nOut) {
        this.nOut = nOut;
        setLayerParams(null);
    }

    /** The (initial, if trainable) curvature parameter {@code c > 0}. */
    public double getCurvature() {
        return curvature;
    }

    /** For Jackson; checks {@code c > 0}. */
    public void setCurvature(double curvature) {
        this.curvature = Curvature.check(curvature, describe());
    }

    /** Whether {@code c} is trained (through {@code c = softplus(rawCurvature)}). */
    public boolean isTrainableCurvature() {
        return trainableCurvature;
    }

    /** For Jackson. */
    public void setTrainableCurvature(boolean trainableCurvature) {
        this.trainableCurvature = trainableCurvature;
        setLayerParams(null);
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        HyperbolicOutputLayer h = (HyperbolicOutputLayer) o;
        return nIn == h.nIn && nOut == h.nOut && Double.compare(curvature, h.curvature) == 0
                && trainableCurvature == h.trainableCurvature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, curvature, trainableCurvature);
    }

    /** Builder with {@code nIn}, {@code nOut} and the curvature settings; every setter returns {@code T}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends GeoSameDiffOutputLayer.Builder<T> {

        private long nIn;
        private long nOut;
        private double curvature = Curvature.DEFAULT;
        private boolean trainableCurvature;

        /** Input width; optional when the network's input types are set. */
        public T nIn(long nIn) {
            this.nIn = nIn;
            return (T) this;
        }

        /** Output width (number of classes). */
        public T nOut(long nOut) {
            this.nOut = nOut;
            return (T) this;
        }

        /** Curvature parameter {@code c > 0} (sectional curvature {@code -c}); default 1. Checked at build time. */
        public T curvature(double c) {
            this.curvature = c;
            return (T) this;
        }

        /** Whether {@code c} is trained, as {@code softplus(rawCurvature)} initialised to {@code c}; default false. */
        public T trainableCurvature(boolean trainable) {
            this.trainableCurvature = trainable;
            return (T) this;
        }

        /** The configured {@code nOut} (for subclasses' checks). */
        protected long nOut() {
            return nOut;
        }
    }
}
