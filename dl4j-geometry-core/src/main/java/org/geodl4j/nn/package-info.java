/**
 * The DL4J integration base every geodl4j module shares: the SameDiff layer, output-layer and vertex bases (training
 * flag, non-trainable buffers, exact gradients, fixes for DL4J 1.0.0-M2.1's SameDiff-layer defects) and the
 * parameter-binding SPI that gives param-aware updaters each parameter's shape, value and manifold.
 *
 * <p>Layer base: {@link org.geodl4j.nn.GeoSameDiffLayer} (configuration a layer extends),
 * {@link org.geodl4j.nn.GeoLayerParams} (weights, biases, buffers), {@link org.geodl4j.nn.GeoLayerContext} (what a
 * definition sees), {@link org.geodl4j.nn.GeoSameDiffLayerRuntime} (the runtime layer DL4J executes).
 * Output layers: {@link org.geodl4j.nn.GeoSameDiffOutputLayer} (pre-activation graph + DL4J activation and loss) and
 * {@link org.geodl4j.nn.GeoSameDiffOutputLayerRuntime} ({@code IOutputLayer}). ComputationGraph vertices:
 * {@link org.geodl4j.nn.GeoSameDiffVertex}, {@link org.geodl4j.nn.GeoVertexContext},
 * {@link org.geodl4j.nn.GeoSameDiffVertexRuntime}. All three runtimes drive their SameDiff graphs through one
 * package-private engine.
 */
package org.geodl4j.nn;
