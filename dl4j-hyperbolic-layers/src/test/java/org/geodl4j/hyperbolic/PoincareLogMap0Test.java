package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;

/** The layer contract for {@link PoincareLogMap0} (preceded by {@link PoincareExpMap0}). */
class PoincareLogMap0Test extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return PoincareLogMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.EUCLIDEAN;
    }
}
