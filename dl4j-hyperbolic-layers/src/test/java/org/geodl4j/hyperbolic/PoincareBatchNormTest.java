package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link PoincareBatchNorm}: the layer contract and the batch-norm statistics ({@link HyperbolicBatchNormContract})
 * with the gyromidpoint as centre (the output midpoint is near the learned mean; only a Fréchet mean is preserved
 * exactly, reference note §4).
 */
class PoincareBatchNormTest extends HyperbolicBatchNormContract {

    @Override
    PoincareBatchNorm.Builder builder() {
        return PoincareBatchNorm.builder();
    }

    @Override
    PointSpace space() {
        return PointSpace.POINCARE;
    }

    @Override
    Manifold manifold() {
        return new PoincareBall(C);
    }

    @Override
    INDArray centre(INDArray points) {
        return new PoincareBall(C).weightedMidpoint(points, null);
    }

    @Override
    String centreName() {
        return "midpoint";
    }

    @Override
    long pointWidth() {
        return Nets.N_IN;
    }

    @Override
    void placeLearnedMean(INDArray mu) {
        for (int j = 0; j < mu.length(); j++) {
            mu.putScalar(j, 0.25 * (j % 2 == 0 ? 1 : -0.6));
        }
    }
}
