package org.geodl4j.nn;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * TEST-scope stock DL4J {@code DenseLayer} whose parameters are declared on the Poincaré ball of curvature
 * {@link #C} via {@link ManifoldAware}: every row of {@code W [nIn, nOut]} and the bias {@code [nOut]} are points.
 * No configuration-level binding: param-aware updaters reach it only through {@link GeoUpdaters#attach}.
 */
public class BallDenseLayer extends DenseLayer implements ManifoldAware {

    /** Curvature of the ball (not 1, so that c-handling is exercised). */
    public static final double C = 0.8;

    /** For Jackson. */
    public BallDenseLayer() {
    }

    public BallDenseLayer(long nIn, long nOut) {
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(new ActivationIdentity());
    }

    @Override
    public Manifold manifoldOf(String paramName) {
        return new PoincareBall(C);
    }
}
