package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class ClosureDataSetsTest {

    @Test
    void everyEdgeOnceWithValidNegativesAndPositiveLabelsInColumnZero() throws Exception {
        WordNetClosure closure = NegativeSamplerTest.chainWithLeaves();
        NegativeSampler sampler = new NegativeSampler(closure, NegativeSampler.Distribution.UNIFORM, 3);
        int k = 3;
        DataSet ds = ClosureDataSets.epoch(closure, sampler, k, new SplittableRandom(5), DataType.FLOAT);
        INDArray f = ds.getFeatures();
        INDArray y = ds.getLabels();
        assertEquals(closure.numEdges(), f.rows());
        assertEquals(k + 2, f.columns());
        assertEquals(k + 1, y.columns());
        assertEquals(f.rows(), y.getColumn(0).sumNumber().intValue(), "column 0 set in every row");
        assertEquals(f.rows(), y.sumNumber().intValue(), "one-hot");
        Set<Long> edges = new HashSet<>();
        boolean shuffled = false;
        for (int i = 0; i < f.rows(); i++) {
            int u = f.getInt(i, 0);
            int v = f.getInt(i, 1);
            assertTrue(closure.isAncestor(u, v), "row " + i + " is an edge");
            edges.add((long) u * closure.size() + v);
            shuffled |= u != closure.edgeChild(i) || v != closure.edgeAncestor(i);
            Set<Integer> negs = new HashSet<>();
            for (int j = 0; j < k; j++) {
                int n = f.getInt(i, j + 2);
                assertNotEquals(u, n);
                assertFalse(closure.isAncestor(u, n), "negative " + n + " is an ancestor of " + u);
                negs.add(n);
            }
            assertEquals(k, negs.size(), "distinct negatives");
        }
        assertEquals(closure.numEdges(), edges.size(), "every edge once");
        assertTrue(shuffled, "edge order shuffled");
        assertThrows(IllegalArgumentException.class,
                () -> ClosureDataSets.epoch(closure, sampler, 0, new SplittableRandom(1), DataType.FLOAT));
    }
}
