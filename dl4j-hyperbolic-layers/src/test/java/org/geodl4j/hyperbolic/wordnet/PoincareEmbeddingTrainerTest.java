package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class PoincareEmbeddingTrainerTest {

    private static WordNetClosure tree;

    /** Balanced tree, branching 3, depth 3: 40 nodes, 3·1 + 9·2 + 27·3 = 102 closure edges. */
    @BeforeAll
    static void buildTree() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < 3; a++) {
            sb.append("n").append(a).append("\tr\n");
            for (int b = 0; b < 3; b++) {
                sb.append("n").append(a).append(b).append("\tn").append(a).append("\n");
                sb.append("n").append(a).append(b).append("\tr\n");
                for (int c = 0; c < 3; c++) {
                    String leaf = "n" + a + b + c;
                    sb.append(leaf).append("\tn").append(a).append(b).append("\n");
                    sb.append(leaf).append("\tn").append(a).append("\n");
                    sb.append(leaf).append("\tr\n");
                }
            }
        }
        tree = WordNetClosure.fromTsv(new StringReader(sb.toString()), "tree");
        assertEquals(40, tree.size());
        assertEquals(102, tree.numEdges());
    }

    private static PoincareEmbeddingTrainer.Builder base() {
        return PoincareEmbeddingTrainer.builder().dim(5).negatives(5).batchSize(10).learningRate(0.3).burnIn(2, 0.1)
                .seed(3);
    }

    @ParameterizedTest
    @CsvSource({"RSGD, PROJECTED_STEP, 0.3", "RSGD, EXPMAP, 0.3", "RADAM, PROJECTED_STEP, 0.01",
            "RADAM, EXPMAP, 0.01"})
    void reducesLossAndReconstructsATinyTree(PoincareEmbeddingTrainer.Optimizer optimizer,
            PoincareEmbeddingTrainer.Retraction retraction, double lr) {
        PoincareEmbeddingTrainer t = base().optimizer(optimizer).retraction(retraction).learningRate(lr)
                .build(tree);
        ReconstructionEvaluation.Result before = t.evaluate();
        List<PoincareEmbeddingTrainer.EpochReport> seen = new ArrayList<>();
        List<PoincareEmbeddingTrainer.EpochReport> reports = t.train(150, seen::add);
        assertEquals(reports, seen, "the listener sees every epoch");
        assertTrue(reports.get(0).burnIn() && reports.get(1).burnIn() && !reports.get(2).burnIn());
        assertEquals(lr * 0.1, reports.get(0).learningRate(), 1e-15);
        double first = reports.get(0).meanLoss();
        double last = reports.get(149).meanLoss();
        // at init every distance is ~0, so the loss is log(1 + negatives) = log 6
        assertEquals(Math.log(6), first, 0.01);
        assertTrue(last < 0.5 * first, optimizer + "/" + retraction + ": loss " + first + " -> " + last);
        ReconstructionEvaluation.Result after = t.evaluate();
        assertTrue(after.nickelKiela().meanAveragePrecision() > 0.9,
                optimizer + "/" + retraction + ": " + before + " -> " + after);
        assertTrue(after.nickelKiela().meanRank() < 1.5, after.toString());
        double maxNorm = (1 - PoincareBall.PROJECTION_EPS_DOUBLE) + 1e-12;
        double[] table = t.embeddingTable();
        for (int i = 0; i < tree.size(); i++) {
            double n2 = 0;
            for (int k = 0; k < 5; k++) {
                n2 += table[i * 5 + k] * table[i * 5 + k];
            }
            assertTrue(Math.sqrt(n2) <= maxNorm, "row " + i + " left the ball");
        }
    }

    @Test
    void deterministicBySeed() {
        for (PoincareEmbeddingTrainer.Optimizer o : PoincareEmbeddingTrainer.Optimizer.values()) {
            double lr = o == PoincareEmbeddingTrainer.Optimizer.RSGD ? 0.3 : 0.01;
            PoincareEmbeddingTrainer a = base().optimizer(o).learningRate(lr).build(tree);
            PoincareEmbeddingTrainer b = base().optimizer(o).learningRate(lr).build(tree);
            PoincareEmbeddingTrainer c = base().optimizer(o).learningRate(lr).seed(4).build(tree);
            a.train(5, null);
            b.train(5, null);
            c.train(5, null);
            assertArrayEquals(a.embeddingTable(), b.embeddingTable(), 0.0, o.toString());
            assertFalse(Arrays.equals(a.embeddingTable(), c.embeddingTable()), o.toString());
        }
    }

    @Test
    void float32StorageKeepsFloatValuesInsideTheFloatMargin() {
        PoincareEmbeddingTrainer t = base().dataType(DataType.FLOAT).learningRate(1.0).build(tree);
        t.train(40, null);
        double maxNorm = 1 - PoincareBall.PROJECTION_EPS_FLOAT;
        double[] table = t.embeddingTable();
        double largest = 0;
        for (int i = 0; i < tree.size(); i++) {
            double n2 = 0;
            for (int k = 0; k < 5; k++) {
                double v = table[i * 5 + k];
                assertEquals(v, (double) (float) v, 0.0, "stored values are float32");
                n2 += v * v;
            }
            largest = Math.max(largest, Math.sqrt(n2));
        }
        assertTrue(largest <= maxNorm + 1e-6, "largest norm " + largest);
        assertEquals(DataType.FLOAT, t.embeddings().dataType());
        assertTrue(t.evaluate().nickelKiela().meanAveragePrecision() > 0.8, t.evaluate().toString());
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base().negatives(0).build(tree));
        assertTrue(e.getMessage().contains("negatives"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base().curvature(-1).build(tree));
        assertTrue(e.getMessage().contains("curvature"), e.getMessage());
        // a leaf of the tree has 3 ancestors among 40 nodes: 36 valid negatives
        e = assertThrows(IllegalArgumentException.class, () -> base().negatives(37).build(tree));
        assertTrue(e.getMessage().contains("valid negatives"), e.getMessage());
    }
}
