package org.geodl4j.samples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BitmapFontTest {

    /** Renders {@code text} (horizontally or upwards) at scale on a white image; returns the image. */
    private static BufferedImage render(String text, int scale, boolean upwards, int w, int h, int x, int y) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (upwards) {
            BitmapFont.drawUpwards(g, text, x, y, scale, Color.BLACK);
        } else {
            BitmapFont.draw(g, text, x, y, scale, Color.BLACK);
        }
        g.dispose();
        return img;
    }

    private static boolean ink(BufferedImage img, int x, int y) {
        return (img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
    }

    /** {minX, minY, maxX, maxY} of the ink, or null if none. */
    private static int[] inkBox(BufferedImage img) {
        int[] box = null;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (ink(img, x, y)) {
                    box = box == null ? new int[] {x, y, x, y}
                            : new int[] {Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x),
                                Math.max(box[3], y)};
                }
            }
        }
        return box;
    }

    @Test
    void everyPrintableAsciiCharacterHasItsOwnDistinctGlyph() {
        Map<String, Character> seen = new HashMap<>();
        for (char c = 32; c <= 126; c++) {
            assertTrue(BitmapFont.hasGlyph(c), "no glyph for '" + c + "' (" + (int) c + ")");
            int[] rows = Arrays.copyOf(BitmapFont.glyph(c), BitmapFont.CELL_HEIGHT);
            Character clash = seen.put(Arrays.toString(rows), c);
            assertTrue(clash == null, "'" + c + "' has the same bitmap as '" + clash + "'");
        }
        assertEquals(95, seen.size());
    }

    @Test
    void everyGlyphStaysInsideItsCellAndOnlySpaceIsBlank() {
        int s = 2;
        for (char c = 32; c <= 126; c++) {
            BufferedImage img = render(String.valueOf(c), s, false, 40, 40, 10, 10);
            int[] box = inkBox(img);
            if (c == ' ') {
                assertTrue(box == null, "space must draw nothing");
                continue;
            }
            assertTrue(box != null, "'" + c + "' draws nothing");
            assertTrue(box[0] >= 10 && box[2] < 10 + BitmapFont.GLYPH_WIDTH * s, "'" + c + "' leaves its columns");
            assertTrue(box[1] >= 10 && box[3] < 10 + BitmapFont.CELL_HEIGHT * s, "'" + c + "' leaves its rows");
        }
    }

    @Test
    void stringWidthIsTheDrawnExtent() {
        String text = "Loss 0.25, eta 1e-6";
        for (int s = 1; s <= 3; s++) {
            int w = BitmapFont.stringWidth(text, s);
            assertEquals((6 * text.length() - 1) * s, w);
            BufferedImage img = render(text, s, false, w + 20, 40, 10, 5);
            int[] box = inkBox(img);
            assertEquals(10, box[0], "first column of 'L' is ink");
            assertEquals(10 + w - 1, box[2], "last column of '6' is the last pixel of stringWidth");
        }
        assertEquals(0, BitmapFont.stringWidth("", 2));
        assertEquals(BitmapFont.stringWidth("ab", 2) + 2 + BitmapFont.stringWidth("cd", 2),
                BitmapFont.stringWidth("abcd", 2), "widths add up with one font pixel of spacing between");
    }

    @Test
    void descendersGoBelowTheBaseline() {
        int s = 1;
        int[] g = inkBox(render("g", s, false, 30, 30, 5, 5));
        int[] a = inkBox(render("a", s, false, 30, 30, 5, 5));
        assertEquals(5 + BitmapFont.CAP_HEIGHT - 1, a[3], "'a' sits on the baseline");
        assertEquals(5 + BitmapFont.CELL_HEIGHT - 1, g[3], "'g' reaches two rows below it");
    }

    @Test
    void upwardsTextIsTheHorizontalTextRotatedCounterClockwise() {
        String text = "Im(y)";
        int s = 2;
        int w = BitmapFont.stringWidth(text, s);
        int h = BitmapFont.lineHeight(s);
        BufferedImage flat = render(text, s, false, w, h, 0, 0);
        BufferedImage up = render(text, s, true, h, w, 0, w);
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                // rotating 90 degrees counter-clockwise maps (x, y) to (y, w - 1 - x)
                assertEquals(ink(flat, x, y), ink(up, y, w - 1 - x), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void accentsAreStrippedAndUnknownCharactersDrawABox() {
        assertArrayEquals(BitmapFont.glyph('e'), BitmapFont.glyph('\u00e9'));
        assertTrue(BitmapFont.hasGlyph('\u03bb'), "lambda for eigenvalues");
        BufferedImage box = render("\u2603", 1, false, 20, 20, 2, 2);
        int n = 0;
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                n += ink(box, x, y) ? 1 : 0;
            }
        }
        assertEquals(2 * 5 + 2 * 5, n, "hollow 5x7 box: two rows of 5 plus two columns of 5");
    }
}
