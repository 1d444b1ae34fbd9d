package org.geodl4j.samples.plot;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Base of the plots with an x and a y axis: axis labels, y range and log scale, legend, and the drawing order
 * grid → data (clipped to the plot area) → frame, ticks and text → legend (see {@link #legend(boolean)}). Axis
 * ranges not set explicitly are the data extent, for most plots widened to nice numbers (see {@link Ticks}).
 *
 * @param <T> the concrete plot type
 */
public abstract class AxesPlot<T extends AxesPlot<T>> extends Plot<T> {

    String xLabel;
    String yLabel;
    double xMin = Double.NaN;
    double xMax = Double.NaN;
    double yMin = Double.NaN;
    double yMax = Double.NaN;
    boolean logX;
    boolean logY;
    boolean equalAspect;
    /** Whether automatic x / y ranges are widened to nice numbers (else the padded data extent is used). */
    boolean niceX = true;
    boolean niceY = true;
    private boolean showLegend = true;

    AxesPlot() {
    }

    /** Label under the x axis. */
    public T xLabel(String label) {
        this.xLabel = label;
        return self();
    }

    /** Label left of the y axis, drawn reading upwards. */
    public T yLabel(String label) {
        this.yLabel = label;
        return self();
    }

    /** Fixes the y range (either bound may be NaN to keep it automatic). */
    public T yRange(double min, double max) {
        checkRange("yRange", min, max);
        this.yMin = min;
        this.yMax = max;
        return self();
    }

    /**
     * Log10 y axis. Values ≤ 0 cannot be shown: lines break there and points/bars are skipped. The automatic range
     * is the positive data extent widened to whole decades.
     */
    public T logY(boolean log) {
        this.logY = log;
        return self();
    }

    /**
     * Whether to draw the legend for named series (default true; unnamed series never appear in it). It goes in
     * the emptiest inside corner of the plot area, or in a right margin if every corner would hide data.
     */
    public T legend(boolean show) {
        this.showLegend = show;
        return self();
    }

    void checkRange(String what, double min, double max) {
        if (!Double.isNaN(min) && !Double.isNaN(max) && !(min < max)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + what + ": need min < max, got ["
                    + min + ", " + max + "]");
        }
        if (Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "." + what + ": bounds must be finite "
                    + "(or NaN for automatic), got [" + min + ", " + max + "]");
        }
    }

    /** Data extent {min, max} along x ({@code xAxis}) or y of the values that can be shown, or null if none. */
    abstract double[] extent(boolean xAxis);

    /** The x axis (categorical plots override). */
    Axis xAxis() {
        double[] e = extent(true);
        return Axis.auto(e == null ? Double.NaN : e[0], e == null ? Double.NaN : e[1], xMin, xMax, logX, niceX);
    }

    /** The y axis. */
    Axis yAxis() {
        double[] e = extent(false);
        return Axis.auto(e == null ? Double.NaN : e[0], e == null ? Double.NaN : e[1], yMin, yMax, logY, niceY);
    }

    /** Draws the data (clip is the plot area, antialiasing on) and registers legend entries. */
    abstract void drawData(Graphics2D g, Axes axes, Legend legend);

    /**
     * The frame layout for a {@code w × h} image without a legend margin (what {@link #render(int, int)} uses
     * unless the legend had to move outside).
     */
    Axes layout(int w, int h) {
        return layout(w, h, textScaleFor(w, h), 0);
    }

    private Axes layout(int w, int h, int scale, int legendMargin) {
        return Axes.layout(w, h, scale, title(), xLabel, yLabel, xAxis(), yAxis(), equalAspect, legendMargin);
    }

    /**
     * Draws grid, data and frame; if the legend's best inside corner would hide more than 2% of its box in data
     * pixels, draws everything again with the legend in a right margin (when it takes at most a third of the width).
     */
    @Override
    protected final void draw(Graphics2D g, BufferedImage image, int scale) {
        int w = image.getWidth();
        int h = image.getHeight();
        Legend legend = new Legend();
        Axes axes = drawAxesAndData(g, w, h, scale, 0, legend);
        if (!showLegend || legend.isEmpty()) {
            return;
        }
        Rectangle inside = legend.chooseCorner(image, axes);
        long hidden = Legend.inkPixels(image, inside);
        int outsideText = w / 4;
        Dimension outside = legend.size(scale, outsideText);
        int margin = outside.width + 2 * Axes.gap(scale);
        if (hidden <= 0.02 * inside.width * inside.height || margin > w / 3) {
            legend.drawAt(g, inside, scale, Legend.maxTextInside(axes));
            return;
        }
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, w, h);
        Axes narrower = drawAxesAndData(g, w, h, scale, margin, new Legend());
        Rectangle box = new Rectangle(narrower.area.x + narrower.area.width + 2 * Axes.gap(scale), narrower.area.y,
                outside.width, outside.height);
        legend.drawAt(g, box, scale, outsideText);
    }

    private Axes drawAxesAndData(Graphics2D g, int w, int h, int scale, int legendMargin, Legend legend) {
        Axes axes = layout(w, h, scale, legendMargin);
        axes.drawGrid(g);
        g.setClip(axes.area.x, axes.area.y, axes.area.width + 1, axes.area.height + 1);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        drawData(g, axes, legend);
        g.setClip(null);
        axes.drawFrame(g);
        return axes;
    }

    /** Grows {@code ext} = {min, max} to include {@code v} if it can be shown on a (log) axis. */
    static void include(double[] ext, double v, boolean log) {
        if (Double.isFinite(v) && (!log || v > 0)) {
            ext[0] = Math.min(ext[0], v);
            ext[1] = Math.max(ext[1], v);
        }
    }

    /** A fresh empty extent for {@link #include}. */
    static double[] emptyExtent() {
        return new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    }

    /** {@code ext}, or null if nothing was included; on a linear axis padded by {@code pad}·span on both sides. */
    static double[] finish(double[] ext, boolean log, double pad) {
        if (ext[0] > ext[1]) {
            return null;
        }
        if (log || pad == 0) {
            return ext;
        }
        double span = ext[1] - ext[0];
        return new double[] {ext[0] - pad * span, ext[1] + pad * span};
    }

    /** Copies {@code a}, or returns null for null. */
    static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }
}
