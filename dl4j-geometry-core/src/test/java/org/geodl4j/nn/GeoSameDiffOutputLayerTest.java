package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.nd4j.linalg.dataset.ViewIterator;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Classifier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * {@link GeoSameDiffOutputLayer}: a linear pre-activation on the base ({@link LinearOutputLayer}) must be DL4J's
 * {@code OutputLayer} exactly — score, per-example score, gradients of every layer, outputs, evaluation and training —
 * in MultiLayerNetwork and ComputationGraph, with and without a labels mask; plus numerical gradient checks,
 * JSON/YAML and ModelSerializer round trips and error messages naming the layer.
 */
class GeoSameDiffOutputLayerTest {

    private static final int N_IN = 4;
    private static final int HIDDEN = 5;
    private static final int N_OUT = 3;
    private static final int MB = 6;
    private static final double TOL = 1e-10;

    /** The two output configurations checked against DL4J's OutputLayer. */
    enum Head {
        SOFTMAX_MCXENT(LossFunction.MCXENT, Activation.SOFTMAX),
        IDENTITY_MSE(LossFunction.MSE, Activation.IDENTITY);

        final LossFunction loss;
        final Activation activation;

        Head(LossFunction loss, Activation activation) {
            this.loss = loss;
            this.activation = activation;
        }
    }

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray features(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, n, N_IN).subi(0.5).muli(2);
    }

    private static INDArray labels(Head head, long seed, int n) {
        if (head == Head.IDENTITY_MSE) {
            Nd4j.getRandom().setSeed(seed + 1000);
            return Nd4j.rand(DataType.DOUBLE, n, N_OUT);
        }
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, N_OUT);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (int) ((i + seed) % N_OUT), 1.0);
        }
        return y;
    }

    private static Layer geoHead(Head head, String name) {
        return LinearOutputLayer.builder().name(name).nIn(HIDDEN).nOut(N_OUT).lossFunction(head.loss)
                .activation(head.activation).build();
    }

    private static Layer dl4jHead(Head head, String name) {
        return new OutputLayer.Builder(head.loss).name(name).nIn(HIDDEN).nOut(N_OUT).activation(head.activation)
                .build();
    }

    private static DenseLayer hidden() {
        return new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN).activation(Activation.TANH).build();
    }

    private static MultiLayerNetwork mln(Layer head, IUpdater updater, double l2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(DataType.DOUBLE)
                .updater(updater).l2(l2).list().layer(hidden()).layer(head).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ComputationGraph cg(Layer head) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345)
                .dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder().addInputs("in")
                .addLayer("hidden", hidden(), "in").addLayer("out", head, "hidden").setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static double gradientAndScore(MultiLayerNetwork net, INDArray x, INDArray y, INDArray labelMask) {
        net.setInput(x);
        net.setLabels(y);
        net.clearLayerMaskArrays();
        net.setLayerMaskArrays(null, labelMask);
        net.computeGradientAndScore();
        return net.score();
    }

    // ---------------------------------------------------------------- equivalence with DL4J's OutputLayer

    @ParameterizedTest
    @EnumSource(Head.class)
    void multiLayerNetworkMatchesDl4jOutputLayer(Head head) {
        MultiLayerNetwork geo = mln(geoHead(head, "out"), new NoOp(), 1e-2);
        MultiLayerNetwork ref = mln(dl4jHead(head, "out"), new NoOp(), 1e-2);
        ref.setParams(geo.params());
        INDArray x = features(1, MB);
        INDArray y = labels(head, 1, MB);

        double sGeo = gradientAndScore(geo, x, y, null);
        double sRef = gradientAndScore(ref, x, y, null);
        double dg = maxAbsDiff(geo.gradient().gradient(), ref.gradient().gradient());
        System.out.println("[outputbase] MLN " + head + ": |score diff| = " + Math.abs(sGeo - sRef)
                + ", max |g_geo - g_dl4j| = " + dg + ", |g| = " + ref.gradient().gradient().norm2Number());
        assertEquals(sRef, sGeo, TOL);
        assertTrue(dg <= TOL, "gradient mismatch " + dg);
        for (String p : new String[] {"0_W", "0_b", "1_W", "1_b"}) {
            assertTrue(maxAbsDiff(geo.gradient().getGradientFor(p), ref.gradient().getGradientFor(p)) <= TOL, p);
        }
        assertTrue(geo.calcRegularizationScore(true) > 0);
        assertTrue(maxAbsDiff(geo.output(x), ref.output(x)) <= 1e-12);
        DataSet ds = new DataSet(x, y);
        assertTrue(maxAbsDiff(geo.scoreExamples(ds, true), ref.scoreExamples(ds, true)) <= TOL);
        assertTrue(maxAbsDiff(geo.scoreExamples(ds, false), ref.scoreExamples(ds, false)) <= TOL);
        assertEquals(ref.score(ds), geo.score(ds), TOL);
    }

    @ParameterizedTest
    @EnumSource(Head.class)
    void computationGraphMatchesDl4jOutputLayer(Head head) {
        ComputationGraph geo = cg(geoHead(head, "out"));
        ComputationGraph ref = cg(dl4jHead(head, "out"));
        ref.setParams(geo.params());
        INDArray x = features(2, MB);
        INDArray y = labels(head, 2, MB);
        for (ComputationGraph g : List.of(geo, ref)) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        double dg = maxAbsDiff(geo.gradient().gradient(), ref.gradient().gradient());
        System.out.println("[outputbase] CG " + head + ": |score diff| = " + Math.abs(geo.score() - ref.score())
                + ", max |g_geo - g_dl4j| = " + dg);
        assertEquals(ref.score(), geo.score(), TOL);
        assertTrue(dg <= TOL, "gradient mismatch " + dg);
        assertTrue(maxAbsDiff(geo.outputSingle(x), ref.outputSingle(x)) <= 1e-12);
    }

    @Test
    void labelsMaskMatchesDl4jOutputLayer() {
        Head head = Head.SOFTMAX_MCXENT;
        MultiLayerNetwork geo = mln(geoHead(head, "out"), new NoOp(), 0);
        MultiLayerNetwork ref = mln(dl4jHead(head, "out"), new NoOp(), 0);
        ref.setParams(geo.params());
        INDArray x = features(3, MB);
        INDArray y = labels(head, 3, MB);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, 1);
        mask.putScalar(1, 0, 0.0);
        mask.putScalar(4, 0, 0.0);

        double sGeo = gradientAndScore(geo, x, y, mask);
        double sRef = gradientAndScore(ref, x, y, mask);
        double dg = maxAbsDiff(geo.gradient().gradient(), ref.gradient().gradient());
        System.out.println("[outputbase] labels mask: |score diff| = " + Math.abs(sGeo - sRef) + ", max |dg| = " + dg);
        assertEquals(sRef, sGeo, TOL);
        assertTrue(dg <= TOL, "gradient mismatch " + dg);
        double unmasked = gradientAndScore(geo, x, y, null);
        assertTrue(Math.abs(unmasked - sGeo) > 1e-3, "the mask had no effect on the score");

        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(geo).input(x).labels(y)
                .labelMask(mask).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)), "gradient check with labels mask");
    }

    // ---------------------------------------------------------------- numerical gradient checks

    @ParameterizedTest
    @EnumSource(Head.class)
    void gradientCheckPassesInMultiLayerNetwork(Head head) {
        MultiLayerNetwork net = mln(geoHead(head, "out"), new NoOp(), 0);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(features(4, MB))
                .labels(labels(head, 4, MB)).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    @Test
    void gradientCheckPassesInComputationGraph() {
        ComputationGraph g = cg(geoHead(Head.SOFTMAX_MCXENT, "out"));
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {features(5, MB)}).labels(new INDArray[] {labels(Head.SOFTMAX_MCXENT, 5, MB)})
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    // ---------------------------------------------------------------- evaluation and training

    @Test
    void evaluationAndTrainingMatchDl4jOutputLayer() {
        Head head = Head.SOFTMAX_MCXENT;
        MultiLayerNetwork geo = mln(geoHead(head, "out"), new Adam(0.05), 1e-3);
        MultiLayerNetwork ref = mln(dl4jHead(head, "out"), new Adam(0.05), 1e-3);
        ref.setParams(geo.params());
        for (int step = 0; step < 3; step++) {
            INDArray x = features(10 + step, MB);
            INDArray y = labels(head, 10 + step, MB);
            geo.fit(x, y);
            ref.fit(x, y);
        }
        double dp = maxAbsDiff(geo.params(), ref.params());
        System.out.println("[outputbase] 3 Adam+L2 steps: max |dparams| = " + dp + ", |score diff| = "
                + Math.abs(geo.score() - ref.score()));
        assertTrue(dp <= 1e-12, "training diverged from DL4J's OutputLayer by " + dp);
        assertEquals(ref.score(), geo.score(), 1e-12);

        DataSet all = new DataSet(features(20, 30), labels(head, 20, 30));
        Evaluation eGeo = geo.evaluate(new ViewIterator(all, 7));
        Evaluation eRef = ref.evaluate(new ViewIterator(all, 7));
        System.out.println("[outputbase] evaluate: accuracy " + eGeo.accuracy() + " (DL4J " + eRef.accuracy() + ")");
        assertEquals(30, eGeo.getNumRowCounter(), 0.0);
        assertEquals(eRef.accuracy(), eGeo.accuracy(), 0.0);
        assertEquals(eRef.getConfusionMatrix(), eGeo.getConfusionMatrix());
        assertEquals(outputLayerF1(ref, all), outputLayerF1(geo, all), 0.0);
        assertArrayEquals(ref.predict(all.getFeatures()), geo.predict(all.getFeatures()));
    }

    /** f1 through the output layer's own {@code Classifier} implementation (input = the hidden activations). */
    private static double outputLayerF1(MultiLayerNetwork net, DataSet ds) {
        INDArray hidden = net.feedForwardToLayer(0, ds.getFeatures(), false).get(1);
        return ((Classifier) net.getOutputLayer()).f1Score(hidden, ds.getLabels());
    }

    // ---------------------------------------------------------------- serialisation

    @Test
    void jsonAndYamlRoundTripsKeepLossAndActivation() {
        MultiLayerConfiguration conf = mln(geoHead(Head.IDENTITY_MSE, "out"), new Adam(1e-3), 0)
                .getLayerWiseConfigurations();
        String json = conf.toJson();
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, fromJson);
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()));
        assertEquals(json, fromJson.toJson());
        LinearOutputLayer out = (LinearOutputLayer) fromJson.getConf(1).getLayer();
        assertInstanceOf(LossMSE.class, out.getLossFn());
        assertInstanceOf(ActivationIdentity.class, out.getActivationFn());
        assertEquals(N_OUT, out.getNOut());

        LinearOutputLayer defaults = LinearOutputLayer.builder().nIn(2).nOut(2).build();
        assertInstanceOf(LossMCXENT.class, defaults.getLossFn());
        assertInstanceOf(ActivationSoftmax.class, defaults.getActivationFn());

        ComputationGraphConfiguration cgConf = cg(geoHead(Head.SOFTMAX_MCXENT, "out")).getConfiguration();
        assertEquals(cgConf, ComputationGraphConfiguration.fromJson(cgConf.toJson()));
        assertEquals(cgConf, ComputationGraphConfiguration.fromYaml(cgConf.toYaml()));
    }

    @Test
    void modelSerializerRestoresOutputsAndTrainingContinuesIdentically() throws IOException {
        Head head = Head.SOFTMAX_MCXENT;
        MultiLayerNetwork uninterrupted = mln(geoHead(head, "out"), new Adam(0.02), 1e-3);
        MultiLayerNetwork interrupted = mln(geoHead(head, "out"), new Adam(0.02), 1e-3);
        assertEquals(uninterrupted.params(), interrupted.params());
        for (int step = 0; step < 6; step++) {
            uninterrupted.fit(features(30 + step, MB), labels(head, 30 + step, MB));
            if (step < 3) {
                interrupted.fit(features(30 + step, MB), labels(head, 30 + step, MB));
            }
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelSerializer.writeModel(interrupted, bos, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bos.toByteArray()), true);
        INDArray x = features(99, 5);
        assertEquals(interrupted.output(x), restored.output(x));
        assertEquals(interrupted.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertInstanceOf(GeoSameDiffOutputLayerRuntime.class, restored.getOutputLayer());
        for (int step = 3; step < 6; step++) {
            restored.fit(features(30 + step, MB), labels(head, 30 + step, MB));
        }
        double dp = maxAbsDiff(uninterrupted.params(), restored.params());
        System.out.println("[outputbase] 3 + save/restore + 3 steps vs 6 uninterrupted: max |dparams| = " + dp);
        assertEquals(uninterrupted.params(), restored.params(), "training did not continue identically");
        assertEquals(uninterrupted.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());

        MultiLayerNetwork clone = restored.clone();
        assertInstanceOf(GeoSameDiffOutputLayerRuntime.class, clone.getOutputLayer());
        assertEquals(restored.output(x), clone.output(x));
    }

    // ---------------------------------------------------------------- buffers

    /**
     * {@code z = x·W + shift} with a buffer {@code shift} that a training forward pass increases by
     * {@code 0.1·(1, 2, 3)} (not uniform, so softmax sees it).
     */
    static final class DriftingOutputLayer extends GeoSameDiffOutputLayer {
        private static final long serialVersionUID = 1L;

        DriftingOutputLayer() {
        }

        @Override
        public void defineParameters(GeoLayerParams p) {
            p.addWeightParam("W", HIDDEN, N_OUT);
            p.addBuffer("shift", 1, N_OUT);
        }

        @Override
        public void initializeParameters(java.util.Map<String, INDArray> p) {
            initWeight("W", p.get("W"), HIDDEN, N_OUT);
            p.get("shift").assign(0);
        }

        @Override
        protected org.nd4j.autodiff.samediff.SDVariable define(GeoLayerContext ctx) {
            INDArray step = Nd4j.createFromArray(0.1, 0.2, 0.3).reshape(1, N_OUT);
            ctx.updateBuffer("shift", ctx.param("shift").add(ctx.sameDiff().constant(step)));
            return ctx.input().mmul(ctx.param("W")).add(ctx.param("shift"));
        }

        @Override
        protected void setNInFromInputType(InputType t, boolean override) {
        }

        @Override
        public InputType getOutputType(int idx, InputType t) {
            return InputType.feedForward(N_OUT);
        }
    }

    @Test
    void bufferUpdatesOncePerStepAndTheScoreDescribesTheForwardOfTheGradient() {
        MultiLayerNetwork net = mln(new DriftingOutputLayer(), new NoOp(), 0);
        INDArray x = features(40, MB);
        INDArray y = labels(Head.SOFTMAX_MCXENT, 40, MB);
        for (int step = 1; step <= 3; step++) {
            net.fit(x, y);
            assertEquals(0.1 * step, net.getParam("1_shift").getDouble(0), 1e-12, "step " + step);
        }
        net.output(x);      // inference never changes buffers
        assertEquals(0.3, net.getParam("1_shift").getDouble(0), 1e-12);

        // the score of a step is the loss of the pre-update buffer (3 steps), not of the updated one (4 steps)
        INDArray before = net.getParam("1_shift").dup();
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        double scoreOfStep = net.score();
        INDArray after = net.getParam("1_shift").dup();
        assertEquals(0.4, after.getDouble(0), 1e-12);
        double scoreAfter = net.score(new DataSet(x, y), false);
        net.getParam("1_shift").assign(before);
        double scoreBefore = net.score(new DataSet(x, y), false);
        assertTrue(Math.abs(scoreAfter - scoreBefore) > 1e-4, "degenerate test: the buffer does not change the score");
        assertEquals(scoreBefore, scoreOfStep, 1e-12);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void badInputAndLabelsErrorsNameTheLayer() {
        MultiLayerNetwork net = mln(geoHead(Head.SOFTMAX_MCXENT, "hypOut"), new NoOp(), 0);
        Exception wrongLabels = assertThrows(RuntimeException.class,
                () -> net.fit(features(1, MB), Nd4j.zeros(DataType.DOUBLE, MB, N_OUT + 1)));
        System.out.println("[outputbase] bad labels: " + wrongLabels.getMessage());
        assertTrue(wrongLabels.getMessage().contains("\"hypOut\""), wrongLabels.getMessage());

        MultiLayerNetwork direct = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list().layer(LinearOutputLayer.builder().name("hypOut").nIn(N_IN)
                        .nOut(N_OUT).build()).build());
        direct.init();
        Exception wrongInput = assertThrows(RuntimeException.class,
                () -> direct.output(Nd4j.zeros(DataType.DOUBLE, 2, N_IN + 1)));
        System.out.println("[outputbase] bad input: " + wrongInput.getMessage());
        assertTrue(wrongInput.getMessage().contains("\"hypOut\""), wrongInput.getMessage());
    }
}
