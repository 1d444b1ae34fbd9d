package org.geodl4j.samples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.geodl4j.manifold.Hyperbolic;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.manifold.Stiefel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The geometry core in one page: distances and geodesics on the Poincaré ball, Möbius addition and its gyration,
 * the same points on the Lorentz hyperboloid (an isometry), the float32/float64 boundary limits, midpoints, and a
 * Cayley retraction on the Stiefel manifold. Every printed identity is checked.
 */
final class GeometryTour implements TourSection {

    @Override
    public String title() {
        return "Geometry core: Poincaré ball, Lorentz hyperboloid, Stiefel";
    }

    @Override
    public Map<String, Object> run(PrintStream out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        DataType f64 = DataType.DOUBLE;
        PoincareBall ball = new PoincareBall(1.0);

        INDArray x = Nd4j.createFromArray(new double[][] {{0.5, 0.0}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0.0, 0.5}});
        INDArray z = Nd4j.createFromArray(new double[][] {{-0.9, 0.1}});
        INDArray o = ball.origin(f64, 1, 2);

        out.println("Poincaré ball, curvature -1 (c = 1), points x = (0.5, 0), y = (0, 0.5), z = (-0.9, 0.1):");
        double dox = scalar(ball.dist(o, x));
        check("d(0,x) = 2 artanh(|x|)", dox, 2 * artanh(0.5), 1e-12);
        out.printf("  d(0, x) = %.6f   (closed form 2·artanh(0.5) = %.6f; Euclidean 0.5)%n", dox, 2 * artanh(0.5));
        double dxy = scalar(ball.dist(x, y));
        double dxz = scalar(ball.dist(x, z));
        out.printf("  d(x, y) = %.6f   (Euclidean %.6f)%n", dxy, Math.sqrt(0.5));
        out.printf("  d(x, z) = %.6f   (Euclidean %.6f) — distances grow without bound towards the boundary%n",
                dxz, Math.hypot(1.4, 0.1));

        INDArray xy = ball.mobiusAdd(x, y);
        INDArray yx = ball.mobiusAdd(y, x);
        INDArray gyr = ball.gyration(x, y, yx);
        double gyrErr = maxAbs(xy.sub(gyr));
        check("x⊕y = gyr[x,y](y⊕x)", gyrErr, 0, 1e-12);
        out.printf("  Möbius addition is not commutative: x⊕y = %s, y⊕x = %s,%n    but x⊕y = gyr[x,y](y⊕x) (max error %.1e)%n",
                row(xy), row(yx), gyrErr);
        double cancel = maxAbs(ball.mobiusAdd(x.neg(), ball.mobiusAdd(x, z)).sub(z));
        check("(-x)⊕(x⊕z) = z", cancel, 0, 1e-12);
        out.printf("  left cancellation (-x)⊕(x⊕z) = z: max error %.1e%n", cancel);

        out.println("  geodesic from x to z (points at t = 0, 1/4, 1/2, 3/4, 1 are equally spaced):");
        INDArray prev = null;
        double maxSeg = 0;
        for (int i = 0; i <= 4; i++) {
            INDArray g = ball.geodesic(x, z, i / 4.0);
            String seg = "";
            if (prev != null) {
                double d = scalar(ball.dist(prev, g));
                maxSeg = Math.max(maxSeg, Math.abs(d - dxz / 4));
                seg = String.format("  segment %.6f", d);
            }
            out.printf("    t=%.2f  %s%s%n", i / 4.0, row(g), seg);
            prev = g;
        }
        check("equal geodesic segments", maxSeg, 0, 1e-9);

        INDArray v = Nd4j.createFromArray(new double[][] {{0.3, -1.2}});
        double expLog = maxAbs(ball.logmap(x, ball.expmap(x, v)).sub(v));
        check("log_x(exp_x(v)) = v", expLog, 0, 1e-9);
        out.printf("  log_x(exp_x(v)) = v: max error %.1e%n", expLog);

