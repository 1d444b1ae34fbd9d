package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.nn.GeoUpdaters;
import org.geodl4j.nn.ParamAwareGradientUpdater;
import org.geodl4j.nn.ParamSlot;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Non-finite gradients or parameters stop training with a message naming the layer and parameter. */
class BadInputTest {

    @Test
    void nanGradientThrowsNamingLayerAndParameterAndChangesNothing() {
        for (GeoUpdaterConfig u : AllUpdaters.all()) {
            MultiLayerNetwork net = TestNets.mlp(u, DataType.FLOAT);
            GeoUpdaters.attach(net);
            DataSet data = TestNets.data(DataType.FLOAT);
            data.getFeatures().putScalar(3, 2, Double.NaN);
            INDArray before = net.params().dup();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(data), u.toString());
            assertTrue(e.getMessage().contains("non-finite gradient of layer 'dense0' parameter 'W'"),
                    e.getMessage());
            assertEquals(before, net.params(), u + ": parameters must be unchanged");
        }
    }

    @Test
    void nonFiniteParameterValueThrowsNamingLayerAndParameter() {
        for (GeoUpdaterConfig u : AllUpdaters.all()) {
            INDArray value = Nd4j.ones(DataType.FLOAT, 4, 3);
            value.putScalar(1, 2, Float.POSITIVE_INFINITY);
            long n = u.stateSize(12);
            ParamAwareGradientUpdater<?> updater = (ParamAwareGradientUpdater<?>) u.instantiate(
                    n == 0 ? null : Nd4j.zeros(DataType.FLOAT, 1, n), true);
            updater.bind(List.of(new ParamSlot("enc", "W", value, 0, 12, 'c', Euclidean.INSTANCE)));
            INDArray g = Nd4j.ones(DataType.FLOAT, 12);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> updater.applyUpdater(g, 0, 0));
            assertTrue(e.getMessage().contains("non-finite value of layer 'enc' parameter 'W'")
                    && e.getMessage().contains("0 NaN and 1 infinite of 12"), e.getMessage());
            assertEquals(Nd4j.ones(DataType.FLOAT, 12), g, "gradient must be untouched");
        }
    }

    @Test
    void invalidHyperParametersAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RiemannianAdam.builder().beta2(1.0).build());
        assertTrue(e.getMessage().contains("RiemannianAdam: expected beta2 in [0, 1) but got 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RiemannianSgd.builder().nesterov(true).build());
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rlo.builder().eta(0.0).build());
        assertTrue(e.getMessage().contains("eta in (0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Muon.builder().nsSteps(0).build());
        assertTrue(e.getMessage().contains("nsSteps"), e.getMessage());
    }
}
