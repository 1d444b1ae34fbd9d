package org.geodl4j.koopman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.geodl4j.koopman.data.KoopmanDatasets;
import org.geodl4j.koopman.data.TrajectorySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

class KoopmanAutoencoderTest {

    private static KoopmanAutoencoder.Builder tiny(OperatorType op) {
        return KoopmanAutoencoder.builder().stateDim(2).encoderHidden(4).latentDim(op == OperatorType.STABLE ? 3 : 2)
                .realModes(op == OperatorType.STABLE ? 1 : 0).operator(op).steps(3).activation(Activation.TANH)
                .dataType(DataType.DOUBLE);
    }

    /** Every loss term switched on (Lyapunov violated via a large ε), all three operators, double precision. */
    @Test
    void wholeModelGradientMatchesFiniteDifferences() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        // Kept cheap (~160 parameter entries, two SameDiff forwards each, whose per-call cost grows with
        // the graph): hidden width 3, S = 2 (K² still exercised), 6 windows, short power iterations (2^2 steps,
        // Gelfand k = 2). The check is of the computed graph's gradient, which does not need converged iterations.
        INDArray w = TrajectoryWindowIterator.windows(KoopmanDatasets.luschPendulum(2, 1), 2, 24, DataType.DOUBLE);
        for (OperatorType op : OperatorType.values()) {
            KoopmanAutoencoder m = tiny(op).encoderHidden(3).steps(2).infinityWeight(0.1).backward(true)
                    .backwardWeight(0.5).consistencyWeight(0.3).eigenLoss(EigenLoss.UNIT_CIRCLE_MSE, 0.2)
                    .lyapunov(0.5, 0.05).l2Weight(1e-2).powerSquarings(2).gelfandSquarings(1).build();
            // a generic P (P = (1+ε)I makes KᵀPK − P a multiple of I for normal K: λ_max not differentiable there)
            INDArray pl = m.paramTable().get("P_L");
            for (int i = 0; i < pl.rows(); i++) {
                for (int j = 0; j <= i; j++) {
                    pl.putScalar(i, j, i == j ? 1.0 - 0.2 * i : 0.3 + 0.1 * j);
                }
            }
            Map<String, Double> c = m.evaluate(w);
            assertTrue(c.get("lyapunov") > 0, "Lyapunov term must be active in the check");
            double worst = FiniteDifferences.worstRelativeError(m.sameDiff(), Map.of("x", w), "loss",
                    m.paramNames(), 1e-6, 1e-9);
            assertTrue(worst < 1e-5, op + ": worst relative gradient error " + worst);
        }
    }

    /** Multi-step (10-step) rollout error on pendulum trajectories falls ≥ 10× from initialisation. */
    @Test
    void trainingReducesPendulumPredictionErrorTenfold() {
        TrajectorySet train = KoopmanDatasets.luschPendulum(100, 3);
        KoopmanAutoencoder m = KoopmanAutoencoder.builder().stateDim(2).encoderHidden(32, 32).latentDim(4)
                .steps(10).batchSize(64).windowStride(5).seed(1).build();
        double before = m.rolloutMse(train, 10);
        AtomicInteger calls = new AtomicInteger();
        m.addListener((e, i, l) -> calls.incrementAndGet());
        double[] losses = m.fit(train, 5, new Adam(3e-3));
        double after = m.rolloutMse(train, 10);
        System.out.println("pendulum 10-step rollout MSE " + before + " -> " + after + ", epoch losses "
                + java.util.Arrays.toString(losses));
        assertTrue(before / after >= 10, "rollout MSE " + before + " -> " + after);
        assertEquals(m.iterationCount(), calls.get());
        assertEquals(5, m.epochCount());
    }

    @Test
    void saveLoadRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
        for (OperatorType op : OperatorType.values()) {
            KoopmanAutoencoder m = tiny(op).dataType(DataType.FLOAT).backward(true).backwardWeight(1).build();
            TrajectorySet data = KoopmanDatasets.luschPendulum(4, 2);
            m.fit(data, 1, new Adam(1e-2));
            File f = dir.resolve("k-" + op + ".zip").toFile();
            m.save(f);
            KoopmanAutoencoder r = KoopmanAutoencoder.load(f);
            assertEquals(m.config(), r.config());
            INDArray x0 = Nd4j.createFromArray(new float[][] {{0.3f, -0.2f}, {1.0f, 0.5f}});
            assertEquals(m.predict(x0, 20), r.predict(x0, 20));
            assertEquals(m.operator(), r.operator());
            assertEquals(m.backwardOperator(), r.backwardOperator());
            assertEquals(m.spectrum(), r.spectrum());
        }
    }

    @Test
    void badInputGivesClearErrors() {
        KoopmanAutoencoder m = tiny(OperatorType.UNCONSTRAINED).build();
        TrajectorySet shortSet = new TrajectorySet("short", 0.1, new double[][][] {{{0, 1}, {1, 0}, {0, -1}}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(shortSet, 1, new Adam(1e-3)));
        assertTrue(e.getMessage().contains("S+1"), e.getMessage());
        INDArray nan = Nd4j.rand(DataType.DOUBLE, 2, 8);
        nan.putScalar(1, 3, Double.NaN);
        m.prepareUpdaters(new Adam(1e-3));
        e = assertThrows(IllegalArgumentException.class, () -> m.step(nan));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        INDArray x0 = Nd4j.createFromArray(new double[][] {{Double.NaN, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(x0, 3));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.step(Nd4j.rand(DataType.DOUBLE, 2, 6)));
        assertTrue(e.getMessage().contains("shorter than S+1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.encode(Nd4j.rand(DataType.DOUBLE, 2, 3)));
        assertTrue(e.getMessage().contains("[n, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KoopmanAutoencoder.builder().stateDim(2).latentDim(3)
                .operator(OperatorType.LRU).build());
        assertThrows(IllegalArgumentException.class, () -> KoopmanAutoencoder.builder().stateDim(2)
                .backwardWeight(1).build());
    }

    /** One SGD step is p − lr·∇p for every parameter; predict rolls K on the encoding. */
    @Test
    void sgdStepAndPredictFollowTheirDefinitions() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        KoopmanAutoencoder m = tiny(OperatorType.STABLE).build();
        INDArray w = TrajectoryWindowIterator.windows(KoopmanDatasets.luschPendulum(2, 4), 3, 20, DataType.DOUBLE);
        Map<String, INDArray> before = new java.util.HashMap<>();
        m.paramTable().forEach((k, v) -> before.put(k, v.dup()));
        Map<String, INDArray> g = m.sameDiff().calculateGradients(Map.of("x", w), m.paramNames());
        m.prepareUpdaters(new Sgd(0.1));
        m.step(w);
        for (String n : m.paramNames()) {
            INDArray expected = before.get(n).sub(g.get(n).mul(0.1));
            assertTrue(expected.equalsWithEps(m.paramTable().get(n), 1e-12), n);
        }
        INDArray x0 = Nd4j.createFromArray(new double[][] {{0.4, 0.1}});
        INDArray p = m.predict(x0, 2);
        INDArray z2 = m.encode(x0).mmul(m.operator().transpose()).mmul(m.operator().transpose());
        assertArrayEquals(m.decode(z2).toDoubleVector(), p.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(2), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .toDoubleVector(), 1e-12);
        // unconstrained spectrum by the QR solver equals the initial radius
        KoopmanAutoencoder u = tiny(OperatorType.UNCONSTRAINED).build();
        List<Eigenvalue> s = u.spectrum();
        assertEquals(2, s.size());
        assertEquals(0.99, s.get(0).modulus(), 1e-12);
    }

    @Test
    void windowIteratorLayoutAndCoverage() {
        TrajectorySet data = KoopmanDatasets.luschPendulum(3, 5);
        TrajectoryWindowIterator it = new TrajectoryWindowIterator(data, 4, 7, 3, true, 9, DataType.DOUBLE);
        int perTraj = (51 - 1 - 4) / 3 + 1;
        assertEquals(3 * perTraj, it.numWindows());
        INDArray all = TrajectoryWindowIterator.windows(data, 4, 3, DataType.DOUBLE);
        double[][] tr = data.trajectory(1);
        // window 1 of trajectory 1 starts at t0 = 3
        double[] row = all.getRow(perTraj + 1).toDoubleVector();
        for (int k = 0; k <= 4; k++) {
            assertEquals(tr[3 + k][0], row[2 * k], 0);
            assertEquals(tr[3 + k][1], row[2 * k + 1], 0);
        }
        double sum = 0;
        int n = 0;
        while (it.hasNext()) {
            INDArray f = it.next().getFeatures();
            n += (int) f.size(0);
            sum += f.sumNumber().doubleValue();
        }
        assertEquals(it.numWindows(), n);
        assertEquals(all.sumNumber().doubleValue(), sum, 1e-9);
    }
}
