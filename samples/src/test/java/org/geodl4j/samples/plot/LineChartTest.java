package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    private static final Color RED = new Color(220, 0, 0);
    private static final Color BLUE = new Color(0, 0, 220);

    @Test
    void savesAPngOfTheRequestedSizeCreatingDirectories(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("a/b/loss.png");
        LineChart chart = new LineChart().size(640, 480).title("loss").add("x", new double[] {3, 1, 2});
        assertEquals(png, chart.save(png));
        assertTrue(Files.size(png) > 0);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        BufferedImage def = new LineChart().render();
        assertEquals(800, def.getWidth());
        assertEquals(600, def.getHeight());
    }

    @Test
    void seriesColourThePixelsAtTheirDataCoordinates() {
        double[] x = {0, 2, 4, 6, 8, 10};
        LineChart chart = new LineChart().size(600, 450).xRange(0, 10).yRange(0, 10).xLabel("x").yLabel("y")
                .add(null, x, new double[] {5, 5, 5, 5, 5, 5}, RED)
                .add(null, x, x, BLUE);
        BufferedImage img = chart.render();
        Axes axes = chart.layout(600, 450);
        for (double v = 1; v <= 9; v += 0.5) {
            if (Math.abs(v - 5) < 0.6) {
                continue; // where the lines cross
            }
            assertTrue(Pixels.near(Pixels.at(img, axes.px(v), axes.py(5)), RED, 40), "flat line at x=" + v);
            assertTrue(Pixels.near(Pixels.at(img, axes.px(v), axes.py(v)), BLUE, 40), "diagonal at x=" + v);
            assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(v), axes.py(v < 5 ? 8.5 : 1.5))), "empty at x=" + v);
        }
        assertEquals(axes.area.x, axes.px(0), 1e-9);
        assertEquals(axes.area.y, axes.py(10), 1e-9);
    }

    @Test
    void logScaleShowsValuesFromOneEMinusSixToOneHundredAndSkipsNonPositive() {
        double[] x = new double[11];
        double[] y = new double[11];
        for (int i = 0; i < 9; i++) {
            x[i] = i;
            y[i] = Math.pow(10, i - 6);
        }
        x[9] = 9;
        y[9] = 0;
        x[10] = 10;
        y[10] = -1;
        LineChart chart = new LineChart().logY(true).add(null, x, y, RED);
        BufferedImage img = chart.render();
        Axes axes = chart.layout(800, 600);
        assertTrue(axes.y.log);
        assertTrue(axes.y.min <= 1e-6 && axes.y.max >= 1e2, "range [" + axes.y.min + ", " + axes.y.max + "]");
        assertTrue(axes.y.ticks().length >= 3);
        for (double t : axes.y.ticks()) {
            double e = Math.log10(t);
            assertEquals(Math.rint(e), e, 1e-12, "tick " + t + " is a power of ten");
        }
        double step = axes.py(1e-5) - axes.py(1e-6);
        for (int i = 0; i < 9; i++) {
            assertTrue(Pixels.nearby(img, axes.px(x[i]), axes.py(y[i]), 2, RED, 40), "point " + i);
            assertEquals(axes.py(1e-6) + i * step, axes.py(y[i]), 1e-6, "decades are evenly spaced");
        }
        assertTrue(Double.isNaN(axes.py(0)));
        for (double px = axes.px(9) + 3; px < axes.px(10); px++) {
            for (int py = axes.area.y + 1; py < axes.area.y + axes.area.height; py++) {
                assertFalse(Pixels.near(Pixels.at(img, px, py), RED, 60), "nothing drawn after y <= 0");
            }
        }
    }

    @Test
    void bandShadesMeanPlusMinusSd() {
        double[] x = {0, 10};
        LineChart chart = new LineChart().size(500, 400).xRange(0, 10).yRange(0, 10)
                .addBand(null, x, new double[] {5, 5}, new double[] {2, 2}, BLUE);
        BufferedImage img = chart.render();
        Axes axes = chart.layout(500, 400);
        Color inside = Pixels.at(img, axes.px(5), axes.py(6.5));
        assertTrue(inside.getBlue() > inside.getRed() + 40 && inside.getRed() > 120, "light blue inside: " + inside);
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(5), axes.py(7.6))), "white above mean + sd");
        assertTrue(Pixels.isEmpty(Pixels.at(img, axes.px(5), axes.py(2.4))), "white below mean - sd");
        assertTrue(Pixels.near(Pixels.at(img, axes.px(5), axes.py(5)), BLUE, 40), "mean line");
    }

    @Test
    void legendGoesToTheCornerWithoutData() {
        double[] x = {0, 10};
        LineChart chart = new LineChart().size(600, 450).xRange(0, 10).yRange(0, 10).add("rising", x, x, BLUE);
        BufferedImage img = chart.render();
        java.awt.Rectangle a = chart.layout(600, 450).area;
        int half = a.width / 2;
        int quarter = a.height / 2;
        assertTrue(countInk(img, a.x + 2, a.y + 2, half - 4, quarter - 4) > 20, "legend text in the top-left");
        assertEquals(0, countInk(img, a.x + half + 2, a.y + 2, half - 4, quarter - 4), "no legend in the top-right");
    }

    private static int countInk(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                n += Pixels.near(Pixels.at(img, x, y), Palette.INK, 0) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void mismatchedSeriesNamesTheSeries() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LineChart().add("adam", new double[2], new double[3]));
        assertEquals("LineChart series 'adam': x and y must be non-null and of equal length, got 2 and 3",
                e.getMessage());
    }
}
