package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.util.ModelSerializer;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Config-level binding through the layer base itself: a {@link GeoSameDiffLayer} that declares its bias on the
 * Poincaré ball is trained by a param-aware updater with no {@code GeoUpdaters.attach}, also after ModelSerializer
 * restore, and every step equals the closed-form exp-map step ({@link BallStepReference}); the Euclidean weight gets
 * plain SGD from the same updater.
 */
class GeoLayerBindingTest {

    private static final double LR = 0.3;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** y = x W + b with b a point of the ball of curvature {@link BallDenseLayer#C}; W Euclidean. */
    public static final class BallBiasLayer extends GeoSameDiffLayer {
        private long nIn;
        private long nOut;

        private BallBiasLayer() {
        }

        BallBiasLayer(long nIn, long nOut) {
            this.nIn = nIn;
            this.nOut = nOut;
        }

        @Override
        public void defineParameters(GeoLayerParams p) {
            p.addWeightParam("W", nIn, nOut);
            p.addBiasParam("b", 1, nOut);
        }

        @Override
        public void initializeParameters(Map<String, INDArray> p) {
            initWeight("W", p.get("W"), nIn, nOut);
            for (int j = 0; j < nOut; j++) {
                p.get("b").putScalar(0, j, -0.3 + 0.7 * j / Math.max(1, nOut - 1));
            }
        }

        @Override
        protected SDVariable define(GeoLayerContext ctx) {
            return ctx.input().mmul(ctx.param("W")).add(ctx.param("b"));
        }

        @Override
        protected void setNInFromInputType(InputType t, boolean override) {
            if (nIn <= 0 || override) {
                nIn = ((InputType.InputTypeFeedForward) t).getSize();
            }
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return InputType.feedForward(nOut);
        }

        @Override
        public Manifold manifoldOf(String paramName) {
            return "b".equals(paramName) ? new PoincareBall(BallDenseLayer.C) : Euclidean.INSTANCE;
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

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && ((BallBiasLayer) o).nIn == nIn && ((BallBiasLayer) o).nOut == nOut;
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), nIn, nOut);
        }
    }

    private static MultiLayerNetwork net() {
        BallBiasLayer ball = new BallBiasLayer(4, 3);
        ball.setUpdater(new ProjectedRsgd(LR));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 0.25))).updater(new Sgd(LR))
                .list()
                .layer(ball)
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double trainAndCompare(MultiLayerNetwork net, int steps, long seed0) {
        double worst = 0;
        for (int step = 0; step < steps; step++) {
            DataSet ds = BindingFixtures.data(seed0 + step);
            Map<String, INDArray> expected = BindingFixtures.expectedStep(net, ds, LR, Set.of("0_b"));
            net.fit(ds);
            worst = Math.max(worst, BindingFixtures.maxDiff(net, expected));
        }
        return worst;
    }

    @Test
    void geoLayerParamOnTheBallFollowsTheExpmapStepWithoutAttach() {
        MultiLayerNetwork net = net();
        double worst = trainAndCompare(net, 5, 300);
        assertTrue(worst <= 1e-12, "max |param - exp-map reference| over 5 steps = " + worst);
        assertTrue(!GeoUpdaters.isAttached(net));
        double norm = net.getParam("0_b").norm2Number().doubleValue();
        assertTrue(norm < 1 / Math.sqrt(BallDenseLayer.C), "bias left the ball: " + norm);
    }

    @Test
    void geoLayerBindingSurvivesModelSerializerWithoutAttach() throws Exception {
        MultiLayerNetwork net = net();
        trainAndCompare(net, 3, 400);
        File f = Files.createTempFile("geo-binding", ".zip").toFile();
        f.deleteOnExit();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(net.params(), restored.params());
        double worst = trainAndCompare(restored, 3, 500);
        assertTrue(worst <= 1e-12, "restored model: max |param - exp-map reference| = " + worst);
        trainAndCompare(net, 3, 500);
        assertEquals(0.0, net.params().sub(restored.params()).amaxNumber().doubleValue(), 0.0,
                "restored training must continue exactly like the original");
    }
}
