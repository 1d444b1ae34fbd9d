package org.geodl4j.koopman.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntegratorTest {

    @Test
    void rk4MatchesTheExactDiscreteSpectrumSolution() {
        DiscreteSpectrum sys = DiscreteSpectrum.lusch();
        double[] x0 = {0.4, -0.3};
        double[][] tr = new RungeKutta4(KoopmanDatasets.SUBSTEPS).trajectory(sys, x0, 0, 0.02, 501);
        double maxErr = 0;
        for (int s = 0; s < tr.length; s++) {
            double[] ex = sys.exact(x0, 0.02 * s);
            maxErr = Math.max(maxErr, Math.max(Math.abs(tr[s][0] - ex[0]), Math.abs(tr[s][1] - ex[1])));
        }
        assertTrue(maxErr < 1e-8, "max error " + maxErr);
    }

    @Test
    void rk4MatchesTheExactPendulumSolutionForSmallAndLargeAmplitudes() {
        Pendulum p = Pendulum.lusch();
        for (double theta0 : new double[] {0.05, 1.0, 2.4, -2.9}) {
            double[] x0 = p.exactFromRest(theta0, 0);
            assertEquals(theta0, x0[0], 1e-12);
            assertEquals(0.0, x0[1], 1e-12);
            double[][] tr = new RungeKutta4(KoopmanDatasets.SUBSTEPS).trajectory(p, x0, 0, 0.02, 1001);
            double maxErr = 0;
            for (int s = 0; s < tr.length; s++) {
                double[] ex = p.exactFromRest(theta0, 0.02 * s);
                maxErr = Math.max(maxErr, Math.max(Math.abs(tr[s][0] - ex[0]), Math.abs(tr[s][1] - ex[1])));
            }
            assertTrue(maxErr < 1e-8, "theta0=" + theta0 + ": max error " + maxErr);
        }
    }

    @Test
    void pendulumEnergyIsConservedOverTenThousandSteps() {
        Pendulum p = Pendulum.lusch();
        double[] x0 = {2.0, 0.5};
        double e0 = p.energy(x0);
        double[][] tr = new RungeKutta4(KoopmanDatasets.SUBSTEPS).trajectory(p, x0, 0, 0.02, 10_001);
        double maxRel = 0;
        for (double[] s : tr) {
            maxRel = Math.max(maxRel, Math.abs(p.energy(s) - e0) / Math.abs(e0));
        }
        assertTrue(maxRel < 1e-6, "max relative energy drift " + maxRel);
    }

    @Test
    void rk4ErrorShrinksAsTheFourthPowerOfTheStep() {
        DiscreteSpectrum sys = DiscreteSpectrum.lusch();
        double[] x0 = {0.5, 0.5};
        double[] ex = sys.exact(x0, 2.0);
        double e1 = Math.abs(new RungeKutta4(1).trajectory(sys, x0, 0, 0.2, 11)[10][1] - ex[1]);
        double e2 = Math.abs(new RungeKutta4(2).trajectory(sys, x0, 0, 0.2, 11)[10][1] - ex[1]);
        double ratio = e1 / e2;
        assertTrue(ratio > 12 && ratio < 20, "halving the step should divide the error by ~16, got " + ratio);
    }

    @Test
    void jacobiEllipticFunctionsSatisfyTheirIdentitiesAndKnownValues() {
        assertEquals(Math.PI / 2, JacobiElliptic.completeK(0), 1e-15);
        assertEquals(1.854074677301372, JacobiElliptic.completeK(0.5), 1e-13);
        for (double m : new double[] {0.0, 0.1, 0.5, 0.9, 0.99}) {
            double k = JacobiElliptic.completeK(m);
            assertEquals(1.0, JacobiElliptic.sncndn(k, m)[0], 1e-12, "sn(K) = 1 for m=" + m);
            for (double u = -3; u <= 3; u += 0.37) {
                double[] s = JacobiElliptic.sncndn(u, m);
                assertEquals(1.0, s[0] * s[0] + s[1] * s[1], 1e-13);
                assertEquals(1.0, s[2] * s[2] + m * s[0] * s[0], 1e-13);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> JacobiElliptic.completeK(1.0));
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RungeKutta4(4).trajectory(Pendulum.lusch(), new double[] {1, 2, 3}, 0, 0.1, 5));
        assertTrue(e.getMessage().contains("Pendulum") && e.getMessage().contains("expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RungeKutta4(0));
        assertThrows(IllegalArgumentException.class, () -> new Pendulum(Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new TrajectorySet("t", 0.1, new double[][][] {{{0, Double.NaN}}}));
    }
}
