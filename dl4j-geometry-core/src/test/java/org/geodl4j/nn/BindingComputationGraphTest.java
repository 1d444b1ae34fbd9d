package org.geodl4j.nn;

import static org.geodl4j.nn.BindingFixtures.expectedStep;
import static org.geodl4j.nn.BindingFixtures.maxDiff;
import static org.geodl4j.nn.BindingFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.geodl4j.manifold.Euclidean;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter binding in a ComputationGraph (vertex-named parameters, topological order, clones). */
class BindingComputationGraphTest {

    private static final double LR = 0.5;
    private static final double TOL = 1e-12;
    private static final Set<String> BALL = Set.of("ball_W", "ball_b");

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void attachedGraphFollowsTheExpmapStepEveryStep() {
        ComputationGraph g = BindingFixtures.graph(new ProjectedRsgd(LR));
        GeoUpdaters.attach(g);
        List<ParamSlot> slots = ((ProjectedRsgdUpdater) g.getUpdater().getUpdaterBlocks().get(0).getGradientUpdater())
                .boundSlots();
        assertEquals(List.of("ball/W", "ball/b", "hidden/W", "hidden/b", "out/W", "out/b"),
                slots.stream().map(ParamSlot::who).toList());
        assertEquals(new PoincareBall(BallDenseLayer.C), slots.get(0).manifold());
        assertEquals(Euclidean.INSTANCE, slots.get(5).manifold());
        double worst = 0;
        for (int step = 0; step < 5; step++) {
            DataSet ds = BindingFixtures.data(400 + step);
            Map<String, INDArray> expected = expectedStep(g, ds, LR, BALL);
            g.fit(ds);
            worst = Math.max(worst, maxDiff(g, expected));
        }
        assertTrue(worst <= TOL, "max |param - exp-map reference| over 5 steps = " + worst);
    }

    @Test
    void unboundGraphFailsLoudly() {
        ComputationGraph g = BindingFixtures.graph(new ProjectedRsgd(LR));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.fit(BindingFixtures.data(1)));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());
    }

    @Test
    void cloneOfATrainedGraphFailsUntilReattachedThenContinuesExactly() {
        ComputationGraph g = BindingFixtures.graph(new ProjectedRsgd(LR, 0.9));
        GeoUpdaters.attach(g);
        for (int step = 0; step < 3; step++) {
            g.fit(BindingFixtures.data(500 + step));
        }
        ComputationGraph forgotten = g.clone();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> forgotten.fit(BindingFixtures.data(503)));
        assertTrue(e.getMessage().contains("GeoUpdaters.attach(net)"), e.getMessage());

        ComputationGraph copy = g.clone();
        GeoUpdaters.attach(copy);
        for (int step = 3; step < 6; step++) {
            g.fit(BindingFixtures.data(500 + step));
            copy.fit(BindingFixtures.data(500 + step));
        }
        assertEquals(0.0, maxDiff(copy, snapshot(g)), "clone + attach must continue exactly like the original");
        assertEquals(1, copy.getListeners().stream().filter(l -> l instanceof BindingReattachListener).count());
    }
}
