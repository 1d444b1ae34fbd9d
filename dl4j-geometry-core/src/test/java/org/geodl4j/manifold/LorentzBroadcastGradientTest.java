package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks of the Lorentz SameDiff ops with <b>one</b> base point {@code [1, n+1]} against many points or
 * vectors {@code [M, n+1]}, with a {@code [1, 1]} curvature variable (the batch-norm pattern). ND4J 1.0.0-M2.1's
 * broadcasting-division backward pass got the divisor's gradient wrong in {@code transp}, {@code transp0} and
 * {@code transp0back} before they divided through {@code divideBroadcast}.
 */
class LorentzBroadcastGradientTest {

    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void oneBasePointAgainstManyPointsHasExactGradients() {
        List<String> failures = new ArrayList<>();
        check("logmap(m, x)", (v, c) -> Lorentz.logmap(v.apply("m"), v.apply("x"), c), failures);
        check("dist(m, x)", (v, c) -> Lorentz.dist(v.apply("m"), v.apply("x"), c), failures);
        check("expmap(m, u)", (v, c) -> Lorentz.expmap(v.apply("m"), v.apply("u"), c), failures);
        check("transp(m, mu, u)", (v, c) -> Lorentz.transp(v.apply("m"), v.apply("mu"), v.apply("u"), c), failures);
        check("transp0back(m, u)", (v, c) -> Lorentz.transp0back(v.apply("m"), v.apply("u"), c), failures);
        check("transp0(mu, u)", (v, c) -> Lorentz.transp0(v.apply("mu"), v.apply("u"), c), failures);
        assertTrue(failures.isEmpty(), "gradient check failed for " + failures);
    }

    private static void check(String label, BiFunction<Function<String, SDVariable>, SDVariable, SDVariable> op,
                              List<String> failures) {
        double c = 0.8;
        Lorentz l = new Lorentz(c);
        SameDiff sd = SameDiff.create();
        Map<String, INDArray> values = Map.of("m", l.randomPoint(1, D, 1, 4), "x", l.randomPoint(2, D, 4, 4),
                "u", Nd4j.rand(D, 4, 4).subi(0.5), "mu", l.randomPoint(4, D, 1, 4));
        Function<String, SDVariable> var = name -> sd.hasVariable(name) ? sd.getVariable(name)
                : sd.var(name, values.get(name).dup());
        SDVariable cv = sd.var("c", Nd4j.create(new double[][] {{c}}));
        SDVariable out = op.apply(var, cv);
        INDArray probe = Nd4j.rand(D, 4, out.eval().size(1)).addi(0.5);
        sd.setLossVariables(out.mul(sd.constant("probe", probe)).sum());
        if (!GradCheckUtil.checkGradients(sd, new HashMap<>(), 1e-6, 1e-5, 1e-8, false, false)) {
            failures.add(label);
        }
    }
}
