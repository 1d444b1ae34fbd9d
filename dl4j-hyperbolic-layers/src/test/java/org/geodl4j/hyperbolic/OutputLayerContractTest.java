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

import org.nd4j.linalg.dataset.ViewIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.geodl4j.nn.GeoUpdaters;
import org.geodl4j.updater.RiemannianAdam;

/**
 * The contract of the hyperbolic output layers ({@link PoincareMLR}, {@link LorentzMLR}), run by one subclass each:
 * double-precision DL4J gradient checks (MultiLayerNetwork with fixed and trainable curvature, a non-default
 * activation/loss, ComputationGraph), DL4J {@code Evaluation} after training on separable clusters, JSON/YAML and
 * ModelSerializer round trips with a Riemannian updater (identical outputs, identical continued training), a float32
 * stress run and bad input rejected naming the layer.
 *
 * <p>Network: {@code [DenseLayer(tanh), bridge into the input space, output layer]}, so the gradient w.r.t. the layer's
 * input is checked through the dense weights.
 */
abstract class OutputLayerContractTest {

    static final DataType D = DataType.DOUBLE;
    static final double C = 0.8;
    static final int HIDDEN = 4;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The layer under test with {@code nOut = N_CLASSES}, default softmax + MCXENT ({@code nIn} left to inference). */
    abstract HyperbolicOutputLayer.Builder<?> builder(boolean trainable, double c);

    abstract PointSpace inSpace();

    Layer bridge(boolean trainable, double c) {
        return inSpace() == PointSpace.LORENTZ ? Bridges.lorentzIn(c, trainable)
                : PoincareExpMap0.builder().curvature(c).trainableCurvature(trainable).build();
    }

