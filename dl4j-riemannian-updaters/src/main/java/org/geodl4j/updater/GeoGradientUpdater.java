package org.geodl4j.updater;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.geodl4j.nn.ParamAwareGradientUpdater;
import org.geodl4j.nn.ParamSlot;
import org.geodl4j.nn.SlotBinding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The DL4J side every geodl4j updater shares: parameter binding (through {@link SlotBinding}), optimiser state kept
 * entirely inside DL4J's updater-state view, and the finiteness checks.
 *
 * <p><b>State layout.</b> {@link GeoUpdaterConfig#stateSize} is {@code k * n} for {@code k =} {@link #regions}; the
 * flat view of a block of {@code N} parameter elements is split into {@code k} consecutive regions of {@code N}
 * elements (region {@code i} holds state {@code i} of every parameter, at the parameter's offset within the block),
 * as DL4J's {@code AdamUpdater} lays out {@code [M | V]}. The per-parameter views are reshaped like the parameter, so
 * the whole state is in the array ModelSerializer saves and no field of this object needs saving.
 *
 * <p><b>Checks.</b> Before any state changes, every parameter's gradient and value are checked for NaN/infinite
 * entries; an {@link IllegalStateException} names the updater, layer, parameter, iteration and counts, and nothing is
 * modified (DL4J then never subtracts a non-finite update).
 *
 * @param <T> the configuration type
 */
public abstract class GeoGradientUpdater<T extends GeoUpdaterConfig> implements ParamAwareGradientUpdater<T> {

    /** Key of the single state array in {@link #getState()}. */
    public static final String STATE_KEY = "STATE";

    private final T config;
    private final int regions;
    private final SlotBinding binding;
    private INDArray state;
    private List<ParamSlot> cachedSlots;
    private INDArray[][] cachedViews;

    /**
     * @param config  the hyper-parameters
     * @param regions number of per-element state arrays ({@code stateSize(n) = regions * n})
     */
    protected GeoGradientUpdater(T config, int regions) {
        this.config = config;
        this.regions = regions;
        this.binding = new SlotBinding(config.toString());
    }

    @Override
    public T getConfig() {
        return config;
    }

    /** Number of per-element state arrays. */
    protected final int regions() {
        return regions;
    }

    @Override
    public void bind(List<ParamSlot> slots) {
        binding.bind(slots);
    }

    @Override
    public boolean isBound() {
        return binding.isBound();
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (regions == 0) {
            state = null;
            return;
        }
        INDArray s = stateMap == null ? null : stateMap.get(STATE_KEY);
        if (s == null || stateMap.size() != 1) {
            throw new IllegalStateException(config + ": expected a state map with the single key " + STATE_KEY
                    + " but got " + (stateMap == null ? null : stateMap.keySet()));
        }
        setStateViewArray(s, s.shape(), s.ordering(), initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return state == null ? Collections.emptyMap() : Collections.singletonMap(STATE_KEY, state);
    }

    /** Keeps a flat view of {@code viewArray} (zeroed when {@code initialize}); the gradient shape is not needed. */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        cachedSlots = null;
        if (viewArray == null || viewArray.length() == 0) {
            if (regions != 0) {
                throw new IllegalStateException(config + ": expected an updater-state view but got none");
            }
            state = null;
            return;
        }
        if (initialize) {
            viewArray.assign(0);
        }
        INDArray flat = viewArray.rank() == 1 ? viewArray : viewArray.reshape(viewArray.length());
        if (flat.data().address() != viewArray.data().address()) {
            throw new IllegalStateException(config + ": the updater-state array of shape "
                    + Arrays.toString(viewArray.shape()) + " could not be viewed flat; state would not be saved");
        }
        if (flat.length() % regions != 0) {
            throw new IllegalStateException(config + ": expected an updater-state view of " + regions
                    + " x (number of parameters) elements but got " + flat.length());
        }
        state = flat;
    }

    @Override
    public final void applyUpdater(INDArray gradient, int iteration, int epoch) {
        List<ParamSlot> slots = binding.slotsFor(gradient);
        long blockLength = 0;
        for (ParamSlot s : slots) {
            blockLength = Math.max(blockLength, s.offset() + s.length());
        }
        if (regions > 0 && (state == null || state.length() != regions * blockLength)) {
            throw new IllegalStateException(config + ": updater state has " + (state == null ? 0 : state.length())
                    + " elements but " + regions + " x " + blockLength + " are needed for " + slots.get(0).who()
                    + (slots.size() > 1 ? " and " + (slots.size() - 1) + " more" : ""));
        }
        // one reduction over the whole block; per-parameter checks (naming the culprit) only when it is not finite
        boolean gradientFinite = Double.isFinite(gradient.sumNumber().doubleValue());
        INDArray[] grads = new INDArray[slots.size()];
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            grads[i] = s.gradientIn(gradient);
            if (!gradientFinite) {
                requireFinite(s, "gradient", grads[i], iteration);
            }
            requireFinite(s, "value", s.value(), iteration);
        }
        if (fusedStep(slots, gradient, blockLength, iteration, epoch)) {
            return;
        }
        INDArray[][] views = stateViews(slots, blockLength);
        step(slots, grads, views, iteration, epoch);
    }

    /**
     * Computes the update of every slot and writes it into {@code grads[i]} (DL4J subtracts it), advancing the state
     * views in place.
     *
     * @param slots     the parameters of this call
     * @param grads     shaped views of their gradients inside the array DL4J passed (write the updates here)
     * @param state     {@code state[i][r]}: region {@code r} of slot {@code i}, shaped like the parameter
     * @param iteration DL4J's 0-based iteration
     * @param epoch     DL4J's epoch
     */
    protected abstract void step(List<ParamSlot> slots, INDArray[] grads, INDArray[][] state, int iteration,
            int epoch);

    /**
     * A whole-block fast path: an updater may compute the update of every slot at once, in place in
     * {@code gradient}, using {@link #stateRegion}. Called after the finiteness checks.
     *
     * @return true when it handled the call (then {@link #step} is not called); the default declines
     */
    protected boolean fusedStep(List<ParamSlot> slots, INDArray gradient, long blockLength, int iteration,
            int epoch) {
        return false;
    }

    /** True when the slots tile {@code [0, blockLength)} in order without gaps and the gradient has that length. */
    protected static boolean tilesBlock(List<ParamSlot> slots, INDArray gradient, long blockLength) {
        long next = 0;
        for (ParamSlot s : slots) {
            if (s.offset() != next) {
                return false;
            }
            next += s.length();
        }
        return next == blockLength && gradient.length() == blockLength;
    }

    /** Region {@code r} of the whole block's state as a flat view ({@code blockLength} elements). */
    protected final INDArray stateRegion(int r, long blockLength) {
        return state.get(NDArrayIndex.interval(r * blockLength, (r + 1) * blockLength));
    }

    private INDArray[][] stateViews(List<ParamSlot> slots, long blockLength) {
        if (slots == cachedSlots) {
            return cachedViews;
        }
        INDArray[][] views = new INDArray[slots.size()][regions];
        for (int i = 0; i < views.length; i++) {
            ParamSlot s = slots.get(i);
            for (int r = 0; r < regions; r++) {
                long from = r * blockLength + s.offset();
                INDArray part = state.get(NDArrayIndex.interval(from, from + s.length()));
                INDArray shaped = part.reshape(s.order(), s.shape());
                if (shaped.data().address() != state.data().address()) {
                    throw new IllegalStateException(config + ": could not view the state of " + s.who()
                            + " without copying; state would be lost");
                }
                views[i][r] = shaped;
            }
        }
        cachedSlots = slots;
        cachedViews = views;
        return views;
    }

    private void requireFinite(ParamSlot slot, String what, INDArray a, int iteration) {
        double sum = a.sumNumber().doubleValue();
        if (Double.isFinite(sum)) {
            return;
        }
        long nan = a.scan(Conditions.isNan()).longValue();
        long inf = a.scan(Conditions.isInfinite()).longValue();
        if (nan == 0 && inf == 0) {
            return; // finite entries whose sum overflowed
        }
        throw new IllegalStateException(config + ": non-finite " + what + " of layer '" + slot.layerName()
                + "' parameter '" + slot.paramName() + "' at iteration " + iteration + ": " + nan + " NaN and " + inf
                + " infinite of " + a.length() + " values; no parameter was changed");
    }
}
