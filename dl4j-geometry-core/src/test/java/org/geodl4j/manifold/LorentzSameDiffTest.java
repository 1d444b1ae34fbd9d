package org.geodl4j.manifold;

import static org.geodl4j.manifold.LorentzSamples.directions;
import static org.geodl4j.manifold.LorentzSamples.gaussian;
import static org.geodl4j.manifold.LorentzSamples.logUniform;
import static org.geodl4j.manifold.LorentzSamples.maxAbs;
import static org.geodl4j.manifold.LorentzSamples.points;
import static org.geodl4j.manifold.LorentzSamples.tangentsWithNorms;
import static org.geodl4j.manifold.LorentzSamples.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Every SameDiff form in {@link Lorentz} and {@link Hyperbolic} agrees with its eager twin (float64, 1e-10) and has
 * correct gradients w.r.t. its inputs and the curvature variable {@code c} (GradCheckUtil, float64, central differences
 * with step 1e-6, max relative error 1e-5).
 */
class LorentzSameDiffTest {

    private static final double[] CURVATURES = {0.3, 1.0, 2.5};
    private static final int ROWS = 2;
    private static final int DIM = 3;

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** Named inputs for one curvature. */
    private static Map<String, INDArray> inputs(double c) {
        Lorentz m = new Lorentz(c);
        Map<String, INDArray> in = new HashMap<>();
        INDArray x = points(c, 1, ROWS, DIM, 2.0);
        INDArray y = points(c, 2, ROWS, DIM, 2.0);
        in.put("x", x);
        in.put("y", y);
        in.put("a", gaussian(3, ROWS, DIM + 1));
        in.put("u", tangentsWithNorms(c, x, 4, logUniform(5, ROWS, 0.2, 2.0)));
        in.put("v", tangentsWithNorms(c, y, 6, logUniform(7, ROWS, 0.2, 2.0)));
        INDArray small = tangentsWithNorms(c, x, 8, logUniform(9, ROWS, 1e-3, 1e-2));
        in.put("uSmall", small);
        in.put("yNear", m.expmap(x, small));
        INDArray us = gaussian(10, ROWS, DIM);
        in.put("us", us);
        in.put("u0", Nd4j.hstack(Nd4j.zeros(DataType.DOUBLE, ROWS, 1), us));
        in.put("p", directions(11, ROWS, DIM).muliColumnVector(uniform(12, ROWS).muli(0.9 / Math.sqrt(c))));
        in.put("w", uniform(13, ROWS).reshape(ROWS).addi(0.2));
        in.put("c", Nd4j.scalar(DataType.DOUBLE, c));
        in.put("zMlr", gaussian(14, DIM, 4));
        in.put("aMlr", gaussian(15, 1, 4).muli(0.5));
        in.put("r", Nd4j.valueArrayOf(new long[] {1, 1}, -0.7, DataType.DOUBLE));
        // batches of one row: ND4J's div backward is wrong for [1, D] / [1, 1] (see Lorentz.divideBroadcast)
        for (String name : new String[] {"x", "y", "u", "p"}) {
            in.put(name + "1", in.get(name).getRow(0, true).dup());
        }
        return in;
    }

    /** One SameDiff method applied to named inputs, with the eager expression it must match. */
    private record OpCase(String method, String label,
                          Function<Function<String, SDVariable>, SDVariable> sameDiff,
                          BiFunction<Map<String, INDArray>, Double, INDArray> eager) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Lorentz l(double c) {
        return new Lorentz(c);
    }

    /**
     * Independent closed form of the hyperboloid geodesic:
     * {@code gamma(t) = [sinh((1 - t) theta) x + sinh(t theta) y] / sinh(theta)}, {@code theta = sqrt(c) d(x, y)}.
     */
    private static INDArray slerp(INDArray x, INDArray y, double t, double c) {
        INDArray theta = l(c).dist(x, y).reshape(x.size(0), 1).mul(Math.sqrt(c));
        INDArray s = Transforms.sinh(theta, true);
        return x.mulColumnVector(Transforms.sinh(theta.mul(1 - t), true).div(s))
                .add(y.mulColumnVector(Transforms.sinh(theta.mul(t), true).div(s)));
    }

