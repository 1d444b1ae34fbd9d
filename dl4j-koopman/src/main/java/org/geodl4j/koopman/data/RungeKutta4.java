package org.geodl4j.koopman.data;

import java.util.Arrays;

/**
 * The classical fourth-order Runge–Kutta method, Butcher tableau
 * <pre>
 *   0   |
 *   1/2 | 1/2
 *   1/2 | 0    1/2
 *   1   | 0    0    1
 *   ----+-------------------
 *       | 1/6  1/3  1/3  1/6
 * </pre>
 * applied with {@code substeps} equal sub-steps per output sample (local error O(h⁵), global O(h⁴) with
 * {@code h = dt/substeps}).
 */
public final class RungeKutta4 {

    private final int substeps;

    /**
     * @param substeps RK4 steps per output interval (≥ 1)
     */
    public RungeKutta4(int substeps) {
        if (substeps < 1) {
            throw new IllegalArgumentException("RungeKutta4: substeps must be >= 1, got " + substeps);
        }
        this.substeps = substeps;
    }

    /** Sub-steps per output interval. */
    public int substeps() {
        return substeps;
    }

    /**
     * Integrates {@code system} from {@code x0} at {@code t0} and returns {@code samples} states spaced {@code dt}
     * apart, the first being {@code x0}: a {@code [samples][dimension]} array.
     */
    public double[][] trajectory(OdeSystem system, double[] x0, double t0, double dt, int samples) {
        int n = system.dimension();
        if (x0.length != n) {
            throw new IllegalArgumentException(system.name() + ": initial state has " + x0.length
                    + " components, expected " + n);
        }
        if (samples < 1 || !(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("RungeKutta4: need samples >= 1 and a finite dt > 0, got samples="
                    + samples + ", dt=" + dt);
        }
        double[][] out = new double[samples][];
        double[] x = x0.clone();
        out[0] = x.clone();
        double h = dt / substeps;
        double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], tmp = new double[n];
        double t = t0;
        for (int s = 1; s < samples; s++) {
            for (int j = 0; j < substeps; j++) {
                step(system, t, x, h, k1, k2, k3, k4, tmp);
                t = t0 + ((s - 1) * (double) substeps + j + 1) * h;
            }
            out[s] = x.clone();
        }
        return out;
    }

    /** One RK4 step of size h, in place on {@code x}. */
    private static void step(OdeSystem f, double t, double[] x, double h,
                             double[] k1, double[] k2, double[] k3, double[] k4, double[] tmp) {
        int n = x.length;
        f.derivative(t, x, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + 0.5 * h * k1[i];
        }
        f.derivative(t + 0.5 * h, tmp, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + 0.5 * h * k2[i];
        }
        f.derivative(t + 0.5 * h, tmp, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = x[i] + h * k3[i];
        }
        f.derivative(t + h, tmp, k4);
        for (int i = 0; i < n; i++) {
            x[i] += h / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    @Override
    public String toString() {
        return "RungeKutta4(substeps=" + substeps + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RungeKutta4 && ((RungeKutta4) o).substeps == substeps;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {substeps});
    }
}
