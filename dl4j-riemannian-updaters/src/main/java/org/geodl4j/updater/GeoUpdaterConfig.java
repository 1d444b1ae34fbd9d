package org.geodl4j.updater;

import java.util.Map;
import java.util.Objects;

import org.geodl4j.nn.ParamAwareUpdater;
import org.geodl4j.nn.ParamSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * What every geodl4j updater configuration shares: a learning rate or a DL4J {@link ISchedule} for it, and the
 * transient {@link ParamSpec} of a per-parameter bound clone ({@link ParamAwareUpdater}).
 *
 * <p>Subclasses hold hyper-parameters only (private, non-final fields so that Jackson, which reads and writes every
 * non-transient field of an {@code IUpdater}, can restore them through a no-arg constructor), override
 * {@link #clone()} with their own type, and include {@link #sameBase(GeoUpdaterConfig)} / {@link #baseHash()} in
 * {@code equals}/{@code hashCode}: equality decides which parameters DL4J merges into one updater block.
 */
public abstract class GeoUpdaterConfig implements ParamAwareUpdater {

    private static final long serialVersionUID = 1L;

    private double learningRate;
    private ISchedule learningRateSchedule;
    /** The parameter of a bound clone; runtime only, never serialised. */
    private transient ParamSpec boundSpec;

    /** @param learningRate the fixed learning rate (ignored when {@code schedule} is non-null) */
    protected GeoUpdaterConfig(double learningRate, ISchedule schedule) {
        this.learningRate = learningRate;
        this.learningRateSchedule = schedule;
    }

    /** The learning rate at {@code iteration}/{@code epoch}: the schedule's value if set, else the fixed rate. */
    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    /** The fixed learning rate (NaN when constructed from a schedule). */
    public double getLearningRate() {
        return learningRate;
    }

    /** The learning-rate schedule, or {@code null}. */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    /** DL4J-mandated mutator (used by {@code NetworkUtils.setLearningRate}). */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    /** Number of per-element state arrays the updater keeps (momentum, second moment, ...). */
    protected abstract int stateRegions();

    /**
     * Throws an {@link IllegalArgumentException} naming the first invalid hyper-parameter; called on construction and
     * again when an updater is instantiated (a configuration read from JSON bypasses the builder).
     */
    protected abstract void validate();

    /** A fresh updater for this configuration, without state. */
    protected abstract GeoGradientUpdater<?> newUpdater();

    /** {@code stateRegions() * numParams}: all state lives in DL4J's updater-state view. */
    @Override
    public long stateSize(long numParams) {
        return stateRegions() * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        validate();
        GeoGradientUpdater<?> u = newUpdater();
        u.setStateViewArray(viewArray, viewArray == null ? new long[0] : viewArray.shape(), 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        validate();
        GeoGradientUpdater<?> u = newUpdater();
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public IUpdater bindTo(ParamSpec spec) {
        GeoUpdaterConfig c = clone();
        c.boundSpec = Objects.requireNonNull(spec, "spec");
        return c;
    }

    @Override
    public ParamSpec boundSpec() {
        return boundSpec;
    }

    /** Copies the bound spec into a fresh clone (for subclasses' {@link #clone()}). */
    protected final <C extends GeoUpdaterConfig> C withSpecOf(C clone) {
        ((GeoUpdaterConfig) clone).boundSpec = boundSpec;
        return clone;
    }

    @Override
    public abstract GeoUpdaterConfig clone();

    /** Equality of the learning rate, schedule and bound spec. */
    protected final boolean sameBase(GeoUpdaterConfig o) {
        return Double.compare(learningRate, o.learningRate) == 0
                && Objects.equals(learningRateSchedule, o.learningRateSchedule)
                && Objects.equals(boundSpec, o.boundSpec);
    }

    /** Hash of the learning rate, schedule and bound spec. */
    protected final int baseHash() {
        return Objects.hash(learningRate, learningRateSchedule, boundSpec);
    }

    /** {@code lr=...} or {@code lrSchedule=...}, plus the bound parameter if any, for {@code toString}. */
    protected final String baseString() {
        String lr = learningRateSchedule != null ? "lrSchedule=" + learningRateSchedule : "lr=" + learningRate;
        return boundSpec != null ? lr + ", boundTo=" + boundSpec.layerName() + "/" + boundSpec.paramName() : lr;
    }

    /** Throws an {@link IllegalArgumentException} naming {@code updater}, the hyper-parameter and the valid range. */
    protected static void require(boolean ok, String updater, String name, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(updater + ": expected " + name + " " + range + " but got " + value);
        }
    }
}
