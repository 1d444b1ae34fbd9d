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

    private static double trainBoth(IUpdater reference, IUpdater ours) {
        return trainBoth(reference, ours, false);
    }

    private static double trainBoth(IUpdater reference, IUpdater ours, boolean attachReference) {
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

    @Test
    void rloPresetsMatchAdamNesterovsAndLion() {
        assertTrue(trainBoth(new Adam(0.01, 0.9, 0.999, 1e-8), Rlo.adam(0.01, 0.9, 0.999, 1e-8)) <= 1e-6);
        assertTrue(trainBoth(new Nesterovs(0.05, 0.9), Rlo.sgdMomentum(0.05, 0.9, true)) <= 1e-6);
        assertTrue(trainBoth(new ReferenceLion(1e-3, 0.9, 0.99), Rlo.lion(1e-3, 0.9, 0.99, 0.0)) <= 1e-6);
    }

    /** The sign field is the gamma -> infinity limit of the tanh field. */
    @Test
    void rloWithTanhOfHugeGammaMatchesRloWithSign() {
        Rlo sign = Rlo.rlo().toBuilder().learningRate(1e-3).build();
        Rlo tanh = sign.toBuilder().direction(RloDirection.TANH).gamma(1e12).build();
        assertTrue(trainBoth(sign, tanh, true) <= 1e-6);
    }

    /**
     * RLO-Lifted and RLO-Λ are one algorithm: the lifted preset with eta = 1 and the second moment switched on is
     * RLO-Λ (the lift's arithmetic at eta = 1 is checked in EuclideanStepEquivalenceTest); with eta 0.3 they differ.
     */
    @Test
    void liftedWithEtaOneIsLambda() {
        Rlo lambda = Rlo.lambda().toBuilder().learningRate(1e-3).build();
        Rlo lifted = Rlo.lifted().toBuilder().learningRate(1e-3).eta(1.0).secondMoment(true).build();
        assertTrue(lifted.equals(lambda));
        assertTrue(trainBoth(lambda, lifted, true) <= 1e-6);
        Rlo lifted03 = lifted.toBuilder().eta(0.3).build();
        assertTrue(trainBoth(lambda, lifted03, true) > 1e-3, "eta 0.3 must differ from eta 1");
    }
}
