package org.geodl4j.updater;

import java.util.List;

import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link RiemannianSgd} step on every bound parameter ({@link RiemannianSgdStep}); state: the momentum buffer
 * (none without momentum). Needs a binding (see {@code org.geodl4j.nn.ParamAwareGradientUpdater}); unbound it throws
 * naming the call to make.
 */
public final class RiemannianSgdUpdater extends GeoGradientUpdater<RiemannianSgd> {

    RiemannianSgdUpdater(RiemannianSgd config) {
        super(config, config.getMomentum() != 0.0 ? 1 : 0);
    }

    @Override
    protected void step(List<ParamSlot> slots, INDArray[] grads, INDArray[][] state, int iteration, int epoch) {
        RiemannianSgd c = getConfig();
        double lr = c.getLearningRate(iteration, epoch);
        boolean stabilizeNow = c.getStabilize() > 0 && (iteration + 1) % c.getStabilize() == 0;
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            INDArray buf = regions() > 0 ? state[i][0] : null;
            INDArray update = RiemannianSgdStep.update(s.manifold(), s.value(), grads[i], buf, lr, c.getMomentum(),
                    c.getDampening(), c.isNesterov(), c.getWeightDecay(), c.isExact(), stabilizeNow);
            grads[i].assign(update);
        }
    }
}
