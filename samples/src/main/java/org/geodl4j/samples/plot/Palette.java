package org.geodl4j.samples.plot;

import java.awt.Color;

/**
 * Series colours: the colour-blind-safe palette of Okabe and Ito ("Color Universal Design", 2008), reordered so the
 * first colours are the most distinct on white, with its yellow darkened for contrast, then two extras (purple,
 * brown). {@code Palette.colour(i)} cycles through them.
 *
 * <pre>
 * chart.add("adam", x, y, Palette.colour(3));
 * </pre>
 */
public final class Palette {

    private static final Color[] COLOURS = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xCC79A7), // reddish purple
        new Color(0xE69F00), // orange
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xB8A300), // yellow, darkened
        new Color(0x7B3294), // purple
        new Color(0x8C510A), // brown
    };

    /** Background of every plot. */
    public static final Color BACKGROUND = Color.WHITE;
    /** Text, frame and tick colour. */
    public static final Color INK = new Color(0x222222);
    /** Grid lines inside the plot area. */
    public static final Color GRID = new Color(0xE4E4E4);

    private Palette() {
    }

    /** Number of distinct series colours before {@link #colour(int)} repeats. */
    public static int size() {
        return COLOURS.length;
    }

    /** The {@code i}-th series colour (cycling; negative {@code i} counts from the end). */
    public static Color colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    /** {@code c} with alpha {@code alpha} (0–255). */
    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
