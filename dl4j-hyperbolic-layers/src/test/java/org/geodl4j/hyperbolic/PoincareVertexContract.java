package org.geodl4j.hyperbolic;

import static org.geodl4j.hyperbolic.LayerContractTest.assertMessage;
import static org.geodl4j.hyperbolic.LayerContractTest.finite;
import static org.geodl4j.hyperbolic.LayerContractTest.jitter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoUpdaters;
import org.geodl4j.updater.RiemannianAdam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The contract every {@link PoincareVertex} passes, in a ComputationGraph {@code in -> dense_a (3), dense_b -> exp_0
 * each -> vertex -> log_0 -> softmax}: double-precision gradient checks (fixed and trainable curvature), agreement with
 * an eager float64 reference of the vertex's formula, JSON/YAML and ModelSerializer round trips with
 * {@code RiemannianAdam} (identical continued training), float32 stress near the boundary, and bad input (NaN, off the
 * ball, wrong shape, c <= 0) rejected naming the vertex. A subclass supplies the vertex, the second branch's width,
 * the reference and a wrongly shaped second input.
 */
abstract class PoincareVertexContract {

    static final DataType D = DataType.DOUBLE;
    static final double C = 0.8;

    /** The vertex under test. */
    abstract PoincareVertex vertex(double c, boolean trainable);

    /** Width of branch {@code b} (branch {@code a} has 3). */
    abstract int widthB();

    /** Eager float64 reference of the vertex's output for ball points {@code ea} and {@code eb}. */
    abstract INDArray reference(PoincareBall ball, INDArray ea, INDArray eb);

    /** A second input the vertex must reject next to a valid {@code [4, 3]} first input. */
    abstract INDArray wrongShape(INDArray ok);

    private String name() {
        return vertex(C, false).getClass().getSimpleName();
    }

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    ComputationGraph graph(DataType dt, IUpdater updater, boolean trainable) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(updater).graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nOut(widthB()).activation(Activation.TANH).build(), "in")
                .addLayer("ea", PoincareExpMap0.builder().curvature(C).build(), "a")
                .addLayer("eb", PoincareExpMap0.builder().curvature(C).build(), "b")
                .addVertex("add", vertex(C, trainable), "ea", "eb")
                .addLayer("log", PoincareLogMap0.builder().curvature(C).build(), "add")
                .addLayer("out", Nets.softmaxOut(0), "log")
                .setOutputs("out").setInputTypes(InputType.feedForward(Nets.N_IN)).build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        GeoUpdaters.attach(cg);
        return cg;
    }

    static INDArray x(long seed) {
        return Nets.features(D, seed, Nets.MINIBATCH, Nets.N_IN);
    }

    @Test
    void gradientCheckFixedCurvature() {
        ComputationGraph cg = graph(D, new NoOp(), false);
        jitter(cg.params());
        assertTrue(Nets.check(cg, x(1), Nets.labels(D, Nets.MINIBATCH)), "gradient check failed");
    }

    @Test
    void gradientCheckTrainableCurvature() {
        ComputationGraph cg = graph(D, new NoOp(), true);
        jitter(cg.params());
        assertTrue(cg.paramTable().keySet().stream().anyMatch(k -> k.contains(Curvature.RAW_PARAM)),
                "no curvature parameter: " + cg.paramTable().keySet());
        assertTrue(Nets.check(cg, x(2), Nets.labels(D, Nets.MINIBATCH)), "gradient check failed");
    }

    @Test
    void outputEqualsTheEagerReference() {
        ComputationGraph cg = graph(D, new NoOp(), false);
        INDArray in = x(3);
        java.util.Map<String, INDArray> acts = cg.feedForward(in, false);
        INDArray expected = reference(new PoincareBall(C), acts.get("ea"), acts.get("eb"));
        assertTrue(acts.get("add").equalsWithEps(expected, 1e-12), acts.get("add") + " vs " + expected);
    }

    @Test
    void jsonYamlAndModelSerializerRoundTrips() throws IOException {
        ComputationGraph cg = graph(D, new RiemannianAdam(0.01), true);
        ComputationGraphConfiguration conf = cg.getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()), "JSON round trip");
        assertEquals(conf, ComputationGraphConfiguration.fromYaml(conf.toYaml()), "YAML round trip");
        INDArray in = x(4);
        INDArray y = Nets.labels(D, Nets.MINIBATCH);
        cg.fit(new INDArray[] {in}, new INDArray[] {y});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(cg, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        GeoUpdaters.attach(restored);
        assertEquals(cg.outputSingle(in), restored.outputSingle(in), "outputs after restore");
        for (int i = 0; i < 2; i++) {
            cg.fit(new INDArray[] {in}, new INDArray[] {y});
            restored.fit(new INDArray[] {in}, new INDArray[] {y});
        }
        assertEquals(cg.params(), restored.params(), "training continues identically after restore");
    }

    @Test
    void float32NearBoundaryStaysFinite() {
        ComputationGraph cg = graph(DataType.FLOAT, new NoOp(), true);
        INDArray p0 = cg.params().dup();
        List<String> bad = new ArrayList<>();
        for (double scale : new double[] {1e3, 1.0, 0.0}) {
            for (double paramScale : new double[] {1.0, 100.0}) {
                cg.setParams(p0.mul(paramScale));
                INDArray in = Nets.features(DataType.FLOAT, 6, 8, Nets.N_IN).muli(scale);
                INDArray o = cg.outputSingle(in);
                cg.setInputs(in);
                cg.setLabels(Nets.labels(DataType.FLOAT, 8));
                cg.computeGradientAndScore();
                if (!finite(o) || !finite(cg.gradient().gradient()) || !Double.isFinite(cg.score())) {
                    bad.add("input scale " + scale + ", param scale " + paramScale);
                }
            }
        }
        assertTrue(bad.isEmpty(), "NaN/Inf for " + bad);
    }

    @Test
    void badInputIsRejectedNamingTheVertex() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(D).graphBuilder()
                .addInputs("x", "y").addVertex("add", vertex(C, false), "x", "y")
                .addLayer("out", Nets.softmaxOut(0), "add").setOutputs("out")
                .setInputTypes(InputType.feedForward(3), InputType.feedForward(3)).build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        INDArray ok = Nets.features(D, 8, 4, 3).muli(0.3);
        cg.output(ok, ok);
        INDArray nan = ok.dup();
        nan.putScalar(0, 0, Double.NaN);
        assertMessage(assertThrows(RuntimeException.class, () -> cg.output(ok, nan)), name(), "NaN");
        assertMessage(assertThrows(RuntimeException.class, () -> cg.output(ok, ok.mul(10))), name(),
                "Poincaré ball");
        INDArray wrong = wrongShape(ok);
        assertMessage(assertThrows(RuntimeException.class, () -> cg.output(ok, wrong)), name(), "expected");
        for (double c : new double[] {0.0, -1.0, Double.NaN}) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> vertex(c, false)),
                    name(), "positive");
        }
    }
}
