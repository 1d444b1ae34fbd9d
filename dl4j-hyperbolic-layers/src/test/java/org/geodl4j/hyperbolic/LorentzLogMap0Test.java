package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;

/** The layer contract ({@link LayerContractTest}) for {@link LorentzLogMap0}. */
class LorentzLogMap0Test extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return LorentzLogMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.LORENTZ;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.EUCLIDEAN;
    }
}
