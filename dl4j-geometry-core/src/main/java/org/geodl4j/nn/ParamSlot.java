package org.geodl4j.nn;

import java.util.Arrays;
import java.util.Objects;

import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One parameter as a param-aware updater sees it during {@code applyUpdater(gradient, ...)}: its name, its live
 * shaped value, where its gradient sits inside the gradient the updater receives, and its manifold.
 *
 * <p><b>Value.</b> {@link #value()} is a live view of the network's parameter (DL4J's {@code paramTable(false)} entry,
 * SameDiff's variable array): it always shows the current point {@code x}. Read it; never write it — DL4J applies
 * the step itself by subtracting what the updater wrote into the gradient.
 *
 * <p><b>Gradient.</b> A slot stores no gradient array, only the position {@code [offset, offset + length)} of the
 * parameter inside the (flat) gradient block and its {@link #order()}, because the gradient array object DL4J passes
 * to {@code applyUpdater} is not the same from call to call (DL4J's {@code UpdaterBlock.updateExternalGradient} path,
 * taken by every ordinary {@code fit}, slices a fresh reshape of the network gradient; other callers pass gradients
 * of another network altogether). {@link #gradientIn(INDArray)} returns the shaped view into the array actually
 * received, so writing the update into it is correct on every path.
 *
 * <p><b>Layout.</b> DL4J lays each parameter into the flat vectors with the layer's own order: {@code DenseLayer}'s
 * {@code W [nIn, nOut]} in {@code 'f'}, SameDiff layers with {@code paramReshapeOrder} (default {@code 'c'}).
 *
 * @param layerName the layer (or graph vertex) name; {@code "SameDiff"} for variables trained by {@code SameDiff.fit}
 * @param paramName the parameter key in the layer's parameter table, or the SameDiff variable name
 * @param value     live view of the parameter, shaped
 * @param offset    start of the parameter within the gradient block passed to {@code applyUpdater}
 * @param length    number of elements
 * @param order     flat layout of the parameter ({@code 'c'} or {@code 'f'})
 * @param manifold  the manifold the parameter lives on
 */
public record ParamSlot(String layerName, String paramName, INDArray value, long offset, long length, char order,
        Manifold manifold) {

    /** Validates the slot: the value's length must equal {@code length}, order must be 'c' or 'f'. */
    public ParamSlot {
        Objects.requireNonNull(paramName, "paramName");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(manifold, "manifold");
        if (value.length() != length) {
            throw new IllegalArgumentException("ParamSlot " + layerName + "/" + paramName + ": value has "
                    + value.length() + " elements but the slot length is " + length);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("ParamSlot " + layerName + "/" + paramName + ": negative offset "
                    + offset);
        }
        if (order != 'c' && order != 'f') {
            throw new IllegalArgumentException("ParamSlot " + layerName + "/" + paramName
                    + ": expected order 'c' or 'f' but got '" + order + "'");
        }
    }

    /** The parameter's shape (that of {@link #value()}). */
    public long[] shape() {
        return value.shape();
    }

    /** {@code layerName/paramName}, for messages. */
    public String who() {
        return layerName + "/" + paramName;
    }

    /**
     * The shaped view of this parameter's gradient inside {@code blockGradient}, the array the updater received in
     * {@code applyUpdater}. Writing into the returned array writes into {@code blockGradient}.
     *
     * <p>Accepts DL4J's flat block gradient (elements {@code [offset, offset + length)} reshaped with
     * {@link #order()}) and SameDiff's full-shaped gradient (returned as is when it already has the parameter's
     * shape and the slot spans it).
     *
     * @throws IllegalArgumentException if {@code blockGradient} is too short for this slot
     * @throws IllegalStateException    if ND4J could not produce a view (the update would be lost)
     */
    public INDArray gradientIn(INDArray blockGradient) {
        long[] shape = value.shape();
        if (offset == 0 && blockGradient.length() == length && Arrays.equals(blockGradient.shape(), shape)) {
            return blockGradient;
        }
        if (blockGradient.length() < offset + length) {
            throw new IllegalArgumentException("ParamSlot " + who() + ": expected a gradient block of at least "
                    + (offset + length) + " elements but the updater received " + blockGradient.length()
                    + " (shape " + Arrays.toString(blockGradient.shape()) + ")");
        }
        if (blockGradient.rank() != 1) {
            throw new IllegalArgumentException("ParamSlot " + who() + ": expected a flat (rank 1) gradient block but "
                    + "the updater received shape " + Arrays.toString(blockGradient.shape()));
        }
        INDArray part = offset == 0 && length == blockGradient.length()
                ? blockGradient : blockGradient.get(NDArrayIndex.interval(offset, offset + length));
        INDArray shaped = part.reshape(order, shape);
        if (shaped.data().address() != blockGradient.data().address()) {
            throw new IllegalStateException("ParamSlot " + who() + ": ND4J copied instead of viewing the gradient "
                    + "slice; an update written there would be lost");
        }
        return shaped;
    }

    @Override
    public String toString() {
        return "ParamSlot(" + who() + " " + Arrays.toString(value.shape()) + " '" + order + "' @" + offset + "+"
                + length + " on " + manifold.name() + ")";
    }
}
