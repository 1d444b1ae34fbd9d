package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTest {

    private static long nonWhite(BufferedImage img, int x0, int y0, int w, int h) {
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void panelsFillCellsRowByRow(@TempDir Path tmp) throws Exception {
        Grid grid = new Grid(2).cellSize(300, 200)
                .add(new LineChart().add(null, new double[] {1, 3, 2}))
                .add(new BarChart("a", "b").add(null, new double[] {1, 2}))
                .add(new Histogram().add(null, new double[] {1, 2, 2, 3}));
        BufferedImage img = ImageIO.read(grid.save(tmp.resolve("grid.png")).toFile());
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(nonWhite(img, 0, 0, 300, 200) > 1000, "panel 1");
        assertTrue(nonWhite(img, 300, 0, 300, 200) > 1000, "panel 2");
        assertTrue(nonWhite(img, 0, 200, 300, 200) > 1000, "panel 3");
        assertEquals(0, nonWhite(img, 300, 200, 300, 200), "the fourth cell stays empty");
    }

    @Test
    void titleAddsABandAboveThePanels() {
        Grid grid = new Grid(3).cellSize(200, 150).title("three panels");
        for (int i = 0; i < 3; i++) {
            grid.add(new LineChart().add(null, new double[] {i, 1}));
        }
        BufferedImage img = grid.render();
        assertEquals(600, img.getWidth());
        assertTrue(img.getHeight() > 150, "title band on top of one row");
        int band = img.getHeight() - 150;
        assertTrue(nonWhite(img, 0, 0, 600, band) > 50, "title drawn in the band");
    }
}