    private static List<OpCase> cases() {
        List<OpCase> cs = new ArrayList<>();
        cs.add(new OpCase("Lorentz.minkowskiInner", "minkowskiInner(x, y)",
                v -> Lorentz.minkowskiInner(v.apply("x"), v.apply("y")),
                (in, c) -> l(c).minkowskiInner(in.get("x"), in.get("y"))));
        cs.add(new OpCase("Lorentz.projx", "projx(a)",
                v -> Lorentz.projx(v.apply("a"), v.apply("c")), (in, c) -> l(c).projx(in.get("a"))));
        cs.add(new OpCase("Lorentz.proju", "proju(x, a)",
                v -> Lorentz.proju(v.apply("x"), v.apply("a"), v.apply("c")), (in, c) -> l(c).proju(in.get("x"), in.get("a"))));
        cs.add(new OpCase("Lorentz.expmap", "expmap(x, u)",
                v -> Lorentz.expmap(v.apply("x"), v.apply("u"), v.apply("c")), (in, c) -> l(c).expmap(in.get("x"), in.get("u"))));
        cs.add(new OpCase("Lorentz.expmap", "expmap(x, small u)",
                v -> Lorentz.expmap(v.apply("x"), v.apply("uSmall"), v.apply("c")),
                (in, c) -> l(c).expmap(in.get("x"), in.get("uSmall"))));
        cs.add(new OpCase("Lorentz.logmap", "logmap(x, y)",
                v -> Lorentz.logmap(v.apply("x"), v.apply("y"), v.apply("c")), (in, c) -> l(c).logmap(in.get("x"), in.get("y"))));
        cs.add(new OpCase("Lorentz.logmap", "logmap(x, nearby y) [series branch]",
                v -> Lorentz.logmap(v.apply("x"), v.apply("yNear"), v.apply("c")),
                (in, c) -> l(c).logmap(in.get("x"), in.get("yNear"))));
        cs.add(new OpCase("Lorentz.geodesic", "geodesic(x, y, t = 0.3), eager: hyperbolic slerp",
                v -> Lorentz.geodesic(v.apply("x"), v.apply("y"), 0.3, v.apply("c")),
                (in, c) -> slerp(in.get("x"), in.get("y"), 0.3, c)));
        cs.add(new OpCase("Lorentz.dist", "dist(x, y)",
                v -> Lorentz.dist(v.apply("x"), v.apply("y"), v.apply("c")), (in, c) -> l(c).dist(in.get("x"), in.get("y"))));
        cs.add(new OpCase("Lorentz.dist", "dist(x, nearby y)",
                v -> Lorentz.dist(v.apply("x"), v.apply("yNear"), v.apply("c")),
                (in, c) -> l(c).dist(in.get("x"), in.get("yNear"))));
        cs.add(new OpCase("Lorentz.transp", "transp(x, y, u)",
                v -> Lorentz.transp(v.apply("x"), v.apply("y"), v.apply("u"), v.apply("c")),
                (in, c) -> l(c).transp(in.get("x"), in.get("y"), in.get("u"))));
        cs.add(new OpCase("Lorentz.expmap0", "expmap0(us)",
                v -> Lorentz.expmap0(v.apply("us"), v.apply("c")), (in, c) -> l(c).expmap0(in.get("us"))));
        cs.add(new OpCase("Lorentz.logmap0", "logmap0(y)",
                v -> Lorentz.logmap0(v.apply("y"), v.apply("c")), (in, c) -> l(c).logmap0(in.get("y"))));
        cs.add(new OpCase("Lorentz.transp0", "transp0(y, u0)",
                v -> Lorentz.transp0(v.apply("y"), v.apply("u0"), v.apply("c")),
                (in, c) -> l(c).transp0(in.get("y"), in.get("u0"))));
        cs.add(new OpCase("Lorentz.transp0back", "transp0back(y, v)",
                v -> Lorentz.transp0back(v.apply("y"), v.apply("v"), v.apply("c")),
                (in, c) -> l(c).transp0back(in.get("y"), in.get("v"))));
        cs.add(new OpCase("Lorentz.centroid", "centroid(x, w)",
                v -> Lorentz.centroid(v.apply("x"), v.apply("w"), v.apply("c")),
                (in, c) -> l(c).centroid(in.get("x"), in.get("w"))));
        cs.add(new OpCase("Lorentz.centroid", "centroid(x, null)",
                v -> Lorentz.centroid(v.apply("x"), null, v.apply("c")), (in, c) -> l(c).centroid(in.get("x"), null)));
        cs.add(new OpCase("Lorentz.mlrLogits", "mlrLogits(x, z, a)",
                v -> Lorentz.mlrLogits(v.apply("x"), v.apply("zMlr"), v.apply("aMlr"), v.apply("c")),
                (in, c) -> l(c).mlrLogits(in.get("x"), in.get("zMlr"), in.get("aMlr"))));
        cs.add(new OpCase("Lorentz.mlrLogits", "mlrLogits(x, z, a) [one row]",
                v -> Lorentz.mlrLogits(v.apply("x1"), v.apply("zMlr"), v.apply("aMlr"), v.apply("c")),
                (in, c) -> l(c).mlrLogits(in.get("x1"), in.get("zMlr"), in.get("aMlr"))));
        cs.add(new OpCase("Lorentz.gyroAdd", "gyroAdd(x, y)",
                v -> Lorentz.gyroAdd(v.apply("x"), v.apply("y"), v.apply("c")), (in, c) -> l(c).gyroAdd(in.get("x"), in.get("y"))));
        cs.add(new OpCase("Lorentz.gyroAdd", "gyroAdd(x one row, y) [broadcast]",
                v -> Lorentz.gyroAdd(v.apply("x1"), v.apply("y"), v.apply("c")),
                (in, c) -> l(c).gyroAdd(in.get("x1").repeat(0, ROWS), in.get("y"))));
        cs.add(new OpCase("Lorentz.gyroNeg", "gyroNeg(x)",
                v -> Lorentz.gyroNeg(v.apply("x")), (in, c) -> l(c).gyroNeg(in.get("x"))));
        cs.add(new OpCase("Lorentz.gyroScalarMul", "gyroScalarMul(r, y)",
                v -> Lorentz.gyroScalarMul(v.apply("r"), v.apply("y"), v.apply("c")),
                (in, c) -> l(c).gyroScalarMul(in.get("r").getDouble(0), in.get("y"))));
        cs.add(new OpCase("Hyperbolic.poincareToLorentz", "poincareToLorentz(p)",
                v -> Hyperbolic.poincareToLorentz(v.apply("p"), v.apply("c")),
                (in, c) -> Hyperbolic.poincareToLorentz(in.get("p"), c)));
        cs.add(new OpCase("Hyperbolic.lorentzToPoincare", "lorentzToPoincare(y)",
                v -> Hyperbolic.lorentzToPoincare(v.apply("y"), v.apply("c")),
                (in, c) -> Hyperbolic.lorentzToPoincare(in.get("y"), c)));
        cs.add(new OpCase("Lorentz.expmap", "expmap(x, u) [one row]",
                v -> Lorentz.expmap(v.apply("x1"), v.apply("u1"), v.apply("c")),
                (in, c) -> l(c).expmap(in.get("x1"), in.get("u1"))));
        cs.add(new OpCase("Lorentz.logmap", "logmap(x, y) [one row]",
                v -> Lorentz.logmap(v.apply("x1"), v.apply("y1"), v.apply("c")),
                (in, c) -> l(c).logmap(in.get("x1"), in.get("y1"))));
        cs.add(new OpCase("Lorentz.transp", "transp(x, y, u) [one row]",
                v -> Lorentz.transp(v.apply("x1"), v.apply("y1"), v.apply("u1"), v.apply("c")),
                (in, c) -> l(c).transp(in.get("x1"), in.get("y1"), in.get("u1"))));
        cs.add(new OpCase("Hyperbolic.poincareToLorentz", "poincareToLorentz(p) [one row]",
                v -> Hyperbolic.poincareToLorentz(v.apply("p1"), v.apply("c")),
                (in, c) -> Hyperbolic.poincareToLorentz(in.get("p1"), c)));
        cs.add(new OpCase("Hyperbolic.lorentzToPoincare", "lorentzToPoincare(y) [one row]",
                v -> Hyperbolic.lorentzToPoincare(v.apply("y1"), v.apply("c")),
                (in, c) -> Hyperbolic.lorentzToPoincare(in.get("y1"), c)));
        return cs;
    }

