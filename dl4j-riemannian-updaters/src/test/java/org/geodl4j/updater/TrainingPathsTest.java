package org.geodl4j.updater;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoSameDiff;
import org.geodl4j.nn.GeoUpdaters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The updaters in a ComputationGraph and in {@code SameDiff.fit}, against DL4J's Adam on the same models. */
class TrainingPathsTest {

    private static final int STEPS = 30;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(updater).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(TestNets.IN).nOut(8).activation(Activation.TANH).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8)
                        .nOut(TestNets.OUT).activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void computationGraphWithRiemannianAdamAndRloAdamMatchesAdam() {
        DataSet data = TestNets.data(DataType.DOUBLE);
        ComputationGraph reference = graph(new Adam(0.01));
        for (int i = 0; i < STEPS; i++) {
            reference.fit(data);
        }
        for (IUpdater ours : new IUpdater[] {new RiemannianAdam(0.01), Rlo.adam(0.01, 0.9, 0.999, 1e-8)}) {
            ComputationGraph g = graph(ours);
            GeoUpdaters.attach(g);
            for (int i = 0; i < STEPS; i++) {
                g.fit(data);
            }
            double diff = TestNets.maxAbsDiff(reference.params(), g.params());
            System.out.printf("ComputationGraph %s vs Adam: max |param diff| after %d steps = %.2e%n",
                    ours.getClass().getSimpleName(), STEPS, diff);
            assertTrue(diff <= 1e-6, ours + ": " + diff);
        }
    }

    /** {@code loss = mean((in emb w - label)^2)}, emb [4, 3] one ball point per row, w [3, 1] Euclidean. */
    private static SameDiff sameDiff(IUpdater updater, Map<String, Manifold> manifolds) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, -1, 4);
        SDVariable label = sd.placeHolder("label", DataType.DOUBLE, -1, 1);
        SDVariable emb = sd.var("emb", Nd4j.getRandomFactory().getNewRandomInstance(7)
                .nextGaussian(new long[] {4, 3}).castTo(DataType.DOUBLE).muli(0.3));
        SDVariable w = sd.var("w", Nd4j.getRandomFactory().getNewRandomInstance(8).nextGaussian(new long[] {3, 1})
                .castTo(DataType.DOUBLE));
        SDVariable diff = in.mmul(emb).mmul(w).sub(label);
        sd.mean("loss", diff.mul(diff));
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(updater).dataSetFeatureMapping("in")
                .dataSetLabelMapping("label").build());
        if (manifolds != null) {
            GeoSameDiff.attach(sd, manifolds);
        }
        return sd;
    }

    private static DataSet sdData() {
        return new DataSet(Nd4j.getRandomFactory().getNewRandomInstance(9).nextGaussian(new long[] {6, 4})
                .castTo(DataType.DOUBLE), Nd4j.getRandomFactory().getNewRandomInstance(10)
                .nextGaussian(new long[] {6, 1}).castTo(DataType.DOUBLE).muli(3.0));
    }

    @Test
    void sameDiffFitWithEuclideanVariablesMatchesAdam() {
        DataSet data = sdData();
        SameDiff reference = sameDiff(new Adam(0.05), null);
        SameDiff ours = sameDiff(new RiemannianAdam(0.05), Map.of());
        for (int i = 0; i < STEPS; i++) {
            reference.fit(data);
            ours.fit(data);
        }
        double diff = Math.max(TestNets.maxAbsDiff(reference.getArrForVarName("emb"), ours.getArrForVarName("emb")),
                TestNets.maxAbsDiff(reference.getArrForVarName("w"), ours.getArrForVarName("w")));
        System.out.printf("SameDiff.fit RiemannianAdam vs Adam: max |param diff| after %d steps = %.2e%n", STEPS,
                diff);
        assertTrue(diff <= 1e-6, "diff " + diff);
    }

    @Test
    void sameDiffFitKeepsBallVariablesInsideTheBall() {
        DataSet data = sdData();
        PoincareBall ball = new PoincareBall(1.0);
        for (IUpdater u : new IUpdater[] {new RiemannianSgd(0.01, 0.9, true), new RiemannianAdam(0.1),
                Rlo.lambda().toBuilder().learningRate(0.02).build()}) {
            SameDiff sd = sameDiff(u, Map.of("emb", ball));
            double start = sd.output(data, "loss").get("loss").getDouble(0);
            for (int i = 0; i < STEPS; i++) {
                sd.fit(data);
            }
            INDArray emb = sd.getArrForVarName("emb");
            double end = sd.output(data, "loss").get("loss").getDouble(0);
            assertTrue(ball.checkPoint(emb, 1e-12).isEmpty(), u + ": " + ball.checkPoint(emb, 1e-12));
            assertTrue(end < start, u + ": loss " + start + " -> " + end);
        }
    }
}
