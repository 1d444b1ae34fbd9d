/**
 * The geometry core: one {@link org.geodl4j.manifold.Manifold} interface with the geoopt verb set, implemented once
 * per manifold (Euclidean, Poincaré ball, Lorentz hyperboloid, sphere, Stiefel), each in an eager INDArray form and
 * a SameDiff form used inside layers.
 */
package org.geodl4j.manifold;
