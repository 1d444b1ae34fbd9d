package org.geodl4j.samples.plot;

/**
 * One axis of a plot: a data range [min, max] on a linear or log scale (or named categories at 0, 1, …), the map to
 * a fraction of the axis length, and the tick positions and labels chosen for a given number of ticks.
 */
final class Axis {

    final double min;
    final double max;
    final boolean log;
    private final String[] categories;
    private double[] ticks = new double[0];
    private String[] labels = new String[0];

    private Axis(double min, double max, boolean log, String[] categories) {
        this.min = min;
        this.max = max;
        this.log = log;
        this.categories = categories;
    }

    /** A linear axis over [min, max] (min < max). */
    static Axis linear(double min, double max) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis range must be finite with min < max, got [" + min + ", " + max
                    + "]");
        }
        return new Axis(min, max, false, null);
    }

    /** A log10 axis over [min, max] (0 < min < max). */
    static Axis log(double min, double max) {
        if (!(min > 0 && min < max) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("log axis range must satisfy 0 < min < max, got [" + min + ", " + max
                    + "]");
        }
        return new Axis(min, max, true, null);
    }

    /** Categories at 0, 1, …, n − 1, axis from −0.5 to n − 0.5. */
    static Axis categorical(String[] names) {
        Axis a = new Axis(-0.5, Math.max(1, names.length) - 0.5, false, names.clone());
        a.ticks = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            a.ticks[i] = i;
        }
        a.labels = names.clone();
        return a;
    }

    /**
     * An axis over the data range [lo, hi] (NaN when there is no data): explicit bounds (non-NaN) win; if
     * {@code nice}, the rest of the range is widened to nice numbers (whole decades on a log axis).
     */
    static Axis auto(double lo, double hi, double explicitMin, double explicitMax, boolean log, boolean nice) {
        if (log) {
            if (!(lo > 0)) {
                lo = 0.1;
                hi = 10;
            }
            double[] b = nice || lo == hi ? Ticks.logBounds(lo, hi) : new double[] {lo, hi};
            return log(Double.isNaN(explicitMin) ? b[0] : explicitMin, Double.isNaN(explicitMax) ? b[1] : explicitMax);
        }
        if (Double.isNaN(lo)) {
            lo = 0;
            hi = 1;
        }
        if (!Double.isNaN(explicitMin)) {
            lo = explicitMin;
        }
        if (!Double.isNaN(explicitMax)) {
            hi = explicitMax;
        }
        if (hi < lo) {
            if (Double.isNaN(explicitMax)) {
                hi = lo;
            } else if (Double.isNaN(explicitMin)) {
                lo = hi;
            }
        }
        double[] b = nice || lo >= hi ? Ticks.niceBounds(Math.min(lo, hi), Math.max(lo, hi), 6)
                : new double[] {lo, hi};
        return linear(Double.isNaN(explicitMin) ? b[0] : explicitMin, Double.isNaN(explicitMax) ? b[1] : explicitMax);
    }

    boolean isCategorical() {
        return categories != null;
    }

    /** Position of {@code v} as a fraction of the axis (0 at min, 1 at max); NaN if it cannot be shown. */
    double fraction(double v) {
        if (log) {
            return v > 0 ? Math.log(v / min) / Math.log(max / min) : Double.NaN;
        }
        return (v - min) / (max - min);
    }

    /** Chooses about {@code target} ticks (categorical axes keep theirs) and their labels. */
    void chooseTicks(int target) {
        if (isCategorical()) {
            return;
        }
        ticks = log ? Ticks.log(min, max, target) : Ticks.linear(min, max, target);
        labels = log ? Ticks.logLabels(ticks) : Ticks.labels(ticks);
    }

    double[] ticks() {
        return ticks;
    }

    String[] labels() {
        return labels;
    }

    /** Width in pixels of the widest tick label at {@code scale}. */
    int widestLabel(int scale) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, BitmapFont.stringWidth(s, scale));
        }
        return w;
    }
}
