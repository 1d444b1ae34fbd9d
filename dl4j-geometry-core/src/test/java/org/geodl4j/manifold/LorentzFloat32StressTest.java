package org.geodl4j.manifold;

import static org.geodl4j.manifold.LorentzSamples.directions;
import static org.geodl4j.manifold.LorentzSamples.gaussian;
import static org.geodl4j.manifold.LorentzSamples.logUniform;
import static org.geodl4j.manifold.LorentzSamples.pointsAtDistances;
import static org.geodl4j.manifold.LorentzSamples.tangentsWithNorms;
import static org.geodl4j.manifold.LorentzSamples.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Float32 safety of every Lorentz / Hyperbolic op on 10^5 points whose distances from the origin are log-uniform in
 * [1e-7, 10] and tangent vectors whose norms are log-uniform in [1e-8, 1e3], for c in {0.1, 1, 4}: no NaN or infinity
 * in any eager output, SameDiff output or SameDiff gradient, and points produced by projx/expmap/expmap0/retr/centroid/
 * poincareToLorentz on the hyperboloid to float32 precision. Inputs are built in float64 and rounded to float32.
 * The SameDiff check runs on the first {@link #SD_ROWS} rows per curvature (an i.i.d. subset spanning the same ranges;
 * 1.02·10^5 points over the three curvatures, as the Poincaré-ball stress test): its backward pass on all 10^5 rows
 * would take ~12 s per curvature on two cores.
 */
class LorentzFloat32StressTest {

    private static final int N = 100_000;
    private static final int DIM = 5;
    private static final int SD_ROWS = 34_000;
    private static final Map<Double, Map<String, INDArray>> INPUTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Relative tolerance of {@code |x0 - sqrt(1/c + |x_s|^2)| / x0} for float32 outputs (float32 eps = 1.2e-7). */
    private static final double ON_MANIFOLD_RTOL = 1e-6;

    private static Map<String, INDArray> inputs(double c) {
        return INPUTS.computeIfAbsent(c, LorentzFloat32StressTest::buildInputs);
    }

