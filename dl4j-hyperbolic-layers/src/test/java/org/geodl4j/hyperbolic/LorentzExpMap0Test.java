package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;

/** The layer contract ({@link LayerContractTest}) for {@link LorentzExpMap0}. */
class LorentzExpMap0Test extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return LorentzExpMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.EUCLIDEAN;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.LORENTZ;
    }
}
