package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of a {@link GeoSameDiffVertex} inside a ComputationGraph (replaces DL4J's {@code SameDiffGraphVertex},
 * which doubles gradients in 1.0.0-M2.1). Graphs are built and run by the package's single engine (as for
 * {@link GeoSameDiffLayerRuntime}): training and inference graphs per mask pattern, exact backward pass through
 * {@code sum(out ⊙ ε)}, buffers updated by fresh training forward passes and replayed by the backward pass.
 *
 * <p>Graph placeholder names are {@code input_0 … input_{n-1}} and {@code mask_0 …}; vertex parameters must not use
 * them. Parameters are views into the graph's flat parameter vector in declaration order (weights, biases, buffers),
 * each reshaped with {@link GeoSameDiffVertex#paramReshapeOrder(String)}.
 */
public class GeoSameDiffVertexRuntime extends BaseGraphVertex {

    private static final long serialVersionUID = 1L;

    private final GeoSameDiffVertex config;
    private INDArray params;
    private INDArray gradients;
    private Map<String, INDArray> paramTable;
    private Map<String, INDArray> gradTable = Collections.emptyMap();
    private INDArray[] maskArrays;

    /** Built lazily: the number of inputs is known only after the graph called {@code setInputVertices}. */
    private GeoGraphEngine engine;

    /** Called by {@link GeoSameDiffVertex#instantiate}. */
    public GeoSameDiffVertexRuntime(GeoSameDiffVertex config, ComputationGraph graph, String name, int vertexIndex,
                                    INDArray paramsView, boolean initializeParams, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.config = config;
        long expected = config.numParams(true);
        long got = paramsView == null ? 0 : paramsView.length();
        if (got != expected) {
            throw new IllegalArgumentException(describe() + ": expected a parameter view of length " + expected
                    + " (" + config.getGeoParams() + "), got " + got);
        }
        this.params = paramsView;
        this.paramTable = Collections.unmodifiableMap(views(paramsView));
        if (initializeParams && expected > 0) {
            config.initializeParameters(paramTable);
        }
    }

    /** Shaped views of {@code flat} in declaration order (weights, biases, buffers). */
    private Map<String, INDArray> views(INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (flat == null || flat.length() == 0) {
            return out;
        }
        INDArray row = flat.reshape(flat.length());
        long offset = 0;
        for (Map.Entry<String, long[]> e : config.getGeoParams().getParamShapes().entrySet()) {
            long len = 1;
            for (long d : e.getValue()) {
                len *= d;
            }
            INDArray v = row.get(NDArrayIndex.interval(offset, offset + len));
            out.put(e.getKey(), v.reshape(config.paramReshapeOrder(e.getKey()), e.getValue()));
            offset += len;
        }
        return out;
    }

    private GeoGraphEngine engine() {
        int n = inputs.length;
        if (engine == null || engine.numInputs() != n) {
            List<String> inputNames = new ArrayList<>();
            List<String> maskNames = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                inputNames.add("input_" + i);
                maskNames.add("mask_" + i);
            }
            engine = new GeoGraphEngine(this::describe, config::getGeoParams, dataType, inputNames, maskNames,
                    this::defineGraph);
            engine.setParamTable(paramTable);
        }
        return engine;
    }

    private GeoGraphEngine.Defined defineGraph(SameDiff sd, List<SDVariable> in, List<SDVariable> masks,
                                               Map<String, SDVariable> vars, boolean training) {
        GeoVertexContext ctx = new GeoVertexContext(sd, in, masks, vars, training, dataType, config.getGeoParams(),
                vertexName);
        return new GeoGraphEngine.Defined(config.define(ctx), ctx.bufferUpdates());
    }

    // ------------------------------------------------------------------------------------------ forward / backward

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException(describe() + ": cannot do forward pass: inputs not set");
        }
        return engine().forward(preparedInputs(), preparedMasks(), training, true, workspaceMgr);
    }

    /**
     * dLoss/dinput_i for every input and the parameter gradients (written into the graph's gradient views), from the
     * epsilon set by the graph, replaying the last training forward pass.
     */
    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException(describe() + ": cannot do backward pass: inputs or epsilon not set");
        }
        if (numParams() > 0 && gradients == null) {
            throw new IllegalStateException(describe() + ": no gradient view set; the graph sets it in "
                    + "initGradientsView() (called by fit/computeGradientAndScore)");
        }
        GeoGraphEngine.Backward b = engine().backward(preparedInputs(), preparedMasks(), epsilon, gradTable,
                workspaceMgr);
        return new Pair<>(b.gradient, b.inputGradients);
    }

    /** Also resets the buffer replay state (a new input means a new forward pass). */
    @Override
    public void setInput(int inputNumber, INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(inputNumber, input, workspaceMgr);
        if (engine != null) {
            engine.forgetForwardBuffers();
        }
    }

    private INDArray[] preparedInputs() {
        INDArray[] in = new INDArray[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i].castTo(dataType);
        }
        try {
            config.validateInput(in);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new DL4JInvalidInputException(describe() + ": invalid input: " + e.getMessage(), e);
        }
        return in;
    }

    private INDArray[] preparedMasks() {
        if (maskArrays == null) {
            return null;
        }
        INDArray[] out = new INDArray[maskArrays.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = maskArrays[i] == null ? null : maskArrays[i].castTo(dataType);
        }
        return out;
    }

    /** {@code vertex "name" (index i, ConfigClass)} for messages. */
    String describe() {
        return "vertex \"" + vertexName + "\" (index " + vertexIndex + ", " + config.getClass().getSimpleName() + ")";
    }

    // ------------------------------------------------------------------------------------------ parameters, masks

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        return paramTable;
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public long numParams() {
        return params == null ? 0 : params.length();
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradients;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        long got = backpropGradientsViewArray == null ? 0 : backpropGradientsViewArray.length();
        if (got != numParams()) {
            throw new IllegalArgumentException(describe() + ": expected a gradient view of length " + numParams()
                    + ", got " + got);
        }
        this.gradients = backpropGradientsViewArray;
        this.gradTable = Collections.unmodifiableMap(views(backpropGradientsViewArray));
    }

    /** The vertex configuration (DL4J's updater asks it for per-parameter updaters and regularization). */
    @Override
    public TrainingConfig getConfig() {
        return config;
    }

    /** Stores the input masks (fed to the graph) and returns {@link GeoSameDiffVertex#feedForwardMaskArrays}. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        this.maskArrays = maskArrays;
        return config.feedForwardMaskArrays(maskArrays, currentMaskState, minibatchSize);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public void clear() {
        super.clear();
        if (engine != null) {
            engine.forgetForwardBuffers();
        }
    }

    @Override
    public String toString() {
        return "GeoSameDiffVertexRuntime(" + describe() + ", inputs=" + Arrays.toString(inputVertices) + ")";
    }
}
