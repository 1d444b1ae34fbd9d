package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.DL4JSameDiffMemoryMgr;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one SameDiff execution engine behind geodl4j's layer, output-layer and vertex runtimes
 * ({@link GeoSameDiffLayerRuntime}, {@link GeoSameDiffOutputLayerRuntime}, {@link GeoSameDiffVertexRuntime}).
 *
 * <p><b>Graphs.</b> One SameDiff graph per mode (training / inference) and per mask pattern (which inputs carry a
 * mask), each built lazily once, outside workspaces, by a {@link Definition}. Trainable parameters are graph variables
 * backed directly by the owner's parameter views; buffers are placeholders fed with their current values. The
 * training graph also holds a placeholder {@code ε} (dLoss/dout from above) and the scalar
 * <pre>  L = sum(out ⊙ ε)</pre>
 * as its loss, so {@code calculateGradients} returns the exact vector-Jacobian products
 * {@code ∂L/∂θ = (∂out/∂θ)ᵀ ε} and {@code ∂L/∂input_i = (∂out/∂input_i)ᵀ ε}. DL4J 1.0.0-M2.1's
 * {@code ExternalErrorsFunction} route doubles these (see {@code reference/dl4j-internals.md} §4).
 *
 * <p><b>Buffers.</b> A <em>fresh</em> training forward pass evaluates the declared buffer updates with the output and
 * assigns them in place; the pre-update values are kept in a private detached stash, so a later <em>replay</em>
 * forward or the backward pass recomputes exactly the forward that produced the output. The owner calls
 * {@link #forgetForwardBuffers()} whenever its input changes.
 *
 * <p><b>Workspaces.</b> SameDiff allocates through {@link DL4JSameDiffMemoryMgr}: working memory in
 * {@code FF_WORKING_MEM}/{@code BP_WORKING_MEM}, results in {@code ACTIVATIONS}/{@code ACTIVATION_GRAD} (detached when
 * DL4J scopes those out); a result outside the right workspace, or aliasing an input or a view, is duplicated there.
 * Placeholders and op inputs are cleared after every call, so no workspace array outlives it.
 */
final class GeoGraphEngine {

    /** Builds the output of one graph; called once per built graph. */
    interface Definition {
        /**
         * @param sd       the new graph
         * @param inputs   one placeholder per input (minibatch dimension -1)
         * @param masks    one entry per input: its mask placeholder or {@code null}
         * @param vars     declared name → graph variable (trainable) or placeholder (buffer)
         * @param training whether this is the training graph
         */
        Defined define(SameDiff sd, List<SDVariable> inputs, List<SDVariable> masks, Map<String, SDVariable> vars,
                       boolean training);
    }

    /** What a definition produced: the output and (training graphs only) buffer name → post-step value. */
    static final class Defined {
        final SDVariable output;
        final Map<String, SDVariable> bufferUpdates;

        Defined(SDVariable output, Map<String, SDVariable> bufferUpdates) {
            this.output = output;
            this.bufferUpdates = bufferUpdates;
        }
    }

    /** Result of a backward pass: parameter gradients (views of the owner's gradient table) and dL/dinput_i. */
    static final class Backward {
        final Gradient gradient;
        final INDArray[] inputGradients;

        Backward(Gradient gradient, INDArray[] inputGradients) {
            this.gradient = gradient;
            this.inputGradients = inputGradients;
        }
    }

    static final String EPSILON_NAME = GeoSameDiffLayerRuntime.EPSILON_NAME;
    static final String LOSS_NAME = GeoSameDiffLayerRuntime.LOSS_NAME;

    private final Supplier<String> who;
    private final Supplier<GeoLayerParams> declaredParams;
    private final DataType dataType;
    private final List<String> inputNames;
    private final List<String> maskNames;
    private final Definition definition;

    private Map<String, INDArray> paramTable = Collections.emptyMap();
    private final Map<Integer, Graph> graphs = new HashMap<>();
    /** Detached copies of buffer values before the last fresh training forward pass. */
    private final Map<String, INDArray> bufferStash = new LinkedHashMap<>();
    private boolean stashHoldsForwardValues;

    /**
     * @param who            describes the owner for messages, e.g. {@code layer "out" (index 2, MyLayer)}
     * @param declaredParams the owner's parameter declaration (read when a graph is built)
     * @param dataType       the network's floating-point type
     * @param inputNames     placeholder names of the inputs, in input order
     * @param maskNames      placeholder names of the masks, one per input
     * @param definition     builds a graph's output
     */
    GeoGraphEngine(Supplier<String> who, Supplier<GeoLayerParams> declaredParams, DataType dataType,
                   List<String> inputNames, List<String> maskNames, Definition definition) {
        this.who = who;
        this.declaredParams = declaredParams;
        this.dataType = dataType;
        this.inputNames = List.copyOf(inputNames);
        this.maskNames = List.copyOf(maskNames);
        this.definition = definition;
    }

    /** Number of inputs this engine's graphs take. */
    int numInputs() {
        return inputNames.size();
    }

    /** Uses {@code paramTable} (the owner's shaped parameter views) from now on; drops built graphs. */
    void setParamTable(Map<String, INDArray> paramTable) {
        this.paramTable = paramTable;
        graphs.clear();
        stashHoldsForwardValues = false;
    }

    /** Whether the last fresh training pass updated buffers, so a replay feeds their pre-update values. */
    boolean holdsForwardBuffers() {
        return stashHoldsForwardValues;
    }

    /** The input changed (or the owner was cleared): a replay or backward pass uses the current buffer values. */
    void forgetForwardBuffers() {
        stashHoldsForwardValues = false;
    }

    // ------------------------------------------------------------------------------------------ forward

    /**
     * Runs a forward pass.
     *
     * @param inputs   the inputs (already cast and validated), one per input name
     * @param masks    one entry per input (may be {@code null} entries or a {@code null} array)
     * @param training training or inference graph
     * @param fresh    {@code true}: a new forward pass (feeds the current buffers; a training pass updates them in
     *                 place); {@code false}: replays the last fresh training pass (feeds the pre-update buffer values
     *                 if that pass updated buffers) and changes nothing
     * @return the output, in the {@code ACTIVATIONS} workspace (or detached when that is scoped out)
     */
    INDArray forward(INDArray[] inputs, INDArray[] masks, boolean training, boolean fresh, LayerWorkspaceMgr mgr) {
        if (fresh) {
            stashHoldsForwardValues = false;
        }
        Graph g = graph(training, inputs, masks);
        Map<String, INDArray> ph = placeholders(g, inputs, masks, !fresh);
        List<String> outputs = new ArrayList<>();
        outputs.add(g.outputName);
        boolean updateBuffers = fresh && !g.bufferUpdates.isEmpty();
        if (updateBuffers) {
            for (String u : g.bufferUpdates.values()) {
                if (!outputs.contains(u)) {
                    outputs.add(u);
                }
            }
        }

        useMemory(g.sd, mgr, ArrayType.FF_WORKING_MEM, ArrayType.ACTIVATIONS);
        Map<String, INDArray> res;
        try {
            res = g.sd.output(ph, outputs);
        } catch (RuntimeException e) {
            throw executionFailure("forward pass", inputs, e);
        } finally {
            g.sd.clearPlaceholders(true);
            g.sd.clearOpInputs();
        }
        if (updateBuffers) {
            assignBufferUpdates(g, res);
        }
        return placeIn(mgr, ArrayType.ACTIVATIONS, res.get(g.outputName), inputs);
    }

    private void assignBufferUpdates(Graph g, Map<String, INDArray> res) {
        // check every shape before changing anything
        for (Map.Entry<String, String> e : g.bufferUpdates.entrySet()) {
            INDArray view = paramTable.get(e.getKey());
            INDArray v = res.get(e.getValue());
            if (!Arrays.equals(view.shape(), v.shape())) {
                throw new IllegalStateException(who.get() + ": updateBuffer(\"" + e.getKey() + "\") produced shape "
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

    /**
     * Back-propagates {@code epsilon} = dLoss/dout through the training graph (replaying the last fresh training
     * forward pass). Parameter gradients are assigned into {@code gradTable} (buffers and parameters the output does
     * not depend on get zero); the returned input gradients live in {@code ACTIVATION_GRAD} (or are detached).
     */
    Backward backward(INDArray[] inputs, INDArray[] masks, INDArray epsilon, Map<String, INDArray> gradTable,
                      LayerWorkspaceMgr mgr) {
        Graph g = graph(true, inputs, masks);
        if (!g.sd.hasGradientFunction()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                g.sd.createGradFunction(inputNames.toArray(new String[0]));
            }
        }
        Map<String, INDArray> ph = placeholders(g, inputs, masks, true);
        ph.put(EPSILON_NAME, epsilon.castTo(dataType));

        SameDiff gradFn = g.sd.getFunction("grad");
        useMemory(gradFn, mgr, ArrayType.BP_WORKING_MEM, ArrayType.ACTIVATION_GRAD);
        Map<String, INDArray> grads;
        try {
            grads = g.sd.calculateGradients(ph, g.gradientTargets);
        } catch (RuntimeException e) {
            throw executionFailure("backward pass", inputs, e);
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

        INDArray[] notAliased = Arrays.copyOf(inputs, inputs.length + 1);
        notAliased[inputs.length] = epsilon;
        INDArray[] dLdIn = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            INDArray d = grads.get(inputNames.get(i));
            dLdIn[i] = d == null ? mgr.create(ArrayType.ACTIVATION_GRAD, dataType, inputs[i].shape())
                    : placeIn(mgr, ArrayType.ACTIVATION_GRAD, d, notAliased);
        }
        return new Backward(ret, dLdIn);
    }

    // ------------------------------------------------------------------------------------------ graphs

    private Map<String, INDArray> placeholders(Graph g, INDArray[] inputs, INDArray[] masks, boolean replay) {
        Map<String, INDArray> ph = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            ph.put(inputNames.get(i), inputs[i]);
            if (maskAt(masks, i) != null) {
                ph.put(maskNames.get(i), masks[i]);
            }
        }
        for (String b : g.bufferNames) {
            INDArray stash = bufferStash.get(b);
            // a replay sees the values the fresh forward pass saw (before its in-place update)
            ph.put(b, replay && stashHoldsForwardValues && stash != null && g.bufferUpdates.containsKey(b)
                    ? stash : paramTable.get(b));
        }
        return ph;
    }

    private static INDArray maskAt(INDArray[] masks, int i) {
        return masks == null || i >= masks.length ? null : masks[i];
    }

    private Graph graph(boolean training, INDArray[] inputs, INDArray[] masks) {
        if (inputs.length != inputNames.size()) {
            throw new DL4JInvalidInputException(who.get() + ": expected " + inputNames.size() + " input(s), got "
                    + inputs.length);
        }
        int key = training ? 1 : 0;
        for (int i = 0; i < inputs.length; i++) {
            if (maskAt(masks, i) != null) {
                key |= 1 << (i + 1);
            }
        }
        Graph g = graphs.get(key);
        if (g == null) {
            g = buildGraph(training, inputs, masks);
            graphs.put(key, g);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].rank() != g.inputRanks[i]) {
                throw new DL4JInvalidInputException(who.get() + ": expected input " + (inputs.length > 1 ? i + " " : "")
                        + "of rank " + g.inputRanks[i] + " (as the first input it saw), got shape "
                        + Arrays.toString(inputs[i].shape()));
            }
        }
        return g;
    }

    private Graph buildGraph(boolean training, INDArray[] inputs, INDArray[] masks) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            GeoLayerParams declared = declaredParams.get();
            for (String p : declared.getParameterKeys()) {
                if (inputNames.contains(p) || maskNames.contains(p)) {
                    throw new IllegalStateException(who.get() + ": parameter name \"" + p + "\" collides with the "
                            + "runtime's placeholder names " + inputNames + " / " + maskNames + "; choose another name");
                }
            }
            SameDiff sd = SameDiff.create();
            // single-threaded holders let the graph use DL4J's parameter views directly (no copies)
            sd.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);

            List<SDVariable> inputVars = new ArrayList<>();
            List<SDVariable> maskVars = new ArrayList<>();
            int[] ranks = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                long[] inShape = inputs[i].shape().clone();
                inShape[0] = -1;
                ranks[i] = inputs[i].rank();
                inputVars.add(sd.placeHolder(inputNames.get(i), dataType, inShape));
                INDArray mask = maskAt(masks, i);
                if (mask != null) {
                    long[] maskShape = new long[mask.rank()];
                    Arrays.fill(maskShape, -1);
                    maskVars.add(sd.placeHolder(maskNames.get(i), dataType, maskShape));
                } else {
                    maskVars.add(null);
                }
            }
            Map<String, long[]> shapes = declared.getParamShapes();
            Map<String, SDVariable> vars = new LinkedHashMap<>();
            for (String p : declared.trainableKeys()) {
                vars.put(p, sd.var(p, dataType, shapes.get(p)));
            }
            for (String b : declared.bufferKeys()) {
                vars.put(b, sd.placeHolder(b, dataType, shapes.get(b)));
            }

            Defined d = definition.define(sd, Collections.unmodifiableList(inputVars),
                    Collections.unmodifiableList(maskVars), Collections.unmodifiableMap(vars), training);
            SDVariable out = d.output;
            if (out == null || out.getSameDiff() != sd) {
                throw new IllegalStateException(who.get() + ": define(ctx) must return a variable of ctx.sameDiff(), got "
                        + out);
            }
            for (String p : declared.trainableKeys()) {
                sd.associateArrayWithVariable(paramTable.get(p), sd.getVariable(p));
            }

            Map<String, String> updates = new LinkedHashMap<>();
            if (training) {
                for (Map.Entry<String, SDVariable> e : d.bufferUpdates.entrySet()) {
                    updates.put(e.getKey(), e.getValue().name());
                }
            }
            List<String> targets = new ArrayList<>(declared.trainableKeys());
            targets.addAll(inputNames);
            if (training) {
                SDVariable eps = sd.placeHolder(EPSILON_NAME, dataType, (long[]) null);
                SDVariable loss = sd.sum(LOSS_NAME, out.mul(eps));
                sd.setLossVariables(loss);
            }
            return new Graph(sd, out.name(), ranks, declared.bufferKeys(),
                    new LinkedHashSet<>(declared.trainableKeys()), updates, targets);
        }
    }

    /** One built graph and the names the engine needs to drive it. */
    private static final class Graph {
        final SameDiff sd;
        final String outputName;
        final int[] inputRanks;
        final List<String> bufferNames;
        final Set<String> trainable;
        /** buffer name → name of the variable holding its post-step value. */
        final Map<String, String> bufferUpdates;
        final List<String> gradientTargets;

        Graph(SameDiff sd, String outputName, int[] inputRanks, List<String> bufferNames, Set<String> trainable,
              Map<String, String> bufferUpdates, List<String> gradientTargets) {
            this.sd = sd;
            this.outputName = outputName;
            this.inputRanks = inputRanks;
            this.bufferNames = bufferNames;
            this.trainable = trainable;
            this.bufferUpdates = bufferUpdates;
            this.gradientTargets = gradientTargets;
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

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
    static INDArray placeIn(LayerWorkspaceMgr mgr, ArrayType type, INDArray arr, INDArray... notAliased) {
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

    private RuntimeException executionFailure(String what, INDArray[] inputs, RuntimeException e) {
        StringBuilder shapes = new StringBuilder();
        for (INDArray in : inputs) {
            shapes.append(shapes.length() == 0 ? "" : ", ").append(Arrays.toString(in.shape()));
        }
        return new IllegalStateException(who.get() + ": SameDiff " + what + " failed for input shape"
                + (inputs.length > 1 ? "s " : " ") + shapes + ": " + e.getMessage(), e);
    }
}
