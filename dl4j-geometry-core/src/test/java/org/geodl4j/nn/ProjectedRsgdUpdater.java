package org.geodl4j.nn;

import java.util.List;
import java.util.Map;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * TEST-scope param-aware updater: per slot with point {@code x}, gradient {@code g} and manifold {@code M},
 * <pre>
 * r   = M.egrad2rgrad(x, g)
 * d   = mu * buf + r            (d = r without momentum)
 * x'  = M.projx(M.expmap(x, -lr * d))
 * buf = M.transp(x, x', d)
 * update = x - x'               (DL4J subtracts it: the parameter lands on x')
 * </pre>
 * On Euclidean slots it is exactly DL4J-style SGD: {@code d = mu * buf + g}, update {@code lr * d}.
 */
final class ProjectedRsgdUpdater implements ParamAwareGradientUpdater<ProjectedRsgd> {

    private final ProjectedRsgd config;
    private final SlotBinding binding;
    private INDArray state;

    ProjectedRsgdUpdater(ProjectedRsgd config) {
        this.config = config;
        this.binding = new SlotBinding(config.toString());
    }

    @Override
    public void bind(List<ParamSlot> slots) {
        binding.bind(slots);
    }

    @Override
    public boolean isBound() {
        return binding.isBound();
    }

    /** The slots bound by {@link #bind} (for assertions). */
    List<ParamSlot> boundSlots() {
        return binding.boundSlots();
    }

    @Override
    public ProjectedRsgd getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        INDArray s = stateMap == null ? null : stateMap.get("buf");
        setStateViewArray(s, null, 'c', initialize);
    }

    @Override
    public Map<String, INDArray> getState() {
        return state == null ? Map.of() : Map.of("buf", state);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (config.momentum() > 0 && viewArray == null) {
            throw new IllegalStateException(config + ": momentum needs a state view");
        }
        state = viewArray == null ? null : viewArray.reshape(viewArray.length());
        if (state != null && initialize) {
            state.assign(0);
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        double lr = config.getLearningRate(iteration, epoch);
        double mu = config.momentum();
        for (ParamSlot s : binding.slotsFor(gradient)) {
            INDArray g = s.gradientIn(gradient);
            INDArray buf = mu > 0 ? state.get(NDArrayIndex.interval(s.offset(), s.offset() + s.length()))
                    .reshape(s.order(), s.shape()) : null;
            Manifold m = s.manifold();
            if (m instanceof Euclidean) {
                if (buf != null) {
                    buf.muli(mu).addi(g);
                    g.assign(buf);
                }
                g.muli(lr);
                continue;
            }
            INDArray x = s.value();
            INDArray d = m.egrad2rgrad(x, g);
            if (buf != null) {
                d.addi(buf.mul(mu));
            }
            INDArray next = m.projx(m.expmap(x, d.mul(-lr)));
            if (buf != null) {
                buf.assign(m.transp(x, next, d));
            }
            g.assign(x.sub(next));
        }
    }
}
