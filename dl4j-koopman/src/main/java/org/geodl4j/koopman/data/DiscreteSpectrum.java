package org.geodl4j.koopman.data;

/**
 * The discrete-spectrum example of Lusch, Kutz &amp; Brunton (Nat. Commun. 2018):
 * {@code x1' = μ x1}, {@code x2' = λ (x2 − x1²)} with {@code μ = −0.05}, {@code λ = −1}. Its Koopman eigenfunctions
 * are known in closed form, and so is the solution:
 * <pre>
 *   x1(t) = x1⁰ e^{μt}
 *   x2(t) = c2 e^{λt} + c3 e^{2μt},   c3 = −λ (x1⁰)² / (2μ − λ),   c2 = x2⁰ − c3
 * </pre>
 */
public final class DiscreteSpectrum implements OdeSystem {

    private final double mu;
    private final double lambda;

    public DiscreteSpectrum(double mu, double lambda) {
        if (!Double.isFinite(mu) || !Double.isFinite(lambda) || 2 * mu == lambda) {
            throw new IllegalArgumentException("DiscreteSpectrum: need finite mu, lambda with 2mu != lambda, got mu="
                    + mu + ", lambda=" + lambda);
        }
        this.mu = mu;
        this.lambda = lambda;
    }

    /** Lusch et al.'s parameters μ = −0.05, λ = −1. */
    public static DiscreteSpectrum lusch() {
        return new DiscreteSpectrum(-0.05, -1.0);
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void derivative(double t, double[] x, double[] dxdt) {
        dxdt[0] = mu * x[0];
        dxdt[1] = lambda * (x[1] - x[0] * x[0]);
    }

    /** The exact state at time t from {@code x0} at time 0. */
    public double[] exact(double[] x0, double t) {
        double c3 = -lambda * x0[0] * x0[0] / (2 * mu - lambda);
        double c2 = x0[1] - c3;
        return new double[] {x0[0] * Math.exp(mu * t), c2 * Math.exp(lambda * t) + c3 * Math.exp(2 * mu * t)};
    }

    @Override
    public String name() {
        return "DiscreteSpectrum(mu=" + mu + ", lambda=" + lambda + ")";
    }
}
