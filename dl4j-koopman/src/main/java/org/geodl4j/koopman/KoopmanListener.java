package org.geodl4j.koopman;

/** Progress callback of {@link KoopmanAutoencoder#fit}. Called on the training thread. */
@FunctionalInterface
public interface KoopmanListener {

    /**
     * After each parameter update.
     *
     * @param epoch     epoch index (0-based, counted over the model's lifetime)
     * @param iteration update index (0-based, counted over the model's lifetime)
     * @param loss      the weighted total loss of this minibatch (before the update)
     */
    void iterationDone(int epoch, int iteration, double loss);

    /** After each epoch, with the mean minibatch loss of the epoch. */
    default void epochDone(int epoch, double meanLoss) {
    }
}
