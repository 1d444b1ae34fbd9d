package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.geodl4j.koopman.Eigenvalue;
import org.geodl4j.koopman.KoopmanAutoencoder;
import org.geodl4j.koopman.OperatorType;
import org.geodl4j.koopman.data.KoopmanDatasets;
import org.geodl4j.koopman.data.TrajectorySet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Koopman autoencoders in the tour: a small autoencoder with a stable-by-construction latent operator K = Q·B·Qᵀ
 * trained for a few epochs on Lusch et al.'s pendulum. Checks that the 10-step rollout error on held-out
 * trajectories falls at least 5×, that the explicit eigenvalues equal those of the 2×2 matrix K (trace/determinant)
 * and lie inside the unit circle, and that a 10⁴-step rollout stays bounded.
 */
final class KoopmanTour implements TourSection {

    @Override
    public String title() {
        return "Koopman autoencoders: stable latent operator on the pendulum";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        TrajectorySet[] parts = KoopmanDatasets.luschPendulum(130, 3).split(1, 100.0 / 130, 30.0 / 130);
        TrajectorySet train = parts[0];
        TrajectorySet test = parts[1];
        KoopmanAutoencoder m = KoopmanAutoencoder.builder().stateDim(2).encoderHidden(32, 32).latentDim(2)
                .operator(OperatorType.STABLE).steps(10).batchSize(64).windowStride(5).seed(1).build();
        double before = m.rolloutMse(test, 10);
        double[] losses = KoopmanRuns.quietly(() -> m.fit(train, 3, new Adam(5e-3)));
        double after = m.rolloutMse(test, 10);
        out.printf("pendulum (Lusch protocol, %d train / %d held-out trajectories), MLP 2-32-32-2, STABLE K, S = 10, "
                + "3 epochs (%d steps): held-out 10-step rollout MSE %.4g -> %.4g (%.1fx lower)%n", train.size(),
                test.size(), m.iterationCount(), before, after, before / after);
        check("10-step rollout MSE falls >= 5x", before / after >= 5, before / after);
        check("training loss falls", losses[losses.length - 1] < losses[0], losses[losses.length - 1]);

        double[][] k = m.operatorDouble();
        double tr = k[0][0] + k[1][1];
        double det = k[0][0] * k[1][1] - k[0][1] * k[1][0];
        double disc = tr * tr / 4 - det;
        double rhoMatrix = disc < 0 ? Math.sqrt(det)
                : Math.max(Math.abs(tr / 2 + Math.sqrt(disc)), Math.abs(tr / 2 - Math.sqrt(disc)));
        double rho = m.spectralRadius();
        Eigenvalue e = m.spectrum().get(0);
        out.printf("K = [[%.5f, %.5f], [%.5f, %.5f]]; explicit eigenvalues %.5f ± %.5fi, spectral radius %.6f "
                + "(from trace/determinant of K: %.6f)%n", k[0][0], k[0][1], k[1][0], k[1][1], e.re(),
                Math.abs(e.im()), rho, rhoMatrix);
        check("spectral radius < 1", rho < 1, rho);
        check("explicit eigenvalues match the matrix (|Δρ| < 1e-5)", Math.abs(rho - rhoMatrix) < 1e-5,
                rho - rhoMatrix);

        double[][] x0 = new double[test.size()][];
        double maxAbs = 0;
        for (int i = 0; i < test.size(); i++) {
            double[][] t = test.trajectory(i);
            x0[i] = t[0];
            for (double[] s : t) {
                maxAbs = Math.max(maxAbs, Math.max(Math.abs(s[0]), Math.abs(s[1])));
            }
        }
        double[][][] roll = KoopmanRuns.rollout(m, x0, 10_000);
        double rollMax = 0;
        for (double[][] r : roll) {
            for (double[] s : r) {
                for (double v : s) {
                    rollMax = Math.max(rollMax, Double.isFinite(v) ? Math.abs(v) : Double.POSITIVE_INFINITY);
                }
            }
        }
        out.printf("10^4-step rollout from %d held-out states: max |x| = %.4f (data: %.4f)%n", x0.length, rollMax,
                maxAbs);
        check("10^4-step rollout bounded (max |x| <= 10 x data range)", rollMax <= 10 * maxAbs, rollMax);
        summary.put("koopman.tour.rolloutMseBefore", before);
        summary.put("koopman.tour.rolloutMseAfter", after);
        summary.put("koopman.tour.spectralRadius", rho);
        summary.put("koopman.tour.rolloutMaxAbs", rollMax);
        return summary;
    }

    private static void check(String what, boolean ok, Object value) {
        if (!ok) {
            throw new IllegalStateException(what + ": got " + value);
        }
    }
}
