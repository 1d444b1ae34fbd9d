package org.geodl4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The binding state of one {@link ParamAwareGradientUpdater}, and the single place that decides which
 * {@link ParamSlot}s an {@code applyUpdater} call works on. Updater implementations hold one and delegate:
 *
 * <pre>
 * private final SlotBinding binding = new SlotBinding("MyUpdater");
 * public void bind(List&lt;ParamSlot&gt; slots) { binding.bind(slots); }
 * public boolean isBound() { return binding.isBound(); }
 * public void applyUpdater(INDArray g, int iteration, int epoch) {
 *     for (ParamSlot s : binding.slotsFor(g)) { ... s.value() ... s.gradientIn(g).assign(update) ... }
 * }
 * </pre>
 *
 * <p><b>Resolution order</b> for a received gradient {@code g}:
 * <ol>
 *   <li>bound slots ({@link #bind}, from {@link GeoUpdaters#attach}); {@code g} must have exactly the bound block
 *       length (anything else means the network was re-initialised and the binding is stale — it throws);</li>
 *   <li>the {@link ParamTap} hand-off recorded on this thread for exactly {@code g}'s memory region (geodl4j layers,
 *       {@code SameDiff.fit});</li>
 *   <li>nothing: {@link #slotsFor} throws an {@link IllegalStateException} naming the call to make;
 *       {@link #trySlotsFor} returns empty.</li>
 * </ol>
 * Not thread-safe across concurrent {@code applyUpdater} calls of the same updater (DL4J never makes those).
 */
public final class SlotBinding {

    /**
     * The one sentence every "not bound" failure carries: the calls that bind param-aware updaters.
     */
    public static final String HOW_TO_BIND = "call GeoUpdaters.attach(net) once after net.init() for a "
            + "MultiLayerNetwork or ComputationGraph (again for a network restored by ModelSerializer or made by "
            + "clone()), or GeoSameDiff.attach(sd, manifolds) for SameDiff.fit (again after "
            + "SameDiff.load)";

    private final String updaterName;
    private volatile List<ParamSlot> slots;
    private long blockLength;

    /** @param updaterName the updater's name for messages, e.g. {@code "RiemannianAdam(lr=0.001)"} */
    public SlotBinding(String updaterName) {
        this.updaterName = Objects.requireNonNull(updaterName, "updaterName");
    }

    /**
     * Binds the slots of a whole updater block, replacing any earlier binding.
     *
     * @throws IllegalArgumentException if {@code slots} is empty, or not contiguous from offset 0
     */
    public void bind(List<ParamSlot> slots) {
        if (slots == null || slots.isEmpty()) {
            throw new IllegalArgumentException(updaterName + ": bind() needs at least one ParamSlot");
        }
        long expected = 0;
        for (ParamSlot s : slots) {
            if (s.offset() != expected) {
                throw new IllegalArgumentException(updaterName + ": slots must be contiguous from offset 0; "
                        + s + " starts at " + s.offset() + ", expected " + expected);
            }
            expected += s.length();
        }
        this.blockLength = expected;
        this.slots = List.copyOf(slots);
    }

    /** True once {@link #bind} was called. */
    public boolean isBound() {
        return slots != null;
    }

    /** The bound slots (empty when unbound). */
    public List<ParamSlot> boundSlots() {
        List<ParamSlot> s = slots;
        return s == null ? List.of() : s;
    }

    /**
     * The slots of this {@code applyUpdater} call.
     *
     * @param gradient the array the updater received
     * @throws IllegalStateException when there is no binding and no tap, naming the call to make; or when the
     *                               binding does not fit {@code gradient}
     */
    public List<ParamSlot> slotsFor(INDArray gradient) {
        return resolve(gradient, true).orElseThrow();
    }

    /**
     * Like {@link #slotsFor} but empty instead of throwing when neither a binding nor a tap is available; only for
     * updaters with a documented unbound fallback.
     */
    public Optional<List<ParamSlot>> trySlotsFor(INDArray gradient) {
        return resolve(gradient, false);
    }

    private Optional<List<ParamSlot>> resolve(INDArray gradient, boolean required) {
        ParamTap.Handoff handoff = ParamTap.take(gradient);
        List<ParamSlot> bound = slots;
        if (bound != null) {
            if (gradient.length() != blockLength) {
                throw new IllegalStateException(updaterName + " is bound to " + bound.size() + " parameter(s) ("
                        + bound.get(0).who() + ", ...) totalling " + blockLength
                        + " elements but received a gradient of " + gradient.length() + " elements (shape "
                        + Arrays.toString(gradient.shape()) + "); the binding is stale: " + HOW_TO_BIND);
            }
            return Optional.of(bound);
        }
        if (handoff != null) {
            if (handoff.slot == null) {
                throw new IllegalStateException(updaterName + " received a gradient of " + gradient.length()
                        + " elements through a ParamTap that was deserialised and has lost its source; " + HOW_TO_BIND);
            }
            return Optional.of(List.of(handoff.slot));
        }
        if (!required) {
            return Optional.empty();
        }
        throw new IllegalStateException(updaterName + " received a gradient of " + gradient.length()
                + " elements (shape " + Arrays.toString(gradient.shape()) + ") but no parameter binding: it needs each "
                + "parameter's value, shape and manifold, which DL4J does not pass to updaters. To bind it, "
                + HOW_TO_BIND + ".");
    }
}
