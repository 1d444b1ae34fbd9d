package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;

/**
 * The parameter declaration of a {@link GeoSameDiffLayer}: trainable weights and biases (as in DL4J's
 * {@link SDLayerParams}) plus <b>non-trainable buffers</b> such as a batch-norm running mean.
 *
 * <p>All three kinds live in the layer's slice of the network's flat parameter vector, so ModelSerializer saves and
 * restores buffers with the weights. Flat layout (and {@link #getParameterKeys()} order):
 * <pre>
 *   [ weights (declaration order) | biases (declaration order) | buffers (declaration order) ]
 * </pre>
 * each reshaped with {@link GeoSameDiffLayer#paramReshapeOrder(String)}. Weights and biases are trainable; buffers get
 * a zero gradient, DL4J's {@code NoOp} updater and no regularization, and change only through
 * {@link GeoLayerContext#updateBuffer(String, org.nd4j.autodiff.samediff.SDVariable)} in a training forward pass.
 *
 * <p>Convention: DL4J's weight/bias distinction is kept (bias updater, bias regularization and bias constraints apply
 * to biases only); {@link org.deeplearning4j.nn.api.ParamInitializer#weightKeys} and {@code biasKeys} never list
 * buffers, so global weight/bias constraints do not touch them.
 */
public final class GeoLayerParams extends SDLayerParams {

    private static final long serialVersionUID = 1L;

    /** Names the runtime uses for its own graph variables; parameters may not take them. */
    static final Set<String> RESERVED_NAMES = Set.of(GeoSameDiffLayerRuntime.INPUT_NAME,
            GeoSameDiffLayerRuntime.MASK_NAME, GeoSameDiffLayerRuntime.EPSILON_NAME, GeoSameDiffLayerRuntime.LOSS_NAME);

    private final Map<String, long[]> buffers = new LinkedHashMap<>();

    /** Creates an empty declaration. */
    public GeoLayerParams() {
    }

    /**
     * Declares a trainable weight parameter (default updater, weight regularization, weight constraints).
     *
     * @param name  parameter name, unique within the layer
     * @param shape parameter shape, e.g. {@code [nIn, nOut]}
     */
    @Override
    public void addWeightParam(String name, long... shape) {
        checkNew(name, shape);
        super.addWeightParam(name, shape);
    }

    /**
     * Declares a trainable bias parameter (bias updater if set, bias regularization, bias constraints).
     *
     * @param name  parameter name, unique within the layer
     * @param shape parameter shape, e.g. {@code [1, nOut]}
     */
    @Override
    public void addBiasParam(String name, long... shape) {
        checkNew(name, shape);
        super.addBiasParam(name, shape);
    }

    /**
     * Declares a non-trainable buffer: stored with the parameters (saved by ModelSerializer), never differentiated,
     * never touched by the updater or regularization; updated in place only by a training forward pass through
     * {@link GeoLayerContext#updateBuffer}. Initial values are set by the layer's
     * {@link GeoSameDiffLayer#initializeParameters(Map)}.
     *
     * @param name  buffer name, unique within the layer
     * @param shape buffer shape, e.g. {@code [1, nIn]} for a running mean
     */
    public void addBuffer(String name, long... shape) {
        checkNew(name, shape);
        buffers.put(name, shape.clone());
    }

    private void checkNew(String name, long[] shape) {
        Objects.requireNonNull(name, "GeoLayerParams: parameter name must not be null");
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("GeoLayerParams: parameter \"" + name
                    + "\" needs a shape of rank >= 1, got " + Arrays.toString(shape));
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("GeoLayerParams: parameter name \"" + name
                    + "\" is reserved by the layer runtime " + RESERVED_NAMES + "; choose another name");
        }
        if (isWeightParam(name) || isBiasParam(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("GeoLayerParams: parameter \"" + name + "\" is declared twice");
        }
    }

    /** All parameter names in flat order: weights, biases, buffers. */
    @Override
    public List<String> getParameterKeys() {
        List<String> out = new ArrayList<>(getWeightParameterKeys());
        out.addAll(getBiasParameterKeys());
        out.addAll(buffers.keySet());
        return Collections.unmodifiableList(out);
    }

    /** Shapes of all parameters (weights, biases, buffers) in flat order. */
    @Override
    public Map<String, long[]> getParamShapes() {
        Map<String, long[]> out = new LinkedHashMap<>(super.getParamShapes());
        out.putAll(buffers);
        return out;
    }

    /** Names of the trainable parameters (weights then biases). */
    public List<String> trainableKeys() {
        List<String> out = new ArrayList<>(getWeightParameterKeys());
        out.addAll(getBiasParameterKeys());
        return Collections.unmodifiableList(out);
    }

    /** Names of the buffers in declaration order. */
    public List<String> bufferKeys() {
        return Collections.unmodifiableList(new ArrayList<>(buffers.keySet()));
    }

    /** Whether {@code name} is a declared buffer. */
    public boolean isBuffer(String name) {
        return buffers.containsKey(name);
    }

    /** Whether {@code name} is a declared trainable parameter (weight or bias). */
    public boolean isTrainable(String name) {
        return isWeightParam(name) || isBiasParam(name);
    }

    /** Whether {@code name} is declared at all. */
    public boolean isDeclared(String name) {
        return isTrainable(name) || isBuffer(name);
    }

    @Override
    public void clear() {
        super.clear();
        buffers.clear();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GeoLayerParams) || !super.equals(o)) {
            return false;
        }
        Map<String, long[]> other = ((GeoLayerParams) o).buffers;
        if (!buffers.keySet().equals(other.keySet())) {
            return false;
        }
        for (Map.Entry<String, long[]> e : buffers.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // key names only: DL4J's SDLayerParams.hashCode hashes long[] by identity, which breaks equals/hashCode
        return getParamShapes().keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GeoLayerParams{");
        for (Map.Entry<String, long[]> e : getParamShapes().entrySet()) {
            String kind = isWeightParam(e.getKey()) ? "weight" : isBiasParam(e.getKey()) ? "bias" : "buffer";
            sb.append(e.getKey()).append(':').append(kind).append(Arrays.toString(e.getValue())).append(' ');
        }
        return sb.append('}').toString();
    }
}
