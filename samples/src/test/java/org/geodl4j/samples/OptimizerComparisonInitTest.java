package org.geodl4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.geodl4j.samples.OptimizerComparison.Optimiser;
import org.junit.jupiter.api.Test;

/**
 * Every optimiser of the comparison starts a seed from bit-identical weights (the pairing the comparison relies on),
 * including run seed 0 (ND4J M2.1 ignores a DL4J seed of 0), and different seeds start from different weights.
 */
class OptimizerComparisonInitTest {

    private static float[] initialParams(Optimiser opt, long seed) {
        return OptimizerComparison.network(opt.updater(opt.defaultLr), seed).params().dup().toFloatVector();
    }

    @Test
    void everyOptimiserOfASeedStartsFromTheSameWeights() {
        for (long seed : new long[] {0, 1}) {
            float[] ref = initialParams(Optimiser.ADAM, seed);
            for (Optimiser opt : Optimiser.values()) {
                assertArrayEquals(ref, initialParams(opt, seed), opt + " seed " + seed);
            }
        }
    }

    @Test
    void differentSeedsStartFromDifferentWeights() {
        float[] a = initialParams(Optimiser.ADAM, 0);
        float[] b = initialParams(Optimiser.ADAM, 1);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void initSeedIsNeverZero() {
        for (long seed = 0; seed < 10; seed++) {
            assertNotEquals(0L, OptimizerComparison.initSeed(seed));
        }
    }
}