    static Stream<Arguments> caseAndCurvature() {
        return cases().stream().flatMap(k -> Arrays.stream(CURVATURES).mapToObj(c -> Arguments.of(k, c)));
    }

    /**
     * Gradient checks use c = 0.3 and 2.5 only (c = 1 cannot tell c from sqrt(c) or 1/c apart, and each check costs
     * ~0.2 s), for every case.
     */
    static Stream<Arguments> caseAndCurvatureForGradients() {
        return cases().stream().flatMap(k -> Stream.of(0.3, 2.5).map(c -> Arguments.of(k, c)));
    }

    /** Builds the graph: every input the case uses becomes a variable, and so does c. */
    private static SDVariable build(SameDiff sd, OpCase k, Map<String, INDArray> in, double c) {
        Map<String, SDVariable> vars = new HashMap<>();
        Function<String, SDVariable> v = name -> vars.computeIfAbsent(name, n -> sd.var(n, in.get(n).dup()));
        return k.sameDiff().apply(v);
    }

    @ParameterizedTest(name = "{0}, c={1}")
    @MethodSource("caseAndCurvature")
    void sameDiffFormMatchesEagerForm(OpCase k, double c) {
        Map<String, INDArray> in = inputs(c);
        INDArray expected = k.eager().apply(in, c);
        INDArray actual = build(SameDiff.create(), k, in, c).eval();
        assertArrayEquals(expected.shape(), actual.shape(), k.label());
        double err = maxAbs(actual.sub(expected));
        System.out.printf("LorentzSameDiffTest parity %-38s c=%.1f max err %.3e%n", k.label(), c, err);
        assertTrue(err <= 1e-10, k.label() + ": |SameDiff - eager| = " + err);
    }

