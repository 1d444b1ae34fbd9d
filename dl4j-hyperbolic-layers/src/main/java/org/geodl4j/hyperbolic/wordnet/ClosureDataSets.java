package org.geodl4j.hyperbolic.wordnet;

import java.util.SplittableRandom;

import org.geodl4j.hyperbolic.HyperbolicEmbedding;
import org.geodl4j.hyperbolic.PoincareEmbeddingLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training data for the generic DL4J path ({@link HyperbolicEmbedding} + {@link PoincareEmbeddingLoss} in a
 * MultiLayerNetwork or ComputationGraph) from a {@link WordNetClosure}: one example per closure edge
 * {@code (u = child, v = ancestor)}, features {@code (u, v, v'_1, ..., v'_k)} with the negatives {@code v'_j} drawn
 * by a {@link NegativeSampler} (never {@code u} or an ancestor of {@code u}), labels one-hot at column 0
 * ({@link PoincareEmbeddingLoss#labels}). Draw a fresh epoch every epoch (new negatives, new order), as the dedicated
 * {@link PoincareEmbeddingTrainer} does.
 */
public final class ClosureDataSets {

    private ClosureDataSets() {
    }

    /**
     * Every edge of {@code closure} once, in an order shuffled by {@code shuffle}, each with {@code negatives}
     * negatives of its child from {@code sampler}.
     *
     * @return features {@code [edges, negatives + 2]} (indices as {@code dataType}), labels {@code [edges, negatives + 1]}
     */
    public static DataSet epoch(WordNetClosure closure, NegativeSampler sampler, int negatives, SplittableRandom shuffle,
                                DataType dataType) {
        if (negatives < 1) {
            throw new IllegalArgumentException("ClosureDataSets.epoch: negatives must be >= 1, got " + negatives);
        }
        int e = closure.numEdges();
        int[] order = new int[e];
        for (int i = 0; i < e; i++) {
            order[i] = i;
        }
        for (int i = e - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] u = new int[e];
        int[] v = new int[e];
        int[][] neg = new int[e][negatives];
        for (int i = 0; i < e; i++) {
            u[i] = closure.edgeChild(order[i]);
            v[i] = closure.edgeAncestor(order[i]);
            sampler.sample(u[i], neg[i], 0, negatives);
        }
        return PoincareEmbeddingLoss.dataSet(u, v, neg, dataType);
    }
}
