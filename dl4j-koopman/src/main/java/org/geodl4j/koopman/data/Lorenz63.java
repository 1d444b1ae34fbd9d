package org.geodl4j.koopman.data;

/**
 * The Lorenz-63 system (Lorenz, J. Atmos. Sci. 20, 1963): {@code x' = σ(y − x)}, {@code y' = x(ρ − z) − y},
 * {@code z' = xy − βz}, standard chaotic parameters σ = 10, ρ = 28, β = 8/3.
 */
public final class Lorenz63 implements OdeSystem {

    private final double sigma;
    private final double rho;
    private final double beta;

    public Lorenz63(double sigma, double rho, double beta) {
        this.sigma = sigma;
        this.rho = rho;
        this.beta = beta;
    }

    /** σ = 10, ρ = 28, β = 8/3. */
    public static Lorenz63 standard() {
        return new Lorenz63(10.0, 28.0, 8.0 / 3.0);
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public void derivative(double t, double[] x, double[] d) {
        d[0] = sigma * (x[1] - x[0]);
        d[1] = x[0] * (rho - x[2]) - x[1];
        d[2] = x[0] * x[1] - beta * x[2];
    }

    @Override
    public String name() {
        return "Lorenz63(sigma=" + sigma + ", rho=" + rho + ", beta=" + beta + ")";
    }
}
