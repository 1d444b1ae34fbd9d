package org.geodl4j.updater;

import java.util.List;

import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link RiemannianAdam} step on every bound parameter ({@link RiemannianAdamStep}); state regions
 * {@code [m | v]} (plus {@code v_max} for AMSGrad), laid out as DL4J's {@code AdamUpdater}. Needs a binding (see
 * {@code org.geodl4j.nn.ParamAwareGradientUpdater}); unbound it throws naming the call to make.
 */
public final class RiemannianAdamUpdater extends GeoGradientUpdater<RiemannianAdam> {

    RiemannianAdamUpdater(RiemannianAdam config) {
        super(config, config.isAmsgrad() ? 3 : 2);
    }

    @Override
    protected void step(List<ParamSlot> slots, INDArray[] grads, INDArray[][] state, int iteration, int epoch) {
        RiemannianAdam c = getConfig();
        double lr = c.getLearningRate(iteration, epoch);
        boolean stabilizeNow = c.getStabilize() > 0 && (iteration + 1) % c.getStabilize() == 0;
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            INDArray update = RiemannianAdamStep.update(s.manifold(), s.value(), grads[i], state[i][0], state[i][1],
                    c.isAmsgrad() ? state[i][2] : null, lr, iteration + 1L, c.getBeta1(), c.getBeta2(),
                    c.getEpsilon(), c.getWeightDecay(), c.getEpsilonConvention(), c.isExact(), stabilizeNow);
            grads[i].assign(update);
        }
    }
}
