package org.geodl4j.updater;

import java.util.List;

import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link Rlo} step on every bound parameter of the block: phase 1 ({@link RloStep#field}) for all parameters,
 * then the global normalisation over the whole block, then phase 2 ({@link RloStep#update}). State regions
 * {@code [m | s (if kept) | velocity (if eta < 1)]}. Needs a binding; unbound it throws naming the call to make.
 */
public final class RloUpdater extends GeoGradientUpdater<Rlo> {

    RloUpdater(Rlo config) {
        super(config, config.stateRegionsForUpdater());
    }

    @Override
    protected void step(List<ParamSlot> slots, INDArray[] grads, INDArray[][] state, int iteration, int epoch) {
        Rlo c = getConfig();
        double lr = c.getLearningRate(iteration, epoch);
        boolean stabilizeNow = c.getStabilize() > 0 && (iteration + 1) % c.getStabilize() == 0;
        int sIndex = c.keepsSecondMoment() ? 1 : -1;
        int vIndex = c.keepsVelocity() ? (c.keepsSecondMoment() ? 2 : 1) : -1;
        RloStep.Field[] fields = new RloStep.Field[grads.length];
        INDArray[] points = new INDArray[grads.length];
        double phiSquaredNorm = 0.0;
        long coordinates = 0;
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            points[i] = RiemannianMove.startPoint(s.manifold(), s.value(), stabilizeNow);
            fields[i] = RloStep.field(s.manifold(), points[i], grads[i], state[i][0], sIndex < 0 ? null
                    : state[i][sIndex], c.getDirection(), c.getBeta1(), c.getBeta2(), c.getBeta3(), c.getEpsilon(),
                    c.getGamma(), c.isSecondMoment(), c.getBeliefWeight() != 0.0, iteration + 1L,
                    c.getEpsilonConvention());
            phiSquaredNorm += fields[i].phiSquaredNorm;
            coordinates += s.length();
        }
        double kappa = c.isGlobalNormalisation() ? RloStep.kappa(coordinates, phiSquaredNorm) : 1.0;
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            INDArray update = RloStep.update(s.manifold(), points[i], fields[i], state[i][0], vIndex < 0 ? null
                    : state[i][vIndex], kappa, lr, c.getBeliefWeight(), c.getEta(), c.getWeightDecay(),
                    c.getEpsilon(), c.isExact(), stabilizeNow);
            grads[i].assign(RiemannianMove.fromStoredValue(update, s.value(), points[i]));
        }
    }
}
