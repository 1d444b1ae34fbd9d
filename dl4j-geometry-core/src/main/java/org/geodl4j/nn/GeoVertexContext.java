package org.geodl4j.nn;

import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a {@link GeoSameDiffVertex} sees while it defines its computation: the graph, its inputs (in the order the
 * ComputationGraph lists them), their masks, its parameters and buffers, and whether the graph being built is the
 * training or the inference graph. The vertex twin of {@link GeoLayerContext}.
 *
 * <p>The runtime builds (lazily, once each) one graph per mode and per mask pattern (which inputs carry a mask) and
 * calls {@link GeoSameDiffVertex#define(GeoVertexContext)} once for each.
 *
 * <p>Convention (differs from DL4J's {@code SameDiffVertex.defineVertex}): inputs come as a list, not a map keyed by
 * declared names; a mask entry is {@code null} when DL4J gives that input no mask (no all-ones mask is fabricated).
 */
public final class GeoVertexContext {

    private final SameDiff sameDiff;
    private final List<SDVariable> inputs;
    private final List<SDVariable> masks;
    private final Map<String, SDVariable> params;
    private final boolean training;
    private final DataType dataType;
    private final String vertexName;
    private final BufferUpdates bufferUpdates;

    GeoVertexContext(SameDiff sameDiff, List<SDVariable> inputs, List<SDVariable> masks,
                     Map<String, SDVariable> params, boolean training, DataType dataType, GeoLayerParams declared,
                     String vertexName) {
        this.sameDiff = sameDiff;
        this.inputs = inputs;
        this.masks = masks;
        this.params = params;
        this.training = training;
        this.dataType = dataType;
        this.vertexName = vertexName;
        this.bufferUpdates = new BufferUpdates("Vertex \"" + vertexName + "\"", sameDiff, declared, training);
    }

    /** The graph under construction; create every op in it. */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /**
     * The inputs, one placeholder per input vertex in the order given to {@code addVertex(name, vertex, inputs...)},
     * each shaped like DL4J's first array for it with the minibatch dimension {@code -1}. Unmodifiable.
     */
    public List<SDVariable> inputs() {
        return inputs;
    }

    /** Input {@code i} (shorthand for {@code inputs().get(i)}). */
    public SDVariable input(int i) {
        if (i < 0 || i >= inputs.size()) {
            throw new IndexOutOfBoundsException("Vertex \"" + vertexName + "\": input " + i + " requested, the vertex "
                    + "has " + inputs.size() + " input(s)");
        }
        return inputs.get(i);
    }

    /** One entry per input: its mask placeholder, or {@code null} when that input has no mask. Unmodifiable. */
    public List<SDVariable> masks() {
        return masks;
    }

    /** The mask of input {@code i}, or {@code null}. */
    public SDVariable mask(int i) {
        return masks.get(i);
    }

    /**
     * A declared parameter or buffer (graph variable backed by the vertex's parameter view, resp. placeholder fed with
     * the buffer's value).
     *
     * @throws IllegalArgumentException naming the vertex and the declared names when {@code name} is unknown
     */
    public SDVariable param(String name) {
        SDVariable v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Vertex \"" + vertexName + "\": no parameter or buffer named \"" + name
                    + "\"; declared: " + params.keySet());
        }
        return v;
    }

    /** Whether this is the training graph (used by {@code doForward(true)} and by every backward pass). */
    public boolean training() {
        return training;
    }

    /** The network's floating-point data type. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Declares the value a buffer takes after a training forward pass, exactly as
     * {@link GeoLayerContext#updateBuffer(String, SDVariable)}.
     *
     * @throws IllegalArgumentException if {@code name} is not a declared buffer or is updated twice
     */
    public void updateBuffer(String name, SDVariable newValue) {
        bufferUpdates.declare(name, newValue);
    }

    /** Buffer name → variable holding its post-step value (training graphs only). */
    Map<String, SDVariable> bufferUpdates() {
        return bufferUpdates.updates();
    }
}
