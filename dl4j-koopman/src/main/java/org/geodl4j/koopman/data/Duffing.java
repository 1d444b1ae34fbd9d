package org.geodl4j.koopman.data;

/**
 * The unforced, damped Duffing oscillator {@code x'' = −δ x' − x (β + α x²)}, state {@code (x, x')}, with the EDMD
 * parameters of Williams, Kevrekidis &amp; Rowley (J. Nonlinear Sci. 2015) also used by Otto &amp; Rowley (2019):
 * δ = 0.5, β = −1, α = 1 (two stable foci at x = ±1, a saddle at 0).
 */
public final class Duffing implements OdeSystem {

    private final double delta;
    private final double beta;
    private final double alpha;

    public Duffing(double delta, double beta, double alpha) {
        this.delta = delta;
        this.beta = beta;
        this.alpha = alpha;
    }

    /** δ = 0.5, β = −1, α = 1. */
    public static Duffing standard() {
        return new Duffing(0.5, -1.0, 1.0);
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void derivative(double t, double[] x, double[] d) {
        d[0] = x[1];
        d[1] = -delta * x[1] - x[0] * (beta + alpha * x[0] * x[0]);
    }

    @Override
    public String name() {
        return "Duffing(delta=" + delta + ", beta=" + beta + ", alpha=" + alpha + ")";
    }
}
