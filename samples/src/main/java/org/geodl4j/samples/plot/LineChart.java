package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Line plot of one or more named series {@code (x[i], y[i])}, optionally with a shaded band {@code mean ± sd}
 * around each, a log y (or x) axis and point markers. Lines break at NaN/infinite values and, on a log axis, at
 * values ≤ 0; on a log y axis a band's lower edge below the axis is clipped to the axis.
 *
 * <pre>
 * new LineChart().title("Training loss").xLabel("step").yLabel("loss").logY(true)
 *         .add("sgd", steps, sgdLoss)
 *         .addBand("adam (5 seeds)", steps, adamMean, adamSd)
 *         .save(Path.of("out/loss.png"));
 * </pre>
 */
public final class LineChart extends AxesPlot<LineChart> {

    private record Series(String name, double[] x, double[] y, double[] sd, Color colour) {
    }

    private final List<Series> series = new ArrayList<>();
    private boolean markers;

    /** An empty chart; the x range is the data extent, the y range the data extent widened to nice numbers. */
    public LineChart() {
        niceX = false;
    }

    /** Adds a series with x = 0, 1, …, n − 1 and the next palette colour. */
    public LineChart add(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return add(name, x, y);
    }

    /** Adds a series in the next palette colour; {@code name} null or blank keeps it out of the legend. */
    public LineChart add(String name, double[] x, double[] y) {
        return add(name, x, y, Palette.colour(series.size()));
    }

    /** Adds a series in the given colour. */
    public LineChart add(String name, double[] x, double[] y, Color colour) {
        check(name, x, y, "y");
        series.add(new Series(name, x.clone(), y.clone(), null, colour));
        return this;
    }

    /** Adds a series drawn as its {@code mean} line over a translucent band {@code mean ± sd}. */
    public LineChart addBand(String name, double[] x, double[] mean, double[] sd) {
        return addBand(name, x, mean, sd, Palette.colour(series.size()));
    }

    /** {@link #addBand(String, double[], double[], double[])} in the given colour. */
    public LineChart addBand(String name, double[] x, double[] mean, double[] sd, Color colour) {
        check(name, x, mean, "mean");
        check(name, x, sd, "sd");
        series.add(new Series(name, x.clone(), mean.clone(), sd.clone(), colour));
        return this;
    }

    private static void check(String name, double[] x, double[] y, String what) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("LineChart series '" + name + "': x and " + what
                    + " must be non-null and of equal length, got " + (x == null ? "null" : x.length) + " and "
                    + (y == null ? "null" : y.length));
        }
    }

    /** Draws a small dot at every data point (useful for short series, e.g. error vs horizon). */
    public LineChart markers(boolean show) {
        this.markers = show;
        return this;
    }

    /** Fixes the x range (either bound may be NaN to keep it automatic). */
    public LineChart xRange(double min, double max) {
        checkRange("xRange", min, max);
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /** Log10 x axis; values ≤ 0 break the line. */
    public LineChart logX(boolean log) {
        this.logX = log;
        return this;
    }

    @Override
    double[] extent(boolean xAxis) {
        double[] ext = emptyExtent();
        boolean log = xAxis ? logX : logY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (xAxis) {
                    include(ext, s.x[i], log);
                } else if (s.sd == null) {
                    include(ext, s.y[i], log);
                } else {
                    include(ext, s.y[i] + Math.abs(s.sd[i]), log);
                    include(ext, s.y[i] - Math.abs(s.sd[i]), log);
                }
            }
        }
        return finish(ext, log, xAxis ? 0 : 0.03);
    }

    @Override
    void drawData(Graphics2D g, Axes axes, Legend legend) {
        int s = axes.scale;
        for (Series sr : series) {
            if (sr.sd != null) {
                drawBand(g, axes, sr);
            }
        }
        g.setStroke(new BasicStroke(1.25f * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Series sr : series) {
            g.setColor(sr.colour);
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            for (int i = 0; i < sr.x.length; i++) {
                double px = axes.px(sr.x[i]);
                double py = axes.py(sr.y[i]);
                if (!Double.isFinite(px) || !Double.isFinite(py)) {
                    pen = false;
                    continue;
                }
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    path.lineTo(px, py);
                    pen = true;
                }
            }
            g.draw(path);
            if (markers) {
                double r = 1.5 + s;
                for (int i = 0; i < sr.x.length; i++) {
                    double px = axes.px(sr.x[i]);
                    double py = axes.py(sr.y[i]);
                    if (Double.isFinite(px) && Double.isFinite(py)) {
                        g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
                    }
                }
            }
            legend.add(sr.name, sr.colour, Legend.Swatch.LINE);
        }
    }

    /** Fills mean ± sd over each run of consecutive drawable points. */
    private static void drawBand(Graphics2D g, Axes axes, Series sr) {
        g.setColor(Palette.withAlpha(sr.colour, 56));
        int n = sr.x.length;
        int i = 0;
        while (i < n) {
            while (i < n && !bandPointOk(axes, sr, i)) {
                i++;
            }
            int start = i;
            while (i < n && bandPointOk(axes, sr, i)) {
                i++;
            }
            if (i - start >= 2) {
                Path2D.Double p = new Path2D.Double();
                for (int k = start; k < i; k++) {
                    double px = axes.px(sr.x[k]);
                    double py = bandY(axes, sr.y[k] + Math.abs(sr.sd[k]));
                    if (k == start) {
                        p.moveTo(px, py);
                    } else {
                        p.lineTo(px, py);
                    }
                }
                for (int k = i - 1; k >= start; k--) {
                    p.lineTo(axes.px(sr.x[k]), bandY(axes, sr.y[k] - Math.abs(sr.sd[k])));
                }
                p.closePath();
                g.fill(p);
            }
        }
    }

    private static boolean bandPointOk(Axes axes, Series sr, int k) {
        return Double.isFinite(axes.px(sr.x[k])) && Double.isFinite(axes.py(sr.y[k])) && Double.isFinite(sr.sd[k]);
    }

    /** Pixel row of a band edge; on a log axis a value ≤ 0 (or below the axis) sits on the bottom edge. */
    private static double bandY(Axes axes, double v) {
        double py = axes.py(v);
        double bottom = axes.area.y + axes.area.height;
        return Double.isFinite(py) ? Math.min(py, bottom + 1) : bottom + 1;
    }
}
