package org.geodl4j.hyperbolic;

import static org.geodl4j.hyperbolic.HyperbolicEmbeddingTest.C;
import static org.geodl4j.hyperbolic.HyperbolicEmbeddingTest.D;
import static org.geodl4j.hyperbolic.HyperbolicEmbeddingTest.K;
import static org.geodl4j.hyperbolic.LayerContractTest.jitter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Double-precision DL4J gradient checks of {@link HyperbolicEmbedding} + {@link PoincareEmbeddingLoss} in both spaces:
 * MultiLayerNetwork with fixed and with trainable curvature (both layers), ComputationGraph (fixed embedding
 * curvature, trainable loss curvature); the index batches repeat rows, so the one-hot lookup's accumulation of the
 * gradients of repeated indices is checked too.
 */
class HyperbolicEmbeddingGradientTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    // ------------------------------------------------------------------ gradient checks

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void gradientCheckMultiLayerNetworkFixedCurvature(PointSpace space) {
        MultiLayerNetwork net = HyperbolicEmbeddingTest.mln(space, false, D, new NoOp());
        HyperbolicEmbeddingTest.jitterTable(net.params(), net, space);
        assertTrue(HyperbolicEmbeddingTest.check(net, HyperbolicEmbeddingTest.data(D)), "gradient check failed");
    }

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void gradientCheckMultiLayerNetworkTrainableCurvature(PointSpace space) {
        MultiLayerNetwork net = HyperbolicEmbeddingTest.mln(space, true, D, new NoOp());
        HyperbolicEmbeddingTest.jitterTable(net.params(), net, space);
        assertTrue(net.getLayer(0).paramTable().containsKey(Curvature.RAW_PARAM), "no curvature parameter");
        assertTrue(net.getLayer(1).paramTable().containsKey(Curvature.RAW_PARAM), "no curvature parameter");
        assertTrue(HyperbolicEmbeddingTest.check(net, HyperbolicEmbeddingTest.data(D)), "gradient check failed");
    }

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void gradientCheckComputationGraph(PointSpace space) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(D)
                .updater(new NoOp()).graphBuilder().addInputs("idx")
                .addLayer("emb", HyperbolicEmbeddingTest.embedding(space, false, C), "idx")
                .addLayer("loss", HyperbolicEmbeddingTest.loss(space, true, C), "emb")
                .setOutputs("loss").setInputTypes(InputType.feedForward(K)).build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        jitter(cg.params());
        INDArray table = cg.getLayer("emb").getParam(HyperbolicEmbedding.TABLE);
        table.muli(5);
        table.assign(space == PointSpace.LORENTZ ? new Lorentz(C).projx(table) : new PoincareBall(C).projx(table));
        DataSet ds = HyperbolicEmbeddingTest.data(D);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(cg)
                .inputs(new INDArray[] {ds.getFeatures()}).labels(new INDArray[] {ds.getLabels()})
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)), "gradient check failed");
    }
}
