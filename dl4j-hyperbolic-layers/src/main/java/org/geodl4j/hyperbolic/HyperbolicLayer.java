package org.geodl4j.hyperbolic;

import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.geodl4j.nn.GeoSameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Base of the hyperbolic layers: a curvature (fixed or trainable, {@link Curvature}), a {@link PointLayout} inferred
 * from the input type (feed-forward, recurrent or convolutional activations, one point per example, time step or
 * pixel), input validation (shape, finiteness, membership of the input space) and masking of recurrent outputs.
 *
 * <p>A subclass maps a matrix of points to a matrix of points,
 * <pre>  definePoints(ctx, x [M, inputWidth], c) -> y [M, outputWidth]</pre>
 * and declares its parameters in {@link #declareParameters}; the base reshapes DL4J's activations to and from that
 * matrix, adds the raw curvature parameter ({@link Curvature#RAW_PARAM}, a bias of shape {@code [1, 1]}) when the
 * curvature is trainable, and multiplies recurrent outputs by the mask (masked steps become the origin of the output
 * space).
 *
 * <p>Convention: with a trainable curvature, parameters declared on a manifold ({@link #manifoldOf}) are reported on
 * the manifold of the <em>initial</em> curvature (the Riemannian updaters see a fixed manifold); the layer itself
 * always uses the current {@code c}.
 */
public abstract class HyperbolicLayer extends GeoSameDiffLayer {

    private static final long serialVersionUID = 1L;

    private double curvature = Curvature.DEFAULT;
    private boolean trainableCurvature;
    private PointLayout layout = PointLayout.FEED_FORWARD;

    /** For Jackson. */
    protected HyperbolicLayer() {
    }

    /** Copies and checks the builder's curvature settings. */
    protected HyperbolicLayer(Builder<?> builder) {
        super(builder);
        this.curvature = builder.curvature;
        this.trainableCurvature = builder.trainableCurvature;
        Curvature.check(curvature, describe());
    }

    // ---------------------------------------------------------------- subclass contract

    /** Declares the layer's own parameters and buffers (the raw curvature is added by the base). */
    protected abstract void declareParameters(GeoLayerParams params);

    /** Initialises the layer's own parameters and buffers in place (the raw curvature is set by the base). */
    protected abstract void initializeLayerParameters(Map<String, INDArray> params);

    /**
     * The layer's computation on a matrix of points.
     *
     * @param ctx    the definition context (parameters, training flag, buffer updates)
     * @param points input points {@code [M, inputWidth]}
     * @param c      the curvature (a scalar or {@code [1, 1]} variable)
     * @return output points {@code [M, outputWidth]}
     */
    protected abstract SDVariable definePoints(GeoLayerContext ctx, SDVariable points, SDVariable c);

    /** Width of an input point (features, channels, or {@code n + 1} for Lorentz points); 0 while unknown. */
    public abstract long inputWidth();

    /** Width of an output point. */
    public abstract long outputWidth();

    /** Sets the input width from the input type (only when unset or {@code override}). */
    protected abstract void setInputWidth(long width, boolean override);

    /** The space of the input points (checked in {@link #validateInput}). */
    protected abstract PointSpace inputSpace();

    /** The space of the output points (decides what a masked step becomes). */
    protected abstract PointSpace outputSpace();

    // ---------------------------------------------------------------- GeoSameDiffLayer

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
        SDVariable c = curvature(ctx);
        SDVariable in = ctx.input();
        SDVariable y = definePoints(ctx, layout.toPoints(in, inputWidth()), c);
        if (ctx.mask() != null && layout.masksPerPoint()) {
            y = outputSpace().mask(y, layout.maskPerPoint(ctx.mask()), c);
        }
        return layout.fromPoints(y, in, outputWidth());
    }

    /** The curvature variable of this graph: {@code softplus(rawCurvature)} if trainable, else a constant. */
    protected final SDVariable curvature(GeoLayerContext ctx) {
        return Curvature.define(ctx.sameDiff(), ctx.dataType(), curvature,
                trainableCurvature ? ctx.param(Curvature.RAW_PARAM) : null);
    }

    @Override
    protected final void setNInFromInputType(InputType inputType, boolean override) {
        PointLayout l = PointLayout.of(inputType, describe());
        this.layout = l;
        setInputWidth(l.width(inputType), override);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return PointLayout.of(inputType, describe()).outputType(inputType, outputWidth());
    }

    /**
     * Checks shape ({@link PointLayout}), finiteness and membership of {@link #inputSpace()}; subclasses may add
     * checks. The runtime prefixes the message with the layer's name and index.
     */
    @Override
    public void validateInput(INDArray input) {
        String who = getClass().getSimpleName();
        layout.checkShape(input, inputWidth(), who);
        inputSpace().checkPoints(layout.pointsOf(input), trainableCurvature ? Double.NaN : curvature, who);
    }

    // ---------------------------------------------------------------- properties (JSON)

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

    /** The layout of the input activations (set from the input type). */
    public PointLayout getLayout() {
        return layout;
    }

    /** For Jackson. */
    public void setLayout(PointLayout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        HyperbolicLayer h = (HyperbolicLayer) o;
        return Double.compare(curvature, h.curvature) == 0 && trainableCurvature == h.trainableCurvature
                && layout == h.layout;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), curvature, trainableCurvature, layout);
    }

    /** Builder with the curvature settings; every setter returns {@code T}. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends GeoSameDiffLayer.Builder<T> {

        private double curvature = Curvature.DEFAULT;
        private boolean trainableCurvature;

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
    }
}
