/**
 * Hyperbolic SameDiff layers for DL4J built from the geometry core: exp/log bridges, Möbius/Poincaré/Lorentz linear
 * layers, hyperbolic activations, MLR output layers, Poincaré and Lorentz batch norms, embeddings and graph vertices.
 */
package org.geodl4j.hyperbolic;
