package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A legend box: one row per named series with a swatch in the series' style. {@link AxesPlot} puts it in the inside
 * corner of the plot area that covers the fewest already-drawn data pixels (counted on the rendered image), or, if
 * even that corner would hide data, right of the plot area in a margin made for it.
 */
final class Legend {

    /** How a series is shown in its swatch. */
    enum Swatch { LINE, POINT, BAR }

    private record Entry(String name, Color colour, Swatch swatch) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(String name, Color colour, Swatch swatch) {
        if (!Axes.isBlank(name)) {
            entries.add(new Entry(name, colour, swatch));
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Size of the legend box at text {@code scale}, names cut to {@code maxText} pixels. */
    Dimension size(int scale, int maxText) {
        int textW = 0;
        for (Entry e : entries) {
            textW = Math.max(textW, BitmapFont.stringWidth(Axes.truncate(e.name, maxText, scale), scale));
        }
        int inner = inner(scale);
        return new Dimension(inner + swatchWidth(scale) + inner + textW + inner,
                inner + entries.size() * rowHeight(scale) - Axes.gap(scale) + inner);
    }

    private static int swatchWidth(int s) {
        return 8 * BitmapFont.ADVANCE * s / 3;
    }

    private static int rowHeight(int s) {
        return BitmapFont.lineHeight(s) + Axes.gap(s);
    }

    private static int inner(int s) {
        return 2 * Axes.gap(s);
    }

    /** Widest name inside the plot area: two thirds of its width, less the swatch and padding. */
    static int maxTextInside(Axes axes) {
        int s = axes.scale;
        return Math.max(BitmapFont.ADVANCE * s, axes.area.width * 2 / 3 - swatchWidth(s) - 3 * inner(s));
    }

    /**
     * The inside corner of the plot area (top-right, top-left, bottom-right, bottom-left, in that order of
     * preference) whose legend box covers the fewest data pixels already drawn on {@code image}.
     */
    Rectangle chooseCorner(BufferedImage image, Axes axes) {
        Dimension d = size(axes.scale, maxTextInside(axes));
        Rectangle area = axes.area;
        int m = 2 * Axes.gap(axes.scale);
        Rectangle[] candidates = {
            new Rectangle(area.x + area.width - m - d.width, area.y + m, d.width, d.height),
            new Rectangle(area.x + m, area.y + m, d.width, d.height),
            new Rectangle(area.x + area.width - m - d.width, area.y + area.height - m - d.height, d.width, d.height),
            new Rectangle(area.x + m, area.y + area.height - m - d.height, d.width, d.height),
        };
        Rectangle best = candidates[0];
        long bestInk = Long.MAX_VALUE;
        for (Rectangle c : candidates) {
            long ink = inkPixels(image, c);
            if (ink < bestInk) {
                bestInk = ink;
                best = c;
            }
        }
        return best;
    }

    /** Draws the legend in {@code box} (as sized by {@link #size}) with names cut to {@code maxText} pixels. */
    void drawAt(Graphics2D g, Rectangle box, int s, int maxText) {
        int inner = inner(s);
        int swatchW = swatchWidth(s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(box.x, box.y, box.width, box.height);
        g.setColor(new Color(0xB0B0B0));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(box.x, box.y, box.width, box.height);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int top = box.y + inner + i * rowHeight(s);
            int mid = top + BitmapFont.CAP_HEIGHT * s / 2;
            int sx = box.x + inner;
            g.setColor(e.colour);
            switch (e.swatch) {
                case LINE -> {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setStroke(new BasicStroke(1.5f * s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
                    g.drawLine(sx, mid, sx + swatchW, mid);
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                }
                case POINT -> {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    int r = 2 + s;
                    g.fillOval(sx + swatchW / 2 - r, mid - r, 2 * r, 2 * r);
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                }
                case BAR -> g.fillRect(sx, top, swatchW, BitmapFont.CAP_HEIGHT * s);
                default -> throw new IllegalStateException("unknown swatch " + e.swatch);
            }
            BitmapFont.draw(g, Axes.truncate(e.name, maxText, s), sx + swatchW + inner, top, s, Palette.INK);
        }
    }

    /** Pixels in {@code r} that are neither background nor grid (i.e. data ink). */
    static long inkPixels(BufferedImage image, Rectangle r) {
        int bg = Palette.BACKGROUND.getRGB() & 0xFFFFFF;
        int grid = Palette.GRID.getRGB() & 0xFFFFFF;
        long n = 0;
        for (int yy = Math.max(0, r.y); yy < Math.min(image.getHeight(), r.y + r.height); yy++) {
            for (int xx = Math.max(0, r.x); xx < Math.min(image.getWidth(), r.x + r.width); xx++) {
                int rgb = image.getRGB(xx, yy) & 0xFFFFFF;
                if (rgb != bg && rgb != grid && !isLightGrey(rgb)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean isLightGrey(int rgb) {
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        return red == green && green == blue && red >= 0xE0;
    }
}
