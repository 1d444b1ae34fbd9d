package org.geodl4j.samples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Histogram of one or more sets of values, binned into {@code bins} equal-width bins over a common range (the
 * data range unless set with {@link #range}); several sets are overlaid translucently. Bin {@code k} covers
 * {@code [min + k·w, min + (k+1)·w)}, the last bin also includes {@code max}; NaN and values outside the range are
 * not counted.
 *
 * <pre>
 * new Histogram().title("Latent weights, layer 1").xLabel("w").bins(40)
 *         .add("before", w0).add("after", w1)
 *         .save(Path.of("out/weights.png"));
 * </pre>
 */
public final class Histogram extends AxesPlot<Histogram> {

    /** Number of bins used unless set. */
    public static final int DEFAULT_BINS = 30;

    private record Series(String name, double[] values, Color colour) {
    }

    private final List<Series> series = new ArrayList<>();
    private int bins = DEFAULT_BINS;

    /** An empty histogram; the x axis spans exactly the binned range. */
    public Histogram() {
    }

    /** Adds a set of values in the next palette colour. */
    public Histogram add(String name, double[] values) {
        return add(name, values, Palette.colour(series.size()));
    }

    /** Adds a set of values in {@code colour}. */
    public Histogram add(String name, double[] values, Color colour) {
        if (values == null) {
            throw new IllegalArgumentException("Histogram series '" + name + "': values must not be null");
        }
        series.add(new Series(name, values.clone(), colour));
        return this;
    }

    /** Number of bins (default {@value #DEFAULT_BINS}). */
    public Histogram bins(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Histogram.bins: need at least 1 bin, got " + n);
        }
        this.bins = n;
        return this;
    }

    /** Fixes the binned range (and the x axis) to [min, max]. */
    public Histogram range(double min, double max) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("Histogram.range: need finite min < max, got [" + min + ", " + max
                    + "]");
        }
        this.xMin = min;
        this.xMax = max;
        return this;
    }

    /**
     * Counts of {@code values} in {@code bins} equal-width bins over [min, max] (last bin closed); NaN and values
     * outside [min, max] are ignored.
     */
    public static long[] counts(double[] values, double min, double max, int bins) {
        if (!(min < max) || bins < 1) {
            throw new IllegalArgumentException("Histogram.counts: need min < max and bins >= 1, got [" + min + ", "
                    + max + "] and " + bins);
        }
        long[] c = new long[bins];
        double span = max - min;
        for (double v : values) {
            if (v >= min && v <= max) {
                c[Math.min(bins - 1, (int) ((v - min) * bins / span))]++;
            }
        }
        return c;
    }

    /** The binned range: explicit, else the finite data range (widened if all values are equal), else [0, 1]. */
    private double[] binRange() {
        if (!Double.isNaN(xMin)) {
            return new double[] {xMin, xMax};
        }
        double[] ext = emptyExtent();
        for (Series s : series) {
            for (double v : s.values) {
                include(ext, v, false);
            }
        }
        if (ext[0] > ext[1]) {
            return new double[] {0, 1};
        }
        if (ext[0] == ext[1]) {
            double half = ext[0] == 0 ? 0.5 : Math.abs(ext[0]) * 0.1;
            return new double[] {ext[0] - half, ext[1] + half};
        }
        return ext;
    }

    @Override
    double[] extent(boolean xAxis) {
        double[] r = binRange();
        if (xAxis) {
            return r;
        }
        long max = 0;
        for (Series s : series) {
            for (long c : counts(s.values, r[0], r[1], bins)) {
                max = Math.max(max, c);
            }
        }
        if (logY) {
            return max > 0 ? new double[] {1, max} : null;
        }
        return new double[] {0, Math.max(1, max) * 1.05};
    }

    @Override
    Axis xAxis() {
        double[] r = binRange();
        return Axis.auto(r[0], r[1], xMin, xMax, false, false);
    }

    @Override
    void drawData(Graphics2D g, Axes axes, Legend legend) {
        double[] r = binRange();
        double w = (r[1] - r[0]) / bins;
        int alpha = series.size() == 1 ? 200 : 110;
        double bottom = axes.area.y + axes.area.height + 1;
        g.setStroke(new BasicStroke(1f));
        for (Series s : series) {
            long[] c = counts(s.values, r[0], r[1], bins);
            for (int k = 0; k < bins; k++) {
                if (c[k] == 0) {
                    continue;
                }
                double x0 = axes.px(r[0] + k * w);
                double x1 = axes.px(r[0] + (k + 1) * w);
                double top = Math.min(bottom, axes.py(c[k]));
                Rectangle2D bar = new Rectangle2D.Double(x0, top, x1 - x0, bottom - top);
                g.setColor(Palette.withAlpha(s.colour, alpha));
                g.fill(bar);
                g.setColor(s.colour.darker());
                g.draw(bar);
            }
            legend.add(s.name, s.colour, Legend.Swatch.BAR);
        }
    }
}
