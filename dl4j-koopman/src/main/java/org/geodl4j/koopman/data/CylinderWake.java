package org.geodl4j.koopman.data;

/**
 * The mean-field model of the wake behind a cylinder (Noack et al., J. Fluid Mech. 497, 2003), as used by Lusch,
 * Kutz &amp; Brunton (2018) in place of the DNS data:
 * <pre>
 *   x1' = μ x1 − ω x2 + A x1 x3
 *   x2' = ω x1 + μ x2 + A x2 x3
 *   x3' = λ (x3 − x1² − x2²)
 * </pre>
 * with μ = 0.1, ω = 1, A = −0.1, λ = −10. Trajectories approach the slow manifold x3 = x1² + x2² and the limit cycle of
 * radius sqrt(−μ/A) = 1.
 */
public final class CylinderWake implements OdeSystem {

    private final double mu;
    private final double omega;
    private final double a;
    private final double lambda;

    public CylinderWake(double mu, double omega, double a, double lambda) {
        this.mu = mu;
        this.omega = omega;
        this.a = a;
        this.lambda = lambda;
    }

    /** The parameters of Lusch et al.: μ = 0.1, ω = 1, A = −0.1, λ = −10. */
    public static CylinderWake lusch() {
        return new CylinderWake(0.1, 1.0, -0.1, -10.0);
    }

    @Override
    public int dimension() {
        return 3;
    }

    @Override
    public void derivative(double t, double[] x, double[] d) {
        d[0] = mu * x[0] - omega * x[1] + a * x[0] * x[2];
        d[1] = omega * x[0] + mu * x[1] + a * x[1] * x[2];
        d[2] = lambda * (x[2] - x[0] * x[0] - x[1] * x[1]);
    }

    @Override
    public String name() {
        return "CylinderWake(mu=" + mu + ", omega=" + omega + ", A=" + a + ", lambda=" + lambda + ")";
    }
}
