package org.geodl4j.updater;

import static org.geodl4j.updater.Dl4jEquivalenceTest.trainBoth;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * 100 training steps of the float64 MLP: the RLO special cases against DL4J Adam, DL4J Nesterovs and an independent
 * Lion, and the RLO strategies against each other (max abs parameter difference at most 1e-6; measured values printed).
 */
class RloEquivalenceTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
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
