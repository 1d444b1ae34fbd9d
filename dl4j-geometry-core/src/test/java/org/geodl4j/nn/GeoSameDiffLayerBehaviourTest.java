package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Training flag, buffers, input-type inference, bad input, setParam and masks of {@link GeoSameDiffLayer}. */
class GeoSameDiffLayerBehaviourTest {

    private static final double DECAY = 0.9;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
    }

    private static OutputLayer mseOutput(int nIn, int nOut) {
        return new OutputLayer.Builder(LossFunction.MSE).nIn(nIn).nOut(nOut).activation(Activation.IDENTITY).build();
    }

    @Test
    void definitionSeesTheTrainingFlag() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new TrainingShiftLayer())
                .layer(mseOutput(3, 2))
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = rand(1, 4, 3);
        INDArray train = net.feedForwardToLayer(0, x, true).get(1);
        INDArray infer = net.feedForwardToLayer(0, x, false).get(1);
        assertEquals(x.add(1.0), train, "training graph adds 1");
        assertEquals(x, infer, "inference graph is the identity");
        assertTrue(net.output(x, true).sub(net.output(x, false)).amaxNumber().doubleValue() > 1e-3);
    }

    private static MultiLayerNetwork bufferNet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(0.05)).weightDecay(1e-2).list()
                .layer(new RunningMeanLayer(3, 4, DECAY))
                .layer(mseOutput(4, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void bufferFollowsTheEmaOfBatchMeansAndNothingElse() throws IOException {
        MultiLayerNetwork net = bufferNet();
        GeoSameDiffLayer layerConf = (GeoSameDiffLayer) net.getLayer(0).conf().getLayer();
        assertInstanceOf(NoOp.class, layerConf.getUpdaterByParam("runningMean"));
        assertTrue(layerConf.getRegularizationByParam("runningMean").isEmpty());
        assertInstanceOf(Adam.class, layerConf.getUpdaterByParam("W"));
        assertInstanceOf(WeightDecay.class, layerConf.getRegularizationByParam("W").get(0));

        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 1, 3).addi(RunningMeanLayer.INITIAL_MEAN);
        assertEquals(expected, net.getParam("0_runningMean"));
        INDArray w0 = net.getParam("0_W").dup();
        for (int step = 0; step < 5; step++) {
            INDArray x = rand(100 + step, 5, 3).addi(step);   // shifted means so the EMA moves
            net.fit(x, rand(200 + step, 5, 2));
            expected = expected.mul(DECAY).addi(x.mean(true, 0).muli(1 - DECAY));
        }
        double err = expected.sub(net.getParam("0_runningMean")).amaxNumber().doubleValue();
        System.out.println("[layerbase] buffer vs independent EMA after 5 fit steps (Adam + weight decay): " + err);
        assertTrue(err <= 1e-12, "running mean differs from the independent EMA by " + err);
        assertTrue(net.getParam("0_W").sub(w0).amaxNumber().doubleValue() > 1e-3, "weights did not train");
        // after fit the gradient view holds the applied update: zero for the buffer
        assertEquals(0.0, net.getLayer(0).gradient().getGradientFor("runningMean").amaxNumber().doubleValue());
        assertTrue(net.getLayer(0).gradient().getGradientFor("W").amaxNumber().doubleValue() > 0);

        // inference leaves the buffer unchanged and uses it
        INDArray before = net.getParam("0_runningMean").dup();
        INDArray x = rand(7, 6, 3);
        INDArray h = net.feedForwardToLayer(0, x, false).get(1);
        net.output(x, false);
        assertEquals(before, net.getParam("0_runningMean"));
        INDArray manual = Transforms.tanh(x.subRowVector(before).mmul(net.getParam("0_W"))
                .addRowVector(net.getParam("0_b")), false);
        assertTrue(manual.sub(h).amaxNumber().doubleValue() <= 1e-12);

        // a training forward pass updates it exactly once
        net.output(x, true);
        INDArray once = before.mul(DECAY).addi(x.mean(true, 0).muli(1 - DECAY));
        assertTrue(once.sub(net.getParam("0_runningMean")).amaxNumber().doubleValue() <= 1e-12);

        // ModelSerializer keeps it
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bos, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bos.toByteArray()), true);
        assertEquals(net.getParam("0_runningMean"), restored.getParam("0_runningMean"));
        assertEquals(net.output(x, false), restored.output(x, false));
        // and JSON
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), back);
        assertEquals(List.of("runningMean"),
                ((RunningMeanLayer) back.getConf(0).getLayer()).getLayerParams().bufferKeys());
    }

    @Test
    void bufferIsUpdatedOncePerStepInComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(0.05)).graphBuilder()
                .addInputs("in")
                .addLayer("rm", new RunningMeanLayer(3, 4, DECAY), "in")
                .addLayer("out", mseOutput(4, 2), "rm")
                .setOutputs("out").build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 1, 3).addi(RunningMeanLayer.INITIAL_MEAN);
        for (int step = 0; step < 3; step++) {
            INDArray x = rand(300 + step, 5, 3).addi(step);
            cg.fit(new INDArray[] {x}, new INDArray[] {rand(400 + step, 5, 2)});
            expected = expected.mul(DECAY).addi(x.mean(true, 0).muli(1 - DECAY));
        }
        double err = expected.sub(cg.getParam("rm_runningMean")).amaxNumber().doubleValue();
        assertTrue(err <= 1e-12, "ComputationGraph: running mean differs from the EMA by " + err);
    }

    @Test
    void inputTypeFillsNInEvenWhenAGlobalConstraintAskedForShapesFirst() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Adam(0.1)).constrainWeights(new NonNegativeConstraint()).list()
                .layer(DenseEquivalentLayer.builder().nOut(5).build())
                .layer(DenseEquivalentLayer.builder().nOut(3).build())
                .layer(mseOutput(3, 2))
                .setInputType(InputType.feedForward(4)).build();
        assertEquals(4, ((DenseEquivalentLayer) conf.getConf(0).getLayer()).getNIn());
        assertEquals(5, ((DenseEquivalentLayer) conf.getConf(1).getLayer()).getNIn());
        assertNotNull(conf.getConf(0).getLayer().getConstraints(), "global constraint was not attached");
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertArrayEquals(new long[] {4, 5}, net.getParam("0_W").shape());
        assertArrayEquals(new long[] {5, 3}, net.getParam("1_W").shape());
        net.fit(rand(1, 8, 4), rand(2, 8, 2));
        assertTrue(net.getParam("0_W").minNumber().doubleValue() >= 0.0, "constraint not applied after the step");
        assertTrue(net.getParam("1_W").minNumber().doubleValue() >= 0.0, "constraint not applied after the step");
    }

    @Test
    void wrongInputWidthGivesAClearErrorNamingTheLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(DenseEquivalentLayer.builder().name("hyp0").nIn(4).nOut(3).build())
                .layer(mseOutput(3, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DL4JInvalidInputException e = assertThrows(DL4JInvalidInputException.class,
                () -> net.output(rand(1, 2, 5)));
        String m = e.getMessage();
        System.out.println("[layerbase] bad-input message: " + m);
        assertTrue(m.contains("hyp0") && m.contains("[minibatch, 4]") && m.contains("[2, 5]"), m);
    }

    @Test
    void setParamAssignsIntoTheNetworkParameters() {
        MultiLayerNetwork net = bufferNet();
        Layer l = net.getLayer(0);
        INDArray w = Nd4j.linspace(DataType.DOUBLE, 1, 12, 1).reshape(3, 4);
        l.setParam("W", w);
        assertEquals(w, net.getParam("0_W"));
        assertEquals(w, l.paramTable().get("W"));
        // the flat vector is the storage: W occupies the first 12 entries in 'f' order
        assertEquals(w.reshape('f', new long[] {12}), net.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12)));
        assertThrows(IllegalArgumentException.class, () -> l.setParam("W", Nd4j.zeros(DataType.DOUBLE, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> l.setParam("nope", w));
    }

    @Test
    void maskIsNullWithoutOneAndAppliedWithOne() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.DOUBLE).list()
                .layer(DenseEquivalentLayer.builder().nIn(3).nOut(4).build())
                .layer(mseOutput(4, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Layer l = net.getLayer(0);
        INDArray x = rand(4, 3, 3);
        INDArray plain = l.activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup();
        INDArray mask = Nd4j.create(new double[][] {{1}, {0}, {1}});
        l.setMaskArray(mask);
        INDArray masked = l.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        l.setMaskArray(null);
        assertEquals(plain.mulColumnVector(mask), masked);
        assertTrue(plain.getRow(1).amaxNumber().doubleValue() > 0);
        assertEquals(plain, l.activate(x, false, LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void backwardPassSeesTheBufferValuesOfItsForwardPass() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.DOUBLE).list()
                .layer(new CenteringLayer(3, 2))
                .layer(mseOutput(2, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        Layer l = net.getLayer(0);
        INDArray rm0 = net.getParam("0_runningMean").dup();
        INDArray w = net.getParam("0_W").dup();
        INDArray x = rand(8, 5, 3).addi(3);
        INDArray eps = rand(9, 5, 2);
        INDArray y = l.activate(x, true, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(x.subRowVector(rm0).mmul(w), y);
        assertTrue(net.getParam("0_runningMean").sub(rm0).amaxNumber().doubleValue() > 1e-3, "buffer not updated");
        org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> g =
                l.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        // y = (x − rm0)·W  ⇒  dL/dW = (x − rm0)ᵀ·ε, dL/dx = ε·Wᵀ, dL/drm = 0 (buffer)
        INDArray expectedDw = x.subRowVector(rm0).transpose().mmul(eps);
        assertTrue(expectedDw.sub(g.getFirst().getGradientFor("W")).amaxNumber().doubleValue() <= 1e-12,
                "backward used the post-update buffer");
        assertTrue(eps.mmul(w.transpose()).sub(g.getSecond()).amaxNumber().doubleValue() <= 1e-12);
        assertEquals(0.0, g.getFirst().getGradientFor("runningMean").amaxNumber().doubleValue());
    }

    @Test
    void float32NetworkTrainsAndReturnsFloat32() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(DenseEquivalentLayer.builder().nIn(3).nOut(4).build())
                .layer(new RunningMeanLayer(4, 3, 0.9))
                .layer(mseOutput(3, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        for (int i = 0; i < 3; i++) {
            net.fit(rand(10 + i, 6, 3), rand(20 + i, 6, 2));   // float64 data into a float32 network
        }
        INDArray out = net.output(rand(30, 6, 3));
        assertEquals(DataType.FLOAT, out.dataType());
        assertEquals(DataType.FLOAT, net.params().dataType());
        assertTrue(Double.isFinite(net.score()) && Double.isFinite(out.sumNumber().doubleValue()));
    }

    @Test
    void runtimeCloneComputesTheSameOutputWithIndependentParameters() {
        MultiLayerNetwork net = bufferNet();
        Layer l = net.getLayer(0);
        Layer c = ((GeoSameDiffLayerRuntime) l).clone();
        INDArray x = rand(5, 4, 3);
        assertEquals(l.activate(x, false, LayerWorkspaceMgr.noWorkspaces()),
                c.activate(x, false, LayerWorkspaceMgr.noWorkspaces()));
        c.setParam("W", Nd4j.zeros(DataType.DOUBLE, 3, 4));
        assertTrue(net.getParam("0_W").amaxNumber().doubleValue() > 0, "clone shares parameters");
    }

    /** {@code y = (x − runningMean)·W} in both modes; training also updates the running mean (EMA 0.5). */
    static final class CenteringLayer extends GeoSameDiffLayer {
        private static final long serialVersionUID = 1L;
        private long nIn;
        private long nOut;

        private CenteringLayer() {
        }

        CenteringLayer(long nIn, long nOut) {
            this.nIn = nIn;
            this.nOut = nOut;
        }

        @Override
        public void defineParameters(GeoLayerParams params) {
            params.addWeightParam("W", nIn, nOut);
            params.addBuffer("runningMean", 1, nIn);
        }

        @Override
        public void initializeParameters(java.util.Map<String, INDArray> params) {
            initWeight("W", params.get("W"), nIn, nOut);
            params.get("runningMean").assign(0.25);
        }

        @Override
        protected org.nd4j.autodiff.samediff.SDVariable define(GeoLayerContext ctx) {
            org.nd4j.autodiff.samediff.SDVariable rm = ctx.param("runningMean");
            ctx.updateBuffer("runningMean", rm.mul(0.5).add(ctx.sameDiff().mean(ctx.input(), true, 0).mul(0.5)));
            return ctx.input().sub(rm).mmul(ctx.param("W"));
        }

        @Override
        protected void setNInFromInputType(InputType inputType, boolean override) {
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
