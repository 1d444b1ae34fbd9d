package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.weightinit.impl.XavierInitScheme;

/**
 * Gradients of {@link GeoSameDiffLayer}: identical to DL4J's DenseLayer (no doubling, also below the layer), with and
 * without dropout; numerical gradient checks in MultiLayerNetwork and ComputationGraph; and a canary that detects when
 * DL4J fixes its own SameDiffLayer's doubled gradients.
 */
class GeoSameDiffLayerGradientTest {

    private static final int N_IN = 4;
    private static final int HIDDEN1 = 5;
    private static final int HIDDEN2 = 3;
    private static final int N_OUT = 2;
    private static final int MINIBATCH = 6;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static NeuralNetConfiguration.ListBuilder base() {
        return new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE).updater(new NoOp()).list();
    }

    private static OutputLayer softmaxOutput() {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(HIDDEN2).nOut(N_OUT).activation(Activation.SOFTMAX)
                .build();
    }

    private static MultiLayerNetwork net(Layer l0, Layer l1) {
        MultiLayerConfiguration conf = base().layer(l0).layer(l1).layer(softmaxOutput()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork geoNet(double dropout) {
        DenseEquivalentLayer.Builder b0 = DenseEquivalentLayer.builder().nIn(N_IN).nOut(HIDDEN1);
        if (dropout > 0) {
            b0.dropOut(dropout);
        }
        return net(b0.build(), DenseEquivalentLayer.builder().nIn(HIDDEN1).nOut(HIDDEN2).build());
    }

    private static MultiLayerNetwork denseNet(double dropout) {
        DenseLayer.Builder b0 = new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN1).activation(Activation.TANH);
        if (dropout > 0) {
            b0.dropOut(dropout);
        }
        return net(b0.build(),
                new DenseLayer.Builder().nIn(HIDDEN1).nOut(HIDDEN2).activation(Activation.TANH).build());
    }

    private static INDArray features() {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.rand(DataType.DOUBLE, MINIBATCH, N_IN).subi(0.5).muli(2);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, MINIBATCH, N_OUT);
        for (int i = 0; i < MINIBATCH; i++) {
            y.putScalar(i, i % N_OUT, 1.0);
        }
        return y;
    }

    /** Flat gradient after one forward/backward pass; RNG reseeded first so dropout masks are reproducible. */
    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        Nd4j.getRandom().setSeed(42);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void gradientsEqualDl4jDenseLayerIncludingTheLayerBelow() {
        MultiLayerNetwork geo = geoNet(0);
        MultiLayerNetwork dense = denseNet(0);
        dense.setParams(geo.params());
        INDArray x = features();
        INDArray y = labels();

        INDArray gGeo = gradient(geo, x, y);
        INDArray gDense = gradient(dense, x, y);
        double diff = maxAbsDiff(gGeo, gDense);
        System.out.println("[layerbase] max |g_geo - g_dense| = " + diff + ", |g| = " + gDense.norm2Number());
        assertTrue(diff <= 1e-10, "gradient mismatch vs DenseLayer: " + diff);
        assertTrue(gDense.norm2Number().doubleValue() > 1e-3, "degenerate test: zero gradient");
        for (String p : new String[] {"0_W", "0_b", "1_W", "1_b", "2_W", "2_b"}) {
            double d = maxAbsDiff(geo.gradient().getGradientFor(p), dense.gradient().getGradientFor(p));
            assertTrue(d <= 1e-10, p + ": " + d);
        }
        assertEquals(dense.score(), geo.score(), 1e-12);
        assertTrue(maxAbsDiff(geo.output(x), dense.output(x)) <= 1e-12);
    }

    @Test
    void trainingWithAdamAndL2MatchesDl4jDenseLayer() {
        NeuralNetConfiguration.ListBuilder geoList = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).l2(1e-2).l2Bias(1e-3).list();
        NeuralNetConfiguration.ListBuilder denseList = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Adam(0.05)).l2(1e-2).l2Bias(1e-3).list();
        MultiLayerNetwork geo = new MultiLayerNetwork(geoList
                .layer(DenseEquivalentLayer.builder().nIn(N_IN).nOut(HIDDEN1).build())
                .layer(DenseEquivalentLayer.builder().nIn(HIDDEN1).nOut(HIDDEN2).build())
                .layer(softmaxOutput()).build());
        MultiLayerNetwork dense = new MultiLayerNetwork(denseList
                .layer(new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN1).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN1).nOut(HIDDEN2).activation(Activation.TANH).build())
                .layer(softmaxOutput()).build());
        geo.init();
        dense.init();
        dense.setParams(geo.params());
        INDArray x = features();
        INDArray y = labels();
        for (int i = 0; i < 3; i++) {
            geo.fit(x, y);
            dense.fit(x, y);
        }
        double diff = maxAbsDiff(geo.params(), dense.params());
        System.out.println("[layerbase] 3 Adam+L2 steps vs DenseLayer: max |dparams| = " + diff
                + ", score diff = " + Math.abs(geo.score() - dense.score()));
        assertTrue(diff <= 1e-12, "params differ from DenseLayer training by " + diff);
        // the score includes the L2 penalty of the SameDiff layers (DL4J's SameDiff runtime reports 0 for it)
        assertEquals(dense.score(), geo.score(), 1e-12);
        assertEquals(dense.calcRegularizationScore(true), geo.calcRegularizationScore(true), 1e-12);
        assertTrue(geo.calcRegularizationScore(true) > 0);
    }

    @Test
    void dropoutIsAppliedInTrainingBackpropagatedAndAbsentAtInference() {
        MultiLayerNetwork geo = geoNet(0.5);
        MultiLayerNetwork dense = denseNet(0.5);
        dense.setParams(geo.params());
        INDArray x = features();
        INDArray y = labels();

        // same RNG seed -> same dropout mask in both nets -> identical gradients iff dropout is applied and
        // back-propagated with DL4J semantics
        INDArray gGeo = gradient(geo, x, y);
        INDArray gDense = gradient(dense, x, y);
        double diff = maxAbsDiff(gGeo, gDense);
        System.out.println("[layerbase] dropout: max |g_geo - g_dense| = " + diff);
        assertTrue(diff <= 1e-10, "gradient mismatch vs DenseLayer with dropout: " + diff);
        INDArray gNoDropout = gradient(geoNet(0), x, y);
        assertTrue(maxAbsDiff(gGeo, gNoDropout) > 1e-3, "dropout had no effect on the gradient");

        INDArray inference = geo.output(x, false);
        assertEquals(inference, geo.output(x, false), "inference must be deterministic");
        assertTrue(maxAbsDiff(inference, dense.output(x, false)) <= 1e-12);
        Nd4j.getRandom().setSeed(1);
        assertTrue(maxAbsDiff(inference, geo.output(x, true)) > 1e-3, "dropout absent in training forward");
    }

    @Test
    void gradientCheckPassesInMultiLayerNetwork() {
        MultiLayerNetwork net = geoNet(0);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features())
                .labels(labels()).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "gradient check failed (MultiLayerNetwork)");
    }

    @Test
    void gradientCheckPassesWithDropoutWhenMasksAreReproducible() {
        MultiLayerNetwork net = geoNet(0.7);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features())
                .labels(labels()).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                .callEachIter(n -> Nd4j.getRandom().setSeed(12345)));
        assertTrue(ok, "gradient check failed (MultiLayerNetwork, dropout)");
    }

    @Test
    void gradientCheckPassesInComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder()
                .addInputs("in")
                .addLayer("geo0", DenseEquivalentLayer.builder().nOut(HIDDEN1).build(), "in")
                .addLayer("geo1", DenseEquivalentLayer.builder().nOut(HIDDEN2).build(), "geo0")
                .addLayer("out", softmaxOutput(), "geo1")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(N_IN))
                .build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(cg)
                .inputs(new INDArray[] {features()}).labels(new INDArray[] {labels()})
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "gradient check failed (ComputationGraph)");
    }

    /**
     * Upstream canary: DL4J 1.0.0-M2.1's own {@code SameDiffLayer} doubles the gradients of itself and of every layer
     * below it. When this test fails, DL4J fixed the doubled SameDiff-layer gradients; our base does not depend on it;
     * delete this canary.
     */
    @Test
    void upstreamCanaryDl4jSameDiffLayerStillDoublesGradients() {
        // [Dense, DL4J SameDiffLayer, Output]: the SameDiff layer doubles its own gradient and the epsilon it passes
        // down, so the Dense layer below is doubled too (two stacked SameDiff layers would give 4x at the bottom)
        MultiLayerNetwork upstream = net(
                new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN1).activation(Activation.TANH).build(),
                new Dl4jSameDiffDense(HIDDEN1, HIDDEN2));
        MultiLayerNetwork dense = denseNet(0);
        upstream.setParams(dense.params());
        INDArray x = features();
        INDArray y = labels();
        gradient(upstream, x, y);
        gradient(dense, x, y);
        String hint = "when this fails, DL4J fixed the doubled SameDiff-layer gradients; our base does not depend on"
                + " it; delete this canary";
        Map<String, Double> expectedRatio = Map.of("0_W", 2.0, "0_b", 2.0, "1_W", 2.0, "1_b", 2.0, "2_W", 1.0);
        for (Map.Entry<String, Double> e : expectedRatio.entrySet()) {
            double ratio = upstream.gradient().getGradientFor(e.getKey()).norm2Number().doubleValue()
                    / dense.gradient().getGradientFor(e.getKey()).norm2Number().doubleValue();
            System.out.println("[layerbase] canary |g_dl4jSameDiff|/|g_dense| for " + e.getKey() + " = " + ratio);
            assertEquals(e.getValue(), ratio, 1e-9, e.getKey() + ": " + hint);
        }
        assertFalse(upstream.getLayer(1) instanceof GeoSameDiffLayerRuntime);
    }

    /** {@code y = tanh(x·W + b)} on DL4J's own SameDiffLayer (the defective runtime). */
    static final class Dl4jSameDiffDense extends SameDiffLayer {
        private static final long serialVersionUID = 1L;
        private long nIn;
        private long nOut;

        private Dl4jSameDiffDense() {
        }

        Dl4jSameDiffDense(long nIn, long nOut) {
            this.nIn = nIn;
            this.nOut = nOut;
        }

        @Override
        public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params,
                                      SDVariable mask) {
            return sd.math().tanh(input.mmul(params.get("W")).add(params.get("b")));
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.addWeightParam("W", nIn, nOut);
            params.addBiasParam("b", 1, nOut);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("W").assign(new XavierInitScheme('f', nIn, nOut).create(DataType.DOUBLE, nIn, nOut));
            params.get("b").assign(0);
        }

        @Override
        public char paramReshapeOrder(String param) {
            return "W".equals(param) ? 'f' : 'c';
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return InputType.feedForward(nOut);
        }

        public long getNIn() {
            return nIn;
        }

        public void setNIn(long nIn) {
            this.nIn = nIn;
        }

        public long getNOut() {
            return nOut;
        }

        public void setNOut(long nOut) {
            this.nOut = nOut;
        }
    }
}
