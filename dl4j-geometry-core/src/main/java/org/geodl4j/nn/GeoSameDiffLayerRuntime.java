package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Runtime of a {@link GeoSameDiffLayer} inside MultiLayerNetwork / ComputationGraph (replaces DL4J's
 * {@code org.deeplearning4j.nn.layers.samediff.SameDiffLayer}, which doubles gradients in 1.0.0-M2.1).
 *
 * <p><b>Graphs.</b> Up to four SameDiff graphs, each built lazily once (outside workspaces) by
 * {@link GeoSameDiffLayer#define(GeoLayerContext)}: {training, inference} × {with mask, without mask}. The training
 * graph additionally holds a placeholder {@code ε} and the scalar
 * <pre>  L = sum(out ⊙ ε)</pre>
 * as its loss, so {@code calculateGradients} returns the exact vector-Jacobian products
 * {@code ∂L/∂θ = (∂out/∂θ)ᵀ ε} and {@code ∂L/∂input = (∂out/∂input)ᵀ ε} (no {@code ExternalErrorsFunction}, hence no
 * doubling). Trainable parameters are graph variables backed by the layer's parameter views; buffers are placeholders
 * fed with their current values and are never differentiated.
 *
 * <p><b>Forward</b> ({@link #activate(boolean, LayerWorkspaceMgr)}): applies DL4J dropout to the input in training,
 * runs the training or inference graph; in training, evaluates the declared buffer updates and assigns them in place
 * to the buffer views (the pre-update values are kept in a private detached copy so that the following backward pass
 * recomputes exactly the forward that produced the output). <b>Backward</b>: always the training graph; parameter
 * gradients are written into DL4J's gradient views, buffer gradients are zero, {@code dL/dinput} goes through
 * dropout's backward.
 *
 * <p><b>Workspaces.</b> SameDiff allocates through DL4J's {@code DL4JSameDiffMemoryMgr}: working memory in
 * {@code FF_WORKING_MEM}/{@code BP_WORKING_MEM}, results in {@code ACTIVATIONS}/{@code ACTIVATION_GRAD} (detached
 * when DL4J scopes those out); a result outside the right workspace, or aliasing an input or a view, is duplicated
 * there. Placeholders and op inputs are cleared after every call, so no workspace array outlives it.
 *
 * <p>Graph building and execution live in the package's single engine ({@code GeoGraphEngine}), shared with
 * {@link GeoSameDiffOutputLayerRuntime} and {@link GeoSameDiffVertexRuntime}. {@code setInput} resets the buffer
 * replay state, so a backward pass on a new input never sees buffer values of an earlier forward pass.
 *
 * <p><b>Cost.</b> As with DL4J's runtime, the backward pass re-executes the forward ops inside SameDiff's gradient
 * function. SameDiff prints {@code Added differentiated op …} to stdout once per op when a training graph's gradient
 * function is first created (M2.1 behaviour, not configurable).
 */
public class GeoSameDiffLayerRuntime extends AbstractLayer<GeoSameDiffLayer> {

    private static final long serialVersionUID = 1L;

    /** Graph name of the input placeholder. */
    public static final String INPUT_NAME = "input";
    /** Graph name of the mask placeholder (present only in graphs built for masked input). */
    public static final String MASK_NAME = "mask";
    /** Graph name of the placeholder carrying dLoss/dout from the layer above (training graph only). */
    public static final String EPSILON_NAME = "geo_epsilon";
    /** Graph name of the scalar {@code sum(out ⊙ ε)} differentiated in the backward pass (training graph only). */
    public static final String LOSS_NAME = "geo_loss";


    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable = Collections.emptyMap();
    private Map<String, INDArray> gradTable = Collections.emptyMap();
    private Gradient lastGradient;

    /** Builds and runs the layer's graphs (shared with the output-layer and vertex runtimes). */
    private final GeoGraphEngine engine;

    /** Called by {@link GeoSameDiffLayer#instantiate}. */
    public GeoSameDiffLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.engine = new GeoGraphEngine(this::describe, () -> layerConf().getLayerParams(), dataType,
                List.of(INPUT_NAME), List.of(MASK_NAME), this::defineGraph);
    }

    private GeoGraphEngine.Defined defineGraph(SameDiff sd, List<SDVariable> inputs, List<SDVariable> masks,
                                               Map<String, SDVariable> vars, boolean training) {
        GeoSameDiffLayer c = layerConf();
        GeoLayerContext ctx = new GeoLayerContext(sd, inputs.get(0), vars, masks.get(0), training, dataType,
                c.getLayerParams(), c.getLayerName());
        return new GeoGraphEngine.Defined(c.define(ctx), ctx.bufferUpdates());
    }

    // ------------------------------------------------------------------------------------------ forward

    /** The layer's graph output; in training it updates the declared buffers in place (see the class doc). */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return graphOutput(training, true, workspaceMgr);
    }

    /**
     * Runs the graph (DL4J dropout applied to the input first in training).
     *
     * @param fresh {@code true}: a new forward pass (a training pass updates buffers); {@code false}: replays the last
     *              fresh training pass on the current input without changing anything
     */
    INDArray graphOutput(boolean training, boolean fresh, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        return engine.forward(new INDArray[] {preparedInput()}, new INDArray[] {preparedMask()}, training, fresh,
                workspaceMgr);
    }

    /** Whether the last fresh training forward pass on the current input updated buffers (so a replay differs). */
    boolean replayAvailable() {
        return engine.holdsForwardBuffers();
    }

    // ------------------------------------------------------------------------------------------ backward

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backpropThroughGraph(epsilon, workspaceMgr);
    }

    /**
     * Back-propagates {@code epsilon} = dLoss/dout through the training graph: parameter gradients into DL4J's
     * gradient views (buffers: zero), dLoss/dinput through dropout's backward.
     */
    Pair<Gradient, INDArray> backpropThroughGraph(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (numParams() > 0 && gradients == null) {
            throw new IllegalStateException(describe() + ": no gradient view set; the network sets it in "
                    + "initGradientsView() (called by fit/computeGradientAndScore)");
        }
        applyDropOutIfNecessary(true, workspaceMgr);
        GeoGraphEngine.Backward b = engine.backward(new INDArray[] {preparedInput()},
                new INDArray[] {preparedMask()}, epsilon, gradTable, workspaceMgr);
        lastGradient = b.gradient;
        INDArray dLdIn = backpropDropOutIfPresent(b.inputGradients[0]);
        return new Pair<>(b.gradient, dLdIn);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Resets the buffer replay state: the backward pass of a new input uses the current buffer values. */
    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        engine.forgetForwardBuffers();
    }

    private INDArray preparedInput() {
        INDArray in = input.castTo(dataType);
        try {
            layerConf().validateInput(in);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DL4JInvalidInputException(describe() + ": invalid input: " + e.getMessage(), e);
        }
        return in;
    }

    private INDArray preparedMask() {
        return maskArray == null ? null : maskArray.castTo(dataType);
    }

    /** {@code layer "name" (index i, ConfigClass)} for messages. */
    String describe() {
        return "layer \"" + layerConf().getLayerName() + "\" (index " + index + ", "
                + layerConf().getClass().getSimpleName() + ")";
    }

    // ------------------------------------------------------------------------------------------ parameters

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public long numParams() {
        return params == null ? 0 : params.length();
    }

    /**
     * Takes the layer's slice of the network's flat parameter vector and rebuilds the shaped views from it (weights,
     * biases, buffers, each reshaped with {@link GeoSameDiffLayer#paramReshapeOrder(String)}).
     */
    @Override
    public void setParamsViewArray(INDArray params) {
        long expected = layerConf().initializer().numParams(conf);
        long got = params == null ? 0 : params.length();
        if (got != expected) {
            throw new IllegalArgumentException(describe() + ": expected a parameter view of length " + expected
                    + " (" + layerConf().getLayerParams() + "), got " + got);
        }
        this.params = params;
        this.paramTable = expected == 0 ? Collections.emptyMap()
                : Collections.unmodifiableMap(layerConf().initializer().init(conf, params, false));
        engine.setParamTable(this.paramTable);
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradients;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        long got = gradients == null ? 0 : gradients.length();
        if (got != numParams()) {
            throw new IllegalArgumentException(describe() + ": expected a gradient view of length " + numParams()
                    + ", got " + got);
        }
        this.gradients = gradients;
        this.gradTable = got == 0 ? Collections.emptyMap()
                : Collections.unmodifiableMap(layerConf().initializer().getGradientsFromFlattened(conf, gradients));
    }

    @Override
    public INDArray getParam(String param) {
        return paramTable.get(param);
    }

    /** Assigns {@code val} into the parameter's view (DL4J's SameDiff runtime silently ignores this call). */
    @Override
    public void setParam(String key, INDArray val) {
        INDArray current = paramTable.get(key);
        if (current == null) {
            throw new IllegalArgumentException(describe() + ": cannot set unknown parameter \"" + key + "\"; known: "
                    + paramTable.keySet());
        }
        if (!Arrays.equals(current.shape(), val.shape())) {
            throw new IllegalArgumentException(describe() + ": cannot set parameter \"" + key + "\" of shape "
                    + Arrays.toString(current.shape()) + " from an array of shape " + Arrays.toString(val.shape()));
        }
        current.assign(val);
    }

    /** Assigns every entry into the existing views (the views stay linked to the network's flat parameters). */
    @Override
    public void setParamTable(Map<String, INDArray> paramTable) {
        for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
            if (e.getValue() != this.paramTable.get(e.getKey())) {
                setParam(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public void setParams(INDArray params) {
        if (params == this.params) {
            return;
        }
        long got = params == null ? 0 : params.length();
        if (got != numParams()) {
            throw new IllegalArgumentException(describe() + ": cannot assign " + got + " parameters to a layer with "
                    + numParams());
        }
        if (got > 0) {
            this.params.assign(params.reshape(this.params.shape()));
        }
    }

    @Override
    protected void setParams(INDArray params, char order) {
        setParams(params);
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return paramTable(false);
    }

    /** All parameters including buffers (buffers are parameters with a zero gradient and a NoOp updater). */
    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        return paramTable;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        double sum = 0.0;
        for (String p : layerConf().getLayerParams().trainableKeys()) {
            List<Regularization> regs = layerConf().getRegularizationByParam(p);
            if (regs != null) {
                for (Regularization r : regs) {
                    sum += r.score(paramTable.get(p), getIterationCount(), getEpochCount());
                }
            }
        }
        return sum;
    }

    /** The gradient of the last backward pass (views into the network's flat gradient). */
    @Override
    public Gradient gradient() {
        if (lastGradient == null) {
            throw new IllegalStateException(describe() + ": no gradient yet; call backpropGradient first");
        }
        return lastGradient;
    }

    // ------------------------------------------------------------------------------------------ misc

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return layerConf().feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // weight noise is not supported by SameDiff layer configurations
    }

    @Override
    public void clear() {
        super.clear();
        engine.forgetForwardBuffers();
    }

    /** A new runtime with the same configuration and a detached copy of the parameters; graphs are rebuilt lazily. */
    @Override
    public Layer clone() {
        GeoSameDiffLayerRuntime c = layerConf().newRuntime(conf, dataType);
        c.setIndex(index);
        c.setListeners(new ArrayList<>(getListeners()));
        c.setParamsViewArray(params == null ? null : params.dup());
        return c;
    }
}
