package org.geodl4j.nn;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration-level parameter binding for geodl4j's own layers: with it a layer's parameters reach a
 * {@link ParamAwareGradientUpdater} with value, shape and manifold and no {@link GeoUpdaters#attach} step, on every
 * path DL4J trains (fit, clone, ModelSerializer restore, ComputationGraph, ParallelWrapper, early stopping), because
 * everything is derived from the layer configuration each time DL4J builds its updater.
 *
 * <p>A layer configuration calls both helpers from its {@code TrainingConfig} methods:
 * <pre>
 * public IUpdater getUpdaterByParam(String p) {
 *     return ParamBinding.bindUpdater(spec(p), super.getUpdaterByParam(p));
 * }
 * public List&lt;Regularization&gt; getRegularizationByParam(String p) {
 *     return ParamBinding.tapRegularization(spec(p), getUpdaterByParam(p), super.getRegularizationByParam(p));
 * }
 * // spec(p) = ParamSpec.of(this, p, shapeOf(p), orderOf(p))  (manifold from ManifoldAware)
 * </pre>
 * {@link #bindUpdater} gives every parameter its own updater block (the bound clone's {@code equals} includes the
 * spec); {@link #tapRegularization} appends a {@link ParamTap} that hands the parameter's 1-D view to that block's
 * {@code applyUpdater}. Both return the inputs unchanged when the updater is not a {@link ParamAwareUpdater}, so
 * ordinary updaters keep DL4J's block merging and behaviour exactly.
 *
 * <p>Serialisation is unaffected: the layer stores its unbound updater and its own regularization list; bound clones
 * and taps are created per call and never stored in the configuration.
 */
public final class ParamBinding {

    private ParamBinding() {
    }

    /**
     * The updater DL4J should use for the parameter described by {@code spec}: a clone of {@code updater} bound to
     * {@code spec} if it is a {@link ParamAwareUpdater}, else {@code updater} itself. {@code null} stays {@code null}.
     */
    public static IUpdater bindUpdater(ParamSpec spec, IUpdater updater) {
        if (updater instanceof ParamAwareUpdater) {
            ParamAwareUpdater u = (ParamAwareUpdater) updater;
            if (spec.equals(u.boundSpec())) {
                return u;
            }
            return u.bindTo(spec);
        }
        return updater;
    }

    /**
     * Convenience: {@link #bindUpdater(ParamSpec, IUpdater)} with {@code ParamSpec.of(layerConf, paramName, shape,
     * order)}.
     */
    public static IUpdater bindUpdater(Layer layerConf, String paramName, long[] shape, char order, IUpdater updater) {
        return bindUpdater(ParamSpec.of(layerConf, paramName, shape, order), updater);
    }

    /**
     * The regularizations DL4J should apply to the parameter described by {@code spec}: a new list of
     * {@code regularization} (may be {@code null}) plus a {@link ParamTap} for the parameter if {@code updater} (the
     * one {@code getUpdaterByParam} returns for it) is a {@link ParamAwareUpdater}; otherwise
     * {@code regularization} unchanged.
     */
    public static List<Regularization> tapRegularization(ParamSpec spec, IUpdater updater,
            List<Regularization> regularization) {
        if (!(updater instanceof ParamAwareUpdater)) {
            return regularization;
        }
        List<Regularization> out = new ArrayList<>();
        if (regularization != null) {
            for (Regularization r : regularization) {
                if (!(r instanceof ParamTap)) {
                    out.add(r);
                }
            }
        }
        out.add(ParamTap.forParam(spec));
        return out;
    }

    /**
     * Convenience: {@link #tapRegularization(ParamSpec, IUpdater, List)} with {@code ParamSpec.of(layerConf,
     * paramName, shape, order)}.
     */
    public static List<Regularization> tapRegularization(Layer layerConf, String paramName, long[] shape, char order,
            IUpdater updater, List<Regularization> regularization) {
        return tapRegularization(ParamSpec.of(layerConf, paramName, shape, order), updater, regularization);
    }
}
