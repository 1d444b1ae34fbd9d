package org.geodl4j.nn;

import java.util.Map;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.geodl4j.manifold.Manifold;

/**
 * Re-installs the binding updater wherever DL4J has rebuilt a plain one on a network that still carries this listener
 * ({@code NetworkUtils.setLearningRate}; ParallelWrapper workers, which get the wrapper's listeners — not tested
 * here):
 * in {@code onGradientCalculation}, which DL4J calls after computing the gradient and before running the updater, it
 * checks that the model's updater is a binding updater bound to the model's current parameter array and installs one
 * (keeping the state array) otherwise. The check is two reference comparisons per step.
 *
 * <p>Added once by {@link GeoUpdaters#attach}; it holds no reference to a network, only the manifold overrides, so it
 * can be shared by several networks of the same architecture.
 */
public final class BindingReattachListener extends BaseTrainingListener {

    private static final long serialVersionUID = 1L;

    private volatile Map<String, Manifold> manifoldOverrides;

    /** @param manifoldOverrides as in {@link GeoUpdaters#attach(MultiLayerNetwork, Map)} */
    public BindingReattachListener(Map<String, Manifold> manifoldOverrides) {
        this.manifoldOverrides = Map.copyOf(manifoldOverrides);
    }

    void setManifoldOverrides(Map<String, Manifold> manifoldOverrides) {
        this.manifoldOverrides = Map.copyOf(manifoldOverrides);
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (model instanceof MultiLayerNetwork) {
            GeoUpdaters.install((MultiLayerNetwork) model, manifoldOverrides);
        } else if (model instanceof ComputationGraph) {
            GeoUpdaters.install((ComputationGraph) model, manifoldOverrides);
        }
    }

    @Override
    public String toString() {
        return "BindingReattachListener(" + manifoldOverrides + ")";
    }
}
