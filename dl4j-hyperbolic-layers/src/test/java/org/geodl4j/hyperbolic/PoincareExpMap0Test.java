package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;

/** The layer contract for {@link PoincareExpMap0} (followed by {@link PoincareLogMap0}). */
class PoincareExpMap0Test extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return PoincareExpMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.EUCLIDEAN;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.POINCARE;
    }
}
