package org.geodl4j.samples.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis tick positions at "nice" numbers and their labels.
 *
 * <p>Linear axes use steps {@code m·10^k} with {@code m ∈ {1, 2, 5}}: the smallest such step with
 * {@code span / step ≤ target} (the 1-2-5 rule of P. Heckbert, "Nice numbers for graph labels", Graphics Gems,
 * 1990). Tick values are computed as {@code k·m·10^e} (or {@code k·m / 10^−e}) so that they are the doubles nearest
 * the decimal values, e.g. {@code 0.3} and not {@code 0.30000000000000004}.
 *
 * <p>Log axes put ticks at powers of ten (every {@code s}-th power when more than {@code target} decades are
 * visible); over fewer than 2.5 decades they use {@code 1, 2, 5 × 10^k}, and inside a single decade they fall back
 * to linear ticks.
 *
 * <pre>
 * Ticks.linear(0, 1, 5)          // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * Ticks.log(1e-6, 1e2, 10)       // [1e-6, 1e-5, ..., 100]
 * Ticks.labels(Ticks.linear(0, 1, 5)) // ["0", "0.2", ..., "1.0"]
 * </pre>
 */
public final class Ticks {

    private static final double EPS = 1e-9;

    private Ticks() {
    }

    /** Mantissa and exponent of a 1-2-5 step. */
    private record Step(int mantissa, int exponent) {
        double value() {
            return exponent >= 0 ? mantissa * Math.pow(10, exponent) : mantissa / Math.pow(10, -exponent);
        }

        /** The double nearest {@code k · step}. */
        double times(long k) {
            return exponent >= 0 ? k * mantissa * Math.pow(10, exponent) : (k * mantissa) / Math.pow(10, -exponent);
        }
    }

