package org.geodl4j.samples;

import org.nd4j.linalg.factory.Nd4j;

/** Names the ND4J backend in use (CPU nd4j-native by default, CUDA with the {@code -Pcuda} build profile). */
final class Backend {

    private Backend() {
    }

    static String describe() {
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        return cls + " (" + Nd4j.getAffinityManager().getNumberOfDevices() + " device(s), "
                + Runtime.getRuntime().availableProcessors() + " CPU cores)";
    }
}
