package org.geodl4j.nn;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A {@link GradientUpdater} that needs, per parameter, what DL4J does not give it: the parameter's live value, its
 * shape and layout, its name and its manifold (Muon needs the 2-D shape, Riemannian SGD/Adam need the point
 * {@code x} and the manifold, RLO needs a norm over every parameter).
 *
 * <p><b>How the information arrives.</b> Two routes, both delivering {@link ParamSlot}s, all resolved by one
 * {@link SlotBinding} the implementation holds:
 * <ol>
 *   <li>{@link #bind(List)} — called by {@link BindingMultiLayerUpdater} / {@link BindingComputationGraphUpdater}
 *       (installed by {@link GeoUpdaters#attach}) with one slot per parameter of the updater block, in flat order.
 *       Works for any layer.</li>
 *   <li>a {@link ParamTap} regularization — placed by geodl4j's own layers ({@link ParamBinding}) and by
 *       {@link GeoSameDiff#attach} (for {@code SameDiff.fit}); it hands the parameter to the very next
 *       {@code applyUpdater} on the same thread. geodl4j layers need no attach step.</li>
 * </ol>
 *
 * <p><b>Lifecycle.</b> DL4J instantiates the updater ({@link IUpdater#instantiate}), then (route 1) {@code bind} is
 * called once per installation, possibly again later with fresh slots (after a re-attach); then
 * {@code applyUpdater(gradient, iteration, epoch)} is called once per step. In {@code applyUpdater} call
 * {@link SlotBinding#slotsFor(INDArray)} with the received gradient and, per slot, read {@link ParamSlot#value()},
 * compute the step and write the update into {@link ParamSlot#gradientIn(INDArray)}; DL4J then subtracts it, so a
 * retraction {@code x' = R_x(-lr * xi)} is written as {@code x - x'}.
 *
 * <p><b>Unbound use (the rule).</b> An updater that received neither a binding nor a tap must not guess:
 * {@link SlotBinding#slotsFor(INDArray)} throws an {@link IllegalStateException} that names the call to make
 * ({@link GeoUpdaters#attach}, {@link GeoSameDiff#attach}). Only an updater whose update is fully defined without
 * values, shapes and manifolds (e.g. a documented flat Euclidean fallback) may instead use
 * {@link SlotBinding#trySlotsFor(INDArray)} and fall back when it is empty; it must say so in its Javadoc.
 *
 * <p><b>State.</b> Keep all optimiser state in the view DL4J passes to {@code instantiate}/{@code setStateViewArray}
 * (carve per-parameter views with the slots' offsets), so that ModelSerializer saves it and re-binding never resets
 * it.
 *
 * @param <T> the updater configuration type
 */
public interface ParamAwareGradientUpdater<T extends IUpdater> extends GradientUpdater<T> {

    /**
     * Binds this updater to the parameters of its block. {@code slots} are in flat order, contiguous and cover the
     * block; a later call replaces the earlier binding (it must not touch optimiser state).
     */
    void bind(List<ParamSlot> slots);

    /** True once {@link #bind(List)} was called. (A tap-fed updater works while unbound.) */
    boolean isBound();
}
