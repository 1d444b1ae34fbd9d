package org.geodl4j.updater;

import java.util.Arrays;
import java.util.List;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.nn.ParamSlot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link Muon} step on every bound parameter: {@link MuonStep#update} for hidden weight matrices,
 * {@link MuonStep#adamwUpdate} for the rest (or an exception, as configured). State regions {@code [buf | unused]}
 * for Muon parameters, {@code [m | v]} for AdamW parameters. Needs a binding (the weight shapes); unbound it throws
 * naming the call to make.
 */
public final class MuonUpdater extends GeoGradientUpdater<Muon> {

    MuonUpdater(Muon config) {
        super(config, 2);
    }

    @Override
    protected void step(List<ParamSlot> slots, INDArray[] grads, INDArray[][] state, int iteration, int epoch) {
        Muon c = getConfig();
        double lr = c.getLearningRate(iteration, epoch);
        for (int i = 0; i < grads.length; i++) {
            ParamSlot s = slots.get(i);
            INDArray update;
            if (usesMuon(s)) {
                update = MuonStep.update(s.value(), grads[i], state[i][0], lr, c.getMomentum(), c.isNesterov(),
                        c.getWeightDecay(), c.getNsSteps(), c.getNsA(), c.getNsB(), c.getNsC(), c.getNsEpsilon(),
                        c.getScale());
            } else {
                update = MuonStep.adamwUpdate(s.value(), grads[i], state[i][0], state[i][1],
                        c.adamwLearningRate(iteration, epoch), iteration + 1L, c.getAdamwBeta1(), c.getAdamwBeta2(),
                        c.getAdamwEpsilon(), c.getAdamwWeightDecay(), c.getEpsilonConvention());
            }
            grads[i].assign(update);
        }
    }

    /** True for a Euclidean matrix not routed to AdamW; false for AdamW parameters; throws for what Muon refuses. */
    boolean usesMuon(ParamSlot s) {
        Muon c = getConfig();
        if (!(s.manifold() instanceof Euclidean)) {
            throw new IllegalStateException(c + ": cannot treat layer '" + s.layerName() + "' parameter '"
                    + s.paramName() + "', which lives on " + s.manifold().name() + ": Newton–Schulz orthogonalisation "
                    + "is defined for Euclidean weight matrices only; give that layer a RiemannianAdam or "
                    + "RiemannianSgd updater");
        }
        if (c.isMarkedForAdamw(s.layerName(), s.paramName())) {
            return false;
        }
        if (MuonStep.isMatrixLike(s.shape())) {
            return true;
        }
        if (c.getNonMatrix() == MuonFallback.THROW) {
            throw new IllegalStateException(c + ": cannot treat layer '" + s.layerName() + "' parameter '"
                    + s.paramName() + "' of shape " + Arrays.toString(s.shape()) + ": Muon orthogonalises matrices "
                    + "(rank 2 with both sides >= 2, or conv filters), and nonMatrix = THROW; use nonMatrix(ADAMW), "
                    + "list it in adamwParams, or give the layer's biases another updater (biasUpdater)");
        }
        return false;
    }
}
