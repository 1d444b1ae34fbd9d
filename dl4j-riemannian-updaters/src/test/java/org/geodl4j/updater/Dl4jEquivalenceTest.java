package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.nn.GeoUpdaters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * 100 training steps of the same float64 MLP with a geodl4j updater and with its DL4J counterpart: the parameters
 * must agree to 1e-6 (they agree far closer; the measured maximum is printed).
 */
class Dl4jEquivalenceTest {

    private static final int STEPS = 100;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static double trainBoth(IUpdater reference, IUpdater ours) {
        return trainBoth(reference, ours, false);
    }

    static double trainBoth(IUpdater reference, IUpdater ours, boolean attachReference) {
        DataSet data = TestNets.data(DataType.DOUBLE);
        MultiLayerNetwork a = TestNets.mlp(reference, DataType.DOUBLE);
        MultiLayerNetwork b = TestNets.mlp(ours, DataType.DOUBLE);
        b.setParams(a.params().dup());
        GeoUpdaters.attach(b);
        if (attachReference) {
            GeoUpdaters.attach(a);
        }
        TestNets.fit(a, data, STEPS);
        TestNets.fit(b, data, STEPS);
        double diff = TestNets.maxAbsDiff(a.params(), b.params());
        double moved = TestNets.maxAbsDiff(a.params(), TestNets.mlp(reference, DataType.DOUBLE).params());
        System.out.printf("%s vs %s: max |param diff| after %d steps = %.3e (params moved up to %.3f)%n",
                ours, reference, STEPS, diff, moved);
        assertTrue(moved > 0.05, "training must move the parameters: " + moved);
        return diff;
    }

    @Test
    void riemannianAdamOnEuclideanParamsMatchesDl4jAdam() {
        assertTrue(trainBoth(new Adam(0.01), new RiemannianAdam(0.01)) <= 1e-6);
    }

    @Test
    void riemannianSgdMatchesDl4jSgdAndNesterovs() {
        assertTrue(trainBoth(new Sgd(0.1), new RiemannianSgd(0.1)) <= 1e-6);
        assertTrue(trainBoth(new Nesterovs(0.05, 0.9), new RiemannianSgd(0.05, 0.9, true)) <= 1e-6);
    }
}
