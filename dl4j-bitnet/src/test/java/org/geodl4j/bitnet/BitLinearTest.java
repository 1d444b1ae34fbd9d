package org.geodl4j.bitnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BitLinearTest {

    private static MultiLayerNetwork net(DataType dt, long seed, StochasticResonance sr, boolean rms, int bits) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(dt)
                .updater(new Adam(1e-2)).list()
                .layer(BitLinear.builder().nOut(16).activation(Activation.RELU).rmsNorm(rms).activationBits(bits)
                        .stochasticResonance(sr).build())
                .layer(BitLinear.builder().nOut(5).stochasticResonance(sr).rmsNorm(rms).activationBits(bits).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(11)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static DataSet data(DataType dt, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(dt, n, 11);
        INDArray y = Nd4j.zeros(dt, n, 5);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (int) Math.abs(x.getDouble(i, 0) * 3) % 5, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void inferenceForwardIsTheQuantisedReference() {
        MultiLayerNetwork n = net(DataType.DOUBLE, 1, null, true, 8);
        INDArray x = data(DataType.DOUBLE, 7, 2).getFeatures();
        Map<String, INDArray> p0 = n.getLayer(0).paramTable();
        Map<String, INDArray> p1 = n.getLayer(1).paramTable();
        INDArray h = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(
                PackedBitLinearTest.referenceForward(x, p0.get("W"), p0.get("b"), true, 8)));
        INDArray z = PackedBitLinearTest.referenceForward(h, p1.get("W"), p1.get("b"), true, 8);
        INDArray ref = Activation.SOFTMAX.getActivationFunction().getActivation(z, false);
        assertEquals(0.0, n.output(x, false).sub(ref).amaxNumber().doubleValue(), 1e-12);
    }

    @Test
    void steGradientsAreTheLinearBackwardAtQuantisedValuesWithoutScaleGradients() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(BitLinear.builder().nIn(9).nOut(4).rmsNorm(false).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.initGradientsView();
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 9);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, 6, 4);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        org.deeplearning4j.nn.api.Layer l = n.getLayer(0);
        l.setInput(x, mgr);
        l.activate(true, mgr);
        Pair<Gradient, INDArray> g = l.backpropGradient(eps, mgr);
        INDArray w = l.paramTable().get("W");
        INDArray xq = ActivationQuantizer.quantize(x, 8);
        INDArray wq = TernaryWeightQuantizer.quantize(w);
        assertEquals(0.0, g.getFirst().getGradientFor("W").sub(xq.transpose().mmul(eps)).amaxNumber().doubleValue(),
                1e-12, "dL/dW = x_qᵀδ");
        assertEquals(0.0, g.getFirst().getGradientFor("b").sub(eps.sum(true, 0)).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0.0, g.getSecond().sub(eps.mmul(wq.transpose())).amaxNumber().doubleValue(), 1e-12,
                "dL/dx = δW_qᵀ");
    }

    @Test
    void learnableSigmaReceivesGradientAndMovesWhileWeightsTrain() {
        StochasticResonance sr = StochasticResonance.learnable(NoiseDistribution.GAUSSIAN, 0.5);
        MultiLayerNetwork n = net(DataType.FLOAT, 5, sr, true, 8);
        double rho0 = n.getLayer(0).paramTable().get("rho").getDouble(0);
        assertEquals(sr.initialRho(), rho0, 1e-6);
        DataSet d = data(DataType.FLOAT, 64, 6);
        n.setInput(d.getFeatures());
        n.setLabels(d.getLabels());
        n.computeGradientAndScore();
        double g = n.gradient().getGradientFor("0_rho").getDouble(0);
        assertTrue(Math.abs(g) > 1e-6 && Double.isFinite(g), "dL/dρ = " + g);
        double score0 = n.score(d);
        for (int i = 0; i < 40; i++) {
            n.fit(d);
        }
        double rho1 = n.getLayer(0).paramTable().get("rho").getDouble(0);
        assertTrue(Math.abs(rho1 - rho0) > 1e-3, "ρ moved: " + rho0 + " → " + rho1);
        assertTrue(n.score(d) < score0, "training reduces the loss: " + score0 + " → " + n.score(d));
    }

    @Test
    void annealedNoiseCountsTrainingForwardPassesOnly() {
        StochasticResonance sr = StochasticResonance.annealed(NoiseDistribution.UNIFORM, 0.5, 0.1, 10);
        MultiLayerNetwork n = net(DataType.FLOAT, 7, sr, true, 8);
        DataSet d = data(DataType.FLOAT, 16, 8);
        for (int i = 0; i < 3; i++) {
            n.fit(d);
        }
        n.output(d.getFeatures(), false);
        assertEquals(3.0, n.getLayer(0).paramTable().get("srStep").getDouble(0), 0.0);
        assertEquals(0.5 - 0.4 * 0.3, sr.sigmaAt(3), 1e-12);
        assertEquals(0.1, sr.sigmaAt(100), 1e-12);
    }

    @Test
    void noisyTrainingForwardIsStochasticAndInferenceIsDeterministic() {
        MultiLayerNetwork n = net(DataType.FLOAT, 9, StochasticResonance.dither().withActivationNoise(0.5), true, 8);
        INDArray x = data(DataType.FLOAT, 8, 10).getFeatures();
        assertNotEquals(n.output(x, true), n.output(x, true));
        assertEquals(n.output(x, false), n.output(x, false));
    }

    @Test
    void meanOfManyNoisySamplesAtInferenceApproachesTheExpectation() {
        Nd4j.getRandom().setSeed(11);
        StochasticResonance sr = StochasticResonance.fixed(NoiseDistribution.GAUSSIAN, 0.5).withInferenceSamples(400);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE).list()
                .layer(BitLinear.builder().nIn(7).nOut(3).rmsNorm(false).hasBias(false).stochasticResonance(sr)
                        .build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 7);
        INDArray w = n.getLayer(0).paramTable().get("W");
        double gamma = TernaryWeightQuantizer.scale(w);
        INDArray e = NoisyTernaryQuantizer.expectation(w.div(gamma), NoiseDistribution.GAUSSIAN, 0.5).muli(gamma);
        INDArray expected = ActivationQuantizer.quantize(x, 8).mmul(e);
        INDArray out = n.output(x, false);
        // per-weight sd ≤ 1/√400 = 0.05 steps; output sd ≤ 0.05·γ·‖x_q‖₂
        double bound = 4 * 0.05 * gamma * x.norm2Number().doubleValue();
        assertTrue(out.sub(expected).amaxNumber().doubleValue() < bound, "mean of M samples ≈ E");
    }

    @Test
    void exportedPackedNetworkEqualsTrainingForwardOnThousandInputs() {
        for (int bits : new int[]{8, 4}) {
            MultiLayerNetwork n = net(DataType.FLOAT, 13, StochasticResonance.learnable(NoiseDistribution.CAUCHY, 0.4),
                    true, bits);
            DataSet d = data(DataType.FLOAT, 64, 14);
            for (int i = 0; i < 5; i++) {
                n.fit(d);
            }
            INDArray x = data(DataType.FLOAT, 1000, 15).getFeatures().muli(3.0);
            INDArray ref = n.output(x, false);
            try (TernaryInferenceNetwork packed = TernaryExport.export(n, 2)) {
                INDArray out = packed.output(x);
                double err = out.sub(ref).amaxNumber().doubleValue();
                assertTrue(err < 1e-5, "bits " + bits + ": max |packed − training| = " + err);
                assertEquals(2, packed.packedLayers().size());
            }
            Map<String, TernaryStatistics> stats = TernaryExport.statistics(n);
            assertEquals(2, stats.size());
            for (TernaryStatistics s : stats.values()) {
                assertTrue(s.sparsity() > 0 && s.sparsity() < 1 && s.scale() > 0, s.toString());
            }
        }
    }

    @Test
    void flipRateIsZeroWithoutTrainingAndPositiveAfter() {
        MultiLayerNetwork n = net(DataType.FLOAT, 17, null, true, 8);
        Map<String, INDArray> before = TernaryExport.latentWeights(n);
        assertEquals(0.0, TernaryExport.flipRates(before, n).get("layer0"), 0.0);
        DataSet d = data(DataType.FLOAT, 64, 18);
        for (int i = 0; i < 10; i++) {
            n.fit(d);
        }
        assertTrue(TernaryExport.flipRates(before, n).get("layer0") > 0);
    }

    @Test
    void jsonAndModelSerializerRoundTrips() throws Exception {
        StochasticResonance[] configs = {null, StochasticResonance.dither(),
                StochasticResonance.learnable(NoiseDistribution.GAUSSIAN, 0.3).withSigmaMin(0.05),
                StochasticResonance.annealed(NoiseDistribution.CAUCHY, 0.6, 0.2, 500).withActivationNoise(0.5)
                        .withInferenceSamples(3)};
        for (StochasticResonance sr : configs) {
            MultiLayerNetwork n = net(DataType.FLOAT, 19, sr, true, 4);
            MultiLayerConfiguration c = n.getLayerWiseConfigurations();
            assertEquals(c, MultiLayerConfiguration.fromJson(c.toJson()), "JSON round trip " + sr);
            assertEquals(c, MultiLayerConfiguration.fromYaml(c.toYaml()), "YAML round trip " + sr);
            DataSet d = data(DataType.FLOAT, 32, 20);
            n.fit(d);
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            ModelSerializer.writeModel(n, bos, true);
            MultiLayerNetwork r = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bos.toByteArray()),
                    true);
            assertEquals(n.params(), r.params());
            // the same generator state gives the same noise draws (M-sample inference is stochastic)
            Nd4j.getRandom().setSeed(99);
            INDArray o1 = n.output(d.getFeatures(), false);
            Nd4j.getRandom().setSeed(99);
            assertEquals(o1, r.output(d.getFeatures(), false));
            assertEquals(c, r.getLayerWiseConfigurations());
        }
    }

    @Test
    void worksInComputationGraphWithTheSameOutput() {
        MultiLayerNetwork n = net(DataType.DOUBLE, 21, StochasticResonance.dither(), true, 8);
        ComputationGraphConfiguration cg = new NeuralNetConfiguration.Builder().seed(21).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("a", BitLinear.builder().nOut(16).activation(Activation.RELU)
                        .stochasticResonance(StochasticResonance.dither()).build(), "in")
                .addLayer("b", BitLinear.builder().nOut(5).stochasticResonance(StochasticResonance.dither()).build(),
                        "a")
                .addLayer("out", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build(), "b")
                .setOutputs("out").setInputTypes(InputType.feedForward(11)).build();
        ComputationGraph g = new ComputationGraph(cg);
        g.init();
        g.setParams(n.params());
        DataSet d = data(DataType.DOUBLE, 9, 22);
        assertEquals(0.0, g.outputSingle(false, d.getFeatures()).sub(n.output(d.getFeatures(), false))
                .amaxNumber().doubleValue(), 1e-12);
        g.fit(d);
        assertTrue(Double.isFinite(g.score()));
        assertEquals(cg, ComputationGraphConfiguration.fromJson(cg.toJson()));
    }

    @Test
    void badInputGivesClearErrors() {
        MultiLayerNetwork n = net(DataType.FLOAT, 23, null, true, 8);
        Exception wrong = assertThrows(Exception.class, () -> n.output(Nd4j.ones(DataType.FLOAT, 3, 10), false));
        assertTrue(messages(wrong).contains("[minibatch, 11]") && messages(wrong).contains("[3, 10]"),
                messages(wrong));
        INDArray nan = Nd4j.ones(DataType.FLOAT, 2, 11);
        nan.putScalar(1, 3, Float.NaN);
        Exception e = assertThrows(Exception.class, () -> n.output(nan, false));
        assertTrue(messages(e).contains("NaN"), messages(e));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> BitLinear.builder().nOut(3).activationBits(9).build());
        assertTrue(b.getMessage().contains("bits"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitLinear.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> StochasticResonance.annealed(NoiseDistribution.GAUSSIAN, 0.5, 0.0, 10));
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
