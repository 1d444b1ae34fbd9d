package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class ScatterPlotTest {

    private static final Color CIRCLE = new Color(0x555555);

    @Test
    void unitCirclePassesThroughTheExpectedPixelsWithEqualAspect() {
        ScatterPlot plot = new ScatterPlot().size(700, 450).equalAspect(true).circle(0, 0, 1);
        BufferedImage img = plot.render();
        Axes axes = plot.layout(700, 450);
        double unitX = axes.px(1) - axes.px(0);
        double unitY = axes.py(0) - axes.py(1);
        assertEquals(unitX, unitY, 1.0, "one data unit is as long across as up");
        assertTrue(unitX > 150, "the circle fills the height: " + unitX + " px per unit");
        for (int deg = 0; deg < 360; deg += 10) {
            double a = Math.toRadians(deg);
            assertTrue(Pixels.nearby(img, axes.px(Math.cos(a)), axes.py(Math.sin(a)), 1, CIRCLE, 60),
                    "circle at " + deg + " degrees");
            if (deg % 90 != 0) { // off the grid lines through the centre
                assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(0.6 * Math.cos(a)), axes.py(0.6 * Math.sin(a)))),
                        "inside empty at " + deg);
                assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(1.03 * Math.cos(a)),
                        axes.py(1.03 * Math.sin(a)))), "outside empty at " + deg);
            }
        }
    }

    @Test
    void pointsEdgesAndPerPointColoursLandAtTheirCoordinates() {
        Color red = new Color(230, 0, 0);
        Color green = new Color(0, 170, 0);
        ScatterPlot plot = new ScatterPlot().size(500, 500).xRange(-1, 1).yRange(-1, 1)
                .edge(-0.8, -0.8, 0.8, 0.8)
                .points(null, new double[] {0.5, -0.5}, new double[] {-0.5, 0.5}, new Color[] {red, green},
                        new double[] {8, 4});
        BufferedImage img = plot.render();
        Axes axes = plot.layout(500, 500);
        Color a = Pixels.at(img, axes.px(0.5), axes.py(-0.5));
        Color b = Pixels.at(img, axes.px(-0.5), axes.py(0.5));
        assertTrue(a.getRed() > 200 && a.getGreen() < 80, "red point " + a);
        assertTrue(b.getGreen() > 130 && b.getRed() < 80, "green point " + b);
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(0.5) + 11, axes.py(-0.5))), "radius 8 ends before 11 px");
        assertTrue(Pixels.nearby(img, axes.px(0.3), axes.py(0.3), 1, new Color(0x9A9A9A), 50), "edge on y = x");
    }

    @Test
    void legendMovesRightOfThePlotWhenEveryCornerHasData() {
        java.util.Random rnd = new java.util.Random(7);
        double[] x = new double[3000];
        double[] y = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble();
            y[i] = rnd.nextDouble();
        }
        Color red = new Color(230, 0, 0);
        BufferedImage img = new ScatterPlot().points("everywhere", x, y, red).render();
        int rightmostData = 0;
        int rightmostInk = 0;
        for (int py = 0; py < img.getHeight(); py++) {
            for (int px = 0; px < img.getWidth(); px++) {
                Color c = new Color(img.getRGB(px, py));
                if (c.getRed() > 200 && c.getGreen() < 100) {
                    rightmostData = Math.max(rightmostData, px);
                }
                if (Pixels.near(c, Palette.INK, 0)) {
                    rightmostInk = Math.max(rightmostInk, px);
                }
            }
        }
        assertTrue(rightmostInk > rightmostData + 20, "legend text right of all data: ink up to " + rightmostInk
                + ", data up to " + rightmostData);
    }

    @Test
    void labelsAreLeftOutWhenThereIsNoFreePosition() {
        ScatterPlot one = new ScatterPlot().xRange(-1, 1).yRange(-1, 1).points(null, new double[] {0},
                new double[] {0}).label(0, 0, "origin");
        one.render();
        assertEquals(0, one.labelsDropped());
        ScatterPlot crowded = new ScatterPlot().xRange(-1, 1).yRange(-1, 1);
        for (int i = 0; i < 20; i++) {
            crowded.label(0, 0, "label" + i);
        }
        crowded.render();
        assertTrue(crowded.labelsDropped() >= 12 && crowded.labelsDropped() < 20,
                "at most 8 positions around one point, at least one used; dropped " + crowded.labelsDropped());
    }
}
