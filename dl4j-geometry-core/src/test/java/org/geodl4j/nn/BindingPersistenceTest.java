package org.geodl4j.nn;

import static org.geodl4j.nn.BindingFixtures.maxDiff;
import static org.geodl4j.nn.BindingFixtures.mln;
import static org.geodl4j.nn.BindingFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * What survives ModelSerializer and {@code MultiLayerNetwork.clone()}: the configuration and the updater state
 * always; the attach binding never (re-attach needed, forgetting it fails loudly); configuration-level binding
 * always (no attach).
 */
class BindingPersistenceTest {

    private static final double LR = 0.3;
    private static final double MOMENTUM = 0.9;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static byte[] save(MultiLayerNetwork net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return bytes.toByteArray();
    }

    private static MultiLayerNetwork restore(byte[] bytes) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), true);
    }

    private static void train(MultiLayerNetwork net, int from, int to) {
        for (int step = from; step < to; step++) {
            net.fit(BindingFixtures.data(600 + step));
        }
    }

    @Test
    void restoredAttachedNetworkFailsUntilReattachedThenContinuesExactly() throws IOException {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR, MOMENTUM), null);
        GeoUpdaters.attach(net);
        train(net, 0, 3);
        byte[] saved = save(net);

        MultiLayerNetwork forgotten = restore(saved);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> train(forgotten, 3, 4));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());

        MultiLayerNetwork restored = restore(saved);
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        GeoUpdaters.attach(restored);
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(),
                "attach keeps the restored state");
        train(net, 3, 6);
        train(restored, 3, 6);
        assertEquals(0.0, maxDiff(restored, snapshot(net)), "restored + attach must continue exactly");
    }

    @Test
    void clonedAttachedNetworkFailsUntilReattachedThenContinuesExactly() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR, MOMENTUM), null);
        GeoUpdaters.attach(net);
        train(net, 0, 3);

        MultiLayerNetwork forgotten = net.clone();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> train(forgotten, 3, 4));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());

        MultiLayerNetwork copy = net.clone();
        GeoUpdaters.attach(copy);
        train(net, 3, 6);
        train(copy, 3, 6);
        assertEquals(0.0, maxDiff(copy, snapshot(net)), "clone + attach must continue exactly");
    }

    @Test
    void configurationLevelBindingSurvivesRestoreAndCloneWithoutAttach() throws IOException {
        MultiLayerNetwork net = mln(new BoundBallDenseLayer(4, 3), new ProjectedRsgd(LR, MOMENTUM),
                new Nesterovs(LR, MOMENTUM));
        train(net, 0, 3);
        MultiLayerNetwork restored = restore(save(net));
        MultiLayerNetwork copy = net.clone();
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        train(net, 3, 6);
        train(restored, 3, 6);
        train(copy, 3, 6);
        assertEquals(0.0, maxDiff(restored, snapshot(net)), "restored must continue exactly");
        assertEquals(0.0, maxDiff(copy, snapshot(net)), "clone must continue exactly");
    }
}
