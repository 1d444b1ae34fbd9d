package org.geodl4j.nn;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * A {@link Regularization} that changes nothing: it hands the parameter DL4J (or SameDiff) applies it to over to the
 * very next {@code applyUpdater} call on the same thread, where a {@link ParamAwareGradientUpdater} picks it up
 * through {@link SlotBinding}.
 *
 * <p><b>Why this works.</b> Both trainers call regularizations with the parameter's values right before the updater
 * of that parameter, on the same thread: DL4J's {@code UpdaterBlock.update} runs the {@code BEFORE_UPDATER}
 * regularizations of every variable of a block (1-D parameter and gradient views), then {@code applyUpdater} on the
 * block gradient; SameDiff's {@code TrainingSession} runs {@code TrainingConfig.getRegularization()} on the
 * full-shaped parameter and gradient, then {@code applyUpdater} on that same gradient. The hand-off is keyed by the
 * gradient's memory region (buffer address, offset, length), so a tap left over by an updater that ignored it is
 * never picked up by another updater's block.
 *
 * <p><b>Sources.</b> A tap for one DL4J layer parameter ({@link #forParam(ParamSpec)}, made by {@link ParamBinding})
 * reshapes the 1-D view with the spec; a tap for {@code SameDiff.fit} ({@link GeoSameDiff#attach}) names the
 * variable by the identity of its array and looks its manifold up in the user's map.
 *
 * <p><b>Serialisation.</b> The source is {@code transient}: the tap serialises as {@code {"@class": ...}} and
 * round-trips through JSON harmlessly. A deserialised tap has no source; it then hands over a marker that makes the
 * updater fail with the call to make ({@link GeoSameDiff#attach} again after {@code SameDiff.load}). DL4J layer
 * configurations never store taps: {@link ParamBinding} appends one each time DL4J asks for the regularization.
 * {@link #score} is 0, so it never changes the reported loss.
 */
public final class ParamTap implements Regularization {

    private static final long serialVersionUID = 1L;

    /** The pending hand-off of this thread; set by {@link #apply}, taken by {@link #take(INDArray)}. */
    private static final ThreadLocal<Handoff> PENDING = new ThreadLocal<>();

    /** Source of one DL4J layer parameter; {@code null} for SameDiff taps. */
    private transient ParamSpec spec;
    /** Source of SameDiff variables; {@code null} for DL4J layer taps. */
    private transient SameDiffSlots sameDiff;

    /** For Jackson / deserialisation only: a tap without source. */
    private ParamTap() {
    }

    private ParamTap(ParamSpec spec, SameDiffSlots sameDiff) {
        this.spec = spec;
        this.sameDiff = sameDiff;
    }

    /** A tap for one parameter of a DL4J layer, described by {@code spec}. */
    public static ParamTap forParam(ParamSpec spec) {
        return new ParamTap(Objects.requireNonNull(spec, "spec"), null);
    }

    /** A tap for every trainable variable of a SameDiff graph. */
    static ParamTap forSameDiff(SameDiffSlots sameDiff) {
        return new ParamTap(null, Objects.requireNonNull(sameDiff, "sameDiff"));
    }

    /**
     * True for taps {@link GeoSameDiff#attach} manages: SameDiff taps and deserialised taps without source (both are
     * replaced by a new attach).
     */
    boolean isSameDiffTap() {
        return sameDiff != null || spec == null;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.BEFORE_UPDATER;
    }

    /** Leaves {@code param} and {@code gradView} untouched and records them for the next {@code applyUpdater}. */
    @Override
    public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) {
        ParamSlot slot;
        if (spec != null) {
            slot = spec.slotFor(param);
        } else if (sameDiff != null) {
            slot = sameDiff.slotFor(param);
        } else {
            PENDING.set(new Handoff(null, gradView));
            return;
        }
        PENDING.set(new Handoff(slot, gradView));
    }

    /** Always 0: the tap adds nothing to the loss. */
    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0.0;
    }

    @Override
    public Regularization clone() {
        return new ParamTap(spec, sameDiff);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ParamTap)) {
            return false;
        }
        ParamTap that = (ParamTap) o;
        return Objects.equals(spec, that.spec) && sameDiff == that.sameDiff;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ParamTap.class, spec, System.identityHashCode(sameDiff));
    }

    @Override
    public String toString() {
        return spec != null ? "ParamTap(" + spec + ")" : sameDiff != null ? "ParamTap(SameDiff)" : "ParamTap(unbound)";
    }

    /**
     * Takes this thread's pending hand-off if it was recorded for exactly the memory region of {@code gradient};
     * otherwise discards it (stale) and returns {@code null}.
     */
    static Handoff take(INDArray gradient) {
        Handoff h = PENDING.get();
        if (h == null) {
            return null;
        }
        PENDING.remove();
        return h.matches(gradient) ? h : null;
    }

    /** Discards this thread's pending hand-off, if any. */
    static void clear() {
        PENDING.remove();
    }

    /** A recorded parameter: its slot ({@code null} for a deserialised tap without source) and its gradient region. */
    static final class Handoff {
        final ParamSlot slot;
        private final long address;
        private final long offset;
        private final long length;

        Handoff(ParamSlot slot, INDArray gradView) {
            this.slot = slot;
            this.address = gradView.data().address();
            this.offset = gradView.offset();
            this.length = gradView.length();
        }

        boolean matches(INDArray gradient) {
            return gradient.length() == length && gradient.offset() == offset
                    && gradient.data().address() == address;
        }
    }
}