        INDArray pts = Nd4j.vstack(x, y, z);
        INDArray mid = ball.weightedMidpoint(pts, null);
        INDArray mean = ball.frechetMean(pts, null, 1000, 1e-12);
        out.printf("  gyromidpoint of {x, y, z} = %s, Fréchet mean = %s%n", row(mid), row(mean));

        out.println();
        out.println("Representational limit at the boundary (points projected to norm (1-eps)/sqrt(c)):");
        INDArray far = Nd4j.createFromArray(new double[][] {{1.0, 0.0}});
        double cap64 = scalar(ball.dist(ball.origin(f64, 1, 2), ball.projx(far)));
        INDArray far32 = far.castTo(DataType.FLOAT);
        double cap32 = scalar(ball.dist(ball.origin(DataType.FLOAT, 1, 2), ball.projx(far32)));
        out.printf("  float64 (eps 1e-5): max d(0,x) = %.2f;  float32 (eps 4e-3): max d(0,x) = %.2f%n", cap64, cap32);
        check("float32 cap finite", Double.isFinite(cap32) ? 0 : 1, 0, 0);
        summary.put("geometry.maxDist.float32", cap32);
        summary.put("geometry.maxDist.float64", cap64);

        out.println();
        out.println("Lorentz hyperboloid, same points (Poincaré → Lorentz is an isometry):");
        Lorentz lorentz = new Lorentz(1.0);
        INDArray lx = Hyperbolic.poincareToLorentz(x, 1.0);
        INDArray lz = Hyperbolic.poincareToLorentz(z, 1.0);
        double ldxz = scalar(lorentz.dist(lx, lz));
        double conv = Math.abs(ldxz - dxz);
        check("Lorentz distance = Poincaré distance", conv, 0, 1e-10);
        out.printf("  x ↦ %s, <x,x>_L = %.12f (expected -1/c = -1)%n", row(lx), scalar(lorentz.minkowskiInner(lx, lx)));
        out.printf("  d_L(x, z) = %.9f vs d_P(x, z) = %.9f (difference %.1e)%n", ldxz, dxz, conv);
        double round = maxAbs(Hyperbolic.lorentzToPoincare(lz, 1.0).sub(z));
        check("round trip", round, 0, 1e-12);
        out.printf("  Lorentz → Poincaré round trip error %.1e%n", round);
        summary.put("geometry.lorentzPoincareDistDiff", conv);

        out.println();
        out.println("Curvature changes the scale: d(x, z) for the same Euclidean points inside every ball:");
        for (double c : new double[] {0.1, 1.0}) {
            PoincareBall b = new PoincareBall(c);
            out.printf("  c = %-4s d(x, z) = %.6f%n", c, scalar(b.dist(x, z)));
        }

        out.println();
        out.println("Stiefel manifold St(6, 3): 200 Cayley-retraction steps with large random tangent moves:");
        Stiefel stiefel = new Stiefel();
        INDArray w = stiefel.randomPoint(7, f64, 6, 3);
        for (int i = 0; i < 200; i++) {
            INDArray u = stiefel.proju(w, Nd4j.getRandomFactory().getNewRandomInstance(100 + i).nextGaussian(new long[] {6, 3}));
            w = stiefel.retr(w, u);
        }
        double orth = maxAbs(w.transpose().mmul(w).sub(Nd4j.eye(3).castTo(f64)));
        check("W^T W = I", orth, 0, 1e-10);
        out.printf("  max |WᵀW − I| = %.1e%n", orth);
        summary.put("geometry.stiefelOrthError", orth);
        summary.put("geometry.expLogError", expLog);
        return summary;
    }

    private static double artanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    private static double scalar(INDArray a) {
        return a.getDouble(0);
    }

    private static double maxAbs(INDArray a) {
        return a.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
    }

    private static String row(INDArray a) {
        double[] d = a.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < d.length; i++) {
            sb.append(String.format("%.4f", d[i])).append(i + 1 < d.length ? ", " : ")");
        }
        return sb.toString();
    }

    private static void check(String what, double value, double expected, double tol) {
        if (!(Math.abs(value - expected) <= tol)) {
            throw new IllegalStateException(what + ": got " + value + ", expected " + expected + " ± " + tol);
        }
    }
}
