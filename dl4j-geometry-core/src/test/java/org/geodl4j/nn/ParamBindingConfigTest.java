package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Configuration-level pieces: bound clones, taps, JSON, slot views, the hand-off keying and stale bindings. */
class ParamBindingConfigTest {

    private static final ParamSpec W_SPEC = new ParamSpec("layer0", "W", new long[] {4, 3}, 'f',
            new PoincareBall(0.8));

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void boundCloneIsEqualOnlyToTheSameSpecAndSerialisesOnlyHyperParameters() throws Exception {
        ProjectedRsgd shared = new ProjectedRsgd(0.1, 0.9);
        IUpdater bound = ParamBinding.bindUpdater(W_SPEC, shared);
        assertNull(shared.boundSpec(), "binding must not modify the shared configuration");
        assertEquals(W_SPEC, ((ParamAwareUpdater) bound).boundSpec());
        assertNotEquals(shared, bound);
        assertEquals(bound, ParamBinding.bindUpdater(W_SPEC, shared));
        assertEquals(bound.hashCode(), ParamBinding.bindUpdater(W_SPEC, shared).hashCode());
        ParamSpec bSpec = new ParamSpec("layer0", "b", new long[] {3}, 'c', new PoincareBall(0.8));
        assertNotEquals(bound, ParamBinding.bindUpdater(bSpec, shared));
        assertSame(bound, ParamBinding.bindUpdater(W_SPEC, bound), "re-binding to the same spec is a no-op");
        Sgd sgd = new Sgd(0.1);
        assertSame(sgd, ParamBinding.bindUpdater(W_SPEC, sgd), "ordinary updaters are untouched");

        String json = NeuralNetConfiguration.mapper().writeValueAsString(bound);
        assertFalse(json.contains("spec") || json.contains("layer0") || json.contains("Poincare"), json);
        IUpdater back = NeuralNetConfiguration.mapper().readValue(json, IUpdater.class);
        assertEquals(shared, back, "JSON of a bound clone reads back as the unbound configuration");
    }

    @Test
    void tapIsAppendedOnlyForParamAwareUpdatersAndNeverDuplicated() {
        List<Regularization> regs = List.of(new L2Regularization(1e-3));
        assertSame(regs, ParamBinding.tapRegularization(W_SPEC, new Sgd(0.1), regs));
        List<Regularization> tapped = ParamBinding.tapRegularization(W_SPEC, new ProjectedRsgd(0.1), regs);
        assertEquals(2, tapped.size());
        assertEquals(new L2Regularization(1e-3), tapped.get(0));
        assertEquals(ParamTap.forParam(W_SPEC), tapped.get(1));
        assertEquals(2, ParamBinding.tapRegularization(W_SPEC, new ProjectedRsgd(0.1), tapped).size());
        assertEquals(1, ParamBinding.tapRegularization(W_SPEC, new ProjectedRsgd(0.1), null).size());
        assertEquals(0.0, ParamTap.forParam(W_SPEC).score(Nd4j.ones(12), 0, 0));
    }

    @Test
    void networkConfigurationWithBoundLayerRoundTripsThroughJsonAndYaml() {
        MultiLayerConfiguration conf = BindingFixtures.mlnConf(new BoundBallDenseLayer(4, 3),
                new ProjectedRsgd(0.3, 0.9), new Sgd(0.3));
        String json = conf.toJson();
        assertFalse(json.contains("ParamTap") || json.contains("spec"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertTrue(back.getConf(0).getLayer() instanceof BoundBallDenseLayer);
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()));
    }

