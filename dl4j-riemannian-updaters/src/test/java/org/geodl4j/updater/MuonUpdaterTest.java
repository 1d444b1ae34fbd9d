package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoUpdaters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Muon inside a DL4J MultiLayerNetwork: which parameters take which step, exactly, and the refusal messages. */
class MuonUpdaterTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The gradient DL4J hands the updater (averaged over the 32 examples) per parameter key. */
    private static Gradient gradientOf(MultiLayerNetwork net, DataSet data) {
        MultiLayerNetwork probe = net.clone();
        probe.setInput(data.getFeatures());
        probe.setLabels(data.getLabels());
        probe.computeGradientAndScore();
        return probe.gradient();
    }

    private static INDArray expectedMuon(Muon m, INDArray x, INDArray g) {
        return MuonStep.update(x, g, Nd4j.zeros(DataType.DOUBLE, g.shape()), m.getLearningRate(), m.getMomentum(),
                m.isNesterov(), m.getWeightDecay(), m.getNsSteps(), m.getNsA(), m.getNsB(), m.getNsC(),
                m.getNsEpsilon(), m.getScale());
    }

    private static INDArray expectedAdamw(Muon m, INDArray x, INDArray g) {
        return MuonStep.adamwUpdate(x, g, Nd4j.zeros(DataType.DOUBLE, g.shape()),
                Nd4j.zeros(DataType.DOUBLE, g.shape()), m.getAdamwLearningRate(), 1, m.getAdamwBeta1(),
                m.getAdamwBeta2(), m.getAdamwEpsilon(), m.getAdamwWeightDecay(), m.getEpsilonConvention());
    }

    @Test
    void weightsTakeTheMuonStepAndBiasesAndMarkedLayersTakeAdamw() {
        Muon muon = Muon.builder().learningRate(0.02).weightDecay(0.01).adamwWeightDecay(0.05)
                .adamwParams(List.of("out")).build();
        MultiLayerNetwork net = TestNets.mlp(muon, DataType.DOUBLE);
        GeoUpdaters.attach(net);
        DataSet data = TestNets.data(DataType.DOUBLE);
        Gradient g = gradientOf(net, data);
        Map<String, INDArray> before = net.paramTable();
        Map<String, INDArray> copies = new java.util.HashMap<>();
        before.forEach((k, v) -> copies.put(k, v.dup()));
        net.fit(data);
        for (String key : copies.keySet()) {
            INDArray x = copies.get(key);
            INDArray grad = g.getGradientFor(key).div(32);
            boolean isMuon = key.endsWith("_W") && !key.startsWith("2_");
            INDArray expected = x.sub(isMuon ? expectedMuon(muon, x, grad) : expectedAdamw(muon, x, grad));
            double diff = expected.sub(net.getParam(key)).amaxNumber().doubleValue();
            assertTrue(diff < 1e-12, key + (isMuon ? " (Muon)" : " (AdamW)") + ": diff " + diff);
        }
    }

    @Test
    void trainsTheMlp() {
        MultiLayerNetwork net = TestNets.mlp(new Muon(0.02), DataType.DOUBLE);
        GeoUpdaters.attach(net);
        DataSet data = TestNets.data(DataType.DOUBLE);
        double start = net.score(data);
        TestNets.fit(net, data, 60);
        double end = net.score(data);
        assertTrue(end < 0.7 * start, "score " + start + " -> " + end);
    }

    @Test
    void refusesNonMatricesWhenConfiguredToThrow() {
        MultiLayerNetwork net = TestNets.mlp(Muon.builder().nonMatrix(MuonFallback.THROW).build(), DataType.DOUBLE);
        GeoUpdaters.attach(net);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.fit(TestNets.data(DataType.DOUBLE)));
        assertTrue(e.getMessage().contains("'dense0' parameter 'b'") && e.getMessage().contains("12]"),
                e.getMessage());
    }

    @Test
    void refusesManifoldParameters() {
        MultiLayerNetwork net = TestNets.mlp(new Muon(), DataType.DOUBLE);
        GeoUpdaters.attach(net, Map.of("1_W", new PoincareBall(1.0)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.fit(TestNets.data(DataType.DOUBLE)));
        assertTrue(e.getMessage().contains("'dense1' parameter 'W'") && e.getMessage().contains("PoincareBall"),
                e.getMessage());
    }

    @Test
    void unboundMuonFailsNamingTheAttachCall() {
        MultiLayerNetwork net = TestNets.mlp(new Muon(), DataType.DOUBLE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.fit(TestNets.data(DataType.DOUBLE)));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach"), e.getMessage());
        assertEquals(TestNets.mlp(new Muon(), DataType.DOUBLE).params(), net.params());
    }
}