    MultiLayerNetwork mln(DataType dt, IUpdater updater, Layer out, boolean trainable) {
        MultiLayerConfiguration conf = Nets.list(dt, updater)
                .layer(new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(bridge(trainable, C))
                .layer(out)
                .setInputType(InputType.feedForward(Nets.N_IN)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        GeoUpdaters.attach(net);    // the stock DenseLayer needs it for the param-aware updater
        return net;
    }

    Layer out(boolean trainable) {
        return builder(trainable, C).nOut(Nets.N_CLASSES).build();
    }

    static INDArray x(long seed) {
        return Nets.features(D, seed, Nets.MINIBATCH, Nets.N_IN);
    }

    // ------------------------------------------------------------------ gradient checks

    @Test
    void gradientCheckMultiLayerNetworkFixedCurvature() {
        MultiLayerNetwork net = mln(D, new NoOp(), out(false), false);
        jitter(net.params());
        assertTrue(Nets.check(net, x(1), Nets.labels(D, Nets.MINIBATCH)), "gradient check failed");
    }

    @Test
    void gradientCheckMultiLayerNetworkTrainableCurvatureWithSigmoidXent() {
        Layer out = builder(true, C).nOut(Nets.N_CLASSES).activation(Activation.SIGMOID)
                .lossFunction(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.XENT).build();
        MultiLayerNetwork net = mln(D, new NoOp(), out, true);
        jitter(net.params());
        assertTrue(net.getLayer(2).paramTable().containsKey(Curvature.RAW_PARAM), "no curvature parameter");
        assertTrue(Nets.check(net, x(2), Nets.labels(D, Nets.MINIBATCH)), "gradient check failed");
    }

    @Test
    void gradientCheckComputationGraphTrainableCurvature() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(D)
                .updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.TANH).build(), "in")
                .addLayer("bridge", bridge(true, C), "dense")
                .addLayer("out", out(true), "bridge")
                .setOutputs("out").setInputTypes(InputType.feedForward(Nets.N_IN)).build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        jitter(cg.params());
        assertTrue(Nets.check(cg, x(3), Nets.labels(D, Nets.MINIBATCH)), "gradient check failed");
    }

    // ------------------------------------------------------------------ training + Evaluation

    /** Three Gaussian clusters in 4-d; labels one-hot. */
    static DataSet clusters(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray f = Nd4j.randn(D, n, Nets.N_IN).muli(0.3);
        INDArray y = Nd4j.zeros(D, n, Nets.N_CLASSES);
        for (int i = 0; i < n; i++) {
            int k = i % Nets.N_CLASSES;
            f.putScalar(i, k, f.getDouble(i, k) + 1.5);
            y.putScalar(i, k, 1.0);
        }
        return new DataSet(f, y);
    }

    @Test
    void trainsToHighAccuracyAndWorksWithDl4jEvaluation() {
        MultiLayerNetwork net = mln(D, new RiemannianAdam(0.1), out(true), false);
        DataSet train = clusters(90, 1);
        for (int i = 0; i < 20; i++) {
            net.fit(train);
        }
        Evaluation eval = net.evaluate(new ViewIterator(clusters(60, 2), 20));
        System.out.println("[" + getClass().getSimpleName() + "] accuracy " + eval.accuracy() + ", F1 " + eval.f1());
        assertTrue(eval.accuracy() >= 0.9, eval.stats());
        INDArray p = net.output(clusters(6, 3).getFeatures());
        assertTrue(p.sum(1).equalsWithEps(Nd4j.ones(D, 6), 1e-9), "softmax rows sum to 1: " + p);
    }

    // ------------------------------------------------------------------ serialisation

    @Test
    void jsonYamlAndModelSerializerRoundTripsWithARiemannianUpdater() throws IOException {
        MultiLayerNetwork net = mln(D, new RiemannianAdam(0.01), out(true), true);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()), "YAML round trip");

        DataSet ds = clusters(12, 5);
        net.fit(ds);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        GeoUpdaters.attach(restored);
        assertEquals(net.output(ds.getFeatures()), restored.output(ds.getFeatures()), "outputs after restore");
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
            restored.fit(ds);
        }
        assertEquals(net.params(), restored.params(), "training continues identically after restore");
    }

    // ------------------------------------------------------------------ float32 stress

    @Test
    void float32NearBoundaryAndLargeParametersStayFinite() {
        MultiLayerNetwork net = mln(DataType.FLOAT, new NoOp(), out(true), true);
        INDArray base = Nets.features(DataType.FLOAT, 6, 8, Nets.N_IN);
        List<String> bad = new ArrayList<>();
        INDArray p0 = net.params().dup();
        // one network, parameters rescaled in place (a clone per case would rebuild its graphs: minutes)
        for (double scale : new double[] {1e3, 1.0, 1e-7, 0.0}) {
            for (double paramScale : new double[] {1.0, 200.0}) {
                net.setParams(p0.mul(paramScale));
                INDArray x = base.mul(scale);
                INDArray o = net.output(x);
                net.setInput(x);
                net.setLabels(Nets.labels(DataType.FLOAT, 8));
                net.computeGradientAndScore();
                if (!finite(o) || !finite(net.gradient().gradient()) || !Double.isFinite(net.score())) {
                    bad.add("input scale " + scale + ", param scale " + paramScale);
                }
            }
        }
        assertTrue(bad.isEmpty(), "NaN/Inf in outputs, gradients or score for " + bad);
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badInputIsRejectedNamingTheLayer() {
        String name = out(false).getClass().getSimpleName();
        long width = inSpace() == PointSpace.LORENTZ ? Nets.N_IN + 1 : Nets.N_IN;
        MultiLayerConfiguration conf = Nets.list(D, new NoOp()).layer(out(false))
                .setInputType(InputType.feedForward(width)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray u = x(7).muli(0.3);
        INDArray ok = inSpace() == PointSpace.LORENTZ ? Bridges.lorentzPoints(u, C) : u;
        net.output(ok);

        INDArray wide = Nd4j.concat(1, ok, ok);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(wide)), name, "expected");
        INDArray nan = ok.dup();
        nan.putScalar(1, 1, Double.NaN);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(nan)), name, "NaN");
        INDArray off = ok.dup();
        if (inSpace() == PointSpace.LORENTZ) {
            off.getColumn(0).muli(1.5);
        } else {
            off.muli(10);
        }
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(off)), name,
                inSpace() == PointSpace.LORENTZ ? "hyperboloid" : "Poincaré ball");
        for (double c : new double[] {0.0, -1.0, Double.NaN}) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> builder(false, c).nOut(3).build()), name, "positive");
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> builder(false, C).build()), name, "nOut");
    }
}
