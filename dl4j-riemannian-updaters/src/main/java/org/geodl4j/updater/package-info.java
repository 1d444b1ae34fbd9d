/** Drop-in DL4J {@code IUpdater}s built on the geometry core: Riemannian SGD/Adam, Muon, and the RLO family. */
package org.geodl4j.updater;
