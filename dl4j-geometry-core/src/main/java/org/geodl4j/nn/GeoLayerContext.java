package org.geodl4j.nn;

import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a {@link GeoSameDiffLayer} sees while it defines its computation: the graph, the input, its parameters and
 * buffers, the optional mask and whether the graph being built is the training or the inference graph.
 *
 * <p>The runtime builds (lazily, once each) one graph per mode — training and inference — and per mask presence, and
 * calls {@link GeoSameDiffLayer#define(GeoLayerContext)} once for each. A definition may therefore differ by mode:
 * batch statistics and noise when {@link #training()} is true, running statistics and no noise otherwise.
 *
 * <p>Convention (differs from DL4J's {@code SameDiffLayer.defineLayer}): {@link #mask()} is {@code null} when DL4J
 * supplies no mask; DL4J instead feeds an all-ones mask on every call, which costs an allocation and an op per call.
 */
public final class GeoLayerContext {

    private final SameDiff sameDiff;
    private final SDVariable input;
    private final Map<String, SDVariable> params;
    private final SDVariable mask;
    private final boolean training;
    private final DataType dataType;
    private final String layerName;
    private final BufferUpdates bufferUpdates;

    GeoLayerContext(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params, SDVariable mask,
                    boolean training, DataType dataType, GeoLayerParams declared, String layerName) {
        this.sameDiff = sameDiff;
        this.input = input;
        this.params = params;
        this.mask = mask;
        this.training = training;
        this.dataType = dataType;
        this.layerName = layerName;
        this.bufferUpdates = new BufferUpdates("Layer \"" + layerName + "\"", sameDiff, declared, training);
    }

    /** The graph under construction; create every op in it. */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /**
     * The layer input: a placeholder shaped like DL4J's first input to this layer with the minibatch dimension
     * {@code -1}. In training, DL4J dropout (if configured) has already been applied to the array fed here.
     */
    public SDVariable input() {
        return input;
    }

    /**
     * A declared parameter or buffer. Trainable parameters are graph variables backed by the layer's parameter views;
     * buffers are placeholders fed with the buffer's current value, so they are never differentiated.
     *
     * @param name a name declared in {@link GeoSameDiffLayer#defineParameters(GeoLayerParams)}
     * @throws IllegalArgumentException naming the layer and the declared names when {@code name} is unknown
     */
    public SDVariable param(String name) {
        SDVariable v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Layer \"" + layerName + "\": no parameter or buffer named \"" + name
                    + "\"; declared: " + params.keySet());
        }
        return v;
    }

    /** The mask placeholder, or {@code null} when DL4J gave this layer no mask (no all-ones mask is fabricated). */
    public SDVariable mask() {
        return mask;
    }

    /** Whether this is the training graph (used by {@code activate(true)} and by every backward pass). */
    public boolean training() {
        return training;
    }

    /** The network's floating-point data type (parameters, input and output). */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Declares the value a buffer takes after a training forward pass: the runtime evaluates {@code newValue} together
     * with the output of {@code activate(true)} and assigns it in place to the buffer's parameter view. Inference
     * graphs never change buffers, so in an inference definition this call is accepted and ignored (a definition may
     * call it unconditionally). {@code newValue} must have exactly the buffer's shape (checked when it is assigned).
     *
     * <p>Example (running mean with momentum 0.9): {@code ctx.updateBuffer("mean",
     * ctx.param("mean").mul(0.9).add(batchMean.mul(0.1)))}.
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
