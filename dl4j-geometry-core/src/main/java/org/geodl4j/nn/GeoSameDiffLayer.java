package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.AbstractSameDiffLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Base configuration of every geodl4j SameDiff layer. A subclass declares parameters and buffers, initialises them,
 * defines the forward computation as a SameDiff graph (once for training, once for inference) and reports its output
 * type; {@link GeoSameDiffLayerRuntime} runs it inside MultiLayerNetwork / ComputationGraph.
 *
 * <p>What this base fixes relative to DL4J 1.0.0-M2.1's {@code SameDiffLayer} (see the project's
 * {@code reference/dl4j-internals.md} §4):
 * <ul>
 *   <li>gradients are exact: the backward pass differentiates the ordinary scalar
 *       <pre>  L = sum(out ⊙ ε)      (ε = dLoss/dout from the layer above, a placeholder)</pre>
 *       so ∂L/∂θ and ∂L/∂input are the true vector-Jacobian products. DL4J's runtime differentiates through
 *       {@code ExternalErrorsFunction}, which doubles the gradients of the layer and of every layer below it;</li>
 *   <li>{@link #define(GeoLayerContext)} receives the training flag ({@link GeoLayerContext#training()});</li>
 *   <li>non-trainable buffers ({@link GeoLayerParams#addBuffer}) updated by training forward passes: zero gradient,
 *       {@code NoOp} updater, no regularization, saved with the parameters;</li>
 *   <li>DL4J dropout ({@code .dropOut(...)}, also the global one) is applied to the input in training and
 *       back-propagated, with DL4J's {@code BaseLayer} semantics; DL4J's SameDiff layers silently ignore it;</li>
 *   <li>{@link #setNIn} drops cached parameter shapes (DL4J caches them when a global constraint asks for parameter
 *       names before the input type is known, then fails in {@code init()});</li>
 *   <li>weights are initialised with the layer's (or the global) {@code weightInit} through
 *       {@link #initWeight(String, INDArray, double, double)}; DL4J's SameDiff layers ignore it;</li>
 *   <li>{@code setParam} assigns (DL4J's is a no-op); no all-ones mask is fabricated when DL4J has none.</li>
 * </ul>
 *
 * <p>A subclass implements {@link #defineParameters(GeoLayerParams)}, {@link #initializeParameters(Map)},
 * {@link #define(GeoLayerContext)}, {@link #setNInFromInputType(InputType, boolean)} and
 * {@link #getOutputType(int, InputType)}; optionally {@link #paramReshapeOrder(String)}, {@link #validateInput},
 * {@link #manifoldOf(String)}. It keeps DL4J's JSON contract: a (private) no-arg constructor, a getter and setter per
 * hyper-parameter, and {@code equals}/{@code hashCode} that call {@code super} and cover its own fields.
 *
 * <p>Example — a centred linear layer with a running mean (getters/setters, {@code equals}/{@code hashCode} and the
 * Builder omitted):
 * <pre>{@code
 * public class CentredLinear extends GeoSameDiffLayer {
 *     private long nIn, nOut;
 *     private CentredLinear() { }                                             // for Jackson
 *     public void defineParameters(GeoLayerParams p) {
 *         p.addWeightParam("W", nIn, nOut); p.addBiasParam("b", 1, nOut); p.addBuffer("mean", 1, nIn); }
 *     public void initializeParameters(Map<String, INDArray> p) {
 *         initWeight("W", p.get("W"), nIn, nOut); p.get("b").assign(0); p.get("mean").assign(0); }
 *     protected SDVariable define(GeoLayerContext ctx) {
 *         SDVariable x = ctx.input(), mean = ctx.param("mean");
 *         SDVariable mu = ctx.training() ? ctx.sameDiff().mean(x, true, 0) : mean;   // batch vs running statistic
 *         ctx.updateBuffer("mean", mean.mul(0.9).add(mu.mul(0.1)));                 // ignored at inference
 *         return x.sub(mu).mmul(ctx.param("W")).add(ctx.param("b")); }
 *     protected void setNInFromInputType(InputType t, boolean override) {
 *         if (nIn <= 0 || override) nIn = ((InputType.InputTypeFeedForward) t).getSize(); }
 *     public InputType getOutputType(int idx, InputType t) { return InputType.feedForward(nOut); }
 * }
 * }</pre>
 *
 * <p>Convention: parameters are laid out as weights, biases, buffers (declaration order within each kind).
 */
public abstract class GeoSameDiffLayer extends AbstractSameDiffLayer implements ManifoldAware {

    private static final long serialVersionUID = 1L;

    /** Weight initialisation used when neither the layer nor the global configuration sets one (DL4J's default). */
    public static final IWeightInit DEFAULT_WEIGHT_INIT = new WeightInitXavier();

    private IWeightInit weightInitFn;

    /** Declared parameters, derived from the hyper-parameters; never serialised, rebuilt lazily. */
    private transient GeoLayerParams geoLayerParams;

    /** For Jackson: subclasses need a (private) no-arg constructor calling this. */
    protected GeoSameDiffLayer() {
    }

    /** Copies the builder's settings (name, dropout, constraints, updaters, regularization, weight init). */
    protected GeoSameDiffLayer(Builder<?> builder) {
        super(builder);
        this.weightInitFn = builder.weightInitFn;
    }

    // ---------------------------------------------------------------- the subclass contract

    /**
     * Declares trainable parameters ({@link GeoLayerParams#addWeightParam}, {@link GeoLayerParams#addBiasParam}) and
     * buffers ({@link GeoLayerParams#addBuffer}) from the current hyper-parameters (e.g. {@code nIn}, {@code nOut}).
     * May be called before {@code nIn} is known; the result is cached until {@link #setNIn} changes it.
     */
    public abstract void defineParameters(GeoLayerParams params);

    /**
     * Sets initial values in place, only when a network is freshly initialised (not when parameters are restored).
     * Use {@link #initWeight(String, INDArray, double, double)} for weights; biases and buffers are the subclass's
     * choice (e.g. {@code b.assign(0)}, a running variance {@code v.assign(1)}).
     *
     * @param params views into the network's flat parameter vector, keyed by declared name
     */
    @Override
    public abstract void initializeParameters(Map<String, INDArray> params);

    /**
     * Defines the layer's output in {@code ctx.sameDiff()} from {@code ctx.input()}, {@code ctx.param(name)} and
     * (when not null) {@code ctx.mask()}. Called once per graph: for the training graph ({@code ctx.training()}
     * true, also used for every backward pass) and for the inference graph; training graphs may declare buffer
     * updates with {@link GeoLayerContext#updateBuffer}. Must be a pure graph definition (no state changes).
     *
     * @return the output variable (activations) of the layer
     */
    protected abstract SDVariable define(GeoLayerContext ctx);

    /**
     * Sets the input size (e.g. {@code nIn}) from the input type, as DL4J's {@code FeedForwardLayer.setNIn} does:
     * only when unset or when {@code override} is true. Cached parameter shapes are reset afterwards by
     * {@link #setNIn}.
     */
    protected abstract void setNInFromInputType(InputType inputType, boolean override);

    /**
     * Checks an input array before it is fed to the graph; throw {@link IllegalArgumentException} saying what was
     * expected and what arrived (the runtime adds the layer name and index). Default: no check.
     */
    public void validateInput(INDArray input) {
    }

    /**
     * Propagates the mask to the next layer (DL4J's {@code Layer.feedForwardMaskArray}); default: unchanged.
     */
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    /**
     * Hook for layer-specific global settings, called at the end of {@link #applyGlobalConfigToLayer}. Default: none.
     */
    protected void inheritGlobalConfig(NeuralNetConfiguration.Builder globalConfig) {
    }

    // ---------------------------------------------------------------- binding hooks (parameter-binding SPI)

    /**
     * Config-level parameter binding (no {@code GeoUpdaters.attach} needed for geodl4j layers): a
     * {@link ParamAwareUpdater} is replaced by a clone bound to this parameter's {@link ParamSpec} (layer name, name,
     * shape, reshape order and the manifold from {@link #manifoldOf(String)}), which also puts the parameter in an
     * updater block of its own. Other updaters are returned unchanged.
     */
    private IUpdater bindUpdater(String paramName, IUpdater updater) {
        return ParamBinding.bindUpdater(paramSpec(paramName), updater);
    }

    /**
     * Hook for subclasses: the regularizations of trainable parameter {@code paramName}, given the configured list
     * (the bias list for biases). Default: the configured list. Override e.g. to exempt a scale or noise parameter
     * from weight decay. Buffers never reach this hook (they are never regularized).
     */
    protected List<Regularization> regularizationFor(String paramName, List<Regularization> configured) {
        return configured;
    }

    /**
     * Config-level parameter binding, second half: when the parameter's updater is param-aware, a {@link ParamTap}
     * is appended to its regularizations so the updater receives the live parameter value at every step.
     */
    private List<Regularization> bindRegularization(String paramName, List<Regularization> regularization) {
        return ParamBinding.tapRegularization(paramSpec(paramName), getUpdaterByParam(paramName),
                regularizationFor(paramName, regularization));
    }

    private ParamSpec paramSpec(String paramName) {
        return ParamSpec.of(this, paramName, getLayerParams().getParamShapes().get(paramName),
                paramReshapeOrder(paramName));
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /**
     * Fills a weight view with the layer's weight initialisation (its own, else the global one, else Xavier):
     * <pre>  W ~ weightInit(fanIn, fanOut, shape(W), paramReshapeOrder(paramName))</pre>
     *
     * @param paramName the declared name (selects the reshape order)
     * @param view      the parameter view from {@link #initializeParameters(Map)}; written in place
     * @param fanIn     inputs per output unit, e.g. {@code nIn}
     * @param fanOut    outputs per input unit, e.g. {@code nOut}
     */
    protected void initWeight(String paramName, INDArray view, double fanIn, double fanOut) {
        fillWeight(weightInitFn != null ? weightInitFn : DEFAULT_WEIGHT_INIT, paramReshapeOrder(paramName), view,
                fanIn, fanOut);
    }

    /** {@code view ← init(fanIn, fanOut, shape(view), order)} in place (shared with {@link GeoSameDiffVertex}). */
    static void fillWeight(IWeightInit init, char order, INDArray view, double fanIn, double fanOut) {
        INDArray flat = view.reshape(order, new long[] {view.length()});
        INDArray filled = init.init(fanIn, fanOut, view.shape(), order, flat);
        // a view of `view` when it is contiguous in `order` (then this is a self-copy); a copy otherwise
        view.assign(filled.reshape(order, view.shape()));
    }

    /** A description for messages: {@code layer "name" (ClassName)}. */
    protected String describe() {
        return "layer \"" + getLayerName() + "\" (" + getClass().getSimpleName() + ")";
    }

    // ---------------------------------------------------------------- DL4J plumbing (final)

    /** Builds this layer's parameter declaration through {@link #defineParameters(GeoLayerParams)}. */
    @Override
    public final void defineParameters(SDLayerParams params) {
        if (!(params instanceof GeoLayerParams)) {
            throw new IllegalArgumentException(describe() + ": parameters must be declared on GeoLayerParams, got "
                    + (params == null ? "null" : params.getClass().getName()));
        }
        defineParameters((GeoLayerParams) params);
    }

    /** The declared parameters and buffers (cached; reset by {@link #setNIn} and {@link #setLayerParams}). */
    @Override
    @JsonIgnore
    public GeoLayerParams getLayerParams() {
        if (geoLayerParams == null) {
            GeoLayerParams p = new GeoLayerParams();
            defineParameters(p);
            geoLayerParams = p;
        }
        return geoLayerParams;
    }

    /** {@code null} drops the cached declaration (it is rebuilt from the hyper-parameters on next use). */
    @Override
    @JsonIgnore
    public void setLayerParams(SDLayerParams layerParams) {
        if (layerParams != null && !(layerParams instanceof GeoLayerParams)) {
            throw new IllegalArgumentException(describe() + ": layer params must be GeoLayerParams, got "
                    + layerParams.getClass().getName());
        }
        this.geoLayerParams = (GeoLayerParams) layerParams;
    }

    /** Delegates to {@link #setNInFromInputType} and then drops cached parameter shapes. */
    @Override
    public final void setNIn(InputType inputType, boolean override) {
        setNInFromInputType(inputType, override);
        setLayerParams(null);
    }

    @Override
    public final IUpdater getUpdaterByParam(String paramName) {
        GeoLayerParams p = getLayerParams();
        if (p.isBuffer(paramName)) {
            return new NoOp();
        }
        if (p.isBiasParam(paramName)) {
            return bindUpdater(paramName, biasUpdater != null ? biasUpdater : updater);
        }
        if (p.isWeightParam(paramName)) {
            return bindUpdater(paramName, updater);
        }
        throw unknownParam(paramName);
    }

    @Override
    public final List<Regularization> getRegularizationByParam(String paramName) {
        GeoLayerParams p = getLayerParams();
        if (p.isBuffer(paramName)) {
            return Collections.emptyList();
        }
        if (p.isBiasParam(paramName)) {
            return bindRegularization(paramName, orEmpty(regularizationBias));
        }
        if (p.isWeightParam(paramName)) {
            return bindRegularization(paramName, orEmpty(regularization));
        }
        throw unknownParam(paramName);
    }

    @Override
    public final boolean isPretrainParam(String paramName) {
        return false;
    }

    /**
     * After DL4J copied the global updater, bias updater, regularization and gradient normalisation: takes the
     * global weight initialisation when none is set, gives the layer its own updater instances (DL4J shares the
     * global instance between SameDiff layers; {@code BaseLayer}s get clones), then calls
     * {@link #inheritGlobalConfig}.
     */
    @Override
    public final void applyGlobalConfigToLayer(NeuralNetConfiguration.Builder globalConfig) {
        if (weightInitFn == null) {
            weightInitFn = globalConfig.getWeightInitFn();
        }
        if (updater != null && updater == globalConfig.getIUpdater()) {
            updater = updater.clone();
        }
        if (biasUpdater != null && biasUpdater == globalConfig.getBiasUpdater()) {
            biasUpdater = biasUpdater.clone();
        }
        if (regularization != null && regularization == globalConfig.getRegularization()) {
            regularization = new ArrayList<>(regularization);
        }
        if (regularizationBias != null && regularizationBias == globalConfig.getRegularizationBias()) {
            regularizationBias = new ArrayList<>(regularizationBias);
        }
        inheritGlobalConfig(globalConfig);
    }

    @Override
    public final org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        GeoSameDiffLayerRuntime ret = newRuntime(conf, networkDataType);
        ret.setIndex(layerIndex);
        ret.setListeners(trainingListeners);
        ret.setParamsViewArray(layerParamsView);      // builds the shaped views (and registers the names with conf)
        if (initializeParams) {
            initializeParameters(ret.paramTable());
        }
        return ret;
    }

    /** The runtime class of this configuration (overridden, within the package, by {@link GeoSameDiffOutputLayer}). */
    GeoSameDiffLayerRuntime newRuntime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new GeoSameDiffLayerRuntime(conf, networkDataType);
    }

    /** Shallow copy as DL4J's {@code Layer.clone()}, without the cached parameter declaration. */
    @Override
    public GeoSameDiffLayer clone() {
        GeoSameDiffLayer c = (GeoSameDiffLayer) super.clone();
        c.geoLayerParams = null;
        return c;
    }

    // ---------------------------------------------------------------- bean properties (JSON)

    /** The layer's weight initialisation; {@code null} means "take the global one" until the network is built. */
    public IWeightInit getWeightInitFn() {
        return weightInitFn;
    }

    /** For Jackson and DL4J tooling. */
    public void setWeightInitFn(IWeightInit weightInitFn) {
        this.weightInitFn = weightInitFn;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass() || !super.equals(o)) {
            return false;
        }
        return Objects.equals(weightInitFn, ((GeoSameDiffLayer) o).weightInitFn);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(weightInitFn);
    }

    private IllegalArgumentException unknownParam(String paramName) {
        return new IllegalArgumentException(describe() + ": unknown parameter \"" + paramName + "\"; declared: "
                + getLayerParams().getParameterKeys());
    }

    private static List<Regularization> orEmpty(List<Regularization> l) {
        return l == null ? Collections.emptyList() : l;
    }

    /**
     * DL4J-style builder: every setter returns {@code T}. Adds weight initialisation to
     * {@link AbstractSameDiffLayer.Builder} and makes its raw-typed weight-decay/regularization setters chainable.
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends AbstractSameDiffLayer.Builder<T> {

        private IWeightInit weightInitFn;

        /** Weight initialisation for this layer (default: the global one, else Xavier). */
        public T weightInit(IWeightInit weightInit) {
            this.weightInitFn = weightInit;
            return (T) this;
        }

        /** Weight initialisation for this layer (default: the global one, else Xavier). */
        public T weightInit(WeightInit weightInit) {
            this.weightInitFn = weightInit.getWeightInitFunction();
            return (T) this;
        }

        @Override
        public T weightDecay(double coefficient) {
            super.weightDecay(coefficient);
            return (T) this;
        }

        @Override
        public T weightDecay(double coefficient, boolean applyLR) {
            super.weightDecay(coefficient, applyLR);
            return (T) this;
        }

        @Override
        public T weightDecayBias(double coefficient) {
            super.weightDecayBias(coefficient);
            return (T) this;
        }

        @Override
        public T weightDecayBias(double coefficient, boolean applyLR) {
            super.weightDecayBias(coefficient, applyLR);
            return (T) this;
        }

        @Override
        public T regularization(List<Regularization> regularization) {
            super.regularization(regularization);
            return (T) this;
        }

        @Override
        public T regularizationBias(List<Regularization> regularizationBias) {
            super.regularizationBias(regularizationBias);
            return (T) this;
        }
    }
}
