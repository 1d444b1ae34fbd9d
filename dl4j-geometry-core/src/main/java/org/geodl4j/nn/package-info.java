/**
 * The DL4J integration base every geodl4j module shares: the SameDiff layer base (training flag, non-trainable
 * buffers, fixes for DL4J 1.0.0-M2.1's SameDiff-layer defects) and the parameter-binding SPI that gives param-aware
 * updaters each parameter's shape, value and manifold.
 *
 * <p>Layer base: {@link org.geodl4j.nn.GeoSameDiffLayer} (configuration a layer extends),
 * {@link org.geodl4j.nn.GeoLayerParams} (weights, biases, buffers), {@link org.geodl4j.nn.GeoLayerContext} (what a
 * definition sees), {@link org.geodl4j.nn.GeoSameDiffLayerRuntime} (the runtime layer DL4J executes).
 */
package org.geodl4j.nn;