    @ParameterizedTest(name = "{0}, c={1}")
    @MethodSource("caseAndCurvatureForGradients")
    void sameDiffGradientsMatchFiniteDifferences(OpCase k, double c) {
        Map<String, INDArray> in = inputs(c);
        SameDiff sd = SameDiff.create();
        SDVariable out = build(sd, k, in, c);
        long[] shape = k.eager().apply(in, c).shape();
        SDVariable weights = sd.constant("lossWeights", gaussian(99, 1, shapeLength(shape)).reshape(shape));
        out.mul(weights).sum().markAsLoss();
        boolean ok = GradCheckUtil.checkGradients(sd, Collections.emptyMap(), 1e-6, 1e-5, 1e-9, false, false);
        assertTrue(ok, k.label() + " c=" + c + ": gradient check failed");
    }

    private static long shapeLength(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    @Test
    void everySameDiffMethodHasACase() {
        TreeSet<String> declared = new TreeSet<>();
        for (Class<?> type : new Class<?>[] {Lorentz.class, Hyperbolic.class}) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                        && method.getReturnType() == SDVariable.class) {
                    declared.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        TreeSet<String> covered = cases().stream().map(OpCase::method).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, covered);
        assertEquals(19, declared.size(), "number of SameDiff methods: " + declared);
    }

    @Test
    void sameDiffFormsGiveTheEagerValuesAndCorrectGradientsOnRank3Batches() {
        double c = 1.0;
        Lorentz m = new Lorentz(c);
        INDArray x = points(c, 20, 6, DIM, 2.0);
        INDArray y = points(c, 21, 6, DIM, 2.0);
        SameDiff sd = SameDiff.create();
        SDVariable cv = sd.var("c", Nd4j.scalar(DataType.DOUBLE, c));
        SDVariable x3 = sd.var("x", x.reshape(2, 3, DIM + 1).dup());
        SDVariable y3 = sd.var("y", y.reshape(2, 3, DIM + 1).dup());
        INDArray d = Lorentz.dist(x3, y3, cv).eval();
        assertArrayEquals(new long[] {2, 3, 1}, d.shape());
        assertTrue(maxAbs(d.sub(m.dist(x, y).reshape(2, 3, 1))) < 1e-12, d + " vs " + m.dist(x, y));
        INDArray log = Lorentz.logmap(x3, y3, cv).eval();
        assertTrue(maxAbs(log.sub(m.logmap(x, y).reshape(2, 3, DIM + 1))) < 1e-12);
        SDVariable back = Lorentz.expmap(x3, Lorentz.logmap(x3, y3, cv), cv);
        assertTrue(maxAbs(back.eval().sub(y.reshape(2, 3, DIM + 1))) < 1e-10);
        Lorentz.transp(x3, y3, Lorentz.proju(x3, back, cv), cv).add(Lorentz.dist(x3, back, cv)).sum().markAsLoss();
        assertTrue(GradCheckUtil.checkGradients(sd, Collections.emptyMap(), 1e-6, 1e-5, 1e-9, false, false),
                "gradient check on rank-3 batches");
    }
}
