package org.geodl4j.nn;

import java.util.Map;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link MultiLayerUpdater} plus parameter binding: after DL4J has built its updater blocks, every
 * {@link ParamAwareGradientUpdater} is bound to its parameters' live shaped views, offsets, layouts and manifolds
 * (see {@link UpdaterBlockBinder}). Blocks, flat state layout and the update arithmetic are DL4J's own, so the state
 * array is interchangeable with a plain {@link MultiLayerUpdater}'s (ModelSerializer saves and restores it as usual).
 *
 * <p>Install it with {@link GeoUpdaters#attach(MultiLayerNetwork)}, which keeps the existing state.
 */
public class BindingMultiLayerUpdater extends MultiLayerUpdater {

    private final Map<String, Manifold> manifoldOverrides;
    private final INDArray boundParams;

    /**
     * @param network           an initialised network
     * @param updaterState      the state array to use directly (not copied), e.g. the current updater's
     *                          {@code getStateViewArray()}; {@code null} creates and initialises a fresh one
     * @param manifoldOverrides manifold per {@code net.paramTable()} key (e.g. {@code "0_W"}), overriding
     *                          {@link ManifoldAware}
     */
    public BindingMultiLayerUpdater(MultiLayerNetwork network, INDArray updaterState,
            Map<String, Manifold> manifoldOverrides) {
        super(network, updaterState);
        this.manifoldOverrides = Map.copyOf(manifoldOverrides);
        this.boundParams = network.params();
        UpdaterBlockBinder.bindAll(this, t -> String.valueOf(((org.deeplearning4j.nn.api.Layer) t).getIndex()),
                this.manifoldOverrides);
    }

    /** The manifold overrides this updater was bound with. */
    public Map<String, Manifold> getManifoldOverrides() {
        return manifoldOverrides;
    }

    /**
     * True if this updater is bound to {@code net}'s current arrays with these overrides (false after
     * {@code net.init(...)} replaced the parameter array).
     */
    public boolean isBoundTo(MultiLayerNetwork net, Map<String, Manifold> overrides) {
        return network == net && boundParams == net.params() && manifoldOverrides.equals(overrides);
    }

    /** A fresh binding updater for the same network (fresh state, as {@link MultiLayerUpdater#clone()}). */
    @Override
    public Updater clone() {
        return new BindingMultiLayerUpdater(network, null, manifoldOverrides);
    }
}
