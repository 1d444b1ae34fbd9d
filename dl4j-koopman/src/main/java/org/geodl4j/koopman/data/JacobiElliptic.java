package org.geodl4j.koopman.data;

/**
 * Jacobi elliptic functions sn, cn, dn and the complete elliptic integral K, parameter {@code m = k²} (the scipy
 * {@code ellipj}/{@code ellipk} convention), by the arithmetic–geometric mean and descending Landen transformation
 * (Abramowitz &amp; Stegun, Handbook of Mathematical Functions, 16.4 and 17.6). Accurate to about 1e-15 for
 * 0 ≤ m &lt; 1.
 */
public final class JacobiElliptic {

    private static final int MAX_ITER = 64;

    private JacobiElliptic() {
    }

    /** Complete elliptic integral of the first kind {@code K(m) = π / (2 AGM(1, sqrt(1 − m)))}, 0 ≤ m &lt; 1. */
    public static double completeK(double m) {
        checkParameter(m);
        double a = 1, b = Math.sqrt(1 - m);
        for (int i = 0; i < MAX_ITER && Math.abs(a - b) > 1e-16 * a; i++) {
            double an = 0.5 * (a + b);
            b = Math.sqrt(a * b);
            a = an;
        }
        return Math.PI / (2 * a);
    }

    /** {@code {sn(u|m), cn(u|m), dn(u|m)}} for 0 ≤ m &lt; 1. */
    public static double[] sncndn(double u, double m) {
        checkParameter(m);
        if (m < 1e-14) {
            return new double[] {Math.sin(u), Math.cos(u), 1.0};
        }
        double[] a = new double[MAX_ITER + 1];
        double[] c = new double[MAX_ITER + 1];
        a[0] = 1;
        double b = Math.sqrt(1 - m);
        c[0] = Math.sqrt(m);
        int n = 0;
        while (Math.abs(c[n]) > 1e-16 && n < MAX_ITER) {
            a[n + 1] = 0.5 * (a[n] + b);
            c[n + 1] = 0.5 * (a[n] - b);
            b = Math.sqrt(a[n] * b);
            n++;
        }
        double phi = Math.scalb(a[n] * u, n);
        double phiPrev = phi;
        for (int j = n; j >= 1; j--) {
            phiPrev = phi;
            phi = 0.5 * (phi + Math.asin(c[j] / a[j] * Math.sin(phi)));
        }
        double sn = Math.sin(phi);
        double cn = Math.cos(phi);
        double dn = cn / Math.cos(phiPrev - phi);
        if (!Double.isFinite(dn)) {
            dn = Math.sqrt(1 - m * sn * sn);
        }
        return new double[] {sn, cn, dn};
    }

    private static void checkParameter(double m) {
        if (!(m >= 0 && m < 1)) {
            throw new IllegalArgumentException("Jacobi elliptic parameter m must be in [0, 1), got " + m);
        }
    }
}
