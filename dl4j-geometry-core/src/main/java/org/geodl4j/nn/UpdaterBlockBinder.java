package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Walks the updater blocks of a freshly built DL4J network updater and binds every
 * {@link ParamAwareGradientUpdater} to its parameters (shared by {@link BindingMultiLayerUpdater} and
 * {@link BindingComputationGraphUpdater}).
 *
 * <p>Per parameter of a block (DL4J's {@code UpdaterBlock.ParamState}): value = the layer's
 * {@code paramTable(false)} entry (a live shaped view, checked to start where the block's flat parameter slice
 * starts), offset = parameter start − block start, order = the layout read from the view's strides (DL4J creates
 * gradient views with the same order as parameter views: {@code 'f'} for {@code DenseLayer} W, SameDiff layers'
 * {@code paramReshapeOrder}), manifold = the user override for the parameter's network key, else
 * {@link ManifoldAware#manifoldOf} of the layer configuration, else {@link Euclidean}.
 */
final class UpdaterBlockBinder {

    private UpdaterBlockBinder() {
    }

    /**
     * Binds all param-aware updaters of {@code updater}.
     *
     * @param networkKeyPrefix the prefix of a layer's parameters in the network's {@code paramTable()} keys (the layer
     *                         index in a MultiLayerNetwork, the vertex name in a ComputationGraph); a parameter's key
     *                         is {@code prefix + "_" + paramName}
     * @param overrides        manifold per network key, taking precedence over {@link ManifoldAware}
     * @throws IllegalArgumentException if an override names no parameter of the network
     */
    static void bindAll(BaseMultiLayerUpdater<?> updater, Function<Trainable, String> networkKeyPrefix,
            Map<String, Manifold> overrides) {
        Set<String> unusedOverrides = new HashSet<>(overrides.keySet());
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                unusedOverrides.remove(networkKeyPrefix.apply(ps.getLayer()) + "_" + ps.getParamName());
            }
        }
        if (!unusedOverrides.isEmpty()) {
            throw new IllegalArgumentException("GeoUpdaters.attach: manifold overrides " + unusedOverrides
                    + " name no trainable parameter; keys are those of net.paramTable(), e.g. \"0_W\" in a "
                    + "MultiLayerNetwork or \"dense_W\" in a ComputationGraph");
        }
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (!(block.getGradientUpdater() instanceof ParamAwareGradientUpdater)) {
                continue;
            }
            List<ParamSlot> slots = new ArrayList<>();
            for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
                long length = (long) ps.getParamOffsetEnd() - ps.getParamOffsetStart();
                if (length == 0) {
                    continue;
                }
                Trainable layer = ps.getLayer();
                TrainingConfig conf = layer.getConfig();
                String param = ps.getParamName();
                String who = conf.getLayerName() + "/" + param;
                INDArray value = layer.paramTable(false).get(param);
                checkViewOfFlatParams(value, ps.getParamView(), length, who);
                Manifold manifold = overrides.get(networkKeyPrefix.apply(layer) + "_" + param);
                if (manifold == null) {
                    manifold = conf instanceof ManifoldAware ? ((ManifoldAware) conf).manifoldOf(param)
                            : Euclidean.INSTANCE;
                }
                slots.add(new ParamSlot(conf.getLayerName(), param, value,
                        (long) ps.getParamOffsetStart() - block.getParamOffsetStart(), length,
                        layoutOrder(value, who), manifold));
            }
            if (!slots.isEmpty()) {
                ((ParamAwareGradientUpdater<?>) block.getGradientUpdater()).bind(slots);
            }
        }
    }

    /** The value must be a live view beginning exactly where DL4J's flat parameter slice of it begins. */
    private static void checkViewOfFlatParams(INDArray value, INDArray flatSlice, long length, String who) {
        if (value == null) {
            throw new IllegalStateException(who + ": the layer's paramTable(false) has no such parameter");
        }
        if (value.length() != length || flatSlice == null || value.data().address() != flatSlice.data().address()
                || value.offset() != flatSlice.offset()) {
            throw new IllegalStateException(who + ": the layer's parameter array (shape "
                    + java.util.Arrays.toString(value.shape()) + ") is not a view of the network's flat parameters at "
                    + "the position DL4J's updater uses; cannot bind it");
        }
    }

    /**
     * {@code 'c'} or {@code 'f'}: the layout of a contiguous view, read from its strides (size-1 axes ignored;
     * vectors are {@code 'c'}).
     */
    static char layoutOrder(INDArray value, String who) {
        long[] shape = value.shape();
        long[] stride = value.stride();
        if (isContiguous(shape, stride, 'c')) {
            return 'c';
        }
        if (isContiguous(shape, stride, 'f')) {
            return 'f';
        }
        throw new IllegalStateException(who + ": parameter view of shape " + java.util.Arrays.toString(shape)
                + " has strides " + java.util.Arrays.toString(stride) + ", neither 'c' nor 'f' contiguous");
    }

    private static boolean isContiguous(long[] shape, long[] stride, char order) {
        long expected = 1;
        for (int k = 0; k < shape.length; k++) {
            int i = order == 'c' ? shape.length - 1 - k : k;
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }
}
