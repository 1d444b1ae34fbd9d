package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.geodl4j.nn.GeoUpdaters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Every updater: JSON/YAML round trips of the configuration, {@code clone()} keeps the type, and training resumed after
 * a ModelSerializer round trip (with updater state) is bit-identical to uninterrupted training.
 */
class SerializationTest {

    @Test
    void configurationsRoundTripThroughJsonAndYaml() throws IOException {
        for (GeoUpdaterConfig u : AllUpdaters.all()) {
            String json = NeuralNetConfiguration.mapper().writeValueAsString(u);
            IUpdater back = NeuralNetConfiguration.mapper().readValue(json, IUpdater.class);
            assertEquals(u, back, json);
            assertEquals(u.hashCode(), back.hashCode());
            IUpdater yaml = NeuralNetConfiguration.mapperYaml().readValue(
                    NeuralNetConfiguration.mapperYaml().writeValueAsString(u), IUpdater.class);
            assertEquals(u, yaml);

            MultiLayerConfiguration conf = TestNets.mlpConf(u, DataType.FLOAT);
            MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(conf.toJson());
            MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(conf.toYaml());
            assertEquals(conf, fromJson);
            assertEquals(conf, fromYaml);
            assertEquals(u, ((BaseLayer) fromJson.getConf(1).getLayer()).getIUpdater());
        }
    }

    @Test
    void cloneKeepsTypeAndEqualityAndEqualityCoversHyperParameters() {
        for (GeoUpdaterConfig u : AllUpdaters.all()) {
            GeoUpdaterConfig c = u.clone();
            assertNotSame(u, c);
            assertSame(u.getClass(), c.getClass());
            assertEquals(u, c);
        }
        assertNotEquals(new RiemannianAdam(0.01), new RiemannianAdam(0.02));
        assertNotEquals(new RiemannianAdam(0.01), RiemannianAdam.builder().learningRate(0.01).amsgrad(true).build());
        assertNotEquals(Rlo.lambda(), Rlo.lifted());
        assertNotEquals(Rlo.rlo(), Rlo.rlo().toBuilder().gamma(4.0).build());
        assertNotEquals(new Muon(), Muon.builder().nsCoefficients(2, -1.5, 0.5).build());
        assertNotEquals(new Muon(), Muon.builder().adamwParams(java.util.List.of("out")).build());
        assertNotEquals(new RiemannianSgd(0.1), new RiemannianSgd(0.1, 0.9, false));
    }

    @Test
    void resumedTrainingAfterModelSerializerIsBitIdentical() throws IOException {
        DataSet data = TestNets.data(DataType.FLOAT);
        for (GeoUpdaterConfig u : AllUpdaters.all()) {
            MultiLayerNetwork straight = TestNets.mlp(u, DataType.FLOAT);
            GeoUpdaters.attach(straight);
            TestNets.fit(straight, data, 20);

            MultiLayerNetwork first = TestNets.mlp(u, DataType.FLOAT);
            GeoUpdaters.attach(first);
            TestNets.fit(first, data, 10);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(first, bytes, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                    new ByteArrayInputStream(bytes.toByteArray()), true);
            assertEquals(first.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(),
                    u + ": updater state not restored");
            GeoUpdaters.attach(restored);
            TestNets.fit(restored, data, 10);

            assertEquals(0.0, TestNets.maxAbsDiff(straight.params(), restored.params()), 0.0, u.toString());
            assertEquals(straight.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(),
                    u.toString());
            assertTrue(TestNets.maxAbsDiff(straight.params(), TestNets.mlp(u, DataType.FLOAT).params()) > 1e-3,
                    u + ": training must move the parameters");
        }
    }
}
