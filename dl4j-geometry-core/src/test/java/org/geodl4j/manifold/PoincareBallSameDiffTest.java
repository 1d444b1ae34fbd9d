package org.geodl4j.manifold;

import static org.geodl4j.manifold.BallSamples.maxAbsDiff;
import static org.geodl4j.manifold.BallSamples.points;
import static org.geodl4j.manifold.BallSamples.vectors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff forms of {@link PoincareBall} against the INDArray forms (float64 parity, with the curvature a
 * trainable variable), and SameDiff gradient checks of every SameDiff op with respect to its inputs and {@code c}.
 * {@link #everySameDiffOpHasACase()} fails when a public SameDiff op has no case here.
 */
class PoincareBallSameDiffTest {

    private static final DataType D = DataType.DOUBLE;
    private static final double[] CURVATURES = {0.3, 1.0, 2.5};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** One SameDiff op: its inputs (by role), its SameDiff form and its INDArray twin. */
    record Case(String op, String label, List<String> inputs,
                BiFunction<Map<String, SDVariable>, SDVariable, SDVariable> sameDiff,
                BiFunction<PoincareBall, Map<String, INDArray>, INDArray> eager) {
    }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        l.add(new Case("projx", "projx", List.of("xFar"),
                (v, c) -> PoincareBall.projx(v.get("xFar"), c), (b, a) -> b.projx(a.get("xFar"))));
        l.add(new Case("lambda", "lambda", List.of("x"),
                (v, c) -> PoincareBall.lambda(v.get("x"), c), (b, a) -> b.lambda(a.get("x"))));
        l.add(new Case("mobiusAdd", "mobiusAdd", List.of("x", "y"),
                (v, c) -> PoincareBall.mobiusAdd(v.get("x"), v.get("y"), c), (b, a) -> b.mobiusAdd(a.get("x"), a.get("y"))));
        l.add(new Case("mobiusSub", "mobiusSub", List.of("x", "y"),
                (v, c) -> PoincareBall.mobiusSub(v.get("x"), v.get("y"), c), (b, a) -> b.mobiusSub(a.get("x"), a.get("y"))));
        l.add(new Case("mobiusScalarMul", "mobiusScalarMul(scalar r)", List.of("rScalar", "x"),
                (v, c) -> PoincareBall.mobiusScalarMul(v.get("rScalar"), v.get("x"), c),
                (b, a) -> b.mobiusScalarMul(a.get("rScalar").getDouble(0), a.get("x"))));
        l.add(new Case("mobiusScalarMul", "mobiusScalarMul(r per point)", List.of("r", "x"),
                (v, c) -> PoincareBall.mobiusScalarMul(v.get("r"), v.get("x"), c),
                (b, a) -> b.mobiusScalarMul(a.get("r"), a.get("x"))));
        l.add(new Case("mobiusMatVec", "mobiusMatVec", List.of("w", "x"),
                (v, c) -> PoincareBall.mobiusMatVec(v.get("w"), v.get("x"), c),
                (b, a) -> b.mobiusMatVec(a.get("w"), a.get("x"))));
        l.add(new Case("gyration", "gyration", List.of("x", "y", "u"),
                (v, c) -> PoincareBall.gyration(v.get("x"), v.get("y"), v.get("u"), c),
                (b, a) -> b.gyration(a.get("x"), a.get("y"), a.get("u"))));
        l.add(new Case("expmap0", "expmap0", List.of("u"),
                (v, c) -> PoincareBall.expmap0(v.get("u"), c), (b, a) -> b.expmap0(a.get("u"))));
        l.add(new Case("logmap0", "logmap0", List.of("y"),
                (v, c) -> PoincareBall.logmap0(v.get("y"), c), (b, a) -> b.logmap0(a.get("y"))));
        l.add(new Case("expmap", "expmap", List.of("x", "u"),
                (v, c) -> PoincareBall.expmap(v.get("x"), v.get("u"), c), (b, a) -> b.expmap(a.get("x"), a.get("u"))));
        l.add(new Case("logmap", "logmap", List.of("x", "y"),
                (v, c) -> PoincareBall.logmap(v.get("x"), v.get("y"), c), (b, a) -> b.logmap(a.get("x"), a.get("y"))));
        l.add(new Case("geodesic", "geodesic(t = 0.3), eager: Möbius form", List.of("x", "y"),
                (v, c) -> PoincareBall.geodesic(v.get("x"), v.get("y"), 0.3, c),
                (b, a) -> b.geodesic(a.get("x"), a.get("y"), 0.3)));
        l.add(new Case("dist", "dist", List.of("x", "y"),
                (v, c) -> PoincareBall.dist(v.get("x"), v.get("y"), c), (b, a) -> b.dist(a.get("x"), a.get("y"))));
        l.add(new Case("transp", "transp", List.of("x", "y", "u"),
                (v, c) -> PoincareBall.transp(v.get("x"), v.get("y"), v.get("u"), c),
                (b, a) -> b.transp(a.get("x"), a.get("y"), a.get("u"))));
        l.add(new Case("transp0", "transp0", List.of("y", "u"),
                (v, c) -> PoincareBall.transp0(v.get("y"), v.get("u"), c), (b, a) -> b.transp0(a.get("y"), a.get("u"))));
        l.add(new Case("transp0back", "transp0back", List.of("y", "u"),
                (v, c) -> PoincareBall.transp0back(v.get("y"), v.get("u"), c),
                (b, a) -> b.transp0back(a.get("y"), a.get("u"))));
        l.add(new Case("weightedMidpoint", "weightedMidpoint(uniform)", List.of("x"),
                (v, c) -> PoincareBall.weightedMidpoint(v.get("x"), null, c),
                (b, a) -> b.weightedMidpoint(a.get("x"), null)));
        l.add(new Case("weightedMidpoint", "weightedMidpoint(weights)", List.of("x", "weights"),
                (v, c) -> PoincareBall.weightedMidpoint(v.get("x"), v.get("weights"), c),
                (b, a) -> b.weightedMidpoint(a.get("x"), a.get("weights"))));
        l.add(new Case("mlrLogits", "mlrLogits", List.of("x", "w", "rRow"),
                (v, c) -> PoincareBall.mlrLogits(v.get("x"), v.get("w"), v.get("rRow"), c),
                (b, a) -> b.mlrLogits(a.get("x"), a.get("w"), a.get("rRow"))));
        l.add(new Case("pointFromHyperplaneDistances", "pointFromHyperplaneDistances", List.of("u"),
                (v, c) -> PoincareBall.pointFromHyperplaneDistances(v.get("u"), c),
                (b, a) -> b.pointFromHyperplaneDistances(a.get("u"))));
        return l;
    }

    /** Inputs by role: points inside the ball and near its boundary, tangent vectors, a weight matrix. */
    static Map<String, INDArray> inputs(long seed, int n, int dim, double c, double nearFrac) {
        Map<String, INDArray> m = new HashMap<>();
        m.put("x", mixed(seed, n, dim, c, 0.0, 0.8, 0.85, nearFrac));
        m.put("y", mixed(seed + 2, n, dim, c, 0.0, 0.8, 0.85, nearFrac));
        // inside and outside the ball (projx must clip the latter)
        m.put("xFar", mixed(seed + 4, n, dim, c, 0.0, 0.9, 1.1, 3.0));
        m.put("u", vectors(seed + 6, n, dim, 0.05, 2.0, D));
        m.put("w", vectors(seed + 7, dim, dim + 1, 0.3, 1.5, D));
        m.put("r", vectors(seed + 8, n, 1, 0.2, 3.0, D));
        m.put("rRow", vectors(seed + 10, 1, dim + 1, 0.2, 1.0, D));
        m.put("rScalar", Nd4j.scalar(D, 0.7));
        m.put("weights", Nd4j.math().abs(vectors(seed + 9, n, 1, 0.1, 2.0, D).reshape(n)));
        return m;
    }

    /** First half of the rows with norms in {@code [lo1, hi1]}, the rest in {@code [lo2, hi2]} (times the radius). */
    static INDArray mixed(long seed, int n, int dim, double c, double lo1, double hi1, double lo2, double hi2) {
        if (n == 1) {
            return points(seed, 1, dim, c, lo1, hi1, D);
        }
        return Nd4j.vstack(points(seed, n / 2, dim, c, lo1, hi1, D), points(seed + 1, n - n / 2, dim, c, lo2, hi2, D));
    }

    /** Builds the case in a fresh graph with every input and {@code c} as trainable variables. */
    static SameDiff build(Case k, Map<String, INDArray> in, double c, String[] outName) {
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> vars = new LinkedHashMap<>();
        for (String role : k.inputs()) {
            vars.put(role, sd.var(role, in.get(role).dup()));
        }
        SDVariable cv = sd.var("c", Nd4j.scalar(D, c));
        SDVariable out = k.sameDiff().apply(vars, cv);
        outName[0] = out.name();
        return sd;
    }

    @Test
    void everySameDiffOpHasACase() {
        TreeSet<String> sameDiffOps = new TreeSet<>();
        for (Method m : PoincareBall.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == SDVariable.class) {
                sameDiffOps.add(m.getName());
            }
        }
        TreeSet<String> covered = cases().stream().map(Case::op).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sameDiffOps, covered);
        assertEquals(19, sameDiffOps.size(), "number of SameDiff ops: " + sameDiffOps);
    }

    @Test
    void sameDiffFormsMatchIndArrayFormsWithCurvatureAsVariable() {
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (double c : CURVATURES) {
            Map<String, INDArray> in = inputs(100, 64, 5, c, 0.999);
            PoincareBall ball = new PoincareBall(c);
            for (Case k : cases()) {
                String[] out = new String[1];
                SameDiff sd = build(k, in, c, out);
                INDArray got = sd.outputSingle(new HashMap<>(), out[0]);
                INDArray expected = k.eager().apply(ball, in);
                assertArrayEquals(expected.shape(), got.shape(), k.label());
                // relative to the magnitude (lambda and transp0back grow like 1/(1 - c||x||^2))
                double err = maxAbsDiff(got, expected) / Math.max(1.0, expected.amaxNumber().doubleValue());
                worst = Math.max(worst, err);
                if (err > 1e-10) {
                    report.append(k.label()).append(" c=").append(c).append(": ").append(err).append('\n');
                }
            }
        }
        assertTrue(report.length() == 0, "SameDiff vs INDArray mismatch > 1e-10:\n" + report);
        System.out.println("PoincareBall SameDiff/INDArray parity: max relative error " + worst);
    }

    @Test
    void sameDiffGradientsMatchFiniteDifferencesForInputsAndCurvature() {
        List<String> failures = new ArrayList<>();
        List<Case> all = cases();
        for (int i = 0; i < all.size(); i++) {
            Case k = all.get(i);
            // one curvature per case in turn (the parity test covers every curvature for every op)
            double c = CURVATURES[i % CURVATURES.length];
            // points up to 0.95 of the radius and moderate vectors: away from the clamps and the projection kink
            Map<String, INDArray> in = inputs(200 + i, 4, 3, c, 0.95);
            if (k.op().equals("projx")) {
                in.put("xFar", Nd4j.vstack(points(300, 2, 3, c, 0.1, 0.9, D), points(301, 2, 3, c, 1.2, 2.0, D)));
            }
            if (!gradientCheck(k, in, c, 400 + i)) {
                failures.add(k.label() + " c=" + c);
            }
            // a batch of one point (broadcasting [1, D] against [1, 1] has its own backward path in ND4J)
            if (!gradientCheck(k, inputs(500 + i, 1, 3, 1.7, 0.95), 1.7, 600 + i)) {
                failures.add(k.label() + " single point");
            }
        }
        assertTrue(failures.isEmpty(), "gradient check failed for " + failures);
    }

    /** Gradient check of {@code sum(out * probe)} (a fixed random probe) w.r.t. every input and c. */
    private static boolean gradientCheck(Case k, Map<String, INDArray> in, double c, long probeSeed) {
        String[] out = new String[1];
        SameDiff sd = build(k, in, c, out);
        SDVariable o = sd.getVariable(out[0]);
        long[] shape = o.eval().shape();
        INDArray probe = vectors(probeSeed, (int) shape[0], (int) shape[1], 0.5, 2.0, D);
        sd.setLossVariables(o.mul(sd.constant("probe", probe)).sum());
        return GradCheckUtil.checkGradients(sd, new HashMap<>(), 1e-6, 1e-5, 1e-8, false, false);
    }
}
