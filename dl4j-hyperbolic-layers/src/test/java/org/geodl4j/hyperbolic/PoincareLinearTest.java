package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** The layer contract ({@link LayerContractTest}) for {@link PoincareLinear} (3 outputs, tanh in the tangent space). */
class PoincareLinearTest extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return PoincareLinear.builder().nOut(3).activation(Activation.TANH).curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.POINCARE;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.POINCARE;
    }
}
