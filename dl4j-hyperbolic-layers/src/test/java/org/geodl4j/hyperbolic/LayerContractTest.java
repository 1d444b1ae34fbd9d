package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The contract every hyperbolic layer meets, run by one small subclass per layer: double-precision DL4J gradient
 * checks (MultiLayerNetwork with fixed and trainable curvature, recurrent input with a mask, ComputationGraph);
 * JSON/YAML and ModelSerializer round trips (identical outputs, training continues identically); a float32 stress
 * run (inputs near the boundary, large and tiny pre-activations: finite outputs and gradients); bad input (wrong width,
 * NaN, off-manifold, {@code c <= 0}) rejected with the layer's name.
 *
 * <p>The layer under test sits between bridges chosen from its input and output spaces, e.g.
 * {@code [PoincareExpMap0, layer, PoincareLogMap0, softmax]} for a ball-to-ball layer.
 */
abstract class LayerContractTest {

    static final DataType D = DataType.DOUBLE;
    static final double C = 0.8;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The layer under test ({@code nIn} left to inference). */
    abstract Layer layer(boolean trainableCurvature, double c);

    abstract PointSpace inSpace();

    abstract PointSpace outSpace();

    /** Whether the layer accepts recurrent input (and masks). */
    boolean recurrent() {
        return true;
    }

    /** Optional extra check on a trained network (e.g. batch-norm buffers changed). */
    Layer[] stack(boolean trainable, double c) {
        List<Layer> l = new ArrayList<>();
        if (inSpace() == PointSpace.POINCARE) {
            l.add(PoincareExpMap0.builder().curvature(c).trainableCurvature(trainable).build());
        } else if (inSpace() == PointSpace.LORENTZ) {
            l.add(Bridges.lorentzIn(c, trainable));
        }
        l.add(layer(trainable, c));
        if (outSpace() == PointSpace.POINCARE) {
            l.add(PoincareLogMap0.builder().curvature(c).trainableCurvature(trainable).build());
        } else if (outSpace() == PointSpace.LORENTZ) {
            l.add(Bridges.lorentzOut(c, trainable));
        }
        return l.toArray(new Layer[0]);
    }

    MultiLayerNetwork mln(boolean trainable, DataType dt) {
        return Nets.mln(dt, new NoOp(), 0, stack(trainable, C));
    }

    /** Small seeded noise on every parameter, so zero-initialised biases do not hide gradient terms. */
    static void jitter(INDArray params) {
        Nd4j.getRandom().setSeed(99);
        params.addi(Nd4j.rand(params.dataType(), params.shape()).subi(0.5).muli(0.1));
    }

    static INDArray x(long seed) {
        return Nets.features(D, seed, Nets.MINIBATCH, Nets.N_IN);
    }

    static INDArray y() {
        return Nets.labels(D, Nets.MINIBATCH);
    }

    // ------------------------------------------------------------------ gradient checks

    @Test
    void gradientCheckMultiLayerNetworkFixedCurvature() {
        MultiLayerNetwork net = mln(false, D);
        jitter(net.params());
        assertTrue(Nets.check(net, x(1), y()), "gradient check failed");
    }

    @Test
    void gradientCheckMultiLayerNetworkTrainableCurvature() {
        MultiLayerNetwork net = mln(true, D);
        jitter(net.params());
        assertTrue(net.paramTable().keySet().stream().anyMatch(k -> k.endsWith(Curvature.RAW_PARAM)),
                "no curvature parameter: " + net.paramTable().keySet());
        assertTrue(Nets.check(net, x(2), y()), "gradient check failed");
    }

    @Test
    void gradientCheckRecurrentWithMask() {
        if (!recurrent()) {
            return;
        }
        MultiLayerNetwork net = Nets.rnn(D, 0, stack(true, C));
        jitter(net.params());
        assertTrue(Nets.checkMasked(net, Nets.features(D, 3, Nets.MINIBATCH, Nets.N_IN, Nets.T),
                Nets.rnnLabels(D, Nets.MINIBATCH, Nets.T), Nets.rnnMask(D, Nets.MINIBATCH, Nets.T)),
                "gradient check failed");
    }

    @Test
    void gradientCheckComputationGraph() {
        ComputationGraph cg = Nets.graph(D, 0, stack(false, C));
        jitter(cg.params());
        assertTrue(Nets.check(cg, x(4), y()), "gradient check failed");
    }

    // ------------------------------------------------------------------ serialisation

