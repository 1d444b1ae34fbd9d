/**
 * BitNet b1.58 ternary layers with stochastic-resonance noise, ternary export and packed CPU inference kernels.
 *
 * <ul>
 *   <li>layer: {@link org.geodl4j.bitnet.BitLinear} (definition in {@link org.geodl4j.bitnet.BitLinearGraph}),
 *       noise configuration {@link org.geodl4j.bitnet.StochasticResonance};</li>
 *   <li>quantisers: {@link org.geodl4j.bitnet.TernaryWeightQuantizer}, {@link org.geodl4j.bitnet.ActivationQuantizer},
 *       {@link org.geodl4j.bitnet.RmsNorm}, {@link org.geodl4j.bitnet.NoisyTernaryQuantizer} over
 *       {@link org.geodl4j.bitnet.NoiseDistribution};</li>
 *   <li>inference: {@link org.geodl4j.bitnet.TernaryMatrix}, {@link org.geodl4j.bitnet.TernaryMatMul},
 *       {@link org.geodl4j.bitnet.PackedBitLinear}, {@link org.geodl4j.bitnet.TernaryExport},
 *       {@link org.geodl4j.bitnet.TernaryInferenceNetwork}, {@link org.geodl4j.bitnet.TernaryStatistics}.</li>
 * </ul>
 */
package org.geodl4j.bitnet;
