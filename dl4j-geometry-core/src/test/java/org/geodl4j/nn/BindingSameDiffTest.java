package org.geodl4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Parameter binding for {@code SameDiff.fit}: a ball-valued variable {@code emb [4, 3]} (one point per row) and a
 * Euclidean {@code w [3, 1]} in {@code loss = mean((in emb w - label)^2)}.
 */
class BindingSameDiffTest {

    private static final double LR = 0.5;
    private static final double C = 0.8;
    private static final double TOL = 1e-12;
    private static final Map<String, Manifold> MANIFOLDS = Map.of("emb", new PoincareBall(C));

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 4);
        SDVariable label = sd.placeHolder("label", DataType.DOUBLE, -1, 1);
        INDArray emb0 = Nd4j.getRandomFactory().getNewRandomInstance(7).nextGaussian(new long[] {4, 3})
                .castTo(DataType.DOUBLE).muli(0.3);
        INDArray w0 = Nd4j.getRandomFactory().getNewRandomInstance(8).nextGaussian(new long[] {3, 1})
                .castTo(DataType.DOUBLE);
        SDVariable emb = sd.var("emb", emb0);
        SDVariable w = sd.var("w", w0);
        SDVariable diff = in.mmul(emb).mmul(w).sub(label);
        sd.mean("loss", diff.mul(diff));
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new ProjectedRsgd(LR)).dataSetFeatureMapping("in")
                .dataSetLabelMapping("label").build());
        return sd;
    }

    private static DataSet data(long seed) {
        INDArray f = Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {6, 4})
                .castTo(DataType.DOUBLE);
        INDArray l = Nd4j.getRandomFactory().getNewRandomInstance(seed + 1000).nextGaussian(new long[] {6, 1})
                .castTo(DataType.DOUBLE);
        return new DataSet(f, l);
    }

    /** Expected parameters after one step, from SameDiff's gradients and the closed-form ball step. */
    private static Map<String, INDArray> expected(SameDiff sd, DataSet ds) {
        Map<String, INDArray> g = sd.calculateGradients(Map.of("in", ds.getFeatures(), "label", ds.getLabels()),
                "emb", "w");
        INDArray emb = sd.getArrForVarName("emb").dup();
        INDArray next = emb.dup();
        for (int i = 0; i < emb.rows(); i++) {
            double[] y = BallStepReference.step(emb.getRow(i).toDoubleVector(), g.get("emb").getRow(i).toDoubleVector(),
                    LR, C);
            for (int j = 0; j < y.length; j++) {
                next.putScalar(i, j, y[j]);
            }
        }
        return Map.of("emb", next, "w", sd.getArrForVarName("w").sub(g.get("w").mul(LR)));
    }

    private static double trainAgainstReference(SameDiff sd, int steps, long seed) {
        double worst = 0;
        for (int step = 0; step < steps; step++) {
            DataSet ds = data(seed + step);
            Map<String, INDArray> exp = expected(sd, ds);
            sd.fit(ds);
            for (Map.Entry<String, INDArray> e : exp.entrySet()) {
                worst = Math.max(worst,
                        sd.getArrForVarName(e.getKey()).sub(e.getValue()).amaxNumber().doubleValue());
            }
        }
        return worst;
    }

    @Test
    void sameDiffFitFollowsTheExpmapStepEveryStep() {
        SameDiff sd = graph();
        GeoSameDiff.attach(sd, MANIFOLDS);
        double worst = trainAgainstReference(sd, 5, 10);
        assertTrue(worst <= TOL, "max |variable - exp-map reference| over 5 steps = " + worst);
    }

    @Test
    void unattachedSameDiffFailsLoudly() {
        SameDiff sd = graph();
        INDArray before = sd.getArrForVarName("emb").dup();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sd.fit(data(1)));
        assertTrue(e.getMessage().contains("GeoSameDiff.attach(sd, manifolds)"), e.getMessage());
        assertEquals(before, sd.getArrForVarName("emb"));
    }

    @Test
    void attachIsIdempotentAndKeepsOtherRegularizations() {
        SameDiff sd = graph();
        sd.getTrainingConfig().setRegularization(new ArrayList<>(List.of(new L2Regularization(0.0))));
        GeoSameDiff.attach(sd, MANIFOLDS);
        GeoSameDiff.attach(sd, MANIFOLDS);
        List<Regularization> regs = sd.getTrainingConfig().getRegularization();
        assertEquals(2, regs.size(), regs.toString());
        assertEquals(1, regs.stream().filter(r -> r instanceof ParamTap).count());
        assertTrue(regs.get(0) instanceof L2Regularization);
        double worst = trainAgainstReference(sd, 2, 20);
        assertTrue(worst <= TOL, "after double attach: " + worst);
    }

    @Test
    void unknownVariableIsRejected() {
        SameDiff sd = graph();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoSameDiff.attach(sd, Map.of("embedding", new PoincareBall(1.0))));
        assertTrue(e.getMessage().contains("embedding"), e.getMessage());
        IllegalArgumentException placeholder = assertThrows(IllegalArgumentException.class,
                () -> GeoSameDiff.attach(sd, Map.of("in", new PoincareBall(1.0))));
        assertTrue(placeholder.getMessage().contains("PLACEHOLDER"), placeholder.getMessage());
    }

    @Test
    void tapSurvivesJsonHarmlesslyAndFailsLoudlyUntilReattached() throws Exception {
        SameDiff sd = graph();
        GeoSameDiff.attach(sd, MANIFOLDS);
        String json = sd.getTrainingConfig().toJson();
        TrainingConfig restored = TrainingConfig.fromJson(json);
        assertEquals(1, restored.getRegularization().stream().filter(r -> r instanceof ParamTap).count(), json);
        assertTrue(restored.getUpdater() instanceof ProjectedRsgd);

        SameDiff fresh = graph();
        fresh.setTrainingConfig(restored);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fresh.fit(data(30)));
        assertTrue(e.getMessage().contains("GeoSameDiff.attach(sd, manifolds)"), e.getMessage());

        SameDiff again = graph();
        again.setTrainingConfig(TrainingConfig.fromJson(json));
        GeoSameDiff.attach(again, MANIFOLDS);
        double worst = trainAgainstReference(again, 2, 30);
        assertTrue(worst <= TOL, "after JSON + re-attach: " + worst);
    }
}
