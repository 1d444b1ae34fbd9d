package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Float32 safety of every Poincaré-ball op: 35,000 points of dimension 8 per curvature (105,000 in all) with norms from
 * 0 to the float32 projection limit, tangent vectors with norms log-uniform in [1e-8, 1e3] (and exact zeros), identical
 * and antipodal pairs. Every INDArray op and every SameDiff op (values and gradients w.r.t. all inputs and c) must be
 * free of NaN/Inf, and projected results must lie inside the ball.
 */
class PoincareBallFloat32StressTest {

    private static final DataType F = DataType.FLOAT;
    private static final int N = 35_000;
    private static final int DIM = 8;

    @BeforeAll
    static void singlePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Inputs by role (float32). */
    static Map<String, INDArray> inputs(double c, long seed) {
        PoincareBall ball = new PoincareBall(c);
        double limit = (1 - PoincareBall.projectionEps(F)) / Math.sqrt(c);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[N][];
        double[][] y = new double[N][];
        double[][] xFar = new double[N][];
        double[][] u = new double[N][];
        double[][] v = new double[N][];
        double[][] r = new double[N][1];
        for (int i = 0; i < N; i++) {
            // norm fraction 1 - 10^-k, k uniform in [0, 8]: from the origin to (in float32) exactly the limit
            x[i] = direction(rng, limit * (1 - Math.pow(10, -8 * rng.nextDouble())));
            y[i] = direction(rng, limit * (1 - Math.pow(10, -8 * rng.nextDouble())));
            xFar[i] = direction(rng, limit * Math.pow(10, -3 + 6 * rng.nextDouble()));
            u[i] = direction(rng, Math.pow(10, -8 + 11 * rng.nextDouble()));
            v[i] = direction(rng, Math.pow(10, -8 + 11 * rng.nextDouble()));
            r[0 + i][0] = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -3 + 5 * rng.nextDouble());
        }
        for (int i = 0; i < 100; i++) {
            x[i] = new double[DIM];                 // the origin
            y[100 + i] = x[100 + i].clone();        // identical pairs
            y[200 + i] = neg(x[200 + i]);           // antipodal pairs
            u[300 + i] = new double[DIM];           // zero tangent vectors
            v[400 + i] = new double[DIM];
        }
        Map<String, INDArray> m = new HashMap<>();
        m.put("x", ball.projx(Nd4j.create(x).castTo(F)));
        m.put("y", ball.projx(Nd4j.create(y).castTo(F)));
        m.put("xFar", Nd4j.create(xFar).castTo(F));
        m.put("u", Nd4j.create(u).castTo(F));
        m.put("v", Nd4j.create(v).castTo(F));
        m.put("r", Nd4j.create(r).castTo(F));
        m.put("w", BallSamples.vectors(seed + 1, DIM, DIM, 0.5, 2.0, F));
        m.put("weights", Nd4j.math().abs(BallSamples.vectors(seed + 2, N, 1, 0.1, 10, F).reshape(N)));
        return m;
    }

    private static double[] direction(SplittableRandom rng, double norm) {
        double[] d = new double[DIM];
        double sq = 0;
        for (int j = 0; j < DIM; j++) {
            d[j] = BallSamples.gaussian(rng);
            sq += d[j] * d[j];
        }
        for (int j = 0; j < DIM; j++) {
            d[j] *= norm / Math.sqrt(sq);
        }
        return d;
    }

    private static double[] neg(double[] a) {
        double[] b = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            b[j] = -a[j];
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 4.0})
    void indArrayOpsStayFiniteAndInsideTheBall(double c) {
        PoincareBall ball = new PoincareBall(c);
        Map<String, INDArray> in = inputs(c, 1000 + (long) (c * 10));
        INDArray x = in.get("x");
        INDArray y = in.get("y");
        INDArray u = in.get("u");
        INDArray v = in.get("v");
        List<String> problems = new ArrayList<>();
        // points (must be inside the ball)
        Map<String, INDArray> points = new LinkedHashMap<>();
        points.put("projx", ball.projx(in.get("xFar")));
        points.put("expmap", ball.expmap(x, u));
        points.put("retr", ball.retr(x, u));
        points.put("mobiusAdd", ball.mobiusAdd(x, y));
        points.put("mobiusSub", ball.mobiusSub(x, y));
        points.put("mobiusScalarMul(-2.5)", ball.mobiusScalarMul(-2.5, x));
        points.put("mobiusScalarMul(1e3)", ball.mobiusScalarMul(1e3, x));
        points.put("mobiusScalarMul(1e-6)", ball.mobiusScalarMul(1e-6, x));
        points.put("mobiusScalarMul(r)", ball.mobiusScalarMul(in.get("r"), x));
        points.put("mobiusMatVec", ball.mobiusMatVec(in.get("w"), x));
        points.put("expmap0", ball.expmap0(u));
        points.put("geodesic(0.5)", ball.geodesic(x, y, 0.5));
        points.put("geodesic(3)", ball.geodesic(x, y, 3.0));
        points.put("weightedMidpoint", ball.weightedMidpoint(x, null));
        points.put("weightedMidpoint(weights)", ball.weightedMidpoint(x, in.get("weights")));
        points.put("frechetMean", ball.frechetMean(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2000),
                org.nd4j.linalg.indexing.NDArrayIndex.all()), null, 100, 1e-6));
        points.put("randomPoint", ball.randomPoint(3, F, N, DIM));
        for (Map.Entry<String, INDArray> e : points.entrySet()) {
            checkFinite(e.getKey(), e.getValue(), problems);
            Optional<String> reason = ball.checkPoint(e.getValue(), 0.0);
            reason.ifPresent(s -> problems.add(e.getKey() + " left the ball: " + s));
            assertEquals(F, e.getValue().dataType(), e.getKey());
        }
        // tangent vectors and scalars
        Map<String, INDArray> others = new LinkedHashMap<>();
        others.put("proju", ball.proju(x, u));
        others.put("egrad2rgrad", ball.egrad2rgrad(x, u));
        others.put("inner", ball.inner(x, u, v));
        others.put("norm", ball.norm(x, u));
        others.put("componentInner", ball.componentInner(x, u));
        others.put("logmap", ball.logmap(x, y));
        others.put("transp", ball.transp(x, y, u));
        others.put("dist", ball.dist(x, y));
        others.put("lambda", ball.lambda(x));
        others.put("gyration", ball.gyration(x, y, u));
        others.put("logmap0", ball.logmap0(y));
        others.put("transp0", ball.transp0(y, u));
        others.put("transp0back", ball.transp0back(y, u));
        for (Map.Entry<String, INDArray> e : others.entrySet()) {
            checkFinite(e.getKey(), e.getValue(), problems);
        }
        assertTrue(problems.isEmpty(), "c = " + c + ": " + problems);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1.0, 4.0})
    void sameDiffOpsAndTheirGradientsStayFinite(double c) {
        Map<String, INDArray> in = inputs(c, 2000 + (long) (c * 10));
        Map<String, Function<Map<String, SDVariable>, SDVariable>> ops = new LinkedHashMap<>();
        SDVariable[] cv = new SDVariable[1];
        ops.put("projx", m -> PoincareBall.projx(m.get("xFar"), cv[0]));
        ops.put("lambda", m -> PoincareBall.lambda(m.get("x"), cv[0]));
        ops.put("mobiusAdd", m -> PoincareBall.mobiusAdd(m.get("x"), m.get("y"), cv[0]));
        ops.put("mobiusSub", m -> PoincareBall.mobiusSub(m.get("x"), m.get("y"), cv[0]));
        ops.put("mobiusScalarMul", m -> PoincareBall.mobiusScalarMul(m.get("r"), m.get("x"), cv[0]));
        ops.put("mobiusMatVec", m -> PoincareBall.mobiusMatVec(m.get("w"), m.get("x"), cv[0]));
        ops.put("gyration", m -> PoincareBall.gyration(m.get("x"), m.get("y"), m.get("u"), cv[0]));
        ops.put("expmap0", m -> PoincareBall.expmap0(m.get("u"), cv[0]));
        ops.put("logmap0", m -> PoincareBall.logmap0(m.get("y"), cv[0]));
        ops.put("expmap", m -> PoincareBall.expmap(m.get("x"), m.get("u"), cv[0]));
        ops.put("logmap", m -> PoincareBall.logmap(m.get("x"), m.get("y"), cv[0]));
        ops.put("dist", m -> PoincareBall.dist(m.get("x"), m.get("y"), cv[0]));
        ops.put("transp", m -> PoincareBall.transp(m.get("x"), m.get("y"), m.get("u"), cv[0]));
        ops.put("transp0", m -> PoincareBall.transp0(m.get("y"), m.get("u"), cv[0]));
        ops.put("transp0back", m -> PoincareBall.transp0back(m.get("y"), m.get("u"), cv[0]));
        ops.put("weightedMidpoint", m -> PoincareBall.weightedMidpoint(m.get("x"), null, cv[0]));
        ops.put("weightedMidpoint(weights)", m -> PoincareBall.weightedMidpoint(m.get("x"), m.get("weights"), cv[0]));
        PoincareBall ball = new PoincareBall(c);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Function<Map<String, SDVariable>, SDVariable>> op : ops.entrySet()) {
            SameDiff sd = SameDiff.create();
            List<String> wrt = new ArrayList<>(List.of("c"));
            // creates a variable for each input role the op asks for
            Map<String, SDVariable> vars = new HashMap<>() {
                @Override
                public SDVariable get(Object role) {
                    return computeIfAbsent((String) role, r -> {
                        wrt.add(r);
                        return sd.var(r, in.get(r));
                    });
                }
            };
            cv[0] = sd.var("c", Nd4j.scalar(F, (float) c));
            SDVariable out = op.getValue().apply(vars);
            SDVariable loss = out.sum();
            sd.setLossVariables(loss);
            INDArray value = out.eval();
            checkFinite(op.getKey() + " value", value, problems);
            if (op.getKey().startsWith("projx") || op.getKey().startsWith("mobius") || op.getKey().startsWith("expmap")
                    || op.getKey().startsWith("weightedMidpoint")) {
                ball.checkPoint(value, 0.0).ifPresent(s -> problems.add(op.getKey() + " left the ball: " + s));
            }
            Map<String, INDArray> grads = sd.calculateGradients(new HashMap<>(), wrt);
            for (String role : wrt) {
                INDArray g = grads.get(role);
                if (g == null) {
                    problems.add(op.getKey() + ": no gradient for " + role);
                } else {
                    checkFinite(op.getKey() + " d/d" + role, g, problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), "c = " + c + ": " + problems);
    }

    private static void checkFinite(String what, INDArray a, List<String> problems) {
        double m = a.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
        if (Double.isNaN(m) || Double.isInfinite(m)) {
            problems.add(what + " has NaN/Inf");
        }
    }
}
