/** BitNet b1.58 ternary layers with stochastic-resonance noise, ternary export and packed CPU inference kernels. */
package org.geodl4j.bitnet;
