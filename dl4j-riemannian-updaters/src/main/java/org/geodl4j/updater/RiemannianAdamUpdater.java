package org.geodl4j.updater;

import java.util.List;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link RiemannianAdam} step on every bound parameter ({@link RiemannianAdamStep}); state regions
 * {@code [m | v]} (plus {@code v_max} for AMSGrad), laid out as DL4J's {@code AdamUpdater}. Needs a binding (see
 * {@code org.geodl4j.nn.ParamAwareGradientUpdater}); unbound it throws naming the call to make.
 */
public final class RiemannianAdamUpdater extends GeoGradientUpdater<RiemannianAdam> {

    RiemannianAdamUpdater(RiemannianAdam config) {
        super(config, config.isAmsgrad() ? 3 : 2);
    }

    /**
     * All-Euclidean fast path: when every parameter of the block is Euclidean, without weight decay or AMSGrad, in
     * the DL4J epsilon convention, the step is exactly DL4J's Adam, so it runs as ND4J's fused {@code adam_updater}
     * op over the whole block (the op DL4J's own {@code AdamUpdater} runs; same {@code [m | v]} state layout).
     */
    @Override
    protected boolean fusedStep(List<ParamSlot> slots, INDArray gradient, long blockLength, int iteration,
            int epoch) {
        RiemannianAdam c = getConfig();
        if (c.isAmsgrad() || c.getWeightDecay() != 0.0 || c.getEpsilonConvention() != EpsilonConvention.DL4J
                || !tilesBlock(slots, gradient, blockLength)) {
            return false;
        }
        for (ParamSlot s : slots) {
            if (!(s.manifold() instanceof Euclidean)) {
                return false;
            }
        }
        INDArray g = gradient.reshape(blockLength);
        if (g.data().address() != gradient.data().address() || g.offset() != gradient.offset()) {
            return false;
        }
        INDArray m = stateRegion(0, blockLength);
        INDArray v = stateRegion(1, blockLength);
        Nd4j.exec(new AdamUpdater(g, v, m, c.getLearningRate(iteration, epoch), c.getBeta1(), c.getBeta2(),
                c.getEpsilon(), iteration));
        return true;
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
