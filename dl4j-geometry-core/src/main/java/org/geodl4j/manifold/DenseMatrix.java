package org.geodl4j.manifold;

import java.util.Arrays;

/**
 * A small dense real matrix in float64, row-major, for the per-point linear algebra of matrix manifolds (one Stiefel
 * point at a time): products, an LU solve, the matrix exponential, the orthonormal factor of a QR decomposition and
 * the polar factor. Package-private: callers outside the manifold package use {@link Stiefel}'s verbs.
 *
 * <p>Every operation returns a new matrix; none modifies its operands.
 */
final class DenseMatrix {

    /** Number of rows. */
    final int rows;
    /** Number of columns. */
    final int cols;
    /** Entries, row-major: entry (i, j) is {@code a[i * cols + j]}. */
    final double[] a;

    DenseMatrix(int rows, int cols) {
        this(rows, cols, new double[rows * cols]);
    }

    private DenseMatrix(int rows, int cols, double[] a) {
        this.rows = rows;
        this.cols = cols;
        this.a = a;
    }

    /** A copy of the {@code rows x cols} block stored row-major in {@code src} from {@code offset}. */
    static DenseMatrix copyOf(double[] src, int offset, int rows, int cols) {
        return new DenseMatrix(rows, cols, Arrays.copyOfRange(src, offset, offset + rows * cols));
    }

    /** The first {@code p} columns of the {@code n x n} identity. */
    static DenseMatrix identity(int n, int p) {
        DenseMatrix m = new DenseMatrix(n, p);
        for (int i = 0; i < Math.min(n, p); i++) {
            m.a[i * p + i] = 1.0;
        }
        return m;
    }

    /** Writes the entries row-major into {@code dst} from {@code offset}. */
    void copyInto(double[] dst, int offset) {
        System.arraycopy(a, 0, dst, offset, a.length);
    }

    double get(int i, int j) {
        return a[i * cols + j];
    }

    /** {@code this * b}. */
    DenseMatrix times(DenseMatrix b) {
        requireShape(cols == b.rows, "times", b);
        DenseMatrix c = new DenseMatrix(rows, b.cols);
        for (int i = 0; i < rows; i++) {
            int ci = i * b.cols;
            for (int k = 0; k < cols; k++) {
                double aik = a[i * cols + k];
                if (aik == 0.0) {
                    continue;
                }
                int bk = k * b.cols;
                for (int j = 0; j < b.cols; j++) {
                    c.a[ci + j] += aik * b.a[bk + j];
                }
            }
        }
        return c;
    }

    /** {@code this^T * b}. */
    DenseMatrix transposeTimes(DenseMatrix b) {
        requireShape(rows == b.rows, "transposeTimes", b);
        DenseMatrix c = new DenseMatrix(cols, b.cols);
        for (int k = 0; k < rows; k++) {
            int ak = k * cols;
            int bk = k * b.cols;
            for (int i = 0; i < cols; i++) {
                double aki = a[ak + i];
                if (aki == 0.0) {
                    continue;
                }
                int ci = i * b.cols;
                for (int j = 0; j < b.cols; j++) {
                    c.a[ci + j] += aki * b.a[bk + j];
                }
            }
        }
        return c;
    }

