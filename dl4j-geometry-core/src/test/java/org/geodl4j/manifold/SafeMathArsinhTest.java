package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link SafeMath#arsinh} in float32 and float64, eager and SameDiff, against a float64 reference over
 * {@code ±[1e-30, 1e30]} and 0: ND4J's own {@code asinh} returns {@code -inf} for {@code x < -4e3}, 0 below 6e-8 and
 * {@code +inf} above 1.8e19 in float32; the safe form must be accurate there and have finite, correct gradients.
 */
class SafeMathArsinhTest {

    /** arsinh in float64: Taylor series to t^9 below 1e-2, else Java's accurate log1p (x^2 finite below 1e150). */
    static double reference(double x) {
        double t = Math.abs(x);
        double t2 = t * t;
        double r = t < 1e-2 ? t * (1 + t2 * (-1.0 / 6 + t2 * (3.0 / 40 + t2 * (-5.0 / 112 + t2 * 35.0 / 1152))))
                : Math.log1p(t + t2 / (1 + Math.sqrt(1 + t2)));
        return Math.copySign(r, x);
    }

    static double[] arguments() {
        List<Double> l = new ArrayList<>();
        l.add(0.0);
        for (int e = -300; e <= 300; e++) {
            double t = Math.pow(10, e / 10.0);
            l.add(t);
            l.add(-t);
        }
        l.add(1e-2);
        l.add(1.0);
        l.add(-1.0);
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void eagerArsinhIsAccurateInFloat32AndFloat64() {
        double[] xs = arguments();
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.createFromArray(xs).castTo(dt);
            INDArray y = SafeMath.arsinh(x);
            double tol = dt == DataType.FLOAT ? 3e-7 : 1e-13;
            assertAccurate(dt + " eager", x, y, tol);
        }
    }

    @Test
    void sameDiffArsinhIsAccurateWithFiniteExactGradients() {
        double[] xs = arguments();
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.createFromArray(xs).castTo(dt));
            SDVariable y = SafeMath.arsinh(x);
            y.sum().markAsLoss();
            Map<String, INDArray> out = sd.output(Map.of(), y.name());
            double tol = dt == DataType.FLOAT ? 3e-7 : 1e-13;
            INDArray xv = x.getArr();
            assertAccurate(dt + " SameDiff", xv, out.get(y.name()), tol);
            INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
            int checked = 0;
            for (int i = 0; i < xs.length; i++) {
                double xi = xv.getDouble(i);
                double gi = g.getDouble(i);
                double t = Math.abs(xi);
                double ref = t < 1 ? 1 / Math.sqrt(1 + t * t) : 1 / (t * Math.sqrt(1 + 1 / (t * t)));
                assertTrue(Double.isFinite(gi), dt + ": gradient at " + xi + " is " + gi);
                // float32 beyond 1e15: R(|x|) and |x| R'(|x|) (each ~log(2|x|)/|x|) cancel to 1/|x| near the
                // denormal range; the gradient is then only required to be finite and tiny
                if (dt == DataType.FLOAT && t > 1e15) {
                    assertTrue(Math.abs(gi) < 1e-14, dt + ": d arsinh/dx at " + xi + " = " + gi);
                } else {
                    assertEquals(ref, gi, ref * (dt == DataType.FLOAT ? 5e-5 : 1e-12), dt + ": d arsinh/dx at " + xi);
                    checked++;
                }
            }
            assertEquals(1.0, g.getDouble(0), 0.0, dt + ": gradient at exactly 0");
            assertTrue(checked > 200, "checked " + checked);
        }
    }

    private static void assertAccurate(String what, INDArray x, INDArray y, double rtol) {
        double worst = 0;
        double worstAt = 0;
        for (int i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i);
            double ref = reference(xi);
            double yi = y.getDouble(i);
            assertTrue(Double.isFinite(yi), what + ": arsinh(" + xi + ") = " + yi);
            double err = ref == 0 ? Math.abs(yi) : Math.abs(yi - ref) / Math.abs(ref);
            if (err > worst) {
                worst = err;
                worstAt = xi;
            }
        }
        System.out.println("[arsinh] " + what + ": max relative error " + worst + " at x = " + worstAt);
        assertTrue(worst <= rtol, what + ": relative error " + worst + " at x = " + worstAt);
    }
}
