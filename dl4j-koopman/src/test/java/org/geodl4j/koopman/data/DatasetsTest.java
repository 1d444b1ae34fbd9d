package org.geodl4j.koopman.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void luschPendulumRespectsTheEnergyBoundAndIsDeterministic() {
        TrajectorySet a = KoopmanDatasets.luschPendulum(40, 3);
        TrajectorySet b = KoopmanDatasets.luschPendulum(40, 3);
        assertEquals(40, a.size());
        assertEquals(51, a.length());
        assertEquals(2, a.dimension());
        Pendulum p = Pendulum.lusch();
        for (int i = 0; i < a.size(); i++) {
            double[][] tr = a.trajectory(i);
            assertTrue(p.energy(tr[0]) <= 0.99 + 1e-12);
            assertArrayEquals(tr[50], b.trajectory(i)[50], 0.0);
            assertTrue(Math.abs(tr[0][0]) <= 3.1 && Math.abs(tr[0][1]) <= 2);
        }
    }

    @Test
    void discreteSpectrumFollowsItsClosedForm() {
        TrajectorySet s = KoopmanDatasets.luschDiscreteSpectrum(10, 1);
        DiscreteSpectrum sys = DiscreteSpectrum.lusch();
        for (int i = 0; i < s.size(); i++) {
            double[][] tr = s.trajectory(i);
            assertArrayEquals(sys.exact(tr[0], 0.02 * 37), tr[37], 1e-15);
        }
    }

    @Test
    void cylinderWakeStaysNearTheSlowManifoldAndTheBoxProtocolRejectsLargeX3() {
        TrajectorySet att = KoopmanDatasets.cylinderWakeAttractor(5, 2);
        assertEquals(121, att.length());
        for (int i = 0; i < att.size(); i++) {
            for (double[] x : att.trajectory(i)) {
                assertTrue(Math.abs(x[2] - x[0] * x[0] - x[1] * x[1]) < 0.05, "off the slow manifold: " + x[2]);
            }
        }
        TrajectorySet box = KoopmanDatasets.cylinderWakeBox(5, 2);
        for (int i = 0; i < box.size(); i++) {
            for (double[] x : box.trajectory(i)) {
                assertTrue(x[2] <= 2.5);
            }
        }
    }

    @Test
    void cylinderWakeApproachesItsLimitCycleOfRadiusOne() {
        double[][] tr = new RungeKutta4(20).trajectory(CylinderWake.lusch(), new double[] {0.1, 0, 0.01}, 0, 0.1, 1501);
        double[] end = tr[tr.length - 1];
        assertEquals(1.0, Math.hypot(end[0], end[1]), 1e-3);
    }

    @Test
    void duffingAndLorenzTrajectoriesStayBounded() {
        java.util.Random r = new java.util.Random(5);
        TrajectorySet d = KoopmanDatasets.sample("duffing", Duffing.standard(),
                rnd -> new double[] {KoopmanDatasets.uniform(rnd, -2, 2), KoopmanDatasets.uniform(rnd, -2, 2)}, 0.05, 400, 5, r);
        TrajectorySet l = KoopmanDatasets.sample("lorenz", Lorenz63.standard(),
                rnd -> new double[] {rnd.nextGaussian(), rnd.nextGaussian(), 20 + rnd.nextGaussian()}, 0.01, 2000, 3, r);
        for (TrajectorySet s : new TrajectorySet[] {d, l}) {
            for (int i = 0; i < s.size(); i++) {
                for (double[] x : s.trajectory(i)) {
                    for (double v : x) {
                        assertTrue(Math.abs(v) < 100, s.name() + " left the bounded region: " + v);
                    }
                }
            }
        }
    }

    @Test
    void azencotPendulumIsLiftedToSixtyFourDimensionsAndScaledToUnitRange() {
        AzencotPendulum a = AzencotPendulum.generate(2.4, 0.03, 300, 1);
        TrajectorySet obs = a.observed();
        assertEquals(300, obs.length());
        assertEquals(64, obs.dimension());
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] x : obs.trajectory(0)) {
            for (double v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(-1.0, min, 1e-12);
        assertEquals(1.0, max, 1e-12);
        double[][] q = AzencotPendulum.orthonormalColumns(new java.util.Random(1), 64, 2);
        double dot = 0, n0 = 0;
        for (double[] row : q) {
            dot += row[0] * row[1];
            n0 += row[0] * row[0];
        }
        assertEquals(0.0, dot, 1e-12);
        assertEquals(1.0, n0, 1e-12);
    }

    @Test
    void splitPartitionsAllTrajectories() {
        TrajectorySet s = KoopmanDatasets.luschDiscreteSpectrum(20, 4);
        TrajectorySet[] parts = s.split(7, 0.7, 0.2, 0.1);
        assertEquals(14, parts[0].size());
        assertEquals(4, parts[1].size());
        assertEquals(2, parts[2].size());
    }
}
