package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one call that lets param-aware updaters ({@link ParamAwareGradientUpdater}: Muon, Riemannian SGD/Adam, RLO)
 * train parameters of <em>any</em> DL4J layer of a network.
 *
 * <pre>
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * GeoUpdaters.attach(net);      // idempotent
 * net.fit(iter);
 * </pre>
 *
 * <p>{@code attach} (1) installs a {@link BindingMultiLayerUpdater} / {@link BindingComputationGraphUpdater} that
 * reuses the current updater state array as is (no reset: attaching mid-training continues exactly), and (2) adds a
 * {@link BindingReattachListener} once, which re-installs the binding updater in {@code onGradientCalculation}
 * whenever DL4J has replaced it. Calling it again changes nothing (same updater object, same state, one listener),
 * unless the manifold overrides differ, which re-binds.
 *
 * <p><b>When {@code attach} is needed again.</b>
 * <ul>
 *   <li>{@code NetworkUtils.setLearningRate(net, ...)} rebuilds a plain updater (state carried over): healed
 *       automatically by the listener at the next step.</li>
 *   <li>Clones and restored networks: call {@code attach} on the new network. {@code MultiLayerNetwork.clone()}
 *       does not copy listeners; {@code ComputationGraph.clone()} shares the listener list but builds the clone's
 *       solver before setting it, so the solver has none (whenever the original has a solver, which {@code attach}
 *       creates); {@code ModelSerializer} saves the updater state but no listeners. Until {@code attach} is called,
 *       a param-aware updater throws an {@link IllegalStateException} naming this call at the first training
 *       step; it never trains silently without its parameters. Inference is unaffected.</li>
 *   <li>{@code net.setListeners(...)} replaces all listeners, including ours: call {@code attach} afterwards
 *       (or use {@code addListeners}).</li>
 * </ul>
 * Parameters of geodl4j's own layers are bound at configuration level ({@link ParamBinding}) and need none of this.
 */
public final class GeoUpdaters {

    private GeoUpdaters() {
    }

    /** {@link #attach(MultiLayerNetwork, Map)} without manifold overrides. */
    public static MultiLayerNetwork attach(MultiLayerNetwork net) {
        return attach(net, Map.of());
    }

    /**
     * Binds the param-aware updaters of {@code net} (see the class documentation).
     *
     * @param net               an initialised network
     * @param manifoldOverrides manifold per {@code net.paramTable()} key (e.g. {@code "0_W"}), overriding the layers'
     *                          {@link ManifoldAware} declarations; other parameters are Euclidean
     * @return {@code net}
     * @throws IllegalStateException    if {@code net.init()} was not called
     * @throws IllegalArgumentException if an override key names no parameter
     */
    public static MultiLayerNetwork attach(MultiLayerNetwork net, Map<String, Manifold> manifoldOverrides) {
        Objects.requireNonNull(net, "net");
        if (net.getLayers() == null || net.params() == null) {
            throw new IllegalStateException("GeoUpdaters.attach: the MultiLayerNetwork is not initialised; call "
                    + "net.init() first");
        }
        Map<String, Manifold> overrides = Map.copyOf(manifoldOverrides);
        install(net, overrides);
        net.setListeners(withReattachListener(net.getListeners(), overrides));
        return net;
    }

    /** {@link #attach(ComputationGraph, Map)} without manifold overrides. */
    public static ComputationGraph attach(ComputationGraph graph) {
        return attach(graph, Map.of());
    }

    /**
     * Binds the param-aware updaters of {@code graph}; as {@link #attach(MultiLayerNetwork, Map)}, with override keys
     * {@code vertexName_param} as in {@code graph.paramTable()}.
     */
    public static ComputationGraph attach(ComputationGraph graph, Map<String, Manifold> manifoldOverrides) {
        Objects.requireNonNull(graph, "graph");
        if (graph.getVertices() == null || graph.params() == null) {
            throw new IllegalStateException("GeoUpdaters.attach: the ComputationGraph is not initialised; call "
                    + "graph.init() first");
        }
        Map<String, Manifold> overrides = Map.copyOf(manifoldOverrides);
        install(graph, overrides);
        graph.setListeners(withReattachListener(graph.getListeners(), overrides));
        return graph;
    }

    /** True if {@code net}'s current updater is a binding updater bound to its current parameters. */
    public static boolean isAttached(MultiLayerNetwork net) {
        Updater u = net.getUpdater(false);
        return u instanceof BindingMultiLayerUpdater && ((BindingMultiLayerUpdater) u).isBoundTo(net,
                ((BindingMultiLayerUpdater) u).getManifoldOverrides());
    }

    /** True if {@code graph}'s current updater is a binding updater bound to its current parameters. */
    public static boolean isAttached(ComputationGraph graph) {
        ComputationGraphUpdater u = graph.getUpdater(false);
        return u instanceof BindingComputationGraphUpdater && ((BindingComputationGraphUpdater) u).isBoundTo(graph,
                ((BindingComputationGraphUpdater) u).getManifoldOverrides());
    }

    /**
     * Installs a binding updater unless one bound to {@code net}'s current arrays with {@code overrides} is in place;
     * the current updater's state array is reused directly. Returns true if it installed one.
     */
    static boolean install(MultiLayerNetwork net, Map<String, Manifold> overrides) {
        Updater current = net.getUpdater(false);
        if (current instanceof BindingMultiLayerUpdater
                && ((BindingMultiLayerUpdater) current).isBoundTo(net, overrides)) {
            return false;
        }
        INDArray state = current == null ? null : current.getStateViewArray();
        net.setUpdater(new BindingMultiLayerUpdater(net, state, overrides));
        return true;
    }

    /** The ComputationGraph twin of {@link #install(MultiLayerNetwork, Map)}. */
    static boolean install(ComputationGraph graph, Map<String, Manifold> overrides) {
        ComputationGraphUpdater current = graph.getUpdater(false);
        if (current instanceof BindingComputationGraphUpdater
                && ((BindingComputationGraphUpdater) current).isBoundTo(graph, overrides)) {
            return false;
        }
        INDArray state = current == null ? null : current.getStateViewArray();
        graph.setUpdater(new BindingComputationGraphUpdater(graph, state, overrides));
        return true;
    }

    /**
     * A copy of {@code listeners} containing exactly one {@link BindingReattachListener} with {@code overrides}.
     * The caller passes it to {@code setListeners}, which also hands it to the network's solver: DL4J does not
     * (a {@code ComputationGraph.clone()} shares the listener list but its solver has none).
     */
    private static List<TrainingListener> withReattachListener(Collection<TrainingListener> listeners,
            Map<String, Manifold> overrides) {
        List<TrainingListener> out = new ArrayList<>();
        boolean found = false;
        if (listeners != null) {
            for (TrainingListener l : listeners) {
                if (l instanceof BindingReattachListener) {
                    if (found) {
                        continue;
                    }
                    ((BindingReattachListener) l).setManifoldOverrides(overrides);
                    found = true;
                }
                out.add(l);
            }
        }
        if (!found) {
            out.add(new BindingReattachListener(overrides));
        }
        return out;
    }
}
