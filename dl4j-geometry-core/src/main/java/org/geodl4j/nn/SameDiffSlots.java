package org.geodl4j.nn;

import java.util.IdentityHashMap;
import java.util.Map;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Names the parameter array SameDiff's {@code TrainingSession} hands to a regularization (it passes the variable's
 * own array, {@code Variable.getVariable().getArr()}, without its name) by array identity, and builds its
 * {@link ParamSlot} with the manifold from the user's map (Euclidean when absent).
 */
final class SameDiffSlots {

    /** {@link ParamSlot#layerName()} of SameDiff variables. */
    static final String LAYER_NAME = "SameDiff";

    private final SameDiff sd;
    private final Map<String, Manifold> manifolds;
    private final Map<INDArray, String> namesByArray = new IdentityHashMap<>();

    SameDiffSlots(SameDiff sd, Map<String, Manifold> manifolds) {
        this.sd = sd;
        this.manifolds = Map.copyOf(manifolds);
    }

    ParamSlot slotFor(INDArray param) {
        String name = namesByArray.get(param);
        if (name == null) {
            rebuildNames();
            name = namesByArray.get(param);
        }
        if (name == null) {
            throw new IllegalStateException("ParamTap(SameDiff): the parameter array handed by SameDiff (shape "
                    + java.util.Arrays.toString(param.shape()) + ") is not the array of any trainable variable of "
                    + "the SameDiff instance passed to GeoSameDiff.attach(sd, manifolds); attach the instance being "
                    + "trained");
        }
        Manifold m = manifolds.getOrDefault(name, Euclidean.INSTANCE);
        char order = param.rank() >= 2 ? param.ordering() : 'c';
        return new ParamSlot(LAYER_NAME, name, param, 0, param.length(), order, m);
    }

    private void rebuildNames() {
        namesByArray.clear();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && v.getArr() != null) {
                namesByArray.put(v.getArr(), v.name());
            }
        }
    }
}
