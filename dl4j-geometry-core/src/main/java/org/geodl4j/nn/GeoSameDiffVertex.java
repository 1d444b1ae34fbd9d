package org.geodl4j.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Base configuration of geodl4j ComputationGraph vertices with any number of inputs (Möbius addition of two branches,
 * a gyro-midpoint of several, a learnable mixing): the subclass declares parameters (possibly none) and buffers,
 * initialises them and defines the output from {@link GeoVertexContext#inputs()} as a SameDiff graph;
 * {@link GeoSameDiffVertexRuntime} runs it. The graph engine, the exact backward pass
 * <pre>  L = sum(out ⊙ ε),   ∂L/∂θ = (∂out/∂θ)ᵀ ε,   ∂L/∂input_i = (∂out/∂input_i)ᵀ ε</pre>
 * the training flag, buffers and the parameter binding are those of {@link GeoSameDiffLayer}.
 *
 * <p>What this base fixes relative to DL4J 1.0.0-M2.1's {@code SameDiffVertex}/{@code SameDiffGraphVertex}: no
 * doubled gradients (DL4J differentiates through {@code ExternalErrorsFunction}); a training flag; buffers; weight
 * initialisation ({@link #initWeight}); {@link #feedForwardMaskArrays} and {@link #getOutputType} do not throw by
 * default (the latter is abstract); the layer-style parameter binding, so param-aware (e.g. Riemannian) updaters see
 * each vertex parameter with its shape, value and {@link #manifoldOf manifold} without {@code GeoUpdaters.attach}
 * (DL4J's {@code ComputationGraphUpdater} asks every vertex with parameters for {@link #getUpdaterByParam} and
 * {@link #getRegularizationByParam}); the updater is cloned per vertex instead of sharing the global instance.
 *
 * <p>Limitation (DL4J): {@code ComputationGraph.calcRegularizationScore} and {@code numParams()} iterate layers only,
 * so a vertex's parameters are regularised by the updater (L2/weight decay gradients) but their penalty does not appear
 * in {@code score()}, and {@code graph.numParams()} does not count them ({@code graph.params()} does).
 *
 * <p>A subclass implements {@link #defineParameters(GeoLayerParams)}, {@link #initializeParameters(Map)},
 * {@link #define(GeoVertexContext)} and {@link #getOutputType(int, InputType...)}; optionally
 * {@link #minVertexInputs()}/{@link #maxVertexInputs()}, {@link #validateInput(INDArray[])},
 * {@link #feedForwardMaskArrays}, {@link #paramReshapeOrder(String)}, {@link #manifoldOf(String)}. JSON contract as
 * for layers: a (private) no-arg constructor, getter and setter per hyper-parameter, {@code equals}/{@code hashCode}
 * calling {@code super}. Per-vertex updater/regularization: the setters {@code setUpdater}, {@code setBiasUpdater},
 * {@code setRegularization}, {@code setRegularizationBias} (else the global configuration's).
 *
 * <p>Example — the sum of all inputs times a learnable scalar (getters/setters and {@code equals} omitted):
 * <pre>{@code
 * public class ScaledSum extends GeoSameDiffVertex {
 *     public void defineParameters(GeoLayerParams p) { p.addWeightParam("scale", 1, 1); }
 *     public void initializeParameters(Map<String, INDArray> p) { p.get("scale").assign(1); }
 *     protected SDVariable define(GeoVertexContext ctx) {
 *         SDVariable sum = ctx.input(0);
 *         for (int i = 1; i < ctx.inputs().size(); i++) sum = sum.add(ctx.input(i));
 *         return sum.mul(ctx.param("scale")); }
 *     public InputType getOutputType(int idx, InputType... in) { return in[0]; }
 * }
 * // graphBuilder().addVertex("sum", new ScaledSum(), "branchA", "branchB")
 * }</pre>
 *
 * <p>Convention: the vertex name (DL4J's {@code name}/{@code getLayerName()}) is set when the graph instantiates the
 * vertex; it is not part of {@code equals}.
 */
public abstract class GeoSameDiffVertex extends SameDiffVertex implements ManifoldAware {

    private static final long serialVersionUID = 1L;

    private IWeightInit weightInitFn;

    /** Declared parameters, derived from the hyper-parameters; never serialised, rebuilt lazily. */
    private transient GeoLayerParams geoParams;

    /** For Jackson: subclasses need a (private) no-arg constructor calling this (or set hyper-parameters in it). */
    protected GeoSameDiffVertex() {
    }

    // ---------------------------------------------------------------- the subclass contract

    /**
     * Declares trainable parameters (weights, biases) and buffers, as {@link GeoSameDiffLayer#defineParameters}; a
     * vertex without parameters declares nothing.
     */
    public abstract void defineParameters(GeoLayerParams params);

    /** Sets initial values in place on a fresh graph (not on restore); see {@link GeoSameDiffLayer}. */
    @Override
    public abstract void initializeParameters(Map<String, INDArray> params);

    /**
     * Defines the vertex output in {@code ctx.sameDiff()} from {@code ctx.inputs()}, {@code ctx.param(name)} and the
     * masks. Called once per built graph (training / inference, per mask pattern); must be a pure graph definition.
     */
    protected abstract SDVariable define(GeoVertexContext ctx);

    /** The output type for the given input types (DL4J's {@code SameDiffVertex} throws by default). */
    @Override
    public abstract InputType getOutputType(int layerIndex, InputType... vertexInputs)
            throws InvalidInputTypeException;

    /**
     * Checks the input arrays before they are fed to the graph; throw {@link IllegalArgumentException} saying what was
     * expected and what arrived (the runtime adds the vertex name). Default: no check.
     */
    @Override
    public void validateInput(INDArray[] input) {
    }

    /**
     * The mask of the vertex output. Default: the first non-null input mask with the current mask state (inputs of a
     * merge-like vertex normally share one mask), or {@code null} when no input has a mask. Override when the output is
     * masked differently (e.g. a vertex that reduces over time).
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        if (maskArrays != null) {
            for (INDArray m : maskArrays) {
                if (m != null) {
                    return new Pair<>(m, currentMaskState);
                }
            }
        }
        return new Pair<>(null, currentMaskState);
    }

    /** Hook for vertex-specific global settings, called at the end of {@link #applyGlobalConfigToLayer}. */
    protected void inheritGlobalConfig(NeuralNetConfiguration.Builder globalConfig) {
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /**
     * Fills a weight view with the vertex's weight initialisation (its own, else the global one, else Xavier), as
     * {@link GeoSameDiffLayer#initWeight(String, INDArray, double, double)}.
     */
    protected void initWeight(String paramName, INDArray view, double fanIn, double fanOut) {
        GeoSameDiffLayer.fillWeight(weightInitFn != null ? weightInitFn : GeoSameDiffLayer.DEFAULT_WEIGHT_INIT,
                paramReshapeOrder(paramName), view, fanIn, fanOut);
    }

    /** A description for messages: {@code vertex "name" (ClassName)}. */
    protected String describe() {
        return "vertex \"" + getLayerName() + "\" (" + getClass().getSimpleName() + ")";
    }

    // ---------------------------------------------------------------- DL4J plumbing (final)

    /** The declared parameters and buffers (cached; reset by {@link #setVertexParams}). */
    @JsonIgnore
    public GeoLayerParams getGeoParams() {
        if (geoParams == null) {
            GeoLayerParams p = new GeoLayerParams();
            defineParameters(p);
            geoParams = p;
        }
        return geoParams;
    }

    /**
     * A DL4J {@link SDVertexParams} listing the trainable parameters, for DL4J tooling only (buffers are not listed;
     * geodl4j reads {@link #getGeoParams()}).
     */
    @Override
    @JsonIgnore
    public final SDVertexParams getVertexParams() {
        SDVertexParams p = new SDVertexParams();
        defineParametersAndInputs(p);
        return p;
    }

    /** Drops the cached declaration (it is rebuilt from the hyper-parameters on next use); the argument is ignored. */
    @Override
    @JsonIgnore
    public final void setVertexParams(SDVertexParams vertexParams) {
        this.geoParams = null;
    }

    /** Mirrors the trainable parameters into DL4J's declaration (see {@link #getVertexParams()}). */
    @Override
    public final void defineParametersAndInputs(SDVertexParams params) {
        GeoLayerParams declared = getGeoParams();
        Map<String, long[]> shapes = declared.getParamShapes();
        for (String w : declared.getWeightParameterKeys()) {
            params.addWeightParam(w, shapes.get(w));
        }
        for (String b : declared.getBiasParameterKeys()) {
            params.addBiasParam(b, shapes.get(b));
        }
    }

    /** Never called: {@link GeoSameDiffVertexRuntime} builds its graphs through {@link #define(GeoVertexContext)}. */
    @Override
    public final SDVariable defineVertex(SameDiff sameDiff, Map<String, SDVariable> layerInput,
                                         Map<String, SDVariable> paramTable, Map<String, SDVariable> maskVars) {
        throw new UnsupportedOperationException(describe() + ": geodl4j vertices are defined by define(GeoVertexContext)");
    }

    /** Number of parameter values including buffers (all live in the graph's flat parameter vector). */
    @Override
    public final long numParams(boolean backprop) {
        long n = 0;
        for (long[] s : getGeoParams().getParamShapes().values()) {
            long len = 1;
            for (long d : s) {
                len *= d;
            }
            n += len;
        }
        return n;
    }

    /**
     * Buffers: {@code NoOp}; biases: the bias updater (else the updater); weights: the updater — a
     * {@link ParamAwareUpdater} bound to the parameter's {@link ParamSpec} (see {@link ParamBinding}).
     */
    @Override
    public final IUpdater getUpdaterByParam(String paramName) {
        GeoLayerParams p = getGeoParams();
        if (p.isBuffer(paramName)) {
            return new NoOp();
        }
        if (p.isBiasParam(paramName)) {
            return ParamBinding.bindUpdater(paramSpec(paramName), biasUpdater != null ? biasUpdater : updater);
        }
        if (p.isWeightParam(paramName)) {
            return ParamBinding.bindUpdater(paramSpec(paramName), updater);
        }
        throw unknownParam(paramName);
    }

    /** Buffers: none; otherwise the (bias) regularization plus a {@link ParamTap} for param-aware updaters. */
    @Override
    public final List<Regularization> getRegularizationByParam(String paramName) {
        GeoLayerParams p = getGeoParams();
        if (p.isBuffer(paramName)) {
            return Collections.emptyList();
        }
        if (!p.isTrainable(paramName)) {
            throw unknownParam(paramName);
        }
        List<Regularization> regs = p.isBiasParam(paramName) ? regularizationBias : regularization;
        return ParamBinding.tapRegularization(paramSpec(paramName), getUpdaterByParam(paramName),
                regs == null ? Collections.emptyList() : regs);
    }

    @Override
    public final boolean isPretrainParam(String paramName) {
        return false;
    }

    private ParamSpec paramSpec(String paramName) {
        return new ParamSpec(getLayerName(), paramName, getGeoParams().getParamShapes().get(paramName),
                paramReshapeOrder(paramName), manifoldOf(paramName));
    }

    /**
     * After DL4J copied the global updater, bias updater, regularization and gradient normalisation: takes the global
     * weight initialisation when none is set, gives the vertex its own updater instances and lists, then calls
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
    public final org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name,
            int idx, INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        setName(name);
        return new GeoSameDiffVertexRuntime(this, graph, name, idx, paramsView, initializeParams, networkDatatype);
    }

    /**
     * A deep copy through the vertex's JSON form (the same contract ModelSerializer relies on; DL4J's
     * {@code GraphVertex.clone()} is abstract, so {@code Object.clone} is not reachable).
     */
    @Override
    public GeoSameDiffVertex clone() {
        try {
            ObjectMapper mapper = NeuralNetConfiguration.mapper();
            return (GeoSameDiffVertex) mapper.readValue(mapper.writeValueAsString(this),
                    org.deeplearning4j.nn.conf.graph.GraphVertex.class);
        } catch (IOException e) {
            throw new IllegalStateException(describe() + ": cannot copy through JSON; every hyper-parameter needs a "
                    + "getter and a setter: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- bean properties (JSON)

    /** The vertex's weight initialisation; {@code null} means "take the global one" until the graph is built. */
    public IWeightInit getWeightInitFn() {
        return weightInitFn;
    }

    /** For Jackson and configuration code. */
    public void setWeightInitFn(IWeightInit weightInitFn) {
        this.weightInitFn = weightInitFn;
    }

    /** Class, updaters, regularization, gradient normalisation and weight init (not the vertex name or data type). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        GeoSameDiffVertex v = (GeoSameDiffVertex) o;
        return Objects.equals(updater, v.updater) && Objects.equals(biasUpdater, v.biasUpdater)
                && Objects.equals(regularization, v.regularization)
                && Objects.equals(regularizationBias, v.regularizationBias)
                && gradientNormalization == v.gradientNormalization
                && Double.compare(gradientNormalizationThreshold, v.gradientNormalizationThreshold) == 0
                && Objects.equals(weightInitFn, v.weightInitFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), updater, biasUpdater, regularization, regularizationBias,
                gradientNormalization, gradientNormalizationThreshold, weightInitFn);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + getLayerName() + ", params=" + getGeoParams() + ")";
    }

    private IllegalArgumentException unknownParam(String paramName) {
        return new IllegalArgumentException(describe() + ": unknown parameter \"" + paramName + "\"; declared: "
                + getGeoParams().getParameterKeys());
    }
}
