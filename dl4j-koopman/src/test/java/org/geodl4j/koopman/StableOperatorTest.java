package org.geodl4j.koopman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StableOperatorTest {

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static KoopmanAutoencoder model(OperatorType op, int l, int q) {
        return KoopmanAutoencoder.builder().stateDim(2).encoderHidden(3).latentDim(l).realModes(q).operator(op)
                .steps(2).dataType(DataType.DOUBLE).build();
    }

    /**
     * 10⁴ random STABLE operators (and 2·10³ LRU) have ρ &lt; 1 by an independent solver and eigenvalues equal to
     * the formula; the operators come from the double twin, checked against the SameDiff graph every 500 draws.
     */
    @Test
    void randomStableAndLruOperatorsHaveSpectralRadiusBelowOneAndFormulaEigenvalues() {
        Random rnd = new Random(7);
        int[][] shapes = {{2, 0}, {3, 1}, {4, 0}, {5, 1}, {6, 2}};
        int draws = 0;
        double worstMatch = 0;
        double maxRadius = 0;
        for (int[] sh : shapes) {
            int l = sh[0];
            int q = sh[1];
            int p = (l - q) / 2;
            KoopmanAutoencoder m = model(OperatorType.STABLE, l, q);
            for (int t = 0; t < 2000; t++) {
                double[][] skew = new double[l][l];
                for (double[] row : skew) {
                    for (int j = 0; j < l; j++) {
                        row[j] = 2 * rnd.nextGaussian();
                    }
                }
                double[] rho = gauss(rnd, p, 3);
                double[] theta = gauss(rnd, p, 3);
                double[] real = gauss(rnd, q, 3);
                double[][] k = KoopmanAutoencoder.stableOperator(skew, rho, theta, real);
                List<Eigenvalue> formula = new java.util.ArrayList<>();
                for (int i = 0; i < p; i++) {
                    double r = 1 / (1 + Math.exp(-rho[i]));
                    formula.add(new Eigenvalue(r * Math.cos(theta[i]), r * Math.sin(theta[i])));
                    formula.add(new Eigenvalue(r * Math.cos(theta[i]), -r * Math.sin(theta[i])));
                }
                for (double s : real) {
                    formula.add(new Eigenvalue(Math.tanh(s), 0));
                }
                if (t % 500 == 0) {
                    m.paramTable().get("K_skew").assign(Nd4j.createFromArray(skew));
                    if (p > 0) {
                        m.paramTable().get("K_rho").assign(Nd4j.createFromArray(rho));
                        m.paramTable().get("K_theta").assign(Nd4j.createFromArray(theta));
                    }
                    if (q > 0) {
                        m.paramTable().get("K_real").assign(Nd4j.createFromArray(real));
                    }
                    assertMatrixEquals(k, KoopmanAutoencoder.toDouble(m.operator()));
                    assertTrue(IndependentEigen.matchError(IndependentEigen.eigenvalues(k), m.spectrum()) < 1e-6);
                }
                double[][] eig = IndependentEigen.eigenvalues(k);
                worstMatch = Math.max(worstMatch, IndependentEigen.matchError(eig, formula));
                for (int i = 0; i < eig[0].length; i++) {
                    double r = Math.hypot(eig[0][i], eig[1][i]);
                    maxRadius = Math.max(maxRadius, r);
                    assertTrue(r < 1, "spectral radius " + r + " >= 1 for STABLE " + l);
                }
                draws++;
            }
        }
        assertEquals(10_000, draws);
        assertTrue(worstMatch < 1e-6, "eigenvalues differ from the formula by " + worstMatch);
        KoopmanAutoencoder m = model(OperatorType.LRU, 4, 0);
        for (int t = 0; t < 2000; t++) {
            double[] nu = gauss(rnd, 2, 2);
            double[] lt = gauss(rnd, 2, 2);
            double[][] k = KoopmanAutoencoder.lruOperator(nu, lt);
            if (t % 500 == 0) {
                m.paramTable().get("K_nu").assign(Nd4j.createFromArray(nu));
                m.paramTable().get("K_logtheta").assign(Nd4j.createFromArray(lt));
                assertMatrixEquals(k, KoopmanAutoencoder.toDouble(m.operator()));
            }
            double[][] eig = IndependentEigen.eigenvalues(k);
            for (int i = 0; i < eig[0].length; i++) {
                assertTrue(Math.hypot(eig[0][i], eig[1][i]) < 1);
            }
        }
        System.out.println("StableOperatorTest: max radius " + maxRadius + ", worst formula mismatch " + worstMatch);
    }

    private static double[] gauss(Random rnd, int n, double scale) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = scale * rnd.nextGaussian();
        }
        return r;
    }

    private static void assertMatrixEquals(double[][] expected, double[][] actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[i][j], actual[i][j], 1e-12);
            }
        }
    }

    /** exp of the (soft-normalised) skew matrix is orthogonal and equals a long Taylor series in double. */
    @Test
    void skewExponentialIsOrthogonalAndMatchesTaylorReference() {
        Random rnd = new Random(3);
        for (int n : new int[] {2, 3, 5, 8}) {
            double[][] a = new double[n][n];
            for (double[] row : a) {
                for (int j = 0; j < n; j++) {
                    row[j] = 1.5 * rnd.nextGaussian();
                }
            }
            SameDiff sd = SameDiff.create();
            SDVariable av = sd.var("a", Nd4j.createFromArray(a));
            double[][] q = KoopmanAutoencoder.toDouble(SpectralOps.skewExponential(sd, av, n).eval());
            // reference: S_eff = β S / sqrt(β² + ‖S‖²_F), exp by 80-term Taylor
            double beta = Math.PI * Math.sqrt(n);
            double[][] s = new double[n][n];
            double fro2 = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    s[i][j] = a[i][j] - a[j][i];
                    fro2 += s[i][j] * s[i][j];
                }
            }
            double sc = beta / Math.sqrt(beta * beta + fro2);
            double[][] term = new double[n][n];
            double[][] ref = new double[n][n];
            for (int i = 0; i < n; i++) {
                term[i][i] = 1;
                ref[i][i] = 1;
                for (int j = 0; j < n; j++) {
                    s[i][j] *= sc;
                }
            }
            for (int k = 1; k < 80; k++) {
                term = IndependentEigen.mul(term, s);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        term[i][j] /= k;
                        ref[i][j] += term[i][j];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(ref[i][j], q[i][j], 1e-11, "exp(S) entry " + i + "," + j + " n=" + n);
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += q[r][i] * q[r][j];
                    }
                    assertEquals(i == j ? 1 : 0, dot, 1e-12, "QᵀQ entry " + i + "," + j + " n=" + n);
                }
            }
        }
    }

    /** The gradient of ⟨C, exp(S(A))⟩ by SameDiff equals central differences. */
    @Test
    void skewExponentialGradientMatchesFiniteDifferences() {
        Random rnd = new Random(11);
        int n = 3;
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("a", Nd4j.rand(DataType.DOUBLE, n, n).subi(0.5).muli(3));
        SDVariable c = sd.constant(Nd4j.randn(DataType.DOUBLE, n, n));
        sd.identity("f", SpectralOps.skewExponential(sd, a, n).mul(c).sum());
        sd.setLossVariables("f");
        double worst = FiniteDifferences.worstRelativeError(sd, Map.of(), "f", List.of("a"), 1e-6, 1e-9);
        assertTrue(worst < 1e-6, "worst relative error " + worst);
        assertTrue(rnd != null);
    }

    /** The production QR eigen-solver agrees with the independent one on random non-normal matrices. */
    @Test
    void qrEigenSolverMatchesIndependentSolver() {
        Random rnd = new Random(5);
        for (int t = 0; t < 300; t++) {
            int n = 2 + t % 6;
            double[][] a = new double[n][n];
            for (double[] row : a) {
                for (int j = 0; j < n; j++) {
                    row[j] = rnd.nextGaussian();
                }
            }
            List<Eigenvalue> qr = ComplexQrEigenvalues.eigenvalues(a);
            assertEquals(n, qr.size());
            assertTrue(IndependentEigen.matchError(IndependentEigen.eigenvalues(a), qr) < 1e-7);
        }
    }
}
