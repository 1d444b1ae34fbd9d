package org.geodl4j.updater;

import java.util.Collections;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Lion without weight decay (Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023, Algorithm 2)
 * written directly as a plain per-coordinate DL4J updater, element by element, to check {@link Rlo#lion} against.
 */
final class ReferenceLion implements IUpdater {

    private static final long serialVersionUID = 1L;

    final double lr;
    final double beta1;
    final double beta2;

    ReferenceLion(double lr, double beta1, double beta2) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        if (initializeViewArray) {
            viewArray.assign(0);
        }
        INDArray m = viewArray.reshape(viewArray.length());
        ReferenceLion config = this;
        return new GradientUpdater<ReferenceLion>() {
            @Override
            public ReferenceLion getConfig() {
                return config;
            }

            @Override
            public void setState(Map<String, INDArray> stateMap, boolean initialize) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, INDArray> getState() {
                return Collections.singletonMap("M", m);
            }

            @Override
            public void setStateViewArray(INDArray v, long[] shape, char order, boolean init) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void applyUpdater(INDArray gradient, int iteration, int epoch) {
                for (long i = 0; i < gradient.length(); i++) {
                    double g = gradient.getDouble(i);
                    double mi = m.getDouble(i);
                    double c = beta1 * mi + (1 - beta1) * g;
                    gradient.putScalar(i, lr * Math.signum(c));
                    m.putScalar(i, beta2 * mi + (1 - beta2) * g);
                }
            }
        };
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceLion && ((ReferenceLion) o).lr == lr && ((ReferenceLion) o).beta1 == beta1
                && ((ReferenceLion) o).beta2 == beta2;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lr) + 31 * Double.hashCode(beta1) + 961 * Double.hashCode(beta2);
    }

    @Override
    public ReferenceLion clone() {
        return new ReferenceLion(lr, beta1, beta2);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return lr;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        throw new UnsupportedOperationException();
    }
}
