package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.geodl4j.hyperbolic.HyperbolicEmbedding;
import org.geodl4j.hyperbolic.PoincareEmbeddingLoss;
import org.geodl4j.hyperbolic.PointSpace;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.updater.RiemannianSgd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;

/**
 * The generic DL4J path on real data: a MultiLayerNetwork {@code [HyperbolicEmbedding, PoincareEmbeddingLoss]} trained
 * by {@code fit} with RiemannianSgd on the carnivore subtree of the WordNet mammal closure (shipped resource; 366
 * nodes, 1456 edges), 10 epochs from {@link ClosureDataSets} (10 uniform negatives, batch 100): the loss falls and the
 * reconstruction mAP ({@link ReconstructionEvaluation}, gensim convention) ends far above that of the random initial
 * embedding (measured once: loss 2.40 -> 0.78, mAP 0.022 -> 0.357).
 */
class EmbeddingLayerTrainingTest {

    static final int DIM = 5;
    static final int NEGATIVES = 10;
    static final int BATCH = 100;
    static final int EPOCHS = 10;
    /** For the mean loss over a batch of 100 (Nickel &amp; Kiela's lr ~0.1 is for the sum over a batch of 10). */
    static final double LR = 15;

    @Test
    void fitOnTheMammalClosureLowersTheLossAndReconstructsTheHierarchy() {
        WordNetClosure closure = WordNetClosure.mammals().subtree("carnivore.n.01");
        DataType dt = DataType.FLOAT;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(dt)
                .updater(new RiemannianSgd(LR)).list()
                .layer(HyperbolicEmbedding.builder().nIn(closure.size()).nOut(DIM).space(PointSpace.POINCARE).build())
                .layer(PoincareEmbeddingLoss.builder().negatives(NEGATIVES).build())
                .setInputType(InputType.feedForward(NEGATIVES + 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray table = net.getLayer(0).getParam(HyperbolicEmbedding.TABLE);
        double randomMap = map(closure, table);

        NegativeSampler sampler = new NegativeSampler(closure, NegativeSampler.Distribution.UNIFORM, 11);
        SplittableRandom shuffle = new SplittableRandom(13);
        DataSet probe = ClosureDataSets.epoch(closure, sampler, NEGATIVES, new SplittableRandom(17), dt);
        double lossBefore = net.score(probe);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            net.fit(new ViewIterator(ClosureDataSets.epoch(closure, sampler, NEGATIVES, shuffle, dt), BATCH));
        }
        double lossAfter = net.score(probe);
        double trainedMap = map(closure, table);
        System.out.printf("[EmbeddingLayerTrainingTest] loss %.4f -> %.4f, mAP random %.4f -> trained %.4f%n",
                lossBefore, lossAfter, randomMap, trainedMap);
        assertEquals(Math.log(NEGATIVES + 1), lossBefore, 0.01, "initial loss ~ log(K - 1): all distances ~ 0");
        assertTrue(lossAfter < 0.5 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
        assertTrue(trainedMap > 5 * randomMap && trainedMap > 0.25, "mAP random " + randomMap + ", trained "
                + trainedMap);
        double maxNorm = table.norm2(1).maxNumber().doubleValue();
        assertTrue(maxNorm < 1, "rows stay in the unit ball: " + maxNorm);
    }

    private static double map(WordNetClosure closure, INDArray table) {
        double[] t = table.castTo(DataType.DOUBLE).dup('c').reshape(table.length()).toDoubleVector();
        ReconstructionEvaluation.Result r = ReconstructionEvaluation.evaluatePoincare(closure, t, DIM, 1.0);
        return r.gensim().meanAveragePrecision();
    }
}
