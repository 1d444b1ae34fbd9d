package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.util.ModelSerializer;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link GeoSameDiffVertex}: an elementwise-add vertex with a learnable scale ({@link ScaledAddVertex}) equals DL4J's
 * {@code ElementWiseVertex(Add)} path (no doubled gradients below it), passes numerical gradient checks, round-trips
 * through JSON and ModelSerializer, binds a vertex parameter declared on the Poincaré ball for a param-aware updater
 * without {@code GeoUpdaters.attach}, and names itself in input errors.
 */
class GeoSameDiffVertexTest {

    private static final int N_IN = 4;
    private static final int HIDDEN = 5;
    private static final int N_OUT = 2;
    private static final int MB = 8;
    private static final double TOL = 1e-10;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** in → dense "a", in → dense "b", vertex "add"(a, b) → softmax output. */
    private static ComputationGraph graph(GraphVertex add, IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 0.5))).updater(updater)
                .graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN).activation(Activation.TANH).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(N_IN).nOut(HIDDEN).activation(Activation.SIGMOID).build(),
                        "in")
                .addVertex("add", add, "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(HIDDEN).nOut(N_OUT)
                        .activation(Activation.SOFTMAX).build(), "add")
                .setOutputs("out").setInputTypes(InputType.feedForward(N_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static DataSet data(long seed) {
        return BindingFixtures.data(seed);
    }

    private static void computeGradient(ComputationGraph g, DataSet ds) {
        g.setInputs(ds.getFeatures());
        g.setLabels(ds.getLabels());
        g.computeGradientAndScore();
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void gradientsEqualDl4jElementWiseAddIncludingTheLayersBelow() {
        ComputationGraph geo = graph(new ScaledAddVertex(1.0, 0), new NoOp());
        ComputationGraph ref = graph(new ElementWiseVertex(ElementWiseVertex.Op.Add), new NoOp());
        for (Map.Entry<String, INDArray> e : ref.paramTable().entrySet()) {
            geo.setParam(e.getKey(), e.getValue());
        }
        DataSet ds = data(1);
        computeGradient(geo, ds);
        computeGradient(ref, ds);
        double worst = 0;
        for (String p : ref.paramTable().keySet()) {
            worst = Math.max(worst, maxAbsDiff(geo.gradient().getGradientFor(p), ref.gradient().getGradientFor(p)));
        }
        System.out.println("[vertexbase] vs ElementWiseVertex(Add): max |g_geo - g_dl4j| = " + worst
                + ", |score diff| = " + Math.abs(geo.score() - ref.score()) + ", |g_scale| = "
                + geo.gradient().getGradientFor("add_scale").norm2Number());
        assertTrue(worst <= TOL, "gradient mismatch vs ElementWiseVertex: " + worst);
        assertEquals(ref.score(), geo.score(), 1e-12);
        assertTrue(geo.gradient().getGradientFor("add_scale").norm2Number().doubleValue() > 1e-6);
        assertTrue(maxAbsDiff(geo.outputSingle(ds.getFeatures()), ref.outputSingle(ds.getFeatures())) <= 1e-12);
        assertEquals(ref.params().length() + 1, geo.params().length());
    }

    @Test
    void gradientCheckPassesWithScaleAndShift() {
        ComputationGraph g = graph(new ScaledAddVertex(1.3, HIDDEN), new NoOp());
        DataSet ds = data(2);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {ds.getFeatures()}).labels(new INDArray[] {ds.getLabels()})
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)), "gradient check failed (vertex)");
    }

    @Test
    void gradientCheckPassesWithAFeaturesMaskReachingTheVertex() {
        ComputationGraph g = graph(new ScaledAddVertex(0.8, HIDDEN), new NoOp());
        DataSet ds = data(3);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, MB, 1);
        mask.putScalar(2, 0, 0.0);
        mask.putScalar(5, 0, 0.0);
        INDArray masked = g.output(false, new INDArray[] {ds.getFeatures()}, new INDArray[] {mask})[0];
        INDArray unmasked = g.output(false, new INDArray[] {ds.getFeatures()}, null)[0];
        // the vertex zeroes masked rows, so the output layer sees softmax(b) there instead of the unmasked output
        assertTrue(maxAbsDiff(masked.getRow(2), unmasked.getRow(2)) > 1e-6, "mask never reached the vertex graph");
        assertEquals(masked.getRow(0), unmasked.getRow(0));
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {ds.getFeatures()}).labels(new INDArray[] {ds.getLabels()})
                .inputMask(new INDArray[] {mask}).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)),
                "gradient check failed (vertex, features mask)");
    }

    @Test
    void defaultMaskPropagationPassesTheFirstNonNullMask() {
        ScaledAddVertex v = new ScaledAddVertex(1.0, 0);
        INDArray m = Nd4j.ones(DataType.DOUBLE, 3, 1);
        Pair<INDArray, MaskState> p = v.feedForwardMaskArrays(new INDArray[] {null, m}, MaskState.Active, 3);
        assertSame(m, p.getFirst());
        assertEquals(MaskState.Active, p.getSecond());
        assertNull(v.feedForwardMaskArrays(new INDArray[] {null, null}, null, 3).getFirst());
    }

    @Test
    void jsonAndYamlRoundTripsAreEqual() {
        ScaledAddVertex v = new ScaledAddVertex(0.7, HIDDEN);
        ComputationGraphConfiguration conf = graph(v, new Adam(1e-2)).getConfiguration();
        String json = conf.toJson();
        ComputationGraphConfiguration fromJson = ComputationGraphConfiguration.fromJson(json);
        assertEquals(conf, fromJson);
        assertEquals(conf, ComputationGraphConfiguration.fromYaml(conf.toYaml()));
        assertEquals(json, fromJson.toJson());
        assertFalse(json.contains("\"vertexParams\""), json);
        ScaledAddVertex back = (ScaledAddVertex) fromJson.getVertices().get("add");
        assertEquals(0.7, back.getInitialScale());
        assertEquals(HIDDEN, back.getShiftDim());
        assertInstanceOf(Adam.class, back.getUpdater());
        assertEquals(v, v.clone());
        ScaledAddVertex other = (ScaledAddVertex) v.clone();
        other.setShiftDim(2);
        assertFalse(v.equals(other));
    }

    @Test
    void modelSerializerRestoresOutputsAndTrainingContinuesIdentically() throws IOException {
        ComputationGraph uninterrupted = graph(new ScaledAddVertex(1.2, HIDDEN), new Adam(0.05));
        ComputationGraph interrupted = graph(new ScaledAddVertex(1.2, HIDDEN), new Adam(0.05));
        assertEquals(uninterrupted.params(), interrupted.params());
        for (int step = 0; step < 6; step++) {
            uninterrupted.fit(data(50 + step));
            if (step < 3) {
                interrupted.fit(data(50 + step));
            }
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelSerializer.writeModel(interrupted, bos, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bos.toByteArray()), true);
        INDArray x = data(99).getFeatures();
        assertEquals(interrupted.outputSingle(x), restored.outputSingle(x));
        assertEquals(interrupted.getConfiguration(), restored.getConfiguration());
        assertInstanceOf(GeoSameDiffVertexRuntime.class, restored.getVertex("add"));
        for (int step = 3; step < 6; step++) {
            restored.fit(data(50 + step));
        }
        double dp = maxAbsDiff(uninterrupted.params(), restored.params());
        System.out.println("[vertexbase] 3 + save/restore + 3 steps vs 6 uninterrupted: max |dparams| = " + dp
                + ", scale moved by " + Math.abs(restored.paramTable().get("add_scale").getDouble(0) - 1.2));
        assertEquals(uninterrupted.params(), restored.params(), "training did not continue identically");
        assertTrue(Math.abs(restored.paramTable().get("add_scale").getDouble(0) - 1.2) > 1e-4, "scale never trained");

        ComputationGraph clone = restored.clone();
        assertEquals(restored.outputSingle(x), clone.outputSingle(x));
    }

    @Test
    void vertexParameterOnTheBallFollowsTheExpmapStepWithoutAttach() {
        double lr = 0.3;
        ScaledAddVertex v = new ScaledAddVertex(1.0, HIDDEN);
        v.setUpdater(new ProjectedRsgd(lr));           // the vertex only; the DL4J layers get plain SGD
        ComputationGraph g = graph(v, new Sgd(lr));
        double worst = 0;
        for (int step = 0; step < 4; step++) {
            DataSet ds = data(300 + step);
            Map<String, INDArray> expected = BindingFixtures.expectedStep(g, ds, lr, Set.of("add_shift"));
            g.fit(ds);
            worst = Math.max(worst, BindingFixtures.maxDiff(g, expected));
        }
        System.out.println("[vertexbase] ball-shift vertex param, 4 steps vs exp-map reference: max diff = " + worst);
        assertTrue(worst <= 1e-12, "max |param - exp-map reference| over 4 steps = " + worst);
        assertFalse(GeoUpdaters.isAttached(g));
        assertInstanceOf(ProjectedRsgd.class, v.getUpdaterByParam("shift"));
        assertEquals(new ParamSpec("add", "shift", new long[] {1, HIDDEN}, 'c', new PoincareBall(BallDenseLayer.C)),
                ((ProjectedRsgd) v.getUpdaterByParam("shift")).boundSpec());
        double norm = g.paramTable().get("add_shift").norm2Number().doubleValue();
        assertTrue(norm < 1 / Math.sqrt(BallDenseLayer.C), "shift left the ball: " + norm);
    }

    @Test
    void badInputErrorNamesTheVertex() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x1", "x2")
                .addVertex("hypAdd", new ScaledAddVertex(1.0, 0), "x1", "x2")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build(), "hypAdd")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Exception e = assertThrows(RuntimeException.class, () -> g.output(Nd4j.zeros(DataType.DOUBLE, 2, 3),
                Nd4j.zeros(DataType.DOUBLE, 2, 4)));
        System.out.println("[vertexbase] bad input: " + e.getMessage());
        assertTrue(e.getMessage().contains("\"hypAdd\""), e.getMessage());
    }
}