    @Test
    void gradientSliceIsAShapedViewInTheLayersOrder() {
        INDArray block = Nd4j.zeros(DataType.DOUBLE, 20);
        INDArray value = Nd4j.rand(DataType.DOUBLE, 3, 4);   // any live array of the right shape
        ParamSlot slot = new ParamSlot("l", "W", value, 5, 12, 'f', Euclidean.INSTANCE);
        INDArray g = slot.gradientIn(block);
        assertEquals(List.of(3L, 4L), List.of(g.size(0), g.size(1)));
        g.putScalar(1, 2, 7.0);   // 'f': flat index 5 + 1 + 2*3 = 12
        assertEquals(7.0, block.getDouble(12));
        assertEquals(7.0, block.sumNumber().doubleValue(), "nothing else written");
        INDArray full = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        assertSame(full, new ParamSlot("SameDiff", "W", value, 0, 12, 'c', Euclidean.INSTANCE).gradientIn(full),
                "a full-shaped (SameDiff) gradient is used as is");
        assertThrows(IllegalArgumentException.class, () -> slot.gradientIn(Nd4j.zeros(DataType.DOUBLE, 16)));
    }

    @Test
    void handOffIsKeyedByTheGradientRegion() {
        INDArray flatGrad = Nd4j.zeros(DataType.DOUBLE, 30);
        INDArray paramFlat = Nd4j.rand(DataType.DOUBLE, 30);
        INDArray gW = flatGrad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12));
        INDArray pW = paramFlat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12));
        SlotBinding binding = new SlotBinding("test");

        ParamTap.forParam(W_SPEC).apply(pW, gW, 0.1, 0, 0);
        // DL4J hands the updater another array object viewing the same region
        INDArray received = flatGrad.reshape(30).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12)).reshape(12);
        List<ParamSlot> slots = binding.slotsFor(received);
        assertEquals(1, slots.size());
        assertEquals(W_SPEC.manifold(), slots.get(0).manifold());
        assertEquals('f', slots.get(0).order());
        assertEquals(pW.getDouble(4), slots.get(0).value().getDouble(0, 1), "value is W reshaped 'f'");
        assertTrue(binding.trySlotsFor(received).isEmpty(), "a hand-off is consumed once");

        // a tap recorded for another region is stale for this gradient
        ParamTap.forParam(W_SPEC).apply(pW, gW, 0.1, 0, 0);
        INDArray other = flatGrad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(12, 24));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> binding.slotsFor(other));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());
    }

    @Test
    void bindingRejectsGappedSlotsAndStaleBlockLengths() {
        SlotBinding binding = new SlotBinding("test");
        INDArray v = Nd4j.zeros(DataType.DOUBLE, 4);
        assertThrows(IllegalArgumentException.class,
                () -> binding.bind(List.of(new ParamSlot("l", "a", v, 1, 4, 'c', Euclidean.INSTANCE))));
        binding.bind(List.of(new ParamSlot("l", "a", v, 0, 4, 'c', Euclidean.INSTANCE),
                new ParamSlot("l", "b", v, 4, 4, 'c', Euclidean.INSTANCE)));
        assertTrue(binding.isBound());
        assertEquals(2, binding.slotsFor(Nd4j.zeros(DataType.DOUBLE, 8)).size());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> binding.slotsFor(Nd4j.zeros(DataType.DOUBLE, 9)));
        assertTrue(e.getMessage().contains("stale"), e.getMessage());
    }

    @Test
    void layoutOrderIsReadFromTheViewStrides() {
        assertEquals('f', UpdaterBlockBinder.layoutOrder(Nd4j.zeros(DataType.DOUBLE, 12).reshape('f', 4, 3), "t"));
        assertEquals('c', UpdaterBlockBinder.layoutOrder(Nd4j.zeros(DataType.DOUBLE, 12).reshape('c', 4, 3), "t"));
        assertEquals('c', UpdaterBlockBinder.layoutOrder(Nd4j.zeros(DataType.DOUBLE, 1, 5), "t"));
        INDArray strided = Nd4j.zeros(DataType.DOUBLE, 4, 6).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        assertThrows(IllegalStateException.class, () -> UpdaterBlockBinder.layoutOrder(strided, "t"));
    }
}
