package org.geodl4j.hyperbolic;

import static org.geodl4j.hyperbolic.LayerContractTest.assertMessage;
import static org.geodl4j.hyperbolic.LayerContractTest.finite;
import static org.geodl4j.hyperbolic.LayerContractTest.jitter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.updater.RiemannianAdam;
import org.geodl4j.updater.RiemannianSgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * {@link HyperbolicEmbedding} + {@link PoincareEmbeddingLoss} in both spaces (gradient checks in
 * {@link HyperbolicEmbeddingGradientTest}): the output is the looked-up rows and the loss
 * equals Nickel &amp; Kiela's formula evaluated with the eager geometry core, the table is declared on the manifold,
 * JSON/YAML + ModelSerializer round trips with Riemannian updaters, float32 near the boundary, and bad input.
 */
class HyperbolicEmbeddingTest {

    static final DataType D = DataType.DOUBLE;
    static final double C = 0.8;
    static final int VOCAB = 7;
    static final int DIM = 3;
    static final int NEGATIVES = 2;
    static final int K = NEGATIVES + 2;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static HyperbolicEmbedding embedding(PointSpace space, boolean trainable, double c) {
        return HyperbolicEmbedding.builder().nIn(VOCAB).nOut(DIM).space(space).curvature(c)
                .trainableCurvature(trainable).build();
    }

    static PoincareEmbeddingLoss loss(PointSpace space, boolean trainable, double c) {
        return PoincareEmbeddingLoss.builder().negatives(NEGATIVES).space(space).curvature(c)
                .trainableCurvature(trainable).build();
    }

