package org.geodl4j.koopman;

import java.util.ArrayList;
import java.util.List;

/**
 * Eigenvalues of a small dense real matrix by the shifted QR algorithm in complex arithmetic (Givens rotations,
 * Wilkinson shift from the trailing 2×2 block, deflation of the last row, an exceptional shift every 11 stalled
 * iterations). Cost O(n³) per iteration on the full matrix — meant for latent operators (n ≲ 64), not for large
 * matrices. Used by {@link KoopmanAutoencoder#spectrum()} for the unconstrained operator, whose eigenvalues have no
 * closed form (ND4J has no general eigen-solver).
 */
final class ComplexQrEigenvalues {

    /** Relative size of the last row's off-diagonal part at which its diagonal entry is accepted as an eigenvalue. */
    static final double DEFLATION_TOLERANCE = 1e-14;
    /** Iterations allowed per eigenvalue before giving up. */
    static final int MAX_ITERATIONS_PER_EIGENVALUE = 500;

    private ComplexQrEigenvalues() {
    }

    /** Eigenvalues of the square matrix {@code a} (row-major {@code a[i][j]}), in deflation order. */
    static List<Eigenvalue> eigenvalues(double[][] a) {
        int n = a.length;
        double[][] re = new double[n][n];
        double[][] im = new double[n][n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("eigenvalues: matrix is not square (row " + i + " has "
                        + a[i].length + " entries, expected " + n + ")");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("eigenvalues: entry (" + i + "," + j + ") is " + a[i][j]);
                }
                re[i][j] = a[i][j];
                norm = Math.max(norm, Math.abs(a[i][j]));
            }
        }
        List<Eigenvalue> out = new ArrayList<>(n);
        int m = n;
        int iter = 0;
        while (m > 0) {
            if (m == 1) {
                out.add(new Eigenvalue(re[0][0], im[0][0]));
                break;
            }
            int l = m - 1;
            double off = 0;
            for (int k = 0; k < l; k++) {
                off = Math.max(off, Math.hypot(re[l][k], im[l][k]));
            }
            double scale = Math.hypot(re[l][l], im[l][l]) + Math.hypot(re[l - 1][l - 1], im[l - 1][l - 1]);
            if (scale == 0) {
                scale = norm;
            }
            if (off <= DEFLATION_TOLERANCE * scale || off == 0) {
                out.add(new Eigenvalue(re[l][l], im[l][l]));
                m--;
                iter = 0;
                continue;
            }
            if (++iter > MAX_ITERATIONS_PER_EIGENVALUE) {
                throw new ArithmeticException("eigenvalues: QR iteration did not converge for a " + n + "x" + n
                        + " matrix");
            }
            double[] mu = iter % 11 == 0
                    ? new double[] {re[l][l] + 0.75 * off, im[l][l] + 0.4 * off}
                    : wilkinsonShift(re[l - 1][l - 1], im[l - 1][l - 1], re[l - 1][l], im[l - 1][l],
                            re[l][l - 1], im[l][l - 1], re[l][l], im[l][l]);
            qrStep(re, im, m, mu[0], mu[1]);
        }
        return out;
    }

    /** The eigenvalue of {@code [[a, b], [c, d]]} closer to d. */
    private static double[] wilkinsonShift(double ar, double ai, double br, double bi, double cr, double ci,
                                           double dr, double di) {
        // λ = (a+d)/2 ± sqrt(((a−d)/2)² + bc)
        double hr = (ar - dr) / 2;
        double hi = (ai - di) / 2;
        double qr = hr * hr - hi * hi + (br * cr - bi * ci);
        double qi = 2 * hr * hi + (br * ci + bi * cr);
        double[] s = csqrt(qr, qi);
        double mr = (ar + dr) / 2;
        double mi = (ai + di) / 2;
        double l1r = mr + s[0];
        double l1i = mi + s[1];
        double l2r = mr - s[0];
        double l2i = mi - s[1];
        return Math.hypot(l1r - dr, l1i - di) <= Math.hypot(l2r - dr, l2i - di)
                ? new double[] {l1r, l1i} : new double[] {l2r, l2i};
    }

    private static double[] csqrt(double x, double y) {
        double r = Math.hypot(x, y);
        double sr = Math.sqrt((r + x) / 2);
        double si = Math.copySign(Math.sqrt(Math.max(0, (r - x) / 2)), y);
        return new double[] {sr, si};
    }

    /** One shifted QR step on the leading m×m block: A − μI = QR, A ← RQ + μI (Givens rotations). */
    private static void qrStep(double[][] re, double[][] im, int m, double mur, double mui) {
        for (int i = 0; i < m; i++) {
            re[i][i] -= mur;
            im[i][i] -= mui;
        }
        int maxRot = m * (m - 1) / 2;
        double[] cs = new double[maxRot];
        double[] sr = new double[maxRot];
        double[] si = new double[maxRot];
        int[] row = new int[maxRot];
        int nRot = 0;
        for (int j = 0; j < m - 1; j++) {
            for (int i = m - 1; i > j; i--) {
                double xr = re[i - 1][j];
                double xi = im[i - 1][j];
                double yr = re[i][j];
                double yi = im[i][j];
                double ay = Math.hypot(yr, yi);
                if (ay == 0) {
                    continue;
                }
                double ax = Math.hypot(xr, xi);
                double r = Math.hypot(ax, ay);
                double c;
                double gr;
                double gi;
                if (ax == 0) {
                    c = 0;
                    gr = 1;
                    gi = 0;
                } else {
                    c = ax / r;
                    // s = (x/|x|) * conj(y) / r
                    double ur = xr / ax;
                    double ui = xi / ax;
                    gr = (ur * yr + ui * yi) / r;
                    gi = (ui * yr - ur * yi) / r;
                }
                // rows (i-1, i): new_{i-1} = c·r_{i-1} + s·r_i ; new_i = −conj(s)·r_{i-1} + c·r_i
                for (int k = 0; k < m; k++) {
                    double pr = re[i - 1][k];
                    double pi = im[i - 1][k];
                    double qr = re[i][k];
                    double qi = im[i][k];
                    re[i - 1][k] = c * pr + (gr * qr - gi * qi);
                    im[i - 1][k] = c * pi + (gr * qi + gi * qr);
                    re[i][k] = -(gr * pr + gi * pi) + c * qr;
                    im[i][k] = -(gr * pi - gi * pr) + c * qi;
                }
                re[i][j] = 0;
                im[i][j] = 0;
                cs[nRot] = c;
                sr[nRot] = gr;
                si[nRot] = gi;
                row[nRot] = i;
                nRot++;
            }
        }
        // A ← R · G_1^H · G_2^H · ...; G^H = [[c, −s], [conj(s), c]] acting on columns (i-1, i)
        for (int t = 0; t < nRot; t++) {
            int i = row[t];
            double c = cs[t];
            double gr = sr[t];
            double gi = si[t];
            for (int k = 0; k < m; k++) {
                double ar = re[k][i - 1];
                double ai = im[k][i - 1];
                double br = re[k][i];
                double bi = im[k][i];
                // new_{i-1} = a·c + b·conj(s); new_i = −a·s + b·c
                re[k][i - 1] = ar * c + (br * gr + bi * gi);
                im[k][i - 1] = ai * c + (bi * gr - br * gi);
                re[k][i] = -(ar * gr - ai * gi) + br * c;
                im[k][i] = -(ar * gi + ai * gr) + bi * c;
            }
        }
        for (int i = 0; i < m; i++) {
            re[i][i] += mur;
            im[i][i] += mui;
        }
    }
}
