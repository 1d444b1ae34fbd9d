package org.geodl4j.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The laws every {@link Manifold} must satisfy, checked for every manifold in {@link #manifolds()} in float64 with
 * fixed seeds (after geoopt {@code tests/test_manifold_basic.py}). Each fixture declares which optional properties its
 * manifold has ({@link Property}); laws that need a property are skipped (JUnit assumption) for the others, and
 * unsupported verbs must throw {@link UnsupportedOperationException} naming the manifold.
 *
 * <p>Run with {@code -Dgeodl4j.printErrors=true} to print the largest error measured for each law.
 */
class ManifoldContractTest {

    /** Optional properties a fixture declares; every other law applies to every manifold. */
    enum Property {
        /** {@code logmap} is implemented (otherwise it must throw UnsupportedOperationException). */
        LOGMAP,
        /** {@code dist} is implemented (otherwise it must throw UnsupportedOperationException). */
        DIST,
        /** {@code expmap} is the exact exponential map and {@code expmapTransp} transports along that geodesic. */
        EXACT_EXPMAP,
        /** {@code transp(x, y, .)} is an isometry with inverse {@code transp(y, x, .)} (e.g. parallel transport). */
        ISOMETRIC_TRANSP,
        /** The transport inside {@code retrTransp} is an isometry. */
        ISOMETRIC_RETR_TRANSP,
        /** Not every ambient array is a point (false only for flat space), so a perturbed point must be flagged. */
        CONSTRAINED
    }

    /** A manifold under test, the full shape of the point arrays it is tested on, and its optional properties. */
    record Fixture(Manifold manifold, long[] shape, EnumSet<Property> properties) {
        boolean has(Property p) {
            return properties.contains(p);
        }

        @Override
        public String toString() {
            return manifold.name() + " " + Arrays.toString(shape);
        }
    }

    private static final EnumSet<Property> EVERYTHING = EnumSet.allOf(Property.class);

    /**
     * Every manifold under contract, one line each. <b>To add a manifold, add a line here</b>, e.g.
     * {@code fixture(new PoincareBall(0.7), EVERYTHING, 5, 4)}: points come from {@code randomPoint}, tangent vectors
     * from {@code proju(x, gaussian)}, so nothing else is needed. Leave out the properties the manifold lacks.
     */
    static Stream<Fixture> manifolds() {
        return Stream.of(
                fixture(Euclidean.INSTANCE, EnumSet.complementOf(EnumSet.of(Property.CONSTRAINED)), 5, 4),
                fixture(new PoincareBall(0.7), EVERYTHING, 5, 4),
                fixture(new PoincareBall(2.5), EVERYTHING, 2, 3, 6),
                fixture(new Lorentz(1.3), EVERYTHING, 5, 4),
                fixture(new Lorentz(0.4), EVERYTHING, 2, 3, 6),
                fixture(Sphere.INSTANCE, EVERYTHING, 5, 4),
                fixture(Sphere.INSTANCE, EVERYTHING, 2, 3, 7),
                fixture(Stiefel.INSTANCE, EnumSet.of(Property.EXACT_EXPMAP, Property.ISOMETRIC_RETR_TRANSP,
                        Property.CONSTRAINED), 3, 6, 3),
                fixture(Stiefel.INSTANCE, EnumSet.of(Property.EXACT_EXPMAP, Property.ISOMETRIC_RETR_TRANSP,
                        Property.CONSTRAINED), 4, 4),
                fixture(Stiefel.INSTANCE, EnumSet.of(Property.EXACT_EXPMAP, Property.ISOMETRIC_RETR_TRANSP,
                        Property.CONSTRAINED), 2, 2, 5, 2));
    }

    private static Fixture fixture(Manifold manifold, EnumSet<Property> properties, long... shape) {
        return new Fixture(manifold, shape, properties);
    }

    // ---------------------------------------------------------------- tolerances and error bookkeeping

    /** Tolerance of identities that are exact up to rounding (projections, idempotence). */
    private static final double ROUNDING = 1e-12;
    /** Tolerance of composed maps (exp/log round trips, transports). */
    private static final double COMPOSED = 1e-9;

    private static final Map<String, Double> MAX_ERRORS = new TreeMap<>();

    @BeforeAll
    static void float64() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void printErrors() {
        if (Boolean.getBoolean("geodl4j.printErrors")) {
            MAX_ERRORS.forEach((law, err) -> System.out.printf("%-70s %.3e%n", law, err));
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol, Fixture f, String law) {
        assertArrayEquals(expected.shape(), actual.shape(), f + " " + law + ": shape");
        // ND4J's max-reductions skip NaN, so non-finite values are checked explicitly
        assertFalse(BooleanIndexing.or(actual, Conditions.notFinite()), f + " " + law + ": non-finite values");
        double err = expected.isEmpty() ? 0.0 : Transforms.abs(expected.sub(actual), false).maxNumber().doubleValue();
        double scale = 1.0 + (expected.isEmpty() ? 0.0 : Transforms.abs(expected, true).maxNumber().doubleValue());
        MAX_ERRORS.merge(law + " " + f, err, Math::max);
        assertTrue(err <= tol * scale, f + " " + law + ": max error " + err + " > " + tol * scale);
    }

    private static void assertOnManifold(Fixture f, INDArray x, double atol, String law) {
        Optional<String> reason = f.manifold().checkPoint(x, atol);
        assertFalse(reason.isPresent(), () -> f + " " + law + ": " + reason.orElse(""));
    }

    // ---------------------------------------------------------------- generators

    private static INDArray point(Fixture f, long seed) {
        return f.manifold().randomPoint(seed, DataType.DOUBLE, f.shape());
    }

    private static INDArray gaussian(Fixture f, long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(f.shape()).castTo(DataType.DOUBLE);
    }

    private static INDArray tangent(Fixture f, INDArray x, long seed) {
        return f.manifold().proju(x, gaussian(f, seed));
    }

    /** A tangent vector whose norm at each point is drawn uniformly from {@code [0.2, 1.2]} (inside every injectivity radius used here). */
    private static INDArray moderateTangent(Fixture f, INDArray x, long seed) {
        INDArray v = tangent(f, x, seed);
        INDArray n = f.manifold().norm(x, v);
        INDArray radius = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1000).nextDouble(n.shape())
                .castTo(DataType.DOUBLE).addi(0.2);
        return v.mul(radius.div(n));
    }

    /** Sum over the point axes (keeping them with size 1) of {@code a * b}: the Euclidean inner product per point. */
    private static INDArray euclideanInner(Fixture f, INDArray a, INDArray b) {
        int r = a.rank();
        int[] axes = new int[f.manifold().pointRank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = r - axes.length + i;
        }
        return a.mul(b).sum(true, axes);
    }

    private static long[] perPointShape(Fixture f) {
        long[] s = f.shape().clone();
        for (int i = 0; i < f.manifold().pointRank(); i++) {
            s[s.length - 1 - i] = 1;
        }
        return s;
    }

    // ---------------------------------------------------------------- laws: projections

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void projxLandsOnManifoldAndIsIdempotent(Fixture f) {
        INDArray ambient = gaussian(f, 1).muli(2.0);
        INDArray p = f.manifold().projx(ambient);
        assertOnManifold(f, p, 1e-10, "projx lands on the manifold");
        assertClose(p, f.manifold().projx(p), ROUNDING, f, "projx is idempotent");
        INDArray x = point(f, 2);
        assertClose(x, f.manifold().projx(x), ROUNDING, f, "projx fixes points of the manifold");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void projuIsIdempotent(Fixture f) {
        INDArray x = point(f, 3);
        INDArray t = tangent(f, x, 4);
        assertClose(t, f.manifold().proju(x, t), ROUNDING, f, "proju is idempotent");
    }

    // ---------------------------------------------------------------- laws: moves

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void retrAndExpmapLandOnManifold(Fixture f) {
        INDArray x = point(f, 5);
        for (double scale : new double[] {1.0, 10.0}) {
            INDArray v = tangent(f, x, 6).muli(scale);
            assertOnManifold(f, f.manifold().retr(x, v), 1e-10, "retr lands on the manifold");
            assertOnManifold(f, f.manifold().expmap(x, v), 1e-10, "expmap lands on the manifold");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void retrAndExpmapStartAtXWithVelocityU(Fixture f) {
        INDArray x = point(f, 7);
        INDArray v = moderateTangent(f, x, 8);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, f.shape());
        assertClose(x, f.manifold().retr(x, zero), ROUNDING, f, "retr(x, 0) = x");
        assertClose(x, f.manifold().expmap(x, zero), ROUNDING, f, "expmap(x, 0) = x");
        // R_x(tv) = x + tv + O(t^2): a wrong differential at 0 shows as an error of order t = 1e-4
        double t = 1e-4;
        INDArray firstOrder = x.add(v.mul(t));
        assertClose(firstOrder, f.manifold().retr(x, v.mul(t)), 1e-6, f, "retr is first-order accurate");
        assertClose(firstOrder, f.manifold().expmap(x, v.mul(t)), 1e-6, f, "expmap is first-order accurate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void expmapThenLogmapIsIdentity(Fixture f) {
        assumeTrue(f.has(Property.LOGMAP) && f.has(Property.EXACT_EXPMAP));
        INDArray x = point(f, 9);
        INDArray v = moderateTangent(f, x, 10);
        assertClose(v, f.manifold().logmap(x, f.manifold().expmap(x, v)), COMPOSED, f, "log_x(exp_x v) = v");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void logmapThenExpmapIsIdentity(Fixture f) {
        assumeTrue(f.has(Property.LOGMAP) && f.has(Property.EXACT_EXPMAP));
        INDArray x = point(f, 11);
        INDArray y = point(f, 12);
        INDArray u = f.manifold().logmap(x, y);
        assertClose(u, f.manifold().proju(x, u), COMPOSED, f, "log_x(y) is tangent at x");
        assertClose(y, f.manifold().expmap(x, u), COMPOSED, f, "exp_x(log_x y) = y");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void distanceAlongExpmapIsTangentNorm(Fixture f) {
        assumeTrue(f.has(Property.DIST) && f.has(Property.EXACT_EXPMAP));
        INDArray x = point(f, 13);
        INDArray v = moderateTangent(f, x, 14);
        INDArray d = f.manifold().dist(x, f.manifold().expmap(x, v));
        assertArrayEquals(perPointShape(f), d.shape(), f + ": dist keeps the point axes with size 1");
        assertClose(f.manifold().norm(x, v), d, COMPOSED, f, "d(x, exp_x v) = |v|_x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void logmapNormIsDistance(Fixture f) {
        assumeTrue(f.has(Property.DIST) && f.has(Property.LOGMAP));
        INDArray x = point(f, 15);
        INDArray y = point(f, 16);
        assertClose(f.manifold().dist(x, y), f.manifold().norm(x, f.manifold().logmap(x, y)), COMPOSED, f,
                "|log_x y|_x = d(x, y)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void distIsSymmetricNonNegativeAndSatisfiesTriangleInequality(Fixture f) {
        assumeTrue(f.has(Property.DIST));
        INDArray x = point(f, 17);
        INDArray y = point(f, 18);
        INDArray z = point(f, 19);
        INDArray dxy = f.manifold().dist(x, y);
        assertClose(dxy, f.manifold().dist(y, x), ROUNDING, f, "d(x, y) = d(y, x)");
        assertFalse(BooleanIndexing.or(dxy, Conditions.notFinite()), f + ": d(x, y) is finite");
        assertTrue(dxy.minNumber().doubleValue() >= 0.0, f + ": d(x, y) >= 0");
        INDArray slack = dxy.add(f.manifold().dist(y, z)).subi(f.manifold().dist(x, z));
        assertTrue(slack.minNumber().doubleValue() >= -ROUNDING,
                f + ": d(x, z) <= d(x, y) + d(y, z) violated by " + (-slack.minNumber().doubleValue()));
    }

    // ---------------------------------------------------------------- laws: transports

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void transpLandsInTangentSpaceOfTargetAndIsIdentityAtSamePoint(Fixture f) {
        INDArray x = point(f, 20);
        INDArray y = f.manifold().retr(x, moderateTangent(f, x, 21));
        INDArray u = tangent(f, x, 22);
        INDArray w = f.manifold().transp(x, y, u);
        assertClose(w, f.manifold().proju(y, w), COMPOSED, f, "transp lands in T_y");
        assertClose(u, f.manifold().transp(x, x, u), ROUNDING, f, "transp(x, x, u) = u");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void transpIsIsometryAndThereAndBackIsIdentity(Fixture f) {
        assumeTrue(f.has(Property.ISOMETRIC_TRANSP));
        INDArray x = point(f, 23);
        INDArray y = f.manifold().retr(x, moderateTangent(f, x, 24));
        INDArray u = tangent(f, x, 25);
        INDArray v = tangent(f, x, 26);
        INDArray pu = f.manifold().transp(x, y, u);
        INDArray pv = f.manifold().transp(x, y, v);
        assertClose(f.manifold().inner(x, u, v), f.manifold().inner(y, pu, pv), COMPOSED, f,
                "transp preserves inner products");
        assertClose(u, f.manifold().transp(y, x, pu), COMPOSED, f, "transp(y, x, transp(x, y, u)) = u");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void retrTranspMovesLikeRetrAndTransportsIntoTangentSpace(Fixture f) {
        INDArray x = point(f, 27);
        INDArray u = moderateTangent(f, x, 28);
        INDArray v = tangent(f, x, 29);
        INDArray w = tangent(f, x, 30);
        INDArray[] yv = f.manifold().retrTransp(x, u, v);
        assertClose(f.manifold().retr(x, u), yv[0], ROUNDING, f, "retrTransp moves like retr");
        assertClose(yv[1], f.manifold().proju(yv[0], yv[1]), COMPOSED, f, "retrTransp lands in T_y");
        if (f.has(Property.ISOMETRIC_RETR_TRANSP)) {
            INDArray tw = f.manifold().retrTransp(x, u, w)[1];
            assertClose(f.manifold().inner(x, v, w), f.manifold().inner(yv[0], yv[1], tw), COMPOSED, f,
                    "retrTransp preserves inner products");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void expmapTranspCarriesVelocitySoTheGeodesicCanBeReversed(Fixture f) {
        assumeTrue(f.has(Property.EXACT_EXPMAP));
        INDArray x = point(f, 31);
        INDArray u = moderateTangent(f, x, 32);
        INDArray v = tangent(f, x, 33);
        INDArray[] yu = f.manifold().expmapTransp(x, u, u);
        INDArray y = yu[0];
        assertClose(f.manifold().expmap(x, u), y, ROUNDING, f, "expmapTransp moves like expmap");
        assertClose(f.manifold().norm(x, u), f.manifold().norm(y, yu[1]), COMPOSED, f,
                "geodesics have constant speed");
        INDArray[] back = f.manifold().expmapTransp(y, yu[1].neg(), f.manifold().expmapTransp(x, u, v)[1]);
        assertClose(x, back[0], COMPOSED, f, "exp_y(-u') = x for the transported velocity u'");
        assertClose(v, back[1], COMPOSED, f, "transport along the reversed geodesic returns v");
    }

    // ---------------------------------------------------------------- laws: metric and gradient

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void egrad2rgradIsTangentAndRepresentsTheDifferential(Fixture f) {
        INDArray x = point(f, 34);
        INDArray g = gaussian(f, 35);
        INDArray u = tangent(f, x, 36);
        INDArray r = f.manifold().egrad2rgrad(x, g);
        assertClose(r, f.manifold().proju(x, r), COMPOSED, f, "rgrad is tangent");
        assertClose(euclideanInner(f, g, u), f.manifold().inner(x, r, u), COMPOSED, f,
                "<rgrad, u>_x = <egrad, u> for tangent u");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void innerIsSymmetricPositiveAndKeepsPointAxes(Fixture f) {
        INDArray x = point(f, 37);
        INDArray u = tangent(f, x, 38);
        INDArray v = tangent(f, x, 39);
        INDArray uv = f.manifold().inner(x, u, v);
        assertArrayEquals(perPointShape(f), uv.shape(), f + ": inner keeps the point axes with size 1");
        assertClose(uv, f.manifold().inner(x, v, u), ROUNDING, f, "<u, v>_x = <v, u>_x");
        INDArray uu = f.manifold().inner(x, u, u);
        assertFalse(BooleanIndexing.or(uu, Conditions.notFinite()), f + ": <u, u>_x is finite");
        assertTrue(uu.minNumber().doubleValue() > 0.0, f + ": <u, u>_x > 0 for nonzero tangent u");
        assertClose(Transforms.sqrt(uu, true), f.manifold().norm(x, u), ROUNDING, f, "|u|_x = sqrt(<u, u>_x)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void componentInnerHasTheShapeOfUAndIsBoundedByInner(Fixture f) {
        INDArray x = point(f, 40);
        INDArray u = tangent(f, x, 41);
        INDArray c = f.manifold().componentInner(x, u);
        assertArrayEquals(u.shape(), c.shape(), f + ": componentInner has the shape of u");
        assertFalse(BooleanIndexing.or(c, Conditions.notFinite()), f + ": componentInner is finite");
        assertTrue(c.minNumber().doubleValue() >= 0.0, f + ": componentInner >= 0");
        INDArray excess = c.sub(f.manifold().inner(x, u, u));
        assertTrue(excess.maxNumber().doubleValue() <= ROUNDING, f + ": componentInner <= <u, u>_x");
    }

    // ---------------------------------------------------------------- laws: hygiene

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void verbsNeverModifyTheirArguments(Fixture f) {
        Manifold m = f.manifold();
        INDArray x = point(f, 42);
        INDArray y = m.retr(x, moderateTangent(f, x, 43));
        INDArray u = tangent(f, x, 44);
        INDArray v = tangent(f, x, 45);
        INDArray a = gaussian(f, 46);
        List<INDArray> args = List.of(x, y, u, v, a);
        List<INDArray> copies = new ArrayList<>();
        args.forEach(arr -> copies.add(arr.dup()));
        m.projx(a);
        m.proju(x, a);
        m.egrad2rgrad(x, a);
        m.inner(x, u, v);
        m.norm(x, u);
        m.componentInner(x, u);
        m.expmap(x, u);
        m.retr(x, u);
        m.transp(x, y, v);
        m.retrTransp(x, u, v);
        m.expmapTransp(x, u, v);
        m.checkPoint(a, 1e-6);
        if (f.has(Property.LOGMAP)) {
            m.logmap(x, y);
        }
        if (f.has(Property.DIST)) {
            m.dist(x, y);
        }
        for (int i = 0; i < args.size(); i++) {
            assertEquals(copies.get(i), args.get(i), f + ": argument " + i + " was modified");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void verbsPreserveTheDataType(Fixture f) {
        Manifold m = f.manifold();
        INDArray x = point(f, 47).castTo(DataType.FLOAT);
        INDArray u = tangent(f, point(f, 47), 48).castTo(DataType.FLOAT);
        for (INDArray out : new INDArray[] {m.projx(x), m.proju(x, u), m.egrad2rgrad(x, u), m.inner(x, u, u),
                m.expmap(x, u), m.retr(x, u), m.transp(x, x, u), m.retrTransp(x, u, u)[1]}) {
            assertEquals(DataType.FLOAT, out.dataType(), f + ": float32 in, float32 out");
        }
        assertEquals(DataType.FLOAT, m.randomPoint(1, DataType.FLOAT, f.shape()).dataType());
        assertEquals(DataType.FLOAT, m.origin(DataType.FLOAT, f.shape()).dataType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void checkPointAcceptsPointsAndFlagsPerturbedOnes(Fixture f) {
        Manifold m = f.manifold();
        INDArray x = point(f, 49);
        assertOnManifold(f, x, 1e-10, "randomPoint is on the manifold");
        assertOnManifold(f, m.origin(DataType.DOUBLE, f.shape()), 1e-12, "origin is on the manifold");
        assertArrayEquals(f.shape(), m.origin(DataType.DOUBLE, f.shape()).shape(), f + ": origin shape");
        INDArray withNaN = x.dup();
        withNaN.putScalar(withNaN.length() - 1, Double.NaN);
        assertTrue(m.checkPoint(withNaN, 1e-6).isPresent(), f + ": NaN must be flagged");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.assertOnManifold(withNaN, 1e-6, "layer0.W"));
        assertTrue(e.getMessage().contains("layer0.W") && e.getMessage().contains(m.name()), e.getMessage());
        if (f.has(Property.CONSTRAINED)) {
            assertTrue(m.checkPoint(x.add(10.0), 1e-6).isPresent(), f + ": an off-manifold point must be flagged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void randomPointIsReproducibleForASeed(Fixture f) {
        INDArray a = point(f, 50);
        assertEquals(a, point(f, 50), f + ": same seed, same point");
        assertNotEquals(a, point(f, 51), f + ": different seeds, different points");
        assertArrayEquals(f.shape(), a.shape(), f + ": randomPoint has the requested shape");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifolds")
    void unsupportedVerbsThrowNamingTheManifold(Fixture f) {
        INDArray x = point(f, 52);
        INDArray y = point(f, 53);
        int checked = 0;
        if (!f.has(Property.LOGMAP)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> f.manifold().logmap(x, y));
            assertTrue(e.getMessage().contains(f.manifold().name()), e.getMessage());
            checked++;
        }
        if (!f.has(Property.DIST)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> f.manifold().dist(x, y));
            assertTrue(e.getMessage().contains(f.manifold().name()), e.getMessage());
            checked++;
        }
        assumeTrue(checked > 0, "all optional verbs supported");
    }
}
