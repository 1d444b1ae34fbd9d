package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bridges into and out of the Lorentz model for the layer contract tests. */
final class Bridges {

    private Bridges() {
    }

    static Layer lorentzIn(double c, boolean trainable) {
        throw new IllegalStateException("Lorentz bridges need the Lorentz model of the geometry core");
    }

    static Layer lorentzOut(double c, boolean trainable) {
        throw new IllegalStateException("Lorentz bridges need the Lorentz model of the geometry core");
    }

    static INDArray lorentzPoints(INDArray tangent, double c) {
        throw new IllegalStateException("Lorentz bridges need the Lorentz model of the geometry core");
    }
}
