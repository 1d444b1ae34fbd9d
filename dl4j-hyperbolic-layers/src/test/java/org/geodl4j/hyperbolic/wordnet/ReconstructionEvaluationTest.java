package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.SplittableRandom;

import org.geodl4j.manifold.PoincareBall;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ReconstructionEvaluationTest {

    /**
     * a is the root; b -> a; c -> b, a; d -> a. Distances by hand (row = from):
     * <pre>
     *        a    b    c    d
     *   b   2    0    1    3      ancestors {a}: negative c closer
     *   c   1.5  0.5  0    1      ancestors {a, b}: negative d between them
     *   d   1    1    4    0      ancestors {a}: negative b ties a
     * </pre>
     * Nickel &amp; Kiela (self excluded): ranks b->a 2; c->b 1, c->a 2; d->a 1 (tie counts for the ancestor):
     * mean rank 6/4; AP(b) = 1/2, AP(c) = (1/1 + 2/3)/2 = 5/6, AP(d) = 1/2 (scikit-learn: a and b share one
     * threshold, precision 1/2): mAP = 11/18.
     * gensim (self at distance 0 counts): ranks 3; 2, 3; 2: mean rank 10/4; AP(b) = 1/3, AP(c) = (1/2 + 2/4)/2 = 1/2,
     * AP(d) = 1/2: mAP = 4/9.
     */
    @Test
    void handComputedRanksAndAveragePrecisionInBothConventions() throws IOException {
        WordNetClosure w = WordNetClosure.fromTsv(new StringReader("b\ta\nc\tb\nc\ta\nd\ta\n"), "tiny");
        int a = w.indexOf("a");
        int b = w.indexOf("b");
        int c = w.indexOf("c");
        int d = w.indexOf("d");
        double[][] dist = new double[4][4];
        dist[b][a] = 2;
        dist[b][c] = 1;
        dist[b][d] = 3;
        dist[c][a] = 1.5;
        dist[c][b] = 0.5;
        dist[c][d] = 1;
        dist[d][a] = 1;
        dist[d][b] = 1;
        dist[d][c] = 4;
        ReconstructionEvaluation.Result r = ReconstructionEvaluation.evaluate(w,
                (u, out) -> System.arraycopy(dist[u], 0, out, 0, 4));
        assertEquals(3, r.nodes());
        assertEquals(4, r.edges());
        assertEquals(1.5, r.nickelKiela().meanRank(), 1e-15);
        assertEquals(11.0 / 18, r.nickelKiela().meanAveragePrecision(), 1e-15);
        assertEquals(2.5, r.gensim().meanRank(), 1e-15);
        assertEquals(4.0 / 9, r.gensim().meanAveragePrecision(), 1e-15);
    }

    @Test
    void perfectRankingScoresOneUnderNickelKielaAndRankTwoUnderGensim() throws IOException {
        // distance = depth difference for ancestors, 10 for everything else: every ancestor beats every negative
        WordNetClosure w = WordNetClosure.fromTsv(new StringReader("b\ta\nc\tb\nc\ta\nd\tc\nd\tb\nd\ta\n"), "chain");
        ReconstructionEvaluation.Result r = ReconstructionEvaluation.evaluate(w, (u, out) -> {
            for (int v = 0; v < out.length; v++) {
                out[v] = u == v ? 0 : w.isAncestor(u, v) ? 1 + 0.1 * v : 10;
            }
        });
        assertEquals(1.0, r.nickelKiela().meanRank(), 0);
        assertEquals(1.0, r.nickelKiela().meanAveragePrecision(), 0);
        assertEquals(2.0, r.gensim().meanRank(), 0);
        // AP with m ancestors all at gensim rank 2: mean_k k/(k+1); b: 1/2, c: (1/2+2/3)/2, d: (1/2+2/3+3/4)/3
        double expected = (0.5 + (0.5 + 2.0 / 3) / 2 + (0.5 + 2.0 / 3 + 0.75) / 3) / 3;
        assertEquals(expected, r.gensim().meanAveragePrecision(), 1e-15);
    }

    @Test
    void poincareTableAndManifoldPathsAgree() {
        WordNetClosure w = WordNetClosure.mammals().subtree("carnivore.n.01");
        int dim = 3;
        double c = 1.0;
        SplittableRandom rnd = new SplittableRandom(1);
        double[] table = new double[w.size() * dim];
        for (int i = 0; i < table.length; i++) {
            table[i] = rnd.nextDouble(-0.5, 0.5);
        }
        ReconstructionEvaluation.Result fast = ReconstructionEvaluation.evaluatePoincare(w, table, dim, c);
        ReconstructionEvaluation.Result viaBall = ReconstructionEvaluation.evaluate(w,
                Nd4j.createFromArray(table).reshape(w.size(), dim), new PoincareBall(c));
        assertEquals(fast.nickelKiela().meanRank(), viaBall.nickelKiela().meanRank(), 1e-12);
        assertEquals(fast.nickelKiela().meanAveragePrecision(), viaBall.nickelKiela().meanAveragePrecision(), 1e-12);
        assertEquals(fast.gensim().meanRank(), viaBall.gensim().meanRank(), 1e-12);
        assertEquals(fast.gensim().meanAveragePrecision(), viaBall.gensim().meanAveragePrecision(), 1e-12);
    }
}
