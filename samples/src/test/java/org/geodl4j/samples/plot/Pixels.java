package org.geodl4j.samples.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel checks shared by the plot tests. */
final class Pixels {

    private Pixels() {
    }

    static Color at(BufferedImage img, double x, double y) {
        return new Color(img.getRGB((int) Math.floor(x), (int) Math.floor(y)));
    }

    /** True if the pixel is within {@code tol} of {@code c} in every channel. */
    static boolean near(Color actual, Color c, int tol) {
        return Math.abs(actual.getRed() - c.getRed()) <= tol && Math.abs(actual.getGreen() - c.getGreen()) <= tol
                && Math.abs(actual.getBlue() - c.getBlue()) <= tol;
    }

    /** White background or a (light grey) grid line: no data. */
    static boolean isEmpty(Color c) {
        return near(c, Palette.BACKGROUND, 0) || c.getRed() == c.getGreen() && c.getGreen() == c.getBlue()
                && c.getRed() >= 0xE0;
    }

    /** True if some pixel in the (2r+1)² square around (x, y) is within {@code tol} of {@code c}. */
    static boolean nearby(BufferedImage img, double x, double y, int r, Color c, int tol) {
        int cx = (int) Math.floor(x);
        int cy = (int) Math.floor(y);
        for (int yy = cy - r; yy <= cy + r; yy++) {
            for (int xx = cx - r; xx <= cx + r; xx++) {
                if (xx >= 0 && yy >= 0 && xx < img.getWidth() && yy < img.getHeight()
                        && near(new Color(img.getRGB(xx, yy)), c, tol)) {
                    return true;
                }
            }
        }
        return false;
    }
}
