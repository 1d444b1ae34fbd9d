package org.geodl4j.nn;

import static org.geodl4j.nn.BindingFixtures.expectedStep;
import static org.geodl4j.nn.BindingFixtures.maxDiff;
import static org.geodl4j.nn.BindingFixtures.mln;
import static org.geodl4j.nn.BindingFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.NetworkUtils;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** Parameter binding in a MultiLayerNetwork: the attach path (stock layers) and the configuration-level path. */
class BindingMultiLayerNetworkTest {

    private static final double LR = 0.5;
    private static final double TOL = 1e-12;
    private static final Set<String> BALL = Set.of("0_W", "0_b");

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static List<ParamSlot> slotsOfBlock(MultiLayerNetwork net, int block) {
        BaseMultiLayerUpdater<?> u = (BaseMultiLayerUpdater<?>) net.getUpdater();
        return ((ProjectedRsgdUpdater) u.getUpdaterBlocks().get(block).getGradientUpdater()).boundSlots();
    }

    @Test
    void attachedStockLayersFollowTheExpmapStepEveryStep() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        GeoUpdaters.attach(net);
        double worst = 0;
        double ballVsEuclidean = Double.MAX_VALUE;
        for (int step = 0; step < 5; step++) {
            DataSet ds = BindingFixtures.data(100 + step);
            Map<String, INDArray> expected = expectedStep(net, ds, LR, BALL);
            Map<String, INDArray> euclidean = expectedStep(net, ds, LR, Set.of());
            net.fit(ds);
            worst = Math.max(worst, maxDiff(net, expected));
            ballVsEuclidean = Math.min(ballVsEuclidean, maxDiff(net, Map.of("0_W", euclidean.get("0_W"))));
        }
        assertTrue(worst <= TOL, "max |param - exp-map reference| over 5 steps = " + worst);
        // the test discriminates: a Euclidean step of the ball layer would be far off
        assertTrue(ballVsEuclidean > 1e-3, "ball step vs plain SGD step differ by only " + ballVsEuclidean);
    }

    @Test
    void attachBindsEveryParameterWithShapeOrderAndManifold() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        GeoUpdaters.attach(net);
        BaseMultiLayerUpdater<?> u = (BaseMultiLayerUpdater<?>) net.getUpdater();
        assertEquals(1, u.getUpdaterBlocks().size(), "equal unbound configs merge into one DL4J block");
        List<ParamSlot> s = slotsOfBlock(net, 0);
        assertEquals(List.of("layer0/W", "layer0/b", "layer1/W", "layer1/b", "layer2/W", "layer2/b"),
                s.stream().map(ParamSlot::who).toList());
        assertEquals(List.of(0L, 12L, 15L, 30L, 35L, 45L), s.stream().map(ParamSlot::offset).toList());
        assertEquals(List.of('f', 'c', 'f', 'c', 'f', 'c'), s.stream().map(ParamSlot::order).toList());
        assertEquals(new PoincareBall(BallDenseLayer.C), s.get(0).manifold());
        assertEquals(new PoincareBall(BallDenseLayer.C), s.get(1).manifold());
        assertEquals(Euclidean.INSTANCE, s.get(2).manifold());
        assertSame(net.getLayer(0).paramTable(false).get("W"), s.get(0).value(), "value is the live view itself");
    }

    @Test
    void manifoldOverrideReplacesTheLayerDeclaration() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        GeoUpdaters.attach(net, Map.of("1_W", new PoincareBall(2.0), "0_b", Euclidean.INSTANCE));
        List<ParamSlot> s = slotsOfBlock(net, 0);
        assertEquals(Euclidean.INSTANCE, s.get(1).manifold());
        assertEquals(new PoincareBall(2.0), s.get(2).manifold());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> GeoUpdaters.attach(net, Map.of("layer1_W", Euclidean.INSTANCE)));
        assertTrue(typo.getMessage().contains("layer1_W"), typo.getMessage());
    }

    @Test
    void unboundStockLayersFailLoudlyNamingTheCall() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        Map<String, INDArray> before = snapshot(net);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(BindingFixtures.data(1)));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());
        assertEquals(0.0, maxDiff(net, before), "no parameter may change");
    }

    @Test
    void configurationLevelLayerTrainsWithoutAttach() {
        MultiLayerNetwork net = mln(new BoundBallDenseLayer(4, 3), new ProjectedRsgd(LR), new Sgd(LR));
        BaseMultiLayerUpdater<?> u = (BaseMultiLayerUpdater<?>) net.getUpdater();
        List<List<String>> blocks = u.getUpdaterBlocks().stream().map(b -> b.getLayersAndVariablesInBlock().stream()
                .map(UpdaterBlock.ParamState::getParamName).toList()).toList();
        assertEquals(List.of(List.of("W"), List.of("b"), List.of("W", "b", "W", "b")), blocks,
                "each bound parameter gets its own block; the stock Sgd params merge");
        double worst = 0;
        for (int step = 0; step < 5; step++) {
            DataSet ds = BindingFixtures.data(200 + step);
            Map<String, INDArray> expected = expectedStep(net, ds, LR, BALL);
            net.fit(ds);
            worst = Math.max(worst, maxDiff(net, expected));
        }
        assertTrue(worst <= TOL, "max |param - exp-map reference| over 5 steps = " + worst);
        assertTrue(!GeoUpdaters.isAttached(net));
    }

    @Test
    void attachIsIdempotent() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR, 0.9), null);
        GeoUpdaters.attach(net);
        net.fit(BindingFixtures.data(3));
        Updater first = net.getUpdater();
        INDArray state = first.getStateViewArray();
        INDArray stateCopy = state.dup();
        int listeners = net.getListeners().size();
        GeoUpdaters.attach(net);
        assertSame(first, net.getUpdater(), "second attach must not replace the updater");
        assertSame(state, net.getUpdater().getStateViewArray());
        assertEquals(stateCopy, state);
        assertEquals(listeners, net.getListeners().size());
        assertEquals(1, net.getListeners().stream().filter(l -> l instanceof BindingReattachListener).count());
    }

    @Test
    void attachingMidTrainingKeepsTheUpdaterState() {
        // configuration-level ball layer with stateful projected RSGD + stock layers with DL4J Nesterovs:
        // trainable without attach, so attach can happen after 3 steps
        MultiLayerNetwork attached = mln(new BoundBallDenseLayer(4, 3), new ProjectedRsgd(0.2, 0.9),
                new Nesterovs(0.2, 0.9));
        MultiLayerNetwork twin = mln(new BoundBallDenseLayer(4, 3), new ProjectedRsgd(0.2, 0.9),
                new Nesterovs(0.2, 0.9));
        for (int step = 0; step < 3; step++) {
            attached.fit(BindingFixtures.data(300 + step));
            twin.fit(BindingFixtures.data(300 + step));
        }
        INDArray state = attached.getUpdater().getStateViewArray();
        INDArray stateBefore = state.dup();
        assertTrue(stateBefore.amaxNumber().doubleValue() > 1e-3, "momentum state is non-trivial");
        GeoUpdaters.attach(attached);
        assertTrue(GeoUpdaters.isAttached(attached));
        assertSame(state, attached.getUpdater().getStateViewArray(), "the state array is reused, not copied");
        assertEquals(stateBefore, attached.getUpdater().getStateViewArray(), "no reset on install");
        for (int step = 3; step < 6; step++) {
            attached.fit(BindingFixtures.data(300 + step));
            twin.fit(BindingFixtures.data(300 + step));
        }
        assertEquals(0.0, maxDiff(attached, snapshot(twin)), "attached run must equal the uninterrupted twin");
        assertEquals(twin.getUpdater().getStateViewArray(), attached.getUpdater().getStateViewArray());
    }

    @Test
    void setLearningRateIsHealedByTheListener() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        GeoUpdaters.attach(net);
        net.fit(BindingFixtures.data(5));
        NetworkUtils.setLearningRate(net, 0.25);
        assertTrue(!(net.getUpdater() instanceof BindingMultiLayerUpdater), "DL4J rebuilt a plain updater");
        DataSet ds = BindingFixtures.data(6);
        Map<String, INDArray> expected = expectedStep(net, ds, 0.25, BALL);
        net.fit(ds);
        assertTrue(GeoUpdaters.isAttached(net), "listener re-attached");
        double d = maxDiff(net, expected);
        assertTrue(d <= TOL, "step after setLearningRate vs reference = " + d);
    }

    @Test
    void removingTheListenerMakesARebuiltUpdaterFailLoudly() {
        MultiLayerNetwork net = mln(new BallDenseLayer(4, 3), new ProjectedRsgd(LR), null);
        GeoUpdaters.attach(net);
        net.setListeners(new TrainingListener[0]);
        NetworkUtils.setLearningRate(net, 0.25);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(BindingFixtures.data(7)));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());
        assertNotSame(null, e);
    }

    @Test
    void attachedSameDiffLayerUsesItsOwnLayoutOrder() {
        MultiLayerNetwork net = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.DOUBLE).updater(new ProjectedRsgd(LR)).list()
                .layer(new BallSameDiffDenseLayer(4, 3))
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build());
        net.init();
        GeoUpdaters.attach(net);
        List<ParamSlot> s = slotsOfBlock(net, 0);
        assertEquals("layer0/W", s.get(0).who());
        assertEquals('c', s.get(0).order(), "SameDiff layers use paramReshapeOrder ('c' by default)");
        assertEquals(new PoincareBall(BallDenseLayer.C), s.get(0).manifold());
        assertEquals(Euclidean.INSTANCE, s.get(1).manifold());
        double worst = 0;
        for (int step = 0; step < 3; step++) {
            DataSet ds = BindingFixtures.data(700 + step);
            Map<String, INDArray> expected = expectedStep(net, ds, LR, Set.of("0_W"));
            net.fit(ds);
            worst = Math.max(worst, maxDiff(net, expected));
        }
        assertTrue(worst <= TOL, "max |param - exp-map reference| over 3 steps = " + worst);
    }
}
