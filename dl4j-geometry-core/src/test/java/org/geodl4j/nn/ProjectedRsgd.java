package org.geodl4j.nn;

import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * TEST-scope param-aware updater configuration: projected Riemannian SGD, optionally with heavy-ball momentum
 * transported along the step (see {@link ProjectedRsgdUpdater}). It exists to exercise the binding SPI; the real
 * Riemannian updaters live in {@code dl4j-riemannian-updaters}.
 */
final class ProjectedRsgd implements ParamAwareUpdater {

    private static final long serialVersionUID = 1L;

    private double learningRate;
    private double momentum;
    private transient ParamSpec spec;

    /** For Jackson. */
    private ProjectedRsgd() {
        this(0.1, 0.0);
    }

    ProjectedRsgd(double learningRate) {
        this(learningRate, 0.0);
    }

    ProjectedRsgd(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    double momentum() {
        return momentum;
    }

    @Override
    public IUpdater bindTo(ParamSpec spec) {
        ProjectedRsgd c = clone();
        c.spec = Objects.requireNonNull(spec, "spec");
        return c;
    }

    @Override
    public ParamSpec boundSpec() {
        return spec;
    }

    @Override
    public long stateSize(long numParams) {
        return momentum > 0 ? numParams : 0;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        ProjectedRsgdUpdater u = new ProjectedRsgdUpdater(this);
        u.setStateViewArray(viewArray, null, 'c', initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        ProjectedRsgdUpdater u = new ProjectedRsgdUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public ProjectedRsgd clone() {
        ProjectedRsgd c = new ProjectedRsgd(learningRate, momentum);
        c.spec = spec;
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("ProjectedRsgd (test updater) has no schedules");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProjectedRsgd)) {
            return false;
        }
        ProjectedRsgd that = (ProjectedRsgd) o;
        return Double.compare(learningRate, that.learningRate) == 0 && Double.compare(momentum, that.momentum) == 0
                && Objects.equals(spec, that.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, spec);
    }

    @Override
    public String toString() {
        return "ProjectedRsgd(lr=" + learningRate + ", momentum=" + momentum + (spec == null ? "" : ", " + spec) + ")";
    }
}
