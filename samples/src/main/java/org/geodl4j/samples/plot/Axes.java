package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;

/**
 * The frame of an x–y plot in pixels: where the plot area sits inside the image once title, axis labels and tick
 * labels have room, the map from data to pixel coordinates, and drawing of grid, frame, ticks and text.
 *
 * <p>Layout order: vertical margins (fixed text heights) → plot height → y ticks → left margin from the widest
 * y label → plot width → x ticks, as many as fit without their labels touching. With equal aspect the plot area is
 * then shrunk (centred) so one data unit has the same length on both axes, and ticks are chosen again.
 */
final class Axes {

    private static final Color MINOR_GRID = new Color(0xF0F0F0);

    final Axis x;
    final Axis y;
    /** The plot area; data range [min, max] maps onto [area.x, area.x + area.width] (y upwards). */
    final Rectangle area;
    /** Integer scale of tick and axis-label text. */
    final int scale;
    private final int width;
    private final int height;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private int xLabelStride = 1;

    private Axes(int width, int height, int scale, String title, String xLabel, String yLabel, Axis x, Axis y,
            Rectangle area) {
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x;
        this.y = y;
        this.area = area;
    }

    static int pad(int s) {
        return 6 * s;
    }

    static int gap(int s) {
        return 3 * s;
    }

    static int tickLength(int s) {
        return 4 * s;
    }

    /**
     * Computes the layout for an image of {@code width × height} with text at integer {@code scale}, keeping
     * {@code rightMargin} pixels free right of the plot area (for a legend; 0 for none).
     */
    static Axes layout(int width, int height, int scale, String title, String xLabel, String yLabel, Axis x, Axis y,
            boolean equalAspect, int rightMargin) {
        int s = scale;
        int cap = BitmapFont.CAP_HEIGHT * s;
        int line = BitmapFont.lineHeight(s);
        int top = pad(s) + (isBlank(title) ? cap / 2 + gap(s)
                : BitmapFont.CAP_HEIGHT * titleScale(width, height, s) + 4 * gap(s));
        int bottom = tickLength(s) + gap(s) + line + (isBlank(xLabel) ? 0 : 2 * gap(s) + line) + pad(s);
        int plotH = Math.max(10, height - top - bottom);
        y.chooseTicks(yTickTarget(plotH, s));
        int left = pad(s) + (isBlank(yLabel) ? 0 : line + 2 * gap(s)) + y.widestLabel(s) + gap(s) + tickLength(s);
        int right = pad(s) + Math.max(2 * BitmapFont.ADVANCE * s, rightMargin);
        int plotW = Math.max(10, width - left - right);
        Axes axes = new Axes(width, height, scale, title, xLabel, yLabel, x, y, new Rectangle(left, top, plotW, plotH));
        axes.chooseXTicks();
        if (equalAspect && !x.log && !y.log) {
            double ux = (x.max - x.min) / plotW;
            double uy = (y.max - y.min) / plotH;
            if (ux > uy) {
                int h = Math.max(10, (int) Math.round((y.max - y.min) / ux));
                axes.area.y += (plotH - h) / 2;
                axes.area.height = h;
                y.chooseTicks(yTickTarget(h, s));
            } else {
                int w = Math.max(10, (int) Math.round((x.max - x.min) / uy));
                axes.area.x += (plotW - w) / 2;
                axes.area.width = w;
                axes.chooseXTicks();
            }
        }
        return axes;
    }

    private static int yTickTarget(int plotH, int s) {
        return Math.max(2, 2 * plotH / (BitmapFont.CAP_HEIGHT * s * 7));
    }

    /** Title scale: one step above the axis text, except in small images (e.g. grid panels). */
    static int titleScale(int width, int height, int s) {
        return Math.min(width, height) >= 450 ? s + 1 : s;
    }

    /** As many x ticks as fit with at least three characters of space between neighbouring labels. */
    private void chooseXTicks() {
        int room = 3 * BitmapFont.ADVANCE * scale;
        if (x.isCategorical()) {
            int n = x.ticks().length;
            int need = x.widestLabel(scale) + BitmapFont.ADVANCE * scale;
            xLabelStride = 1;
            while (xLabelStride < n && (n / xLabelStride) * need > area.width) {
                xLabelStride++;
            }
            return;
        }
        for (int target = Math.max(2, area.width / (8 * BitmapFont.ADVANCE * scale)); ; target--) {
            x.chooseTicks(target);
            if (target <= 1 || x.ticks().length * (x.widestLabel(scale) + room) <= area.width) {
                return;
            }
        }
    }

    /** Pixel column of data value {@code vx} (NaN if it cannot be shown, e.g. ≤ 0 on a log axis). */
    double px(double vx) {
        return area.x + x.fraction(vx) * area.width;
    }

    /** Pixel row of data value {@code vy} (NaN if it cannot be shown). */
    double py(double vy) {
        return area.y + area.height - y.fraction(vy) * area.height;
    }