    private static Step step125(double span, int target) {
        if (!(span > 0) || !Double.isFinite(span)) {
            throw new IllegalArgumentException("Ticks: span must be finite and > 0, got " + span);
        }
        double raw = span / Math.max(1, target);
        int e = (int) Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, e);
        if (f <= 1 + EPS) {
            return new Step(1, e);
        } else if (f <= 2 + EPS) {
            return new Step(2, e);
        } else if (f <= 5 + EPS) {
            return new Step(5, e);
        }
        return new Step(1, e + 1);
    }

    /** The smallest step {@code m·10^k}, {@code m ∈ {1, 2, 5}}, with {@code span / step ≤ target}. */
    public static double niceStep(double span, int target) {
        return step125(span, target).value();
    }

    /** Every multiple of {@link #niceStep(double, int) niceStep(max − min, target)} inside [min, max]. */
    public static double[] linear(double min, double max, int target) {
        checkRange(min, max);
        if (max == min) {
            return new double[] {min};
        }
        Step s = step125(max - min, target);
        double step = s.value();
        long first = (long) Math.ceil(min / step - EPS);
        long last = (long) Math.floor(max / step + EPS);
        double[] out = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.times(first + i);
        }
        return out;
    }

    /**
     * [min, max] widened outwards to multiples of {@link #niceStep(double, int) niceStep(max − min, target)}; a
     * zero-width range is first widened to ±0.5 (or ±10% of a non-zero value).
     */
    public static double[] niceBounds(double min, double max, int target) {
        checkRange(min, max);
        if (max == min) {
            double half = min == 0 ? 0.5 : Math.abs(min) * 0.1;
            min -= half;
            max += half;
        }
        Step s = step125(max - min, target);
        double step = s.value();
        return new double[] {s.times((long) Math.floor(min / step + EPS)), s.times((long) Math.ceil(max / step - EPS))};
    }

    /** [min, max] (both > 0) widened outwards to powers of ten; a zero-width range is widened to one decade. */
    public static double[] logBounds(double min, double max) {
        checkRange(min, max);
        if (!(min > 0)) {
            throw new IllegalArgumentException("Ticks: a log axis needs min > 0, got " + min);
        }
        int lo = (int) Math.floor(Math.log10(min) + EPS);
        int hi = (int) Math.ceil(Math.log10(max) - EPS);
        if (hi == lo) {
            hi++;
        }
        return new double[] {pow10(lo), pow10(hi)};
    }

    /** Ticks for a log axis over [min, max] (both > 0), at most about {@code target} of them; see the class doc. */
    public static double[] log(double min, double max, int target) {
        checkRange(min, max);
        if (!(min > 0)) {
            throw new IllegalArgumentException("Ticks: a log axis needs min > 0, got " + min);
        }
        target = Math.max(1, target);
        double decades = Math.log10(max / min);
        List<Double> out = new ArrayList<>();
        int lo = (int) Math.ceil(Math.log10(min) - EPS);
        int hi = (int) Math.floor(Math.log10(max) + EPS);
        if (decades >= 2.5) {
            int stride = Math.max(1, (int) Math.ceil((hi - lo + 1) / (double) target));
            for (int e = lo; e <= hi; e++) {
                if (Math.floorMod(e, stride) == 0) {
                    out.add(pow10(e));
                }
            }
        } else {
            for (int e = lo - 1; e <= hi; e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = m * pow10(e);
                    if (v >= min * (1 - EPS) && v <= max * (1 + EPS)) {
                        out.add(v);
                    }
                }
            }
        }
        if (out.size() < 2) {
            return linear(min, max, target);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The double nearest {@code 10^e}. */
    static double pow10(int e) {
        return e >= 0 ? Math.pow(10, e) : 1 / Math.pow(10, -e);
    }

    /**
     * Labels for linear ticks (evenly spaced, as from {@link #linear}): plain decimals with as many digits as the
     * step needs ({@code 0.25}, {@code 1000}), or {@code 1.5e-5} style when the largest |tick| is ≥ 1e5 or < 1e-3.
     */
    public static String[] labels(double[] ticks) {
        String[] out = new String[ticks.length];
        if (ticks.length == 0) {
            return out;
        }
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]);
        double maxAbs = 0;
        for (double t : ticks) {
            maxAbs = Math.max(maxAbs, Math.abs(t));
        }
        if (step == 0 || maxAbs == 0) {
            step = 1;
        }
        boolean scientific = maxAbs >= 1e5 || maxAbs < 1e-3;
        int stepExp = (int) Math.floor(Math.log10(step) + EPS);
        for (int i = 0; i < ticks.length; i++) {
            double v = ticks[i];
            if (Math.abs(v) < step * 1e-6) {
                out[i] = "0";
            } else if (scientific) {
                int e = (int) Math.floor(Math.log10(Math.abs(v)) + EPS);
                out[i] = scientific(v, Math.max(1, Math.min(6, e - stepExp + 1)));
            } else {
                int decimals = Math.max(0, -stepExp);
                out[i] = String.format(Locale.ROOT, "%." + decimals + "f", v);
            }
        }
        return out;
    }

    /**
     * Labels for log-axis ticks: plain decimals if every tick lies in [0.001, 10000) ({@code 0.002}, {@code 50}),
     * else all in {@code 2e-6} style ({@code 1e0} for one).
     */
    public static String[] logLabels(double[] ticks) {
        String[] out = new String[ticks.length];
        boolean plain = true;
        for (double v : ticks) {
            int e = (int) Math.floor(Math.log10(Math.abs(v)) + EPS);
            plain &= v == 0 || e >= -3 && e <= 3;
        }
        for (int i = 0; i < ticks.length; i++) {
            double v = ticks[i];
            if (v == 0) {
                out[i] = "0";
            } else if (plain) {
                out[i] = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
            } else {
                out[i] = scientific(v, 3);
            }
        }
        return out;
    }

    /** {@code v} as mantissa{@code e}exponent with at most {@code digits} significant digits, e.g. {@code 1.5e-5}. */
    static String scientific(double v, int digits) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits));
        int e = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(e).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + e;
    }

    private static void checkRange(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("Ticks: need finite min <= max, got [" + min + ", " + max + "]");
        }
    }
}
