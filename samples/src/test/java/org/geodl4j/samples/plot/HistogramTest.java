package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void countsUseHalfOpenBinsWithTheLastOneClosed() {
        double[] v = {0, 0.1, 0.5, 0.99, 1.0, -0.1, Double.NaN, 2};
        assertArrayEquals(new long[] {2, 3}, Histogram.counts(v, 0, 1, 2));
        assertArrayEquals(new long[] {1, 1, 0, 0, 0, 1, 0, 0, 0, 2}, Histogram.counts(v, 0, 1, 10));
        // 0.3 / 0.1 is 2.9999999999999996 in doubles; 0.3 still belongs to bin [0.3, 0.4)
        assertArrayEquals(new long[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, Histogram.counts(new double[] {0.3}, 0, 1, 10));
    }

    @Test
    void barsRiseToTheirCounts() {
        double[] values = new double[30];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 20 ? 0.25 : 0.75; // 20 in the first bin, 10 in the second
        }
        Color c = new Color(0, 90, 200);
        Histogram h = new Histogram().size(500, 400).bins(2).range(0, 1).add(null, values, c);
        BufferedImage img = h.render();
        Axes axes = h.layout(500, 400);
        assertTrue(axes.y.min == 0 && axes.y.max >= 20, "y from 0 to at least the highest count");
        Color first = Pixels.at(img, axes.px(0.25), axes.py(10));
        Color second = Pixels.at(img, axes.px(0.75), axes.py(5));
        assertTrue(first.getBlue() > first.getRed() + 60, "first bar at half its height: " + first);
        assertTrue(second.getBlue() > second.getRed() + 60, "second bar at half its height: " + second);
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(0.75), axes.py(15))), "second bar stops at 10");
        assertTrue(!Pixels.isEmpty(Pixels.at(img, axes.px(0.25), axes.py(19))), "first bar reaches 20");
    }

    @Test
    void barChartDrawsOneBarPerCategoryAndSeries() {
        Color a = new Color(200, 0, 0);
        Color b = new Color(0, 0, 200);
        BarChart chart = new BarChart("-1", "0", "+1").size(600, 400).legend(false)
                .add("layer 1", new double[] {10, 30, 20}, a)
                .add("layer 2", new double[] {5, 15, 25}, b);
        BufferedImage img = chart.render();
        Axes axes = chart.layout(600, 400);
        assertArrayEquals(new String[] {"-1", "0", "+1"}, axes.x.labels());
        // category 1 ("0"): series a occupies [0.6, 1.0), series b [1.0, 1.4)
        assertTrue(Pixels.near(Pixels.at(img, axes.px(0.8), axes.py(29)), a, 0), "a reaches 30 at category 0");
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(0.8), axes.py(31.5))), "a stops at 30");
        assertTrue(Pixels.near(Pixels.at(img, axes.px(1.2), axes.py(14)), b, 0), "b reaches 15");
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(1.2), axes.py(16.5))), "b stops at 15");
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(1.5), axes.py(2))), "gap between categories");
    }
}
