package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A legend box: one row per named series with a swatch in the series' style. It is placed in whichever inside
 * corner of the plot area (top-right, top-left, bottom-right, bottom-left, in that order of preference) covers the
 * fewest already-drawn data pixels, counted on the rendered image.
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

    /** Places and draws the legend; returns its box (null when empty). */
    Rectangle draw(Graphics2D g, BufferedImage image, Axes axes) {
        if (entries.isEmpty()) {
            return null;
        }
        int s = axes.scale;
        int swatchW = 8 * BitmapFont.ADVANCE * s / 3;
        int rowH = BitmapFont.lineHeight(s) + Axes.gap(s);
        int inner = Axes.gap(s) * 2;
        int maxText = Math.max(BitmapFont.ADVANCE * s, axes.area.width * 2 / 3 - swatchW - 3 * inner);
        List<String> names = new ArrayList<>();
        int textW = 0;
        for (Entry e : entries) {
            String t = Axes.truncate(e.name, maxText, s);
            names.add(t);
            textW = Math.max(textW, BitmapFont.stringWidth(t, s));
        }
        int boxW = inner + swatchW + inner + textW + inner;
        int boxH = inner + entries.size() * rowH - Axes.gap(s) + inner;
        Rectangle area = axes.area;
        int m = Axes.gap(s) * 2;
        Rectangle[] candidates = {
            new Rectangle(area.x + area.width - m - boxW, area.y + m, boxW, boxH),
            new Rectangle(area.x + m, area.y + m, boxW, boxH),
            new Rectangle(area.x + area.width - m - boxW, area.y + area.height - m - boxH, boxW, boxH),
            new Rectangle(area.x + m, area.y + area.height - m - boxH, boxW, boxH),
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
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(best.x, best.y, best.width, best.height);
        g.setColor(new Color(0xB0B0B0));
        g.setStroke(new BasicStroke(1f));
        g.drawRect(best.x, best.y, best.width, best.height);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int top = best.y + inner + i * rowH;
            int mid = top + BitmapFont.CAP_HEIGHT * s / 2;
            int sx = best.x + inner;
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
            BitmapFont.draw(g, names.get(i), sx + swatchW + inner, top, s, Palette.INK);
        }
        return best;
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
