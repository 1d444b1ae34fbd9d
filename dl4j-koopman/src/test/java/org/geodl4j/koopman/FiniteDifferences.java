package org.geodl4j.koopman;

import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central-difference gradient check of a SameDiff scalar output with respect to its variables (double precision). */
final class FiniteDifferences {

    private FiniteDifferences() {
    }

    /**
     * Compares SameDiff's gradient of {@code loss} w.r.t. each variable in {@code vars} with central differences
     * (step {@code eps}); returns the worst relative error, where entries with |analytic| and |numeric| both below
     * {@code minAbs} count as agreeing.
     */
    static double worstRelativeError(SameDiff sd, Map<String, INDArray> placeholders, String loss, List<String> vars,
                                     double eps, double minAbs) {
        Map<String, INDArray> grads = sd.calculateGradients(placeholders, vars);
        double worst = 0;
        for (String v : vars) {
            INDArray arr = sd.getVariable(v).getArr();
            INDArray g = grads.get(v);
            INDArray flat = arr.reshape(arr.length());
            INDArray gflat = g.reshape(g.length());
            for (long i = 0; i < arr.length(); i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + eps);
                double up = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, orig - eps);
                double down = sd.output(placeholders, loss).get(loss).getDouble(0);
                flat.putScalar(i, orig);
                double num = (up - down) / (2 * eps);
                double ana = gflat.getDouble(i);
                if (Math.abs(num) < minAbs && Math.abs(ana) < minAbs) {
                    continue;
                }
                double rel = Math.abs(num - ana) / Math.max(Math.abs(num), Math.abs(ana));
                if (rel > worst) {
                    worst = rel;
                }
                if (rel > 1e-3) {
                    System.out.println("FD mismatch " + v + "[" + i + "]: analytic " + ana + " numeric " + num);
                }
            }
        }
        return worst;
    }
}
