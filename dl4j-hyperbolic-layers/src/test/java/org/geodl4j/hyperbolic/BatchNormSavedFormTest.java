package org.geodl4j.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The saved (JSON and YAML) form of the batch-norm configurations is pinned: for {@link PoincareBatchNorm},
 * {@link LorentzBatchNorm} and {@link GyroLorentzBatchNorm} with non-default settings (curvature, trainable curvature,
 * momentum, eps, name; recurrent, convolutional and feed-forward layouts), a {@code MultiLayerConfiguration} writes
 * exactly the text in {@code savedform/<Layer>.json|.yaml}, and that text loads into an equal configuration. The
 * fixtures were written by the code before the batch norms shared {@code HyperbolicBatchNorm}, so a refactoring that
 * renames, moves or drops a serialised property fails here.
 */
class BatchNormSavedFormTest {

    /** One network per layer: bridge in, the batch norm with non-default settings, bridge out. */
    static MultiLayerConfiguration config(String layer) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new Adam(0.01)).list();
        switch (layer) {
            case "PoincareBatchNorm":
                return b.layer(PoincareExpMap0.builder().curvature(0.7).build())
                        .layer(PoincareBatchNorm.builder().name("bn").curvature(0.7).trainableCurvature(true)
                                .momentum(0.25).eps(1e-3).build())
                        .layer(PoincareLogMap0.builder().curvature(0.7).build())
                        .setInputType(InputType.recurrent(Nets.N_IN)).build();
            case "LorentzBatchNorm":
                return lorentz(b, 1.5, () -> LorentzBatchNorm.builder().name("bn").curvature(1.5).trainableCurvature(true)
                        .momentum(0.05).eps(1e-4).build(), InputType.convolutional(3, 2, Nets.N_IN));
            case "GyroLorentzBatchNorm":
                return lorentz(b, 0.5, () -> GyroLorentzBatchNorm.builder().name("bn").curvature(0.5)
                        .trainableCurvature(true).momentum(0.5).eps(1e-2).nIn(Nets.N_IN + 1).build(),
                        InputType.feedForward(Nets.N_IN));
            default:
                throw new IllegalArgumentException(layer);
        }
    }

    private static MultiLayerConfiguration lorentz(NeuralNetConfiguration.ListBuilder b, double c,
            Supplier<Layer> bn, InputType type) {
        return b.layer(LorentzExpMap0.builder().curvature(c).build()).layer(bn.get())
                .layer(LorentzLogMap0.builder().curvature(c).build()).setInputType(type).build();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = BatchNormSavedFormTest.class.getResourceAsStream("savedform/" + name)) {
            assertNotNull(in, "missing fixture savedform/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PoincareBatchNorm", "LorentzBatchNorm", "GyroLorentzBatchNorm"})
    void jsonAndYamlTextEqualTheSavedFixtures(String layer) throws IOException {
        MultiLayerConfiguration conf = config(layer);
        assertEquals(fixture(layer + ".json"), conf.toJson(), layer + " JSON");
        assertEquals(fixture(layer + ".yaml"), conf.toYaml(), layer + " YAML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PoincareBatchNorm", "LorentzBatchNorm", "GyroLorentzBatchNorm"})
    void savedFixturesLoadIntoEqualConfigurations(String layer) throws IOException {
        MultiLayerConfiguration conf = config(layer);
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(fixture(layer + ".json"));
        MultiLayerConfiguration fromYaml = MultiLayerConfiguration.fromYaml(fixture(layer + ".yaml"));
        assertEquals(conf, fromJson, layer + " from JSON");
        assertEquals(conf, fromYaml, layer + " from YAML");
        assertEquals(conf.getConf(1).getLayer(), fromJson.getConf(1).getLayer(), layer + " layer from JSON");
        assertEquals(conf.getConf(1).getLayer().getClass(), fromYaml.getConf(1).getLayer().getClass());
    }
}
