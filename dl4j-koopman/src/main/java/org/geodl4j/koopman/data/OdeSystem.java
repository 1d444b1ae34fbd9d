package org.geodl4j.koopman.data;

/** An autonomous or time-dependent ordinary differential equation {@code dx/dt = f(t, x)}. */
public interface OdeSystem {

    /** Dimension of the state. */
    int dimension();

    /**
     * Writes {@code f(t, x)} into {@code dxdt} (same length as {@code x}).
     *
     * @param t time
     * @param x state (not modified)
     * @param dxdt output
     */
    void derivative(double t, double[] x, double[] dxdt);

    /** A short name with parameters, for reports. */
    String name();
}
