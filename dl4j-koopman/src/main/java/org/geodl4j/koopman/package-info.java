/** Koopman autoencoders with spectral-stability constraints, and dynamical-system data generators. */
package org.geodl4j.koopman;
