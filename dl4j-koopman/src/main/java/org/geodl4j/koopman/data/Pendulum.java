package org.geodl4j.koopman.data;

/**
 * The undamped nonlinear pendulum {@code θ'' = −ω₀² sin θ}, state {@code (θ, θ')}. With {@code ω₀ = 1} it is the
 * pendulum of Lusch, Kutz &amp; Brunton, "Deep learning for universal linear embeddings of nonlinear dynamics", Nat.
 * Commun. 9:4950 (2018); with {@code ω₀ = √9.81} that of Azencot et al., ICML 2020.
 *
 * <p>Energy {@code E = θ'²/2 − ω₀² cos θ} is conserved. For a release from rest at amplitude θ₀ &lt; π the exact
 * solution is {@code θ(t) = 2 asin(S · sn(K − ω₀t | m))}, {@code θ'(t) = −2Sω₀ cn·dn / sqrt(1 − S² sn²)}, with
 * {@code S = sin(θ₀/2)}, {@code m = S²}, {@code K = K(m)} (Jacobi elliptic functions, parameter m).
 */
public final class Pendulum implements OdeSystem {

    private final double omega0;

    /** @param omega0 natural angular frequency sqrt(g/l) (> 0) */
    public Pendulum(double omega0) {
        if (!(omega0 > 0) || !Double.isFinite(omega0)) {
            throw new IllegalArgumentException("Pendulum: omega0 must be finite and > 0, got " + omega0);
        }
        this.omega0 = omega0;
    }

    /** Lusch et al.'s pendulum, g/l = 1. */
    public static Pendulum lusch() {
        return new Pendulum(1.0);
    }

    public double omega0() {
        return omega0;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void derivative(double t, double[] x, double[] dxdt) {
        dxdt[0] = x[1];
        dxdt[1] = -omega0 * omega0 * Math.sin(x[0]);
    }

    /** Energy {@code θ'²/2 − ω₀² cos θ}. */
    public double energy(double[] x) {
        return 0.5 * x[1] * x[1] - omega0 * omega0 * Math.cos(x[0]);
    }

    /**
     * Exact state at time t for a release from rest at amplitude {@code theta0} (|θ₀| &lt; π).
     */
    public double[] exactFromRest(double theta0, double t) {
        if (!(Math.abs(theta0) < Math.PI)) {
            throw new IllegalArgumentException("Pendulum: exact solution needs |theta0| < pi, got " + theta0);
        }
        double s = Math.sin(Math.abs(theta0) / 2);
        double m = s * s;
        double k = JacobiElliptic.completeK(m);
        double[] scd = JacobiElliptic.sncndn(k - omega0 * t, m);
        double sign = Math.signum(theta0) == 0 ? 1 : Math.signum(theta0);
        double theta = 2 * Math.asin(s * scd[0]);
        double thetaDot = -2 * s * omega0 * scd[1] * scd[2] / Math.sqrt(1 - m * scd[0] * scd[0]);
        return new double[] {sign * theta, sign * thetaDot};
    }

    @Override
    public String name() {
        return "Pendulum(omega0=" + omega0 + ")";
    }
}
