package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** The layer contract ({@link LayerContractTest}) for {@link LorentzLinear}. */
class LorentzLinearTest extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return LorentzLinear.builder().nOut(4).activation(Activation.TANH).curvature(c).trainableCurvature(trainable).build();
    }

    @Override
    PointSpace inSpace() {
        return PointSpace.LORENTZ;
    }

    @Override
    PointSpace outSpace() {
        return PointSpace.LORENTZ;
    }
}