    private static Map<String, INDArray> buildInputs(double c) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        INDArray x = pointsAtDistances(c, 1, logUniform(2, N, 1e-7, 10.0), DIM);
        INDArray y = pointsAtDistances(c, 3, logUniform(4, N, 1e-7, 10.0), DIM);
        INDArray u = tangentsWithNorms(c, x, 5, logUniform(6, N, 1e-8, 1e3));
        INDArray us = directions(7, N, DIM).muliColumnVector(logUniform(8, N, 1e-8, 1e3));
        in.put("x", x);
        in.put("y", y);
        in.put("u", u);
        in.put("us", us);
        in.put("u0", Nd4j.hstack(Nd4j.zeros(DataType.DOUBLE, N, 1), us));
        in.put("a", gaussian(9, N, DIM + 1).muliColumnVector(logUniform(10, N, 1e-8, 1e3)));
        in.put("p", Hyperbolic.lorentzToPoincare(x, c));
        in.put("w", uniform(11, N).reshape(N));
        Map<String, INDArray> f32 = new LinkedHashMap<>();
        in.forEach((k, v) -> f32.put(k, v.castTo(DataType.FLOAT)));
        return f32;
    }

    private static double worstOffManifold(INDArray points, double c) {
        INDArray p = points.castTo(DataType.DOUBLE);
        INDArray t = p.getColumn(0, true);
        INDArray s = p.get(NDArrayIndex.all(), NDArrayIndex.interval(1, DIM + 1));
        INDArray expected = Transforms.sqrt(s.mul(s).sum(true, 1).addi(1 / c), false);
        return Transforms.abs(t.sub(expected).divi(t), false).maxNumber().doubleValue();
    }

    private static boolean allFinite(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        return !Double.isNaN(d.sumNumber().doubleValue()) && Transforms.abs(d, true).maxNumber().doubleValue() < Double.POSITIVE_INFINITY;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 4.0})
    void eagerOpsStayFiniteAndOnTheManifoldInFloat32(double c) {
        Lorentz m = new Lorentz(c);
        Map<String, INDArray> in = inputs(c);
        INDArray x = in.get("x");
        INDArray y = in.get("y");
        INDArray u = in.get("u");
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("minkowskiInner", m.minkowskiInner(x, y));
        out.put("projx", m.projx(in.get("a")));
        out.put("proju", m.proju(x, in.get("a")));
        out.put("egrad2rgrad", m.egrad2rgrad(x, in.get("a")));
        out.put("inner", m.inner(x, u, u));
        out.put("norm", m.norm(x, u));
        out.put("componentInner", m.componentInner(x, u));
        out.put("expmap", m.expmap(x, u));
        out.put("retr", m.retr(x, u));
        out.put("logmap", m.logmap(x, y));
        out.put("logmap(x, expmap(x, u))", m.logmap(x, out.get("expmap")));
        out.put("dist", m.dist(x, y));
        out.put("dist(x, expmap(x, u))", m.dist(x, out.get("expmap")));
        out.put("transp", m.transp(x, y, u));
        out.put("expmap0", m.expmap0(in.get("us")));
        out.put("logmap0", m.logmap0(x));
        out.put("transp0", m.transp0(x, in.get("u0")));
        out.put("transp0back", m.transp0back(x, u));
        out.put("centroid", m.centroid(x, null));
        out.put("centroid(weighted)", m.centroid(x, in.get("w")));
        out.put("lorentzToPoincare", Hyperbolic.lorentzToPoincare(x, c));
        out.put("poincareToLorentz", Hyperbolic.poincareToLorentz(in.get("p"), c));
        List<String> nonFinite = new ArrayList<>();
        out.forEach((name, v) -> {
            assertEquals(DataType.FLOAT, v.dataType(), name);
            if (!allFinite(v)) {
                nonFinite.add(name);
            }
        });
        assertEquals(Collections.emptyList(), nonFinite, "ops with NaN/Inf output at c=" + c);
        for (String name : new String[] {"projx", "expmap", "retr", "expmap0", "centroid", "centroid(weighted)", "poincareToLorentz"}) {
            double err = worstOffManifold(out.get(name), c);
            System.out.printf("LorentzFloat32StressTest %-18s c=%.1f max |x0 - sqrt(1/c+|xs|^2)|/x0 = %.2e%n", name, c, err);
            assertTrue(err < ON_MANIFOLD_RTOL, name + " off the manifold by " + err + " (relative) at c=" + c);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 4.0})
    void sameDiffValuesAndGradientsStayFiniteInFloat32(double c) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        inputs(c).forEach((k, a) -> in.put(k, a.rank() == 1 ? a.get(NDArrayIndex.interval(0, SD_ROWS)).dup()
                : a.get(NDArrayIndex.interval(0, SD_ROWS), NDArrayIndex.all()).dup()));
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> v = new LinkedHashMap<>();
        in.forEach((k, a) -> v.put(k, sd.var(k, a)));
        SDVariable cv = sd.var("c", Nd4j.scalar(DataType.FLOAT, (float) c));
        SDVariable x = v.get("x");
        SDVariable y = v.get("y");
        SDVariable u = v.get("u");
        Map<String, SDVariable> out = new LinkedHashMap<>();
        out.put("minkowskiInner", Lorentz.minkowskiInner(x, y));
        out.put("projx", Lorentz.projx(v.get("a"), cv));
        out.put("proju", Lorentz.proju(x, v.get("a"), cv));
        out.put("expmap", Lorentz.expmap(x, u, cv));
        out.put("logmap", Lorentz.logmap(x, y, cv));
        out.put("logmap(x, expmap(x, u))", Lorentz.logmap(x, out.get("expmap"), cv));
        out.put("dist", Lorentz.dist(x, y, cv));
        out.put("dist(x, expmap(x, u))", Lorentz.dist(x, out.get("expmap"), cv));
        out.put("transp", Lorentz.transp(x, y, u, cv));
        out.put("expmap0", Lorentz.expmap0(v.get("us"), cv));
        out.put("logmap0", Lorentz.logmap0(x, cv));
        out.put("transp0", Lorentz.transp0(x, v.get("u0"), cv));
        out.put("transp0back", Lorentz.transp0back(x, u, cv));
        out.put("centroid", Lorentz.centroid(x, null, cv));
        out.put("centroid(weighted)", Lorentz.centroid(x, v.get("w"), cv));
        out.put("lorentzToPoincare", Hyperbolic.lorentzToPoincare(x, cv));
        out.put("poincareToLorentz", Hyperbolic.poincareToLorentz(v.get("p"), cv));
        SDVariable loss = null;
        for (SDVariable o : out.values()) {
            SDVariable term = o.mean();
            loss = loss == null ? term : loss.add(term);
        }
        loss.markAsLoss();

        List<String> names = new ArrayList<>();
        out.forEach((k, o) -> names.add(o.name()));
        List<String> wrt = new ArrayList<>(in.keySet());
        wrt.add("c");
        OutAndGrad both = sd.calculateGradientsAndOutputs(Collections.emptyMap(), names, wrt);
        Map<String, INDArray> values = both.getOutputs();
        List<String> nonFinite = new ArrayList<>();
        out.forEach((k, o) -> {
            if (!allFinite(values.get(o.name()))) {
                nonFinite.add(k);
            }
        });
        assertEquals(Collections.emptyList(), nonFinite, "SameDiff outputs with NaN/Inf at c=" + c);
        for (String name : new String[] {"projx", "expmap", "expmap0", "centroid", "poincareToLorentz"}) {
            double err = worstOffManifold(values.get(out.get(name).name()), c);
            assertTrue(err < ON_MANIFOLD_RTOL, "SameDiff " + name + " off the manifold by " + err + " at c=" + c);
        }

        Map<String, INDArray> grads = both.getGradients();
        List<String> badGrads = new ArrayList<>();
        for (String name : wrt) {
            INDArray g = grads.get(name);
            if (g == null || !allFinite(g)) {
                badGrads.add(name);
            }
        }
        assertEquals(Collections.emptyList(), badGrads, "gradients missing or with NaN/Inf at c=" + c);
    }

    @Test
    void distanceOfNearbyPointsIsAccurateInFloat32() {
        // reference hyperbolic.md §5: the arcosh form gives 9.77e-4 for a true distance of 1e-3 in float32
        for (double c : new double[] {0.1, 1.0, 4.0}) {
            Lorentz m64 = new Lorentz(c);
            INDArray x = pointsAtDistances(c, 12, Nd4j.valueArrayOf(new long[] {1000, 1}, 1.0, DataType.DOUBLE), DIM);
            INDArray v = tangentsWithNorms(c, x, 13, Nd4j.valueArrayOf(new long[] {1000, 1}, 1e-3, DataType.DOUBLE));
            INDArray y = m64.expmap(x, v);
            INDArray d32 = m64.dist(x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
            double relErr = Transforms.abs(d32.subi(1e-3), false).maxNumber().doubleValue() / 1e-3;
            System.out.printf("LorentzFloat32StressTest d = 1e-3 in float32, c=%.1f: max relative error %.2e%n", c, relErr);
            assertTrue(relErr < 1e-3, "float32 distance 1e-3 off by " + relErr + " (relative) at c=" + c);
        }
    }
}