    /** Grid lines at the ticks (and at 2…9 × 10^k on log axes with room for them), under the data. */
    void drawGrid(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(1f));
        g.setColor(MINOR_GRID);
        for (double v : minorTicks(y, area.height)) {
            int p = (int) Math.round(py(v));
            g.drawLine(area.x, p, area.x + area.width, p);
        }
        for (double v : minorTicks(x, area.width)) {
            int p = (int) Math.round(px(v));
            g.drawLine(p, area.y, p, area.y + area.height);
        }
        g.setColor(Palette.GRID);
        if (!x.isCategorical()) {
            for (double v : x.ticks()) {
                int p = (int) Math.round(px(v));
                g.drawLine(p, area.y, p, area.y + area.height);
            }
        }
        for (double v : y.ticks()) {
            int p = (int) Math.round(py(v));
            g.drawLine(area.x, p, area.x + area.width, p);
        }
    }

    private static double[] minorTicks(Axis a, int lengthPx) {
        if (!a.log) {
            return new double[0];
        }
        double decades = Math.log10(a.max / a.min);
        if (lengthPx / decades < 90) {
            return new double[0];
        }
        int lo = (int) Math.floor(Math.log10(a.min));
        int hi = (int) Math.ceil(Math.log10(a.max));
        double[] out = new double[(hi - lo + 1) * 8];
        int n = 0;
        for (int e = lo; e <= hi; e++) {
            for (int m = 2; m <= 9; m++) {
                double v = m * Ticks.pow10(e);
                if (v > a.min && v < a.max) {
                    out[n++] = v;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Frame, tick marks, tick labels, axis labels and title, over the data. */
    void drawFrame(Graphics2D g) {
        int s = scale;
        int cap = BitmapFont.CAP_HEIGHT * s;
        int line = BitmapFont.lineHeight(s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Palette.INK);
        g.drawRect(area.x, area.y, area.width, area.height);
        int bottom = area.y + area.height;
        double[] xt = x.ticks();
        String[] xl = x.labels();
        for (int i = 0; i < xt.length; i++) {
            int p = (int) Math.round(px(xt[i]));
            g.fillRect(p - (s - 1) / 2, bottom + 1, s, tickLength(s));
            if (i % xLabelStride == 0) {
                String text = xl[i];
                int w = BitmapFont.stringWidth(text, s);
                int left = Math.max(0, Math.min(width - w, p - w / 2));
                BitmapFont.draw(g, text, left, bottom + tickLength(s) + gap(s), s, Palette.INK);
            }
        }
        double[] yt = y.ticks();
        String[] yl = y.labels();
        for (int i = 0; i < yt.length; i++) {
            int p = (int) Math.round(py(yt[i]));
            g.fillRect(area.x - tickLength(s), p - (s - 1) / 2, tickLength(s), s);
            int w = BitmapFont.stringWidth(yl[i], s);
            BitmapFont.draw(g, yl[i], area.x - tickLength(s) - gap(s) - w, p - cap / 2, s, Palette.INK);
        }
        if (!isBlank(xLabel)) {
            int top = bottom + tickLength(s) + gap(s) + line + 2 * gap(s);
            drawCentred(g, xLabel, area.x + area.width / 2, top, s, width - 2 * pad(s));
        }
        if (!isBlank(yLabel)) {
            int ys = fitScale(yLabel, area.height, s);
            String text = truncate(yLabel, area.height, ys);
            int w = BitmapFont.stringWidth(text, ys);
            int lx = Math.max(0, area.x - tickLength(s) - gap(s) - y.widestLabel(s) - 2 * gap(s) - line);
            BitmapFont.drawUpwards(g, text, lx, area.y + area.height / 2 + w / 2, ys, Palette.INK);
        }
        if (!isBlank(title)) {
            drawCentred(g, title, area.x + area.width / 2, pad(s), titleScale(width, height, s), width - 2 * pad(s));
        }
    }

    /**
     * Draws {@code text} centred on column {@code cx} with top at {@code top}, shrinking the scale (down to 1) and
     * then truncating it so it is at most {@code maxWidth} wide, and keeping it inside the image.
     */
    void drawCentred(Graphics2D g, String text, int cx, int top, int preferredScale, int maxWidth) {
        int s = fitScale(text, maxWidth, preferredScale);
        String t = truncate(text, maxWidth, s);
        int w = BitmapFont.stringWidth(t, s);
        int left = Math.max(0, Math.min(width - w, cx - w / 2));
        BitmapFont.draw(g, t, left, top, s, Palette.INK);
    }

    /** The largest scale ≤ {@code preferred} (and ≥ 1) at which {@code text} fits in {@code maxWidth}. */
    static int fitScale(String text, int maxWidth, int preferred) {
        int s = Math.max(1, preferred);
        while (s > 1 && BitmapFont.stringWidth(text, s) > maxWidth) {
            s--;
        }
        return s;
    }

    /** {@code text}, cut and ended with ".." if needed so that it is at most {@code maxWidth} wide at scale. */
    static String truncate(String text, int maxWidth, int scale) {
        if (BitmapFont.stringWidth(text, scale) <= maxWidth) {
            return text;
        }
        int chars = Math.max(0, (maxWidth / scale + 1) / BitmapFont.ADVANCE - 2);
        return text.substring(0, Math.min(chars, text.length())) + "..";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
