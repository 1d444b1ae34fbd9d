/**
 * Dynamical-system data generated from the systems' equations — deterministic by seed, no downloads: an RK4
 * integrator, the benchmark systems of the Koopman literature (Lusch et al. 2018, Azencot et al. 2020, Otto &amp;
 * Rowley 2019, Williams et al. 2015) and trajectory sets in the published sampling protocols.
 */
package org.geodl4j.koopman.data;
