package org.geodl4j.updater;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Approximate orthogonalisation of a matrix by the quintic Newton–Schulz iteration used by Muon.
 *
 * <pre>
 *   X_0     = G / (||G||_F + eps)                      (spectral norm &lt;= 1)
 *   if rows &gt; cols: work on X^T                       (Gram matrix is min(rows, cols)^2)
 *   A       = X_k X_k^T
 *   X_{k+1} = a X_k + (b A + c A^2) X_k                (k = 0 .. steps-1)
 * </pre>
 *
 * Each step maps every singular value {@code s} of {@code X} to {@code phi(s) = a s + b s^3 + c s^5}; with
 * {@code (a, b, c) = (3.4445, -4.7750, 2.0315)} and 5 steps the output is {@code U S' V^T} with {@code S'} in about
 * {@code [0.68, 1.14]} for singular values above 1% of {@code ||G||_F} (1 is not a fixed point: {@code phi(1) = 0.701},
 * the values oscillate in a band). The map is transpose-equivariant and invariant to positive scaling of {@code G}.
 *
 * <p>Reference: K. Jordan et al., "Muon: An optimizer for hidden layers in neural networks", blog post, 2024
 * ({@code KellerJordan/Muon muon.py}, {@code zeropower_via_newtonschulz5}).
 *
 * <p>Convention: the reference runs in bfloat16 on GPU; this implementation runs in the input's data type.
 */
public final class NewtonSchulz {

    /** Linear coefficient {@code a} of the quintic (maximal slope at 0 subject to a bounded limit band). */
    public static final double DEFAULT_A = 3.4445;
    /** Cubic coefficient {@code b}. */
    public static final double DEFAULT_B = -4.7750;
    /** Quintic coefficient {@code c}. */
    public static final double DEFAULT_C = 2.0315;
    /** Number of iterations. */
    public static final int DEFAULT_STEPS = 5;
    /** Added to the Frobenius norm before dividing (guards a zero gradient). */
    public static final double DEFAULT_EPS = 1e-7;

    private NewtonSchulz() {
    }

    /** {@link #newtonSchulz} with the default coefficients, 5 steps and eps 1e-7. */
    public static INDArray newtonSchulz5(INDArray g) {
        return newtonSchulz(g, DEFAULT_STEPS, DEFAULT_A, DEFAULT_B, DEFAULT_C, DEFAULT_EPS);
    }

    /**
     * Runs {@code steps} quintic Newton–Schulz iterations on the matrix {@code g} (not modified).
     *
     * @param g     a rank-2 matrix, any orientation
     * @param steps number of iterations (&gt;= 0; 0 returns the normalised input)
     * @param a     linear coefficient
     * @param b     cubic coefficient
     * @param c     quintic coefficient
     * @param eps   added to {@code ||g||_F} before normalising
     * @return a new matrix of {@code g}'s shape and data type, approximately {@code U V^T}
     * @throws IllegalArgumentException if {@code g} is not rank 2 or {@code steps} is negative
     */
    public static INDArray newtonSchulz(INDArray g, int steps, double a, double b, double c, double eps) {
        if (g.rank() != 2) {
            throw new IllegalArgumentException("newtonSchulz: expected a matrix (rank 2) but got shape "
                    + Arrays.toString(g.shape()));
        }
        if (steps < 0) {
            throw new IllegalArgumentException("newtonSchulz: expected steps >= 0 but got " + steps);
        }
        boolean tall = g.rows() > g.columns();
        INDArray x = (tall ? g.transpose() : g).dup('c');
        x.divi(x.norm2Number().doubleValue() + eps);
        for (int k = 0; k < steps; k++) {
            INDArray gram = x.mmul(x.transpose());
            INDArray poly = gram.mmul(gram).muli(c);
            poly.addi(gram.muli(b));
            INDArray next = poly.mmul(x);
            next.addi(x.muli(a));
            x = next;
        }
        return tall ? x.transpose().dup('c') : x;
    }
}
