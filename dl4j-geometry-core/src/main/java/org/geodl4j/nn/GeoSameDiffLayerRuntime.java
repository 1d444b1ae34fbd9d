package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * <p><b>Workspaces.</b> SameDiff allocates through {@link DL4JSameDiffMemoryMgr}: working memory in
 * {@code FF_WORKING_MEM}/{@code BP_WORKING_MEM}, results in {@code ACTIVATIONS}/{@code ACTIVATION_GRAD} (detached
 * when DL4J scopes those out); a result outside the right workspace, or aliasing an input or a view, is duplicated
 * there. Placeholders and op inputs are cleared after every call, so no workspace array outlives it.
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

    /** [training ? 1 : 0][hasMask ? 1 : 0]; rebuilt when parameter views are replaced. */
    private LayerGraph[][] graphs = new LayerGraph[2][2];
    /** Detached copies of buffer values before the last training forward pass. */
    private final Map<String, INDArray> bufferStash = new LinkedHashMap<>();
    private boolean stashHoldsForwardValues;

    /** Called by {@link GeoSameDiffLayer#instantiate}. */
    public GeoSameDiffLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    // ------------------------------------------------------------------------------------------ forward

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        stashHoldsForwardValues = false;
        INDArray in = preparedInput();
        INDArray mask = preparedMask();
        LayerGraph g = graph(training, in, mask);

        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put(INPUT_NAME, in);
        if (mask != null) {
            ph.put(MASK_NAME, mask);
        }
        for (String b : g.bufferNames) {
            ph.put(b, paramTable.get(b));
        }
        List<String> outputs = new ArrayList<>();
        outputs.add(g.outputName);
        for (String u : g.bufferUpdates.values()) {
            if (!outputs.contains(u)) {
                outputs.add(u);
            }
        }

        useMemory(g.sd, workspaceMgr, ArrayType.FF_WORKING_MEM, ArrayType.ACTIVATIONS);
        Map<String, INDArray> res;
        try {
            res = g.sd.output(ph, outputs);
        } catch (RuntimeException e) {
            throw executionFailure("forward pass", in, e);
        } finally {
            g.sd.clearPlaceholders(true);
            g.sd.clearOpInputs();
        }

        if (!g.bufferUpdates.isEmpty()) {
            assignBufferUpdates(g, res);
        }
        return placeIn(workspaceMgr, ArrayType.ACTIVATIONS, res.get(g.outputName), in);
    }

    private void assignBufferUpdates(LayerGraph g, Map<String, INDArray> res) {
        // check every shape before changing anything
        for (Map.Entry<String, String> e : g.bufferUpdates.entrySet()) {
            INDArray view = paramTable.get(e.getKey());
            INDArray v = res.get(e.getValue());
            if (!Arrays.equals(view.shape(), v.shape())) {
                throw new IllegalStateException(describe() + ": updateBuffer(\"" + e.getKey() + "\") produced shape "
                        + Arrays.toString(v.shape()) + " but the buffer has shape " + Arrays.toString(view.shape()));
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Map.Entry<String, String> e : g.bufferUpdates.entrySet()) {
                INDArray view = paramTable.get(e.getKey());
                INDArray stash = bufferStash.get(e.getKey());
                if (stash == null || !Arrays.equals(stash.shape(), view.shape()) || stash.dataType() != view.dataType()) {
                    stash = Nd4j.createUninitializedDetached(view.dataType(), view.shape());
                    bufferStash.put(e.getKey(), stash);
                }
                stash.assign(view);
            }
        }
        for (Map.Entry<String, String> e : g.bufferUpdates.entrySet()) {
            paramTable.get(e.getKey()).assign(res.get(e.getValue()));
        }
        stashHoldsForwardValues = true;
    }

    // ------------------------------------------------------------------------------------------ backward

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (numParams() > 0 && gradients == null) {
            throw new IllegalStateException(describe() + ": no gradient view set; the network sets it in "
                    + "initGradientsView() (called by fit/computeGradientAndScore)");
        }
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray in = preparedInput();
        INDArray mask = preparedMask();
        LayerGraph g = graph(true, in, mask);
        ensureGradFunction(g);

        Map<String, INDArray> ph = new LinkedHashMap<>();
        ph.put(INPUT_NAME, in);
        if (mask != null) {
            ph.put(MASK_NAME, mask);
        }
        ph.put(EPSILON_NAME, epsilon.castTo(dataType));
        for (String b : g.bufferNames) {
            // the values the forward pass saw (before its in-place update), so the backward recomputes that forward
            INDArray stash = bufferStash.get(b);
            ph.put(b, stashHoldsForwardValues && stash != null && g.bufferUpdates.containsKey(b)
                    ? stash : paramTable.get(b));
        }

        SameDiff gradFn = g.sd.getFunction("grad");
        useMemory(gradFn, workspaceMgr, ArrayType.BP_WORKING_MEM, ArrayType.ACTIVATION_GRAD);
        Map<String, INDArray> grads;
        try {
            grads = g.sd.calculateGradients(ph, g.gradientTargets);
        } catch (RuntimeException e) {
            throw executionFailure("backward pass", in, e);
        } finally {
            g.sd.clearPlaceholders(true);
            g.sd.clearOpInputs();
            gradFn.clearOpInputs();
        }

        Gradient ret = new DefaultGradient();
        for (Map.Entry<String, INDArray> e : gradTable.entrySet()) {
            INDArray view = e.getValue();
            INDArray sdGrad = g.trainable.contains(e.getKey()) ? grads.get(e.getKey()) : null;
            if (sdGrad == null) {
                view.assign(0);      // buffers, and parameters the output does not depend on
            } else {
                view.assign(sdGrad);
            }
            ret.gradientForVariable().put(e.getKey(), view);
        }
        lastGradient = ret;

        INDArray dLdIn = grads.get(INPUT_NAME);
        if (dLdIn == null) {
            dLdIn = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, in.shape());
        } else {
            dLdIn = placeIn(workspaceMgr, ArrayType.ACTIVATION_GRAD, dLdIn, in, epsilon);
        }
        dLdIn = backpropDropOutIfPresent(dLdIn);
        return new Pair<>(ret, dLdIn);
    }

    private void ensureGradFunction(LayerGraph g) {
        if (!g.sd.hasGradientFunction()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                g.sd.createGradFunction(INPUT_NAME);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ graphs

    private LayerGraph graph(boolean training, INDArray in, INDArray mask) {
        int t = training ? 1 : 0;
        int m = mask != null ? 1 : 0;
        LayerGraph g = graphs[t][m];
        if (g == null) {
            g = buildGraph(training, in, mask);
            graphs[t][m] = g;
        }
        if (in.rank() != g.inputRank) {
            throw new DL4JInvalidInputException(describe() + ": expected input of rank " + g.inputRank
                    + " (as the first input it saw), got shape " + Arrays.toString(in.shape()));
        }
        return g;
    }

    private LayerGraph buildGraph(boolean training, INDArray in, INDArray mask) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            GeoSameDiffLayer c = layerConf();
            GeoLayerParams declared = c.getLayerParams();
            SameDiff sd = SameDiff.create();
            // single-threaded holders let the graph use DL4J's parameter views directly (no copies)
            sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);

            long[] inShape = in.shape().clone();
            inShape[0] = -1;
            SDVariable inputVar = sd.placeHolder(INPUT_NAME, dataType, inShape);
            SDVariable maskVar = null;
            if (mask != null) {
                long[] maskShape = new long[mask.rank()];
                Arrays.fill(maskShape, -1);
                maskVar = sd.placeHolder(MASK_NAME, dataType, maskShape);
            }
            Map<String, long[]> shapes = declared.getParamShapes();
            Map<String, SDVariable> vars = new LinkedHashMap<>();
            for (String p : declared.trainableKeys()) {
                vars.put(p, sd.var(p, dataType, shapes.get(p)));
            }
            for (String b : declared.bufferKeys()) {
                vars.put(b, sd.placeHolder(b, dataType, shapes.get(b)));
            }

            GeoLayerContext ctx = new GeoLayerContext(sd, inputVar, vars, maskVar, training, dataType, declared,
                    c.getLayerName());
            SDVariable out = c.define(ctx);
            if (out == null || out.getSameDiff() != sd) {
                throw new IllegalStateException(describe() + ": define(ctx) must return a variable of ctx.sameDiff(), got "
                        + out);
            }
            for (String p : declared.trainableKeys()) {
                sd.associateArrayWithVariable(paramTable.get(p), sd.getVariable(p));
            }

            Map<String, String> updates = new LinkedHashMap<>();
            for (Map.Entry<String, SDVariable> e : ctx.bufferUpdates().entrySet()) {
                updates.put(e.getKey(), e.getValue().name());
            }
            List<String> targets = new ArrayList<>(declared.trainableKeys());
            targets.add(INPUT_NAME);
            if (training) {
                SDVariable eps = sd.placeHolder(EPSILON_NAME, dataType, (long[]) null);
                SDVariable loss = sd.sum(LOSS_NAME, out.mul(eps));
                sd.setLossVariables(loss);
            }
            return new LayerGraph(sd, out.name(), in.rank(), declared.bufferKeys(),
                    new LinkedHashSet<>(declared.trainableKeys()), updates, targets);
        }
    }

    /** One built graph and the names the runtime needs to drive it. */
    private static final class LayerGraph {
        final SameDiff sd;
        final String outputName;
        final int inputRank;
        final List<String> bufferNames;
        final Set<String> trainable;
        /** buffer name → name of the variable holding its post-step value. */
        final Map<String, String> bufferUpdates;
        final List<String> gradientTargets;

        LayerGraph(SameDiff sd, String outputName, int inputRank, List<String> bufferNames, Set<String> trainable,
                   Map<String, String> bufferUpdates, List<String> gradientTargets) {
            this.sd = sd;
            this.outputName = outputName;
            this.inputRank = inputRank;
            this.bufferNames = bufferNames;
            this.trainable = trainable;
            this.bufferUpdates = bufferUpdates;
            this.gradientTargets = gradientTargets;
        }
    }

    private void invalidateGraphs() {
        graphs = new LayerGraph[2][2];
        stashHoldsForwardValues = false;
    }

    // ------------------------------------------------------------------------------------------ helpers

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

    /** Per-thread session of {@code sd} allocating working memory and results in DL4J's workspaces. */
    private static void useMemory(SameDiff sd, LayerWorkspaceMgr mgr, ArrayType working, ArrayType result) {
        String wsWorking = mgr.isScopedOut(working) ? null : mgr.getWorkspaceName(working);
        String wsResult = mgr.isScopedOut(result) ? null : mgr.getWorkspaceName(result);
        if (!mgr.isScopedOut(result) && wsResult == null) {
            throw new IllegalStateException("Array type " + result + " must have a workspace or be scoped out");
        }
        DL4JSameDiffMemoryMgr mmgr = new DL4JSameDiffMemoryMgr(wsWorking, wsResult,
                mgr.getConfiguration(working), mgr.getConfiguration(result));
        long tid = Thread.currentThread().getId();
        InferenceSession is = sd.getSessions().get(tid);
        if (is == null) {
            is = SameDiff.getInferenceFactory().create(sd);
            sd.getSessions().put(tid, is);
        }
        is.setMmgr(mmgr);
    }

    /**
     * Returns {@code arr} if it already lives in the workspace of {@code type} (or is detached when that is scoped
     * out) and aliases nothing the caller may still touch; otherwise a copy there.
     */
    private static INDArray placeIn(LayerWorkspaceMgr mgr, ArrayType type, INDArray arr, INDArray... notAliased) {
        boolean alias = arr.isView();
        for (INDArray a : notAliased) {
            alias |= arr == a;
        }
        if (!alias) {
            if (mgr.isScopedOut(type)) {
                if (!arr.isAttached()) {
                    return arr;
                }
            } else if (arr.isAttached()
                    && mgr.getWorkspaceName(type).equals(arr.data().getParentWorkspace().getId())) {
                return arr;
            }
        }
        return mgr.dup(type, arr);      // into the workspace of `type`, or detached when that is scoped out
    }

    private RuntimeException executionFailure(String what, INDArray in, RuntimeException e) {
        return new IllegalStateException(describe() + ": SameDiff " + what + " failed for input shape "
                + Arrays.toString(in.shape()) + ": " + e.getMessage(), e);
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
        invalidateGraphs();
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
        stashHoldsForwardValues = false;
    }

    /** A new runtime with the same configuration and a detached copy of the parameters; graphs are rebuilt lazily. */
    @Override
    public Layer clone() {
        GeoSameDiffLayerRuntime c = new GeoSameDiffLayerRuntime(conf, dataType);
        c.setIndex(index);
        c.setListeners(new ArrayList<>(getListeners()));
        c.setParamsViewArray(params == null ? null : params.dup());
        return c;
    }
}
