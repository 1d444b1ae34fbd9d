package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Lorentz#mlrLogits} (Bdéir et al. 2024, HyperbolicCV {@code LMLR}) in float64: eager and SameDiff forms against
 * a scalar loop written the way HyperbolicCV writes it ({@code beta = sqrt(||w_s||^2 - w_t^2)},
 * {@code sign(alpha) beta |arsinh(sqrt(c) alpha / beta)| / sqrt(c)}), the origin law {@code logit = -||z|| a}, the
 * distance law (|logit|/||z|| equals the geodesic distance to the foot of the perpendicular), and a SameDiff gradient
 * check; float32 with large offsets and far points stays finite.
 */
class LorentzMlrTest {

    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** HyperbolicCV's LMLR formula, one logit at a time, in plain double arithmetic. */
    static double hyperbolicCv(double c, double[] x, double[] z, double a) {
        double sc = Math.sqrt(c);
        double zn2 = 0;
        double xz = 0;
        for (int i = 0; i < z.length; i++) {
            zn2 += z[i] * z[i];
            xz += x[i + 1] * z[i];
        }
        double wt = Math.sinh(sc * a) * Math.sqrt(zn2);
        double ws2 = Math.cosh(sc * a) * Math.cosh(sc * a) * zn2;
        double beta = Math.sqrt(ws2 - wt * wt);
        double alpha = -wt * x[0] + Math.cosh(sc * a) * xz;
        double u = sc * alpha / beta;
        double asinh = Math.log(Math.abs(u) + Math.sqrt(u * u + 1));
        return Math.signum(alpha) * beta * asinh / sc;
    }

    @Test
    void eagerAndSameDiffMatchTheHyperbolicCvFormula() {
        for (double c : new double[] {0.4, 1.0, 2.3}) {
            Lorentz l = new Lorentz(c);
            INDArray x = LorentzSamples.points(c, 3, 12, 3, 3.0);
            INDArray z = LorentzSamples.gaussian(5, 3, 4);
            INDArray a = LorentzSamples.gaussian(6, 1, 4).muli(0.7);
            INDArray eager = l.mlrLogits(x, z, a);
            SameDiff sd = SameDiff.create();
            SDVariable out = Lorentz.mlrLogits(sd.constant("x", x), sd.constant("z", z), sd.constant("a", a),
                    sd.constant("c", Nd4j.scalar(D, c)));
            INDArray viaSd = out.eval();
            double err = 0;
            double errSd = 0;
            for (int i = 0; i < x.rows(); i++) {
                for (int k = 0; k < z.columns(); k++) {
                    double ref = hyperbolicCv(c, x.getRow(i).toDoubleVector(), z.getColumn(k).toDoubleVector(),
                            a.getDouble(0, k));
                    err = Math.max(err, Math.abs(eager.getDouble(i, k) - ref) / Math.max(1, Math.abs(ref)));
                    errSd = Math.max(errSd, Math.abs(viaSd.getDouble(i, k) - ref) / Math.max(1, Math.abs(ref)));
                }
            }
            System.out.println("[lorentz mlr] c=" + c + " eager " + err + ", SameDiff " + errSd);
            assertTrue(err < 1e-12 && errSd < 1e-12, "c=" + c + ": eager " + err + ", SameDiff " + errSd);
        }
    }

    @Test
    void atTheOriginTheLogitIsMinusNormTimesOffset() {
        double c = 1.7;
        Lorentz l = new Lorentz(c);
        INDArray z = LorentzSamples.gaussian(8, 2, 3);
        INDArray a = Nd4j.create(new double[][] {{-1.2, 0.0, 2.5}});
        INDArray logits = l.mlrLogits(l.origin(D, 1, 3), z, a);
        INDArray expected = z.norm2(true, 0).muli(a).negi();
        assertTrue(logits.equalsWithEps(expected, 1e-12), logits + " vs " + expected);
    }

    @Test
    void logitOverNormIsTheSignedDistanceToTheHyperplane() {
        // hyperplane with normal e_1 through the origin (a = 0): {x_1 = 0}; its reflection x -> (x_0, -x_1, x_2) is an
        // isometry, so the distance to the hyperplane is half the distance between x and its mirror image
        double c = 0.6;
        Lorentz l = new Lorentz(c);
        INDArray x = LorentzSamples.points(c, 9, 10, 2, 4.0);
        INDArray z = Nd4j.create(new double[][] {{2.0}, {0.0}});
        INDArray logits = l.mlrLogits(x, z, Nd4j.zeros(D, 1, 1));
        INDArray mirror = x.dup();
        mirror.getColumn(1).negi();
        INDArray halfDist = l.dist(x, mirror).muli(0.5);
        INDArray signed = halfDist.mul(Nd4j.math().sign(x.getColumn(1).reshape(-1, 1)));
        assertTrue(logits.div(2.0).equalsWithEps(signed, 1e-10), logits.div(2.0) + " vs " + signed);
    }

    @Test
    void sameDiffGradientCheckPassesIncludingCurvature() {
        SameDiff sd = SameDiff.create();
        double c = 0.9;
        SDVariable x = sd.var("x", LorentzSamples.points(c, 4, 5, 3, 2.0));
        SDVariable z = sd.var("z", LorentzSamples.gaussian(2, 3, 3));
        SDVariable a = sd.var("a", LorentzSamples.gaussian(3, 1, 3).muli(0.5));
        SDVariable cv = sd.var("c", Nd4j.scalar(D, c));
        SDVariable out = Lorentz.mlrLogits(x, z, a, cv);
        out.mul(sd.constant(LorentzSamples.gaussian(7, 5, 3))).sum().markAsLoss();
        assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, true));
    }

    @Test
    void float32StaysFiniteForLargeOffsetsAndFarPoints() {
        SameDiff sd = SameDiff.create();
        DataType f = DataType.FLOAT;
        double c = 1.0;
        INDArray x = LorentzSamples.points(c, 4, 20, 3, 15.0).castTo(f);
        SDVariable xv = sd.var("x", x);
        SDVariable z = sd.var("z", LorentzSamples.gaussian(2, 3, 4).muli(100).castTo(f));
        SDVariable a = sd.var("a", Nd4j.create(new double[][] {{-20, -5, 5, 20}}).castTo(f));
        SDVariable out = Lorentz.mlrLogits(xv, z, a, sd.constant(Nd4j.scalar(f, c)));
        out.sum().markAsLoss();
        INDArray logits = out.eval();
        Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "z", "a");
        assertTrue(finite(logits), "logits " + logits);
        for (Map.Entry<String, INDArray> e : g.entrySet()) {
            assertTrue(finite(e.getValue()), "gradient of " + e.getKey() + ": " + e.getValue());
        }
    }

    static boolean finite(INDArray a) {
        return !a.isNaN().any() && !a.isInfinite().any();
    }
}
