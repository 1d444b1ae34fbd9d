package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void niceStepIsTheSmallestOneTwoFiveStepWithinTarget() {
        assertEquals(0.2, Ticks.niceStep(1, 5));
        assertEquals(20, Ticks.niceStep(100, 5));
        assertEquals(5, Ticks.niceStep(15.8, 5));
        assertEquals(1, Ticks.niceStep(7, 10));
        assertEquals(0.01, Ticks.niceStep(0.03, 3));
        assertEquals(2e-7, Ticks.niceStep(1e-6, 5));
    }

    @Test
    void linearTicksAreTheDecimalValuesInsideTheRange() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.linear(0, 1, 5));
        assertArrayEquals(new double[] {0, 5, 10}, Ticks.linear(-3.7, 12.1, 5));
        assertArrayEquals(new double[] {0.1, 0.15, 0.2, 0.25, 0.3, 0.35}, Ticks.linear(0.1, 0.35, 5));
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, Ticks.linear(-1.04, 1.04, 5));
        assertArrayEquals(new double[] {3}, Ticks.linear(3, 3, 5));
    }

    @Test
    void niceBoundsWidenOutwards() {
        assertArrayEquals(new double[] {-5, 15}, Ticks.niceBounds(-3.7, 12.1, 6));
        assertArrayEquals(new double[] {0, 1}, Ticks.niceBounds(0, 1, 5));
        assertArrayEquals(new double[] {-0.6, 0.6}, Ticks.niceBounds(0, 0, 6));
        assertArrayEquals(new double[] {1e-7, 10}, Ticks.logBounds(3e-7, 2.6));
        assertArrayEquals(new double[] {1, 10}, Ticks.logBounds(2, 2));
    }

    @Test
    void linearLabelsUseTheStepsDigitsOrScientificNotation() {
        assertArrayEquals(new String[] {"0", "0.2", "0.4", "0.6", "0.8", "1.0"}, Ticks.labels(Ticks.linear(0, 1, 5)));
        assertArrayEquals(new String[] {"-5", "0", "5", "10"}, Ticks.labels(new double[] {-5, 0, 5, 10}));
        assertArrayEquals(new String[] {"0", "2e-5", "4e-5"}, Ticks.labels(Ticks.linear(0, 4e-5, 2)));
        assertArrayEquals(new String[] {"0", "5e4", "1e5", "1.5e5"}, Ticks.labels(Ticks.linear(0, 1.5e5, 3)));
    }

    @Test
    void logTicksSpanningOneEMinusSixToOneHundred() {
        double[] all = Ticks.log(1e-6, 1e2, 10);
        assertEquals(9, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(Ticks.pow10(i - 6), all[i]);
        }
        assertArrayEquals(new String[] {"1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1e0", "1e1", "1e2"},
                Ticks.logLabels(all));
        assertArrayEquals(new double[] {1e-6, 1e-3, 1}, Ticks.log(1e-6, 1e2, 4), "every third decade");
    }

    @Test
    void logTicksOverFewDecadesUseOneTwoFive() {
        assertArrayEquals(new double[] {0.5, 1, 2}, Ticks.log(0.3, 3, 5));
        assertArrayEquals(new String[] {"0.5", "1", "2"}, Ticks.logLabels(new double[] {0.5, 1, 2}));
        assertArrayEquals(new double[] {0.4, 0.5, 0.6, 0.7, 0.8}, Ticks.log(0.35, 0.85, 5), "linear inside a decade");
    }

    @Test
    void badRangesAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ticks.linear(2, 1, 5));
        assertEquals("Ticks: need finite min <= max, got [2.0, 1.0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ticks.log(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Ticks.niceStep(Double.NaN, 5));
    }
}
