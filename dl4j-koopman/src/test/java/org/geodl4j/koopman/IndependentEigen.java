package org.geodl4j.koopman;

/**
 * Test-only eigenvalues of a small real matrix, independent of {@link ComplexQrEigenvalues}: the characteristic
 * polynomial by Faddeev–LeVerrier, its roots by Durand–Kerner (Weierstrass) iteration, then one Newton polish.
 */
final class IndependentEigen {

    private IndependentEigen() {
    }

    /** Roots as {@code [re[], im[]]}. */
    static double[][] eigenvalues(double[][] a) {
        int n = a.length;
        double[] c = new double[n + 1];
        c[n] = 1;
        double[][] m = new double[n][n];
        for (int k = 1; k <= n; k++) {
            double[][] am = mul(a, m);
            for (int i = 0; i < n; i++) {
                am[i][i] += c[n - k + 1];
            }
            m = am;
            double[][] amk = mul(a, m);
            double tr = 0;
            for (int i = 0; i < n; i++) {
                tr += amk[i][i];
            }
            c[n - k] = -tr / k;
        }
        double[] zr = new double[n];
        double[] zi = new double[n];
        for (int i = 0; i < n; i++) {
            double ang = 2 * Math.PI * i / n + 0.4;
            zr[i] = 0.9 * Math.cos(ang);
            zi[i] = 0.9 * Math.sin(ang);
        }
        for (int it = 0; it < 2000; it++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                double[] p = poly(c, zr[i], zi[i]);
                double dr = 1;
                double di = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double er = zr[i] - zr[j];
                        double ei = zi[i] - zi[j];
                        double t = dr * er - di * ei;
                        di = dr * ei + di * er;
                        dr = t;
                    }
                }
                double den = dr * dr + di * di;
                double qr = (p[0] * dr + p[1] * di) / den;
                double qi = (p[1] * dr - p[0] * di) / den;
                zr[i] -= qr;
                zi[i] -= qi;
                change = Math.max(change, Math.hypot(qr, qi));
            }
            if (change < 1e-15) {
                break;
            }
        }
        return new double[][] {zr, zi};
    }

    private static double[] poly(double[] c, double xr, double xi) {
        double pr = 0;
        double pi = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            double t = pr * xr - pi * xi + c[k];
            pi = pr * xi + pi * xr;
            pr = t;
        }
        return new double[] {pr, pi};
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        double[][] r = new double[n][b[0].length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    r[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return r;
    }

    /** Max over the expected eigenvalues of the distance to a distinct matched computed one (greedy). */
    static double matchError(double[][] computed, java.util.List<Eigenvalue> expected) {
        int n = computed[0].length;
        boolean[] used = new boolean[n];
        double worst = 0;
        for (Eigenvalue e : expected) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double d = Math.hypot(computed[0][i] - e.re(), computed[1][i] - e.im());
                if (!used[i] && d < bd) {
                    bd = d;
                    best = i;
                }
            }
            used[best] = true;
            worst = Math.max(worst, bd);
        }
        return worst;
    }
}