    @Test
    void jsonYamlAndModelSerializerRoundTripsRestoreOutputsAndTraining() throws IOException {
        MultiLayerNetwork net = Nets.mln(D, new Adam(0.01), 0, stack(true, C));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()), "YAML round trip");

        INDArray x = x(5);
        INDArray y = y();
        net.fit(x, y);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.output(x), restored.output(x), "outputs after restore");
        for (int i = 0; i < 2; i++) {
            net.fit(x, y);
            restored.fit(x, y);
        }
        assertEquals(net.params(), restored.params(), "training continues identically after restore");
        assertEquals(net.output(x), restored.output(x));
    }

    // ------------------------------------------------------------------ float32 stress

    @Test
    void float32NearBoundaryAndLargePreActivationsStayFinite() {
        MultiLayerNetwork n = mln(true, DataType.FLOAT);
        INDArray base = Nets.features(DataType.FLOAT, 6, 8, Nets.N_IN);
        INDArray p0 = n.params().dup();
        List<String> bad = new ArrayList<>();
        // 1e3: exp_0 lands on the projection radius; 1e-7: next to the origin; 0: exactly at the origin.
        // One network whose parameters (and batch-norm buffers) are reset to p0 * paramScale before every case: the
        // same starting state as a fresh clone per case, without rebuilding the SameDiff graphs ten times.
        for (double scale : new double[] {1e3, 30, 1.0, 1e-7, 0.0}) {
            for (double paramScale : new double[] {1.0, 50.0}) {
                n.setParams(p0.mul(paramScale));
                INDArray x = base.mul(scale);
                INDArray out = n.output(x);
                n.setInput(x);
                n.setLabels(Nets.labels(DataType.FLOAT, 8));
                n.computeGradientAndScore();
                INDArray g = n.gradient().gradient();
                if (!finite(out) || !finite(g) || !Double.isFinite(n.score())) {
                    bad.add("input scale " + scale + ", param scale " + paramScale);
                }
            }
        }
        assertTrue(bad.isEmpty(), "NaN/Inf in outputs or gradients for " + bad);
    }

    static boolean finite(INDArray a) {
        return !a.isNaN().any() && !a.isInfinite().any();
    }

    // ------------------------------------------------------------------ bad input

    /** A net whose first layer is the layer under test (input of its own space, width {@link #inWidth()}). */
    MultiLayerNetwork bare(boolean trainable) {
        return Nets.mlnWithInput(D, inWidth(), layer(trainable, C), outSpace() == PointSpace.LORENTZ ? 1 : 0);
    }

    long inWidth() {
        return inSpace() == PointSpace.LORENTZ ? Nets.N_IN + 1 : Nets.N_IN;
    }

    /** Valid input for {@link #bare}: small points of the input space. */
    INDArray validInput() {
        INDArray u = x(7).muli(0.3);
        if (inSpace() == PointSpace.LORENTZ) {
            return Bridges.lorentzPoints(u, C);
        }
        return u;
    }

    @Test
    void badInputIsRejectedNamingTheLayer() {
        String name = layer(false, C).getClass().getSimpleName();
        MultiLayerNetwork net = bare(false);
        INDArray ok = validInput();
        net.output(ok);

        INDArray wide = Nd4j.concat(1, ok, ok);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(wide)), name, "expected");
        INDArray nan = ok.dup();
        nan.putScalar(1, 1, Double.NaN);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(nan)), name, "NaN");
        INDArray off = offManifold(ok);
        if (off != null) {
            assertMessage(assertThrows(RuntimeException.class, () -> net.output(off)), name, offManifoldWord());
        }
        for (double c : new double[] {0.0, -1.0, Double.NaN}) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> layer(false, c)), name, "positive");
        }
    }

    /** An input off the input manifold, or null when every finite input is valid. */
    INDArray offManifold(INDArray ok) {
        if (inSpace() == PointSpace.POINCARE) {
            return ok.mul(10);
        }
        if (inSpace() == PointSpace.LORENTZ) {
            INDArray off = ok.dup();
            off.getColumn(0).muli(1.5);
            return off;
        }
        return null;
    }

    String offManifoldWord() {
        return inSpace() == PointSpace.POINCARE ? "Poincaré ball" : "hyperboloid";
    }

    static void assertMessage(Throwable t, String... words) {
        StringBuilder all = new StringBuilder();
        for (Throwable e = t; e != null; e = e.getCause()) {
            all.append(e.getMessage()).append(" | ");
        }
        for (String w : words) {
            assertTrue(all.toString().contains(w), "message lacks \"" + w + "\": " + all);
        }
    }
}
