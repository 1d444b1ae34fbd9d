package org.geodl4j.hyperbolic;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer contract and the batch-norm statistics ({@link HyperbolicBatchNormContract}) of a Lorentz batch norm
 * ({@link LorentzBatchNorm}, {@link GyroLorentzBatchNorm}) with the Lorentz centroid as centre (the output centroid is
 * near the learned mean; the centroid is not the Fréchet mean, reference note §5/§6).
 */
abstract class LorentzBatchNormContract extends HyperbolicBatchNormContract {

    /** The batch norm under test (its curvature is set by the contract). */
    @Override
    abstract LorentzBatchNormBase.Builder<?> builder();

    @Override
    PointSpace space() {
        return PointSpace.LORENTZ;
    }

    @Override
    Manifold manifold() {
        return new Lorentz(C);
    }

    @Override
    INDArray centre(INDArray points) {
        return new Lorentz(C).centroid(points, null);
    }

    @Override
    String centreName() {
        return "centroid";
    }

    @Override
    long pointWidth() {
        return Nets.N_IN + 1;
    }

    /** Space coordinates set, time coordinate recomputed ({@link Lorentz#projx}). */
    @Override
    void placeLearnedMean(INDArray mu) {
        for (int j = 1; j < mu.length(); j++) {
            mu.putScalar(j, 0.4 * (j % 2 == 0 ? 1 : -0.6));
        }
        mu.assign(new Lorentz(C).projx(mu));
    }
}
