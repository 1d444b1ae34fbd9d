package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** JSON/YAML round trips of {@link GeoSameDiffLayer} configurations and ModelSerializer round trips of networks. */
class GeoSameDiffLayerSerializationTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
    }

    private static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).updater(new Adam(0.02))
                .weightInit(WeightInit.XAVIER).list()
                .layer(DenseEquivalentLayer.builder().name("geo").nOut(5).activation(Activation.SIGMOID)
                        .weightInit(WeightInit.RELU).biasUpdater(new Sgd(0.1)).l2(1e-3).dropOut(new Dropout(0.8))
                        .build())
                .layer(new RunningMeanLayer(5, 4, 0.8))
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(3)).build();
    }

    @Test
    void jsonAndYamlRoundTripsAreEqual() {
        MultiLayerConfiguration conf = conf();
        String json = conf.toJson();
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
        MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
        assertEquals(conf, fromJson);
        assertEquals(conf, fromYaml);
        assertEquals(json, fromJson.toJson());
        // declared shapes are derived from the hyper-parameters, never stored
        assertFalse(json.contains("\"layerParams\""), json);
        assertTrue(json.contains("\"weightInitFn\""), json);

        DenseEquivalentLayer geo = (DenseEquivalentLayer) fromJson.getConf(0).getLayer();
        assertEquals(3, geo.getNIn());
        assertEquals(5, geo.getNOut());
        assertEquals(Activation.SIGMOID, geo.getActivation());
        assertEquals(WeightInit.RELU.getWeightInitFunction(), geo.getWeightInitFn());
        assertInstanceOf(Sgd.class, geo.getUpdaterByParam("b"));
        assertInstanceOf(Adam.class, geo.getUpdaterByParam("W"));
        assertEquals(new Dropout(0.8), geo.getIDropout());
        assertEquals(0.8, ((RunningMeanLayer) fromJson.getConf(1).getLayer()).getDecay());
        // global weight init reached the layer that did not set its own
        assertInstanceOf(WeightInitXavier.class, ((GeoSameDiffLayer) fromJson.getConf(1).getLayer()).getWeightInitFn());

        // equals covers subclass fields
        RunningMeanLayer other = (RunningMeanLayer) fromJson.getConf(1).getLayer().clone();
        other.setDecay(0.5);
        assertNotEquals(fromJson.getConf(1).getLayer(), other);
    }

    @Test
    void computationGraphJsonRoundTripIsEqual() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3)).graphBuilder().addInputs("in")
                .addLayer("geo", DenseEquivalentLayer.builder().nOut(4).build(), "in")
                .addLayer("rm", new RunningMeanLayer(4, 3, 0.9), "geo")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MSE).nIn(3).nOut(2).build(), "rm")
                .setOutputs("out").setInputTypes(InputType.feedForward(6)).build();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        assertEquals(conf, ComputationGraphConfiguration.fromYaml(conf.toYaml()));
    }

    private static MultiLayerConfiguration noDropoutConf() {
        MultiLayerConfiguration c = conf();
        c.getConf(0).getLayer().setIDropout(null);   // dropout RNG state is not part of a saved model
        return c;
    }

    private static void fitSteps(MultiLayerNetwork net, int from, int to) {
        for (int step = from; step < to; step++) {
            net.fit(rand(500 + step, 8, 3), rand(600 + step, 8, 2));
        }
    }

    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bos, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bos.toByteArray()), true);
    }

    @Test
    void modelSerializerRestoresOutputsAndTrainingContinuesBitIdentically() throws IOException {
        MultiLayerNetwork uninterrupted = new MultiLayerNetwork(noDropoutConf());
        uninterrupted.init();
        MultiLayerNetwork interrupted = new MultiLayerNetwork(noDropoutConf());
        interrupted.init();
        assertEquals(uninterrupted.params(), interrupted.params());

        fitSteps(uninterrupted, 0, 10);
        fitSteps(interrupted, 0, 5);
        MultiLayerNetwork restored = roundTrip(interrupted);
        INDArray x = rand(1, 7, 3);
        assertEquals(interrupted.params(), restored.params());
        assertEquals(interrupted.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(interrupted.output(x, false), restored.output(x, false));
        assertEquals(interrupted.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());

        fitSteps(restored, 5, 10);
        double diff = uninterrupted.params().sub(restored.params()).amaxNumber().doubleValue();
        System.out.println("[layerbase] 5 + save/restore + 5 steps vs 10 uninterrupted: max |dparams| = " + diff);
        assertEquals(uninterrupted.params(), restored.params(), "training did not continue bit-identically");
        assertEquals(uninterrupted.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertTrue(uninterrupted.getParam("1_runningMean").sub(RunningMeanLayer.INITIAL_MEAN)
                .amaxNumber().doubleValue() > 1e-3, "buffer never moved: the test would not see it");
    }

    @Test
    void clonedNetworkComputesTheSameOutputs() {
        MultiLayerNetwork net = new MultiLayerNetwork(noDropoutConf());
        net.init();
        fitSteps(net, 0, 2);
        MultiLayerNetwork clone = net.clone();
        INDArray x = rand(3, 4, 3);
        assertEquals(net.output(x, false), clone.output(x, false));
        assertEquals(net.params(), clone.params());
    }
}
