package org.geodl4j.nn;

import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;

/**
 * Implemented by layer configurations whose parameters (some of them) live on a manifold: a Poincaré-ball bias, a
 * Lorentz batch-norm mean, an embedding table. Param-aware updaters ask the layer through this interface which
 * manifold each parameter lives on; parameters of layers that do not implement it are {@link Euclidean}.
 */
public interface ManifoldAware {

    /**
     * The manifold the parameter {@code paramName} lives on; {@link Euclidean#INSTANCE} for plain weights.
     * Points of a parameter lie along its last axis (e.g. an embedding table {@code [vocab, dim]} holds one point per
     * row), or its last two axes for matrix manifolds.
     */
    default Manifold manifoldOf(String paramName) {
        return Euclidean.INSTANCE;
    }
}