    DenseMatrix transpose() {
        DenseMatrix t = new DenseMatrix(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t.a[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** {@code this + s * b}. */
    DenseMatrix plusScaled(double s, DenseMatrix b) {
        requireShape(rows == b.rows && cols == b.cols, "plusScaled", b);
        DenseMatrix c = new DenseMatrix(rows, cols);
        for (int i = 0; i < a.length; i++) {
            c.a[i] = a[i] + s * b.a[i];
        }
        return c;
    }

    /** {@code s * this}. */
    DenseMatrix scaled(double s) {
        DenseMatrix c = new DenseMatrix(rows, cols);
        for (int i = 0; i < a.length; i++) {
            c.a[i] = s * a[i];
        }
        return c;
    }

    /** The symmetric part {@code (this + this^T)/2} of a square matrix. */
    DenseMatrix symmetricPart() {
        requireShape(rows == cols, "symmetricPart", this);
        DenseMatrix s = new DenseMatrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                s.a[i * cols + j] = 0.5 * (a[i * cols + j] + a[j * cols + i]);
            }
        }
        return s;
    }

    /** {@code [this, b]}: the columns of {@code b} appended to those of this. */
    DenseMatrix besides(DenseMatrix b) {
        requireShape(rows == b.rows, "besides", b);
        DenseMatrix c = new DenseMatrix(rows, cols + b.cols);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a, i * cols, c.a, i * c.cols, cols);
            System.arraycopy(b.a, i * b.cols, c.a, i * c.cols + cols, b.cols);
        }
        return c;
    }

    /** {@code [this; b]}: the rows of {@code b} appended below those of this. */
    DenseMatrix above(DenseMatrix b) {
        requireShape(cols == b.cols, "above", b);
        DenseMatrix c = new DenseMatrix(rows + b.rows, cols);
        System.arraycopy(a, 0, c.a, 0, a.length);
        System.arraycopy(b.a, 0, c.a, a.length, b.a.length);
        return c;
    }

    /** The block of rows {@code [r0, r1)} and columns {@code [c0, c1)}. */
    DenseMatrix block(int r0, int r1, int c0, int c1) {
        DenseMatrix c = new DenseMatrix(r1 - r0, c1 - c0);
        for (int i = r0; i < r1; i++) {
            System.arraycopy(a, i * cols + c0, c.a, (i - r0) * c.cols, c.cols);
        }
        return c;
    }

    /** {@code sum_ij this_ij * b_ij} = {@code tr(this^T b)}. */
    double frobeniusDot(DenseMatrix b) {
        requireShape(rows == b.rows && cols == b.cols, "frobeniusDot", b);
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b.a[i];
        }
        return s;
    }

    /** Largest absolute row sum (the induced infinity norm). */
    double normInf() {
        double best = 0.0;
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            for (int j = 0; j < cols; j++) {
                s += Math.abs(a[i * cols + j]);
            }
            best = Math.max(best, s);
        }
        return best;
    }

    /**
     * Solves {@code this * Z = b} for square {@code this} by LU decomposition with partial pivoting (Golub &amp; Van
     * Loan, Matrix Computations, 4th ed., Alg. 3.4.1).
     *
     * @throws ArithmeticException if a pivot is exactly zero or not finite (singular or non-finite matrix)
     */
    DenseMatrix solve(DenseMatrix b) {
        requireShape(rows == cols && rows == b.rows, "solve", b);
        int n = rows;
        double[] lu = a.clone();
        double[] z = b.a.clone();
        int m = b.cols;
        for (int k = 0; k < n; k++) {
            int piv = k;
            double best = Math.abs(lu[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(lu[i * n + k]);
                if (v > best) {
                    best = v;
                    piv = i;
                }
            }
            if (!(best > 0.0) || Double.isInfinite(best)) {
                throw new ArithmeticException("DenseMatrix.solve: singular or non-finite " + n + "x" + n
                        + " matrix (pivot " + best + " in column " + k + ")");
            }
            if (piv != k) {
                swapRows(lu, n, k, piv);
                swapRows(z, m, k, piv);
            }
            double pivot = lu[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double f = lu[i * n + k] / pivot;
                if (f == 0.0) {
                    continue;
                }
                lu[i * n + k] = f;
                for (int j = k + 1; j < n; j++) {
                    lu[i * n + j] -= f * lu[k * n + j];
                }
                for (int j = 0; j < m; j++) {
                    z[i * m + j] -= f * z[k * m + j];
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            double pivot = lu[k * n + k];
            for (int j = 0; j < m; j++) {
                double s = z[k * m + j];
                for (int i = k + 1; i < n; i++) {
                    s -= lu[k * n + i] * z[i * m + j];
                }
                z[k * m + j] = s / pivot;
            }
        }
        return new DenseMatrix(n, m, z);
    }

    private static void swapRows(double[] x, int width, int r1, int r2) {
        for (int j = 0; j < width; j++) {
            double t = x[r1 * width + j];
            x[r1 * width + j] = x[r2 * width + j];
            x[r2 * width + j] = t;
        }
    }

    /** Degree of the diagonal Padé approximant used by {@link #expm()}. */
    private static final int PADE_DEGREE = 6;

    /**
     * The matrix exponential {@code e^A} of a square matrix by scaling and squaring with the diagonal [6/6] Padé
     * approximant (Golub &amp; Van Loan, Matrix Computations, 4th ed., Alg. 9.3.1; Moler &amp; Van Loan, "Nineteen dubious
     * ways to compute the exponential of a matrix", SIAM Review 2003). {@code A} is scaled by {@code 2^-j} so that
     * {@code ||A/2^j||_inf <= 1/2}, where the relative backward error bound of the approximant is
     * {@code 2^(3-2q) (q!)^2 / ((2q)! (2q+1)!) = 3.4e-16} for {@code q = 6}, then squared {@code j} times.
     */
    DenseMatrix expm() {
        requireShape(rows == cols, "expm", this);
        int n = rows;
        double norm = normInf();
        if (!Double.isFinite(norm)) {
            throw new ArithmeticException("DenseMatrix.expm: matrix has non-finite entries");
        }
        int j = norm > 0.5 ? (int) Math.ceil(Math.log(norm / 0.5) / Math.log(2.0)) : 0;
        DenseMatrix x = scaled(Math.scalb(1.0, -j));
        DenseMatrix id = identity(n, n);
        DenseMatrix num = id;
        DenseMatrix den = id;
        DenseMatrix power = id;
        double c = 1.0;
        int q = PADE_DEGREE;
        for (int k = 1; k <= q; k++) {
            c = c * (q - k + 1) / ((double) (2 * q - k + 1) * k);
            power = x.times(power);
            num = num.plusScaled(c, power);
            den = den.plusScaled((k % 2 == 0) ? c : -c, power);
        }
        DenseMatrix f = den.solve(num);
        for (int k = 0; k < j; k++) {
            f = f.times(f);
        }
        return f;
    }

    /**
     * The orthonormal factor {@code Q} (same shape, {@code rows >= cols}) of the thin QR decomposition with a positive
     * diagonal of {@code R}, by modified Gram-Schmidt applied twice ("twice is enough": Giraud, Langou &amp; Rozložník,
     * Computers &amp; Mathematics with Applications 2005), which keeps {@code ||Q^T Q - I||} at rounding level for
     * numerically full-rank input.
     *
     * @throws ArithmeticException if a column is numerically dependent on the previous ones
     */
    DenseMatrix orthonormalFactor() {
        requireShape(rows >= cols, "orthonormalFactor", this);
        double[][] q = columnsOf(this);
        for (int j = 0; j < cols; j++) {
            double before = norm(q[j]);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    axpy(-dot(q[i], q[j]), q[i], q[j]);
                }
            }
            double r = norm(q[j]);
            if (!(r > 1e-12 * before)) {
                throw new ArithmeticException("DenseMatrix.orthonormalFactor: column " + j
                        + " is numerically dependent on the previous ones (residual " + r + ")");
            }
            scale(q[j], 1.0 / r);
        }
        return fromColumns(rows, q);
    }

    /** Relative threshold below which a singular value is treated as zero by {@link #polarFactor()}. */
    private static final double RANK_TOL = 1e-13;
    /** Safety cap on one-sided Jacobi sweeps (convergence is quadratic; a handful of sweeps is typical). */
    private static final int MAX_JACOBI_SWEEPS = 80;

    /**
     * The orthonormal polar factor {@code U V^T} of a tall matrix {@code A = U S V^T} ({@code rows >= cols}), the
     * nearest matrix with orthonormal columns in the Frobenius norm (Higham, Functions of Matrices, SIAM 2008, Thm.
     * 8.4). The SVD is computed by one-sided Jacobi rotations (Hestenes 1958; Demmel &amp; Veselić, SIAM J. Matrix
     * Anal. Appl. 1992), which orthogonalise the columns of {@code A V} to machine precision. Directions of (numerically)
     * zero singular values, where the polar factor is not unique, are completed by Gram-Schmidt against the
     * identity so the result still has orthonormal columns.
     */
    DenseMatrix polarFactor() {
        requireShape(rows >= cols, "polarFactor", this);
        int p = cols;
        double[][] w = columnsOf(this);
        double[][] v = columnsOf(identity(p, p));
        double tol = Math.max(1e-15, rows * Math.ulp(1.0));
        for (int sweep = 0; sweep < MAX_JACOBI_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < p - 1; i++) {
                for (int k = i + 1; k < p; k++) {
                    double alpha = dot(w[i], w[i]);
                    double beta = dot(w[k], w[k]);
                    double gamma = dot(w[i], w[k]);
                    if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta) || gamma == 0.0) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2.0 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1.0 + zeta * zeta));
                    if (zeta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.sqrt(1.0 + t * t);
                    double s = c * t;
                    rotate(w[i], w[k], c, s);
                    rotate(v[i], v[k], c, s);
                }
            }
            if (!rotated) {
                break;
            }
        }
        double sMax = 0.0;
        double[] sigma = new double[p];
        for (int i = 0; i < p; i++) {
            sigma[i] = norm(w[i]);
            sMax = Math.max(sMax, sigma[i]);
        }
        boolean[] kept = new boolean[p];
        for (int i = 0; i < p; i++) {
            kept[i] = sigma[i] > RANK_TOL * sMax && sigma[i] > 0.0;
            if (kept[i]) {
                scale(w[i], 1.0 / sigma[i]);
            }
        }
        completeOrthonormal(w, kept);
        // U V^T = sum_i u_i v_i^T
        DenseMatrix out = new DenseMatrix(rows, p);
        for (int i = 0; i < p; i++) {
            for (int r = 0; r < rows; r++) {
                double ur = w[i][r];
                if (ur == 0.0) {
                    continue;
                }
                for (int c = 0; c < p; c++) {
                    out.a[r * p + c] += ur * v[i][c];
                }
            }
        }
        return out;
    }

    /** Replaces the columns not {@code kept} by unit vectors orthogonal to all others (Gram-Schmidt on e_1, e_2, ...). */
    private void completeOrthonormal(double[][] u, boolean[] kept) {
        int next = 0;
        for (int i = 0; i < u.length; i++) {
            if (kept[i]) {
                continue;
            }
            while (true) {
                double[] e = new double[rows];
                e[next++] = 1.0;
                for (int pass = 0; pass < 2; pass++) {
                    for (int k = 0; k < u.length; k++) {
                        if (kept[k]) {
                            axpy(-dot(u[k], e), u[k], e);
                        }
                    }
                }
                double r = norm(e);
                if (r > 0.5) {
                    scale(e, 1.0 / r);
                    u[i] = e;
                    kept[i] = true;
                    break;
                }
            }
        }
    }

    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int r = 0; r < x.length; r++) {
            double xr = x[r];
            double yr = y[r];
            x[r] = c * xr - s * yr;
            y[r] = s * xr + c * yr;
        }
    }

    private static double[][] columnsOf(DenseMatrix m) {
        double[][] c = new double[m.cols][m.rows];
        for (int i = 0; i < m.rows; i++) {
            for (int j = 0; j < m.cols; j++) {
                c[j][i] = m.a[i * m.cols + j];
            }
        }
        return c;
    }

    private static DenseMatrix fromColumns(int rows, double[][] c) {
        DenseMatrix m = new DenseMatrix(rows, c.length);
        for (int j = 0; j < c.length; j++) {
            for (int i = 0; i < rows; i++) {
                m.a[i * c.length + j] = c[j][i];
            }
        }
        return m;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    private static void scale(double[] x, double s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
    }

    private void requireShape(boolean ok, String op, DenseMatrix other) {
        if (!ok) {
            throw new IllegalArgumentException("DenseMatrix." + op + ": incompatible shapes " + rows + "x" + cols
                    + " and " + other.rows + "x" + other.cols);
        }
    }
}
