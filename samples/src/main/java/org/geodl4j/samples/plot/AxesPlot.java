package org.geodl4j.samples.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Base of the plots with an x and a y axis: axis labels, y range and log scale, legend, and the drawing order
 * grid → data (clipped to the plot area) → frame, ticks and text → legend. Axis ranges not set explicitly are
 * the data extent, for most plots widened to nice numbers (see {@link Ticks}).
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

    /** Whether to draw the legend for named series (default true; unnamed series never appear in it). */
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

    /** The frame layout for a {@code w × h} image (what {@link #render(int, int)} uses). */
    Axes layout(int w, int h) {
        return layout(w, h, textScaleFor(w, h));
    }

    private Axes layout(int w, int h, int scale) {
        return Axes.layout(w, h, scale, title(), xLabel, yLabel, xAxis(), yAxis(), equalAspect);
    }

    @Override
    protected final void draw(Graphics2D g, BufferedImage image, int scale) {
        Axes axes = layout(image.getWidth(), image.getHeight(), scale);
        axes.drawGrid(g);
        g.setClip(axes.area.x, axes.area.y, axes.area.width + 1, axes.area.height + 1);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Legend legend = new Legend();
        drawData(g, axes, legend);
        g.setClip(null);
        axes.drawFrame(g);
        if (showLegend) {
            legend.draw(g, image, axes);
        }
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