    static MultiLayerNetwork mln(PointSpace space, boolean trainable, DataType dt, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt).updater(updater)
                .list()
                .layer(embedding(space, trainable, C))
                .layer(loss(space, trainable, C))
                .setInputType(InputType.feedForward(K)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Index rows (u, positive, negatives) with repeats within the batch and within rows' negatives' columns. */
    static DataSet data(DataType dt) {
        int[] u = {0, 1, 0, 2, 5};
        int[] pos = {3, 3, 4, 6, 3};
        int[][] neg = {{1, 2}, {0, 5}, {5, 6}, {0, 1}, {2, 0}};
        return PoincareEmbeddingLoss.dataSet(u, pos, neg, dt);
    }

    static boolean check(MultiLayerNetwork net, DataSet ds) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(ds.getFeatures())
                .labels(ds.getLabels()).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    /** Moves the jittered table back onto the manifold (Lorentz: recompute the time coordinate). */
    static void jitterTable(INDArray params, MultiLayerNetwork net, PointSpace space) {
        jitter(params);
        INDArray table = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        table.muli(5);      // spread the points so that distances are not all tiny
        table.assign(space == PointSpace.LORENTZ ? new Lorentz(C).projx(table) : new PoincareBall(C).projx(table));
    }

    // ------------------------------------------------------------------ what the layers compute

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void outputIsTheLookedUpRowsAndTheScoreIsNickelKielasLoss(PointSpace space) {
        MultiLayerNetwork net = mln(space, false, D, new NoOp());
        jitterTable(net.params(), net, space);
        DataSet ds = data(D);
        INDArray table = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        long w = table.size(1);
        assertEquals(space == PointSpace.LORENTZ ? DIM + 1 : DIM, w);
        INDArray emb = net.feedForwardToLayer(0, ds.getFeatures(), false).get(1);
        assertEquals(List.of(5L, K * w), List.of(emb.size(0), emb.size(1)));
        double expectedLoss = 0;
        for (int n = 0; n < 5; n++) {
            INDArray u = table.getRow(ds.getFeatures().getInt(n, 0), true);
            double[] logits = new double[K - 1];
            for (int j = 0; j < K; j++) {
                INDArray row = table.getRow(ds.getFeatures().getInt(n, j), true);
                INDArray block = emb.get(NDArrayIndex.point(n), NDArrayIndex.interval(j * w, (j + 1) * w)).reshape(1, w);
                assertTrue(block.equalsWithEps(row, 1e-12), "block " + j + " of row " + n);
                if (j > 0) {
                    double d = space == PointSpace.LORENTZ ? new Lorentz(C).dist(u, row).getDouble(0)
                            : new PoincareBall(C).dist(u, row).getDouble(0);
                    logits[j - 1] = -d;
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double z = 0;
            for (double l : logits) {
                z += Math.exp(l - max);
            }
            expectedLoss += -(logits[0] - max - Math.log(z));
        }
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        assertEquals(expectedLoss / 5, net.score(), 1e-9, "score = mean of -log softmax_0(-d)");
    }

    @Test
    void withoutAnInputTypeKIsTakenFromTheInputAtRunTime() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).dataType(D).list()
                .layer(embedding(PointSpace.POINCARE, false, C))
                .layer(PoincareEmbeddingLoss.builder().nIn(K * DIM).negatives(NEGATIVES).curvature(C).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(0, ((HyperbolicEmbedding) net.getLayer(0).conf().getLayer()).getIndicesPerExample());
        DataSet ds = data(D);
        INDArray p = net.output(ds.getFeatures());
        assertEquals(List.of(5L, (long) K - 1), List.of(p.size(0), p.size(1)));
        INDArray two = ds.getFeatures().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        INDArray emb = net.feedForwardToLayer(0, two, false).get(1);
        assertEquals(2 * DIM, emb.size(1), "K = 2 at run time");
    }

    @Test
    void tableIsDeclaredOnTheManifoldAndInitialisedNearTheOrigin() {
        HyperbolicEmbedding p = embedding(PointSpace.POINCARE, true, C);
        assertEquals(new PoincareBall(C), p.manifoldOf(HyperbolicEmbedding.TABLE));
        HyperbolicEmbedding l = embedding(PointSpace.LORENTZ, false, C);
        assertEquals(new Lorentz(C), l.manifoldOf(HyperbolicEmbedding.TABLE));

        MultiLayerNetwork net = mln(PointSpace.LORENTZ, false, D, new NoOp());
        INDArray t = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        assertEquals(List.of((long) VOCAB, (long) DIM + 1), List.of(t.size(0), t.size(1)));
        INDArray space = t.get(NDArrayIndex.all(), NDArrayIndex.interval(1, DIM + 1));
        assertTrue(space.amaxNumber().doubleValue() <= 1e-3 && space.amaxNumber().doubleValue() > 0, "init range");
        assertTrue(new Lorentz(C).checkPoint(t, 1e-9).isEmpty(), "rows on the hyperboloid");
        MultiLayerNetwork pn = mln(PointSpace.POINCARE, false, D, new NoOp());
        double amax = pn.getLayer(0).getParam(HyperbolicEmbedding.TABLE).amaxNumber().doubleValue();
        assertTrue(amax <= 1e-3 && amax > 0, "init range: " + amax);
    }

    // ------------------------------------------------------------------ serialisation

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void jsonYamlAndModelSerializerRoundTripsWithRiemannianUpdaters(PointSpace space) throws IOException {
        IUpdater updater = space == PointSpace.POINCARE ? new RiemannianSgd(0.5) : new RiemannianAdam(0.05);
        MultiLayerNetwork net = mln(space, true, D, updater);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), "JSON round trip");
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()), "YAML round trip");

        DataSet ds = data(D);
        INDArray before = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE).dup();
        net.fit(ds);
        assertTrue(!before.equals(net.getLayer(0).getParam(HyperbolicEmbedding.TABLE)), "the table was trained");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.output(ds.getFeatures()), restored.output(ds.getFeatures()), "outputs after restore");
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
            restored.fit(ds);
        }
        assertEquals(net.params(), restored.params(), "training continues identically after restore");
        INDArray table = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        if (space == PointSpace.LORENTZ) {
            assertTrue(new Lorentz(C).checkPoint(table, 1e-6).isEmpty(), "Riemannian steps stay on the hyperboloid");
        } else {
            assertTrue(table.norm2(1).maxNumber().doubleValue() < 1 / Math.sqrt(C), "rows stay in the ball");
        }
    }

    // ------------------------------------------------------------------ float32 stress

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void float32RowsNearTheBoundaryStayFinite(PointSpace space) {
        MultiLayerNetwork net = mln(space, true, DataType.FLOAT, new NoOp());
        DataSet ds = data(DataType.FLOAT);
        INDArray table = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        INDArray t0 = table.dup();
        List<String> bad = new ArrayList<>();
        // Poincaré: rows scaled onto (and beyond) the boundary; Lorentz: space coordinates up to 1e4 (x_0 ~ 1e4)
        for (double scale : new double[] {1.0, 1e3, 1e4, 1e7}) {
            INDArray t = t0.mul(scale);
            t.assign(space == PointSpace.LORENTZ ? new Lorentz(C).projx(t) : new PoincareBall(C).projx(t));
            table.assign(t);
            INDArray out = net.output(ds.getFeatures());
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
            if (!finite(out) || !finite(net.gradient().gradient()) || !Double.isFinite(net.score())) {
                bad.add("table scale " + scale);
            }
        }
        assertTrue(bad.isEmpty(), "NaN/Inf in outputs, gradients or score for " + bad);
    }

    // ------------------------------------------------------------------ bad input

    @ParameterizedTest
    @EnumSource(value = PointSpace.class, names = {"POINCARE", "LORENTZ"})
    void badInputIsRejectedNamingTheLayer(PointSpace space) {
        MultiLayerNetwork net = mln(space, false, D, new NoOp());
        INDArray ok = data(D).getFeatures();
        net.output(ok);
        String name = "HyperbolicEmbedding";

        INDArray wide = Nd4j.concat(1, ok, ok);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(wide)), name, "expected");
        INDArray nan = ok.dup();
        nan.putScalar(1, 1, Double.NaN);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(nan)), name, "NaN");
        INDArray frac = ok.dup();
        frac.putScalar(2, 0, 1.5);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(frac)), name, "integer");
        INDArray high = ok.dup();
        high.putScalar(0, 3, VOCAB);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(high)), name, "out of range");
        INDArray low = ok.dup();
        low.putScalar(0, 3, -1);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(low)), name, "out of range");
        for (double c : new double[] {0.0, -1.0, Double.NaN}) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> embedding(space, false, c)), name,
                    "positive");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> loss(space, false, c)),
                    "PoincareEmbeddingLoss", "positive");
        }
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> HyperbolicEmbedding.builder().nOut(DIM).build()), name, "nIn");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> HyperbolicEmbedding.builder().nIn(VOCAB).build()), name, "nOut");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> HyperbolicEmbedding.builder().nIn(VOCAB).nOut(DIM).space(PointSpace.EUCLIDEAN).build()),
                name, "POINCARE or LORENTZ");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> PoincareEmbeddingLoss.builder().build()),
                "PoincareEmbeddingLoss", "nOut");
    }

    @Test
    void lossLayerRejectsWidthsThatAreNotKPointsAndPointsOffTheBall() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(D).list()
                .layer(loss(PointSpace.POINCARE, false, C)).setInputType(InputType.feedForward(K * DIM)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray ok = Nd4j.rand(D, 2, K * DIM).subi(0.5).muli(0.4);
        assertEquals(2, net.output(ok).rows());
        INDArray off = ok.dup();
        off.get(NDArrayIndex.point(1), NDArrayIndex.interval(DIM, 2 * DIM)).muli(100);
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(off)), "PoincareEmbeddingLoss",
                "Poincaré ball");
        assertMessage(assertThrows(RuntimeException.class, () -> net.output(Nd4j.concat(1, ok, ok))),
                "PoincareEmbeddingLoss", "expected");

        assertMessage(assertThrows(RuntimeException.class, () -> new NeuralNetConfiguration.Builder().dataType(D)
                .list().layer(loss(PointSpace.POINCARE, false, C)).setInputType(InputType.feedForward(K * DIM + 1))
                .build()), "PoincareEmbeddingLoss", "K·W");
    }
}
