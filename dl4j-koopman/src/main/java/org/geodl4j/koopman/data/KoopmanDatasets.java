package org.geodl4j.koopman.data;

import java.util.Random;
import java.util.function.Function;

/**
 * Trajectory sets in the sampling protocols of the Koopman literature, generated from the equations (RK4 with
 * sub-steps, or the exact solution where one exists) and deterministic by seed.
 *
 * <ul>
 *   <li>{@link #luschPendulum}: θ₀ ∈ [−3.1, 3.1], θ'₀ ∈ [−2, 2], kept if the energy θ'²/2 − cos θ ≤ 0.99; 51 samples,
 *       Δt = 0.02 (Lusch et al. 2018, {@code data/Pendulum.m}).</li>
 *   <li>{@link #luschDiscreteSpectrum}: x₀ ∈ [−0.5, 0.5]², exact solution, 51 samples, Δt = 0.02.</li>
 *   <li>{@link #cylinderWakeAttractor}: r ∈ [0, 1.1], θ ∈ [0, 2π], x₃ = r² (on the slow manifold), 121 samples, Δt = 0.05;
 *       {@link #cylinderWakeBox}: x₁,x₂ ∈ [−1.1, 1.1], x₃ ∈ [0, 2.42], trajectories with max x₃ &gt; 2.5 rejected,
 *       101 samples, Δt = 0.01.</li>
 *   <li>{@link #sample}: any system with an initial-condition sampler (Duffing, Lorenz-63, ...).</li>
 * </ul>
 */
public final class KoopmanDatasets {

    /** RK4 sub-steps per output sample used by the protocols (local step Δt/20). */
    public static final int SUBSTEPS = 20;

    private KoopmanDatasets() {
    }

    /** Lusch et al.'s pendulum protocol with {@code n} initial conditions. */
    public static TrajectorySet luschPendulum(int n, long seed) {
        Pendulum p = Pendulum.lusch();
        Random r = new Random(seed);
        Function<Random, double[]> ic = rnd -> {
            while (true) {
                double[] x = {uniform(rnd, -3.1, 3.1), uniform(rnd, -2, 2)};
                if (p.energy(x) <= 0.99) {
                    return x;
                }
            }
        };
        return sample("Lusch pendulum", p, ic, 0.02, 51, n, r);
    }

    /** Lusch et al.'s discrete-spectrum protocol (exact solution) with {@code n} initial conditions. */
    public static TrajectorySet luschDiscreteSpectrum(int n, long seed) {
        DiscreteSpectrum sys = DiscreteSpectrum.lusch();
        Random r = new Random(seed);
        double[][][] data = new double[n][51][];
        for (int i = 0; i < n; i++) {
            double[] x0 = {uniform(r, -0.5, 0.5), uniform(r, -0.5, 0.5)};
            for (int s = 0; s < 51; s++) {
                data[i][s] = sys.exact(x0, 0.02 * s);
            }
        }
        return new TrajectorySet("Lusch discrete spectrum", 0.02, data);
    }

    /** The cylinder-wake model started on its slow manifold (Lusch et al.'s "fluid flow on attractor"). */
    public static TrajectorySet cylinderWakeAttractor(int n, long seed) {
        Function<Random, double[]> ic = rnd -> {
            double rad = uniform(rnd, 0, 1.1);
            double th = uniform(rnd, 0, 2 * Math.PI);
            return new double[] {rad * Math.cos(th), rad * Math.sin(th), rad * rad};
        };
        return sample("cylinder wake (attractor)", CylinderWake.lusch(), ic, 0.05, 121, n, new Random(seed));
    }

    /** The cylinder-wake model started in a box around the attractor (Lusch et al.'s "fluid flow in box"). */
    public static TrajectorySet cylinderWakeBox(int n, long seed) {
        CylinderWake sys = CylinderWake.lusch();
        RungeKutta4 rk = new RungeKutta4(SUBSTEPS);
        Random r = new Random(seed);
        double[][][] data = new double[n][][];
        int i = 0;
        while (i < n) {
            double[] x0 = {uniform(r, -1.1, 1.1), uniform(r, -1.1, 1.1), uniform(r, 0, 2.42)};
            double[][] tr = rk.trajectory(sys, x0, 0, 0.01, 101);
            double maxX3 = Double.NEGATIVE_INFINITY;
            for (double[] s : tr) {
                maxX3 = Math.max(maxX3, s[2]);
            }
            if (maxX3 <= 2.5) {
                data[i++] = tr;
            }
        }
        return new TrajectorySet("cylinder wake (box)", 0.01, data);
    }

    /**
     * {@code n} trajectories of {@code samples} states Δt apart, each from an initial condition drawn by
     * {@code initialCondition}, integrated by RK4 with {@link #SUBSTEPS} sub-steps.
     */
    public static TrajectorySet sample(String name, OdeSystem system, Function<Random, double[]> initialCondition,
                                       double dt, int samples, int n, Random rnd) {
        if (n < 1) {
            throw new IllegalArgumentException(name + ": need at least one trajectory, got n=" + n);
        }
        RungeKutta4 rk = new RungeKutta4(SUBSTEPS);
        double[][][] data = new double[n][][];
        for (int i = 0; i < n; i++) {
            data[i] = rk.trajectory(system, initialCondition.apply(rnd), 0, dt, samples);
        }
        return new TrajectorySet(name, dt, data);
    }

    /** Uniform in [lo, hi). */
    static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
