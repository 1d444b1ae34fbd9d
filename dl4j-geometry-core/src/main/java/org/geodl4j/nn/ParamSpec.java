package org.geodl4j.nn;

import java.util.Arrays;
import java.util.Objects;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The static description of one parameter: who it is (layer and parameter name), its shape, the order in which its
 * flat buffer is laid out ({@code 'f'} for a DL4J {@code DenseLayer} weight {@code [nIn, nOut]}, a SameDiff layer's
 * {@code paramReshapeOrder}, usually {@code 'c'}) and the manifold it lives on.
 *
 * <p>A {@link ParamSpec} is what a layer configuration knows about its parameter before any array exists. It is
 * attached (transiently) to a per-parameter updater clone by {@link ParamAwareUpdater#bindTo(ParamSpec)} and turned
 * into a {@link ParamSlot} (which adds the live value) by {@link #slotFor(INDArray)} when DL4J hands the parameter to
 * a {@link ParamTap}.
 *
 * <p>Immutable; {@code equals} compares every field (shape by content), because it takes part in
 * {@link org.nd4j.linalg.learning.config.IUpdater#equals}, which decides DL4J's updater blocks.
 */
public final class ParamSpec {

    private final String layerName;
    private final String paramName;
    private final long[] shape;
    private final char order;
    private final Manifold manifold;

    /**
     * @param layerName the layer's name ({@code Layer.getLayerName()}; may be {@code null} before the network named it)
     * @param paramName the parameter key in the layer's parameter table, e.g. {@code "W"}
     * @param shape     the parameter's shape
     * @param order     {@code 'c'} or {@code 'f'}: the layout of the parameter within DL4J's flat parameter and
     *                  gradient vectors
     * @param manifold  the manifold the parameter lives on ({@link Euclidean#INSTANCE} for plain weights)
     */
    public ParamSpec(String layerName, String paramName, long[] shape, char order, Manifold manifold) {
        this.layerName = layerName;
        this.paramName = Objects.requireNonNull(paramName, "paramName");
        this.shape = Objects.requireNonNull(shape, "shape").clone();
        if (order != 'c' && order != 'f') {
            throw new IllegalArgumentException("ParamSpec " + layerName + "/" + paramName
                    + ": expected order 'c' or 'f' but got '" + order + "'");
        }
        this.order = order;
        this.manifold = Objects.requireNonNull(manifold, "manifold");
    }

    /**
     * The spec of parameter {@code paramName} of a layer configuration: layer name from the configuration, manifold
     * from {@link ManifoldAware#manifoldOf(String)} when the configuration implements it, else {@link Euclidean}.
     */
    public static ParamSpec of(Layer layerConf, String paramName, long[] shape, char order) {
        Manifold manifold = layerConf instanceof ManifoldAware
                ? ((ManifoldAware) layerConf).manifoldOf(paramName) : Euclidean.INSTANCE;
        return new ParamSpec(layerConf.getLayerName(), paramName, shape, order, manifold);
    }

    /** The layer name ({@code null} if the layer was not named yet). */
    public String layerName() {
        return layerName;
    }

    /** The parameter key in the layer's parameter table. */
    public String paramName() {
        return paramName;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The flat layout, {@code 'c'} or {@code 'f'}. */
    public char order() {
        return order;
    }

    /** The manifold the parameter lives on. */
    public Manifold manifold() {
        return manifold;
    }

    /** Number of elements. */
    public long length() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /**
     * The slot of this parameter for one update, given DL4J's flat (1-D) view of the parameter's values: the value is
     * that view reshaped to {@link #shape()} with {@link #order()} (a live view, not a copy); the slot covers the whole
     * gradient the updater receives (offset 0).
     *
     * @throws IllegalArgumentException if the number of elements differs from the spec
     */
    public ParamSlot slotFor(INDArray flatParam) {
        if (flatParam.length() != length()) {
            throw new IllegalArgumentException(this + ": expected a parameter view of " + length()
                    + " elements but DL4J handed " + flatParam.length() + " (shape "
                    + Arrays.toString(flatParam.shape()) + ")");
        }
        INDArray value = Arrays.equals(flatParam.shape(), shape) ? flatParam : flatParam.reshape(order, shape);
        return new ParamSlot(layerName, paramName, value, 0, length(), order, manifold);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ParamSpec)) {
            return false;
        }
        ParamSpec that = (ParamSpec) o;
        return order == that.order && Objects.equals(layerName, that.layerName) && paramName.equals(that.paramName)
                && Arrays.equals(shape, that.shape) && manifold.equals(that.manifold);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerName, paramName, Arrays.hashCode(shape), order, manifold);
    }

    @Override
    public String toString() {
        return "ParamSpec(" + layerName + "/" + paramName + " " + Arrays.toString(shape) + " '" + order + "' on "
                + manifold.name() + ")";
    }
}
