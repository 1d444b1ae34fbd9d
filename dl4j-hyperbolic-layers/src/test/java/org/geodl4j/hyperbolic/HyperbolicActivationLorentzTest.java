package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationSwish;

/** The layer contract ({@link LayerContractTest}) for {@link HyperbolicActivation} on the Lorentz model (swish). */
class HyperbolicActivationLorentzTest extends LayerContractTest {

    @Override
    Layer layer(boolean trainable, double c) {
        return HyperbolicActivation.builder().space(PointSpace.LORENTZ).activation(new ActivationSwish()).curvature(c)
                .trainableCurvature(trainable).build();
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
