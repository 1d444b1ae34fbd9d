package org.geodl4j.samples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bar chart over named categories, one bar per series in each category (grouped side by side), bars rising from
 * zero (or from the bottom of a log axis). Optionally the value is written above each bar.
 *
 * <pre>
 * new BarChart("-1", "0", "+1").title("Ternary weights").yLabel("count").valueLabels(true)
 *         .add("layer 1", new double[] {812, 1630, 790})
 *         .add("layer 2", new double[] {301, 402, 297})
 *         .save(Path.of("out/ternary.png"));
 * </pre>
 */
public final class BarChart extends AxesPlot<BarChart> {

    /** Fraction of a category's width filled by its bars. */
    private static final double GROUP_WIDTH = 0.8;

    private record Series(String name, double[] values, Color colour) {
    }

    private final String[] categories;
    private final List<Series> series = new ArrayList<>();
    private boolean valueLabels;

    /** A bar chart over the given category names, in order along the x axis. */
    public BarChart(String... categories) {
        if (categories == null || categories.length == 0) {
            throw new IllegalArgumentException("BarChart needs at least one category");
        }
        this.categories = categories.clone();
    }

    /** Adds a series (one value per category) in the next palette colour. */
    public BarChart add(String name, double[] values) {
        return add(name, values, Palette.colour(series.size()));
    }

    /** Adds a series (one value per category) in {@code colour}. */
    public BarChart add(String name, double[] values, Color colour) {
        if (values == null || values.length != categories.length) {
            throw new IllegalArgumentException("BarChart series '" + name + "': expected " + categories.length
                    + " values (one per category), got " + (values == null ? "null" : values.length));
        }
        series.add(new Series(name, values.clone(), colour));
        return this;
    }

    /** Writes each bar's value above it (default false). */
    public BarChart valueLabels(boolean show) {
        this.valueLabels = show;
        return this;
    }

    @Override
    Axis xAxis() {
        return Axis.categorical(categories);
    }

    @Override
    double[] extent(boolean xAxis) {
        double[] ext = emptyExtent();
        if (!logY) {
            ext[0] = 0;
            ext[1] = 0;
        }
        for (Series s : series) {
            for (double v : s.values) {
                include(ext, v, logY);
            }
        }
        if (ext[0] > ext[1]) {
            return null;
        }
        if (logY) {
            return ext;
        }
        double pad = 0.08 * (ext[1] - ext[0]);
        return new double[] {ext[0] < 0 ? ext[0] - pad : 0, ext[1] > 0 ? ext[1] + pad : 0};
    }

    @Override
    void drawData(Graphics2D g, Axes axes, Legend legend) {
        int n = Math.max(1, series.size());
        double barW = GROUP_WIDTH / n;
        double base = axes.y.log ? axes.y.min : 0;
        double basePx = axes.py(base);
        for (int j = 0; j < series.size(); j++) {
            Series s = series.get(j);
            for (int c = 0; c < categories.length; c++) {
                double v = s.values[c];
                double top = axes.py(v);
                if (!Double.isFinite(top)) {
                    continue;
                }
                double left = c - GROUP_WIDTH / 2 + j * barW;
                double x0 = axes.px(left);
                double x1 = axes.px(left + barW);
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                g.setColor(s.colour);
                g.fill(new Rectangle2D.Double(Math.round(x0) + 1, Math.min(top, basePx), Math.round(x1) - Math.round(x0)
                        - 1, Math.abs(basePx - top)));
                if (valueLabels) {
                    String text = format(v);
                    int ls = axes.scale;
                    while (ls > 1 && BitmapFont.stringWidth(text, ls) > x1 - x0) {
                        ls--;
                    }
                    int w = BitmapFont.stringWidth(text, ls);
                    int tx = (int) Math.round((x0 + x1) / 2 - w / 2.0);
                    int ty = v >= base ? (int) Math.round(top) - BitmapFont.CAP_HEIGHT * ls - 2 * ls
                            : (int) Math.round(top) + 2 * ls;
                    BitmapFont.draw(g, text, tx, ty, ls, Palette.INK);
                }
            }
            legend.add(s.name, s.colour, Legend.Swatch.BAR);
        }
    }

    /** Integers as integers, other values with three significant digits. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
