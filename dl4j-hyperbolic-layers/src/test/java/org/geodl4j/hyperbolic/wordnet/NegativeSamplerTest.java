package org.geodl4j.hyperbolic.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

    /** Chain c0 -> c1 -> ... -> c19 (closed) plus leaves l0..l4 under c19: c0 has 19 ancestors among 25 nodes. */
    static WordNetClosure chainWithLeaves() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            for (int j = i + 1; j < 20; j++) {
                sb.append('c').append(i).append('\t').append('c').append(j).append('\n');
            }
        }
        for (int k = 0; k < 5; k++) {
            sb.append('l').append(k).append("\tc19\n");
        }
        return WordNetClosure.fromTsv(new StringReader(sb.toString()), "chain");
    }

    @Test
    void neverReturnsTheNodeOrItsAncestorsAndNegativesAreDistinct() {
        WordNetClosure m = WordNetClosure.mammals();
        for (NegativeSampler.Distribution d : NegativeSampler.Distribution.values()) {
            NegativeSampler s = new NegativeSampler(m, d, 7);
            int[] out = new int[50];
            for (int u = 0; u < m.size(); u++) {
                s.sample(u, out, 0, 50);
                Set<Integer> seen = new HashSet<>();
                for (int v : out) {
                    assertNotEquals(u, v, d + ": the node itself");
                    assertFalse(m.isAncestor(u, v), d + ": " + m.name(v) + " is an ancestor of " + m.name(u));
                    assertTrue(seen.add(v), d + ": duplicate negative");
                }
            }
        }
    }

    @Test
    void nodeWhoseAncestorsAreMostOfTheGraphGetsExactlyTheRemainingNodes() throws IOException {
        WordNetClosure w = chainWithLeaves();
        int c0 = w.indexOf("c0");
        for (NegativeSampler.Distribution d : NegativeSampler.Distribution.values()) {
            NegativeSampler s = new NegativeSampler(w, d, 3);
            assertEquals(5, s.numCandidates(c0));
            int[] out = new int[5];
            s.sample(c0, out, 0, 5);
            Set<String> names = new HashSet<>();
            for (int v : out) {
                names.add(w.name(v));
            }
            assertEquals(Set.of("l0", "l1", "l2", "l3", "l4"), names, d.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.sample(c0, new int[6], 0, 6));
            assertTrue(e.getMessage().contains("'c0' has only 5"), e.getMessage());
        }
    }

    @Test
    void deterministicBySeed() {
        WordNetClosure m = WordNetClosure.mammals();
        int[] a = new int[200];
        int[] b = new int[200];
        int[] c = new int[200];
        NegativeSampler s1 = new NegativeSampler(m, NegativeSampler.Distribution.DEGREE, 42);
        NegativeSampler s2 = new NegativeSampler(m, NegativeSampler.Distribution.DEGREE, 42);
        NegativeSampler s3 = new NegativeSampler(m, NegativeSampler.Distribution.DEGREE, 43);
        for (int i = 0; i < 20; i++) {
            s1.sample(i, a, 10 * i, 10);
            s2.sample(i, b, 10 * i, 10);
            s3.sample(i, c, 10 * i, 10);
        }
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void frequenciesFollowTheDistributionRestrictedToValidNodes() throws IOException {
        // star: leaves x0..x9 under hub h, plus y under x0 (so y's ancestors are x0 and h)
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 10; k++) {
            sb.append('x').append(k).append("\th\n");
        }
        sb.append("y\tx0\ny\th\n");
        WordNetClosure w = WordNetClosure.fromTsv(new StringReader(sb.toString()), "star");
        int y = w.indexOf("y");
        int draws = 200_000;
        for (NegativeSampler.Distribution d : NegativeSampler.Distribution.values()) {
            NegativeSampler s = new NegativeSampler(w, d, 11);
            int[] count = new int[w.size()];
            for (int i = 0; i < draws; i++) {
                count[s.sample(y)]++;
            }
            assertEquals(0, count[y]);
            assertEquals(0, count[w.indexOf("h")]);
            assertEquals(0, count[w.indexOf("x0")]);
            // valid: x1..x9, each degree 1 -> uniform over 9 under both distributions
            for (int k = 1; k < 10; k++) {
                double p = count[w.indexOf("x" + k)] / (double) draws;
                assertEquals(1.0 / 9, p, 0.005, d + " x" + k);
            }
        }
        // from x1 (ancestor h), DEGREE weights: x0 has degree 2 (x0->h, y->x0), y has 2, others 1
        int x1 = w.indexOf("x1");
        NegativeSampler s = new NegativeSampler(w, NegativeSampler.Distribution.DEGREE, 5);
        int[] count = new int[w.size()];
        for (int i = 0; i < draws; i++) {
            count[s.sample(x1)]++;
        }
        double total = 2 + 2 + 8; // x0, y, x2..x9
        assertEquals(2 / total, count[w.indexOf("x0")] / (double) draws, 0.005);
        assertEquals(2 / total, count[w.indexOf("y")] / (double) draws, 0.005);
        assertEquals(1 / total, count[w.indexOf("x5")] / (double) draws, 0.005);
    }
}
