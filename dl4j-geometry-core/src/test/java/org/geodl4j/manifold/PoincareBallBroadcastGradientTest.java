package org.geodl4j.manifold;

import static org.geodl4j.manifold.BallSamples.points;
import static org.geodl4j.manifold.BallSamples.vectors;
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
 * Gradient checks of the two-point SameDiff ops with <b>one</b> base point {@code [1, D]} against many points
 * {@code [M, D]} (broadcast), with a {@code [1, 1]} curvature variable as a layer holds it: the batch-norm pattern
 * {@code logmap(m, x)}, {@code transp(m, mu, u)}, {@code dist(m, x)}, {@code expmap(mu, v)}. ND4J 1.0.0-M2.1's
 * broadcasting-division backward pass got the denominator's gradient wrong here before {@code logmap}/{@code transp}
 * used products with reciprocals.
 */
class PoincareBallBroadcastGradientTest {

    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void oneBasePointAgainstManyPointsHasExactGradients() {
        List<String> failures = new ArrayList<>();
        check("logmap(m, x)", (v, c) -> PoincareBall.logmap(v.apply("m"), v.apply("x"), c), failures);
        check("dist(m, x)", (v, c) -> PoincareBall.dist(v.apply("m"), v.apply("x"), c), failures);
        check("expmap(m, u)", (v, c) -> PoincareBall.expmap(v.apply("m"), v.apply("u"), c), failures);
        check("transp(m, mu, u)", (v, c) -> PoincareBall.transp(v.apply("m"), v.apply("mu"), v.apply("u"), c),
                failures);
        check("transp(x, m, u)", (v, c) -> PoincareBall.transp(v.apply("x"), v.apply("m"), v.apply("u"), c),
                failures);
        assertTrue(failures.isEmpty(), "gradient check failed for " + failures);
    }

    private static void check(String label, BiFunction<Function<String, SDVariable>, SDVariable, SDVariable> op,
                              List<String> failures) {
        double c = 0.8;
        SameDiff sd = SameDiff.create();
        Map<String, INDArray> values = Map.of("m", points(1, 1, 3, c, 0.3, 0.6, D),
                "x", points(2, 4, 3, c, 0.1, 0.9, D), "u", vectors(3, 4, 3, 0.1, 1.5, D),
                "mu", points(4, 1, 3, c, 0.2, 0.5, D));
        Function<String, SDVariable> var = name -> sd.hasVariable(name) ? sd.getVariable(name)
                : sd.var(name, values.get(name).dup());
        SDVariable cv = sd.var("c", Nd4j.create(new double[][] {{c}}));
        SDVariable out = op.apply(var, cv);
        INDArray probe = vectors(5, 4, (int) out.eval().size(1), 0.5, 2.0, D);
        sd.setLossVariables(out.mul(sd.constant("probe", probe)).sum());
        if (!GradCheckUtil.checkGradients(sd, new HashMap<>(), 1e-6, 1e-5, 1e-8, false, false)) {
            failures.add(label);
        }
    }
}
