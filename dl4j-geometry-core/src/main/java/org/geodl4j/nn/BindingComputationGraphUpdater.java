package org.geodl4j.nn;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ComputationGraphUpdater} plus parameter binding; the ComputationGraph twin of
 * {@link BindingMultiLayerUpdater} (manifold override keys are {@code vertexName_param}, as in
 * {@code graph.paramTable()}). Install it with {@link GeoUpdaters#attach(ComputationGraph)}.
 */
public class BindingComputationGraphUpdater extends ComputationGraphUpdater {

    private final Map<String, Manifold> manifoldOverrides;
    private final INDArray boundParams;

    /**
     * @param graph             an initialised graph
     * @param updaterState      the state array to use directly (not copied); {@code null} creates a fresh one
     * @param manifoldOverrides manifold per {@code graph.paramTable()} key, overriding {@link ManifoldAware}
     */
    public BindingComputationGraphUpdater(ComputationGraph graph, INDArray updaterState,
            Map<String, Manifold> manifoldOverrides) {
        super(graph, updaterState);
        this.manifoldOverrides = Map.copyOf(manifoldOverrides);
        this.boundParams = graph.params();
        UpdaterBlockBinder.bindAll(this, t -> ((GraphVertex) t).getVertexName(), this.manifoldOverrides);
    }

    /** The manifold overrides this updater was bound with. */
    public Map<String, Manifold> getManifoldOverrides() {
        return manifoldOverrides;
    }

    /** True if this updater is bound to {@code graph}'s current arrays with these overrides. */
    public boolean isBoundTo(ComputationGraph graph, Map<String, Manifold> overrides) {
        return network == graph && boundParams == graph.params() && manifoldOverrides.equals(overrides);
    }
}
