package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Empty, constant, all-NaN and all-non-positive (on log axes) data, and tiny images, render without errors. */
class DegenerateInputTest {

    @Test
    void oddDataAndTinyImagesStillRender() {
        double nan = Double.NaN;
        List<Plot<?>> plots = List.of(
                new LineChart(),
                new LineChart().add("constant", new double[] {2, 2, 2}),
                new LineChart().add("one point", new double[] {1}, new double[] {1}).markers(true),
                new LineChart().add("nan", new double[] {nan, nan}),
                new LineChart().logY(true).add("non-positive", new double[] {0, -1, -2}),
                new LineChart().logY(true).addBand("band", new double[] {0, 1}, new double[] {1, 1},
                        new double[] {5, 5}),
                new ScatterPlot(),
                new ScatterPlot().points("same", new double[] {1, 1}, new double[] {1, 1}).equalAspect(true),
                new Histogram(),
                new Histogram().add("constant", new double[] {3, 3, 3}),
                new Histogram().logY(true).add("nan", new double[] {nan}),
                new BarChart("only"),
                new BarChart("a", "b").logY(true).add("zeros", new double[] {0, 0}),
                new BarChart("a", "b").add("negative", new double[] {-3, 2}).valueLabels(true),
                new Grid(2));
        for (Plot<?> p : plots) {
            for (int[] size : new int[][] {{800, 600}, {60, 40}, {16, 16}}) {
                BufferedImage img = p.render(size[0], size[1]);
                assertEquals(size[0], img.getWidth());
                assertEquals(size[1], img.getHeight());
            }
        }
    }
}
