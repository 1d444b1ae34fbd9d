package org.geodl4j.hyperbolic;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.geodl4j.manifold.Lorentz;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Bridges into and out of the Lorentz model for the layer contract tests. */
final class Bridges {

    private Bridges() {
    }

    static Layer lorentzIn(double c, boolean trainable) {
        return LorentzExpMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    static Layer lorentzOut(double c, boolean trainable) {
        return LorentzLogMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    /** Hyperboloid points {@code exp_o(tangent)}, {@code [N, n+1]}. */
    static INDArray lorentzPoints(INDArray tangent, double c) {
        return new Lorentz(c).expmap0(tangent);
    }
}
