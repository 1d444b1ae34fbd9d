package org.geodl4j.hyperbolic.wordnet;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws negatives for a node {@code u} of a {@link WordNetClosure}: nodes that are neither {@code u} itself nor one of
 * its true ancestors, so that {@code (u, negative)} is never an edge of the closure. These are the {@code N(u)} of
 * Nickel &amp; Kiela's loss (NeurIPS 2017, Eq. 6: {@code N(u) = {v : (u, v) not in D} ∪ {v}}).
 *
 * <p><b>Distributions.</b>
 * <ul>
 *   <li>{@link Distribution#UNIFORM}: uniform over the nodes (Nickel &amp; Kiela's sampling after burn-in);</li>
 *   <li>{@link Distribution#DEGREE}: proportional to the node's {@link WordNetClosure#degree degree} (number of edges
 *       it takes part in, as child or ancestor) — gensim's {@code PoincareModel} ({@code counts / counts.sum()},
 *       no exponent).</li>
 * </ul>
 * Both are conditioned on the exclusions: a draw that hits {@code u}, an ancestor of {@code u} or a negative already
 * drawn in the same call is redrawn, which is exact rejection sampling from the distribution restricted to the
 * valid nodes. When rejection is slow (a node whose ancestors are most of the graph) the sampler switches, for
 * that call, to drawing from the explicit list of valid nodes (same distribution).
 *
 * <p><b>Convention.</b> gensim excludes only the node's relations read from the file, so {@code u} itself can be a
 * gensim negative; Nickel &amp; Kiela's data loader also allows {@code u}. Here {@code u} is always excluded.
 * Negatives of one call are distinct (as gensim's); deterministic for a seed and a call sequence.
 */
public final class NegativeSampler {

    /** How candidate negatives are weighted before the exclusions. */
    public enum Distribution {
        /** Every node equally likely. */
        UNIFORM,
        /** Weight = number of closure edges the node takes part in (gensim). */
        DEGREE
    }

    private static final int REJECTION_TRIES_PER_NEGATIVE = 50;

    private final WordNetClosure closure;
    private final Distribution distribution;
    private final SplittableRandom random;
    private final long[] cumulativeDegree;

    /**
     * @param closure      the graph whose ancestor sets define the exclusions
     * @param distribution {@link Distribution#UNIFORM} or {@link Distribution#DEGREE}
     * @param seed         random seed
     */
    public NegativeSampler(WordNetClosure closure, Distribution distribution, long seed) {
        this.closure = closure;
        this.distribution = distribution;
        this.random = new SplittableRandom(seed);
        if (distribution == Distribution.DEGREE) {
            cumulativeDegree = new long[closure.size()];
            long sum = 0;
            for (int i = 0; i < closure.size(); i++) {
                sum += closure.degree(i);
                cumulativeDegree[i] = sum;
            }
        } else {
            cumulativeDegree = null;
        }
    }

    /** The distribution the sampler draws from. */
    public Distribution distribution() {
        return distribution;
    }

    /** Number of valid negatives of {@code u}: all nodes but {@code u} and its ancestors. */
    public int numCandidates(int u) {
        return closure.size() - 1 - closure.numAncestors(u);
    }

    /** One negative of {@code u}. */
    public int sample(int u) {
        int[] out = new int[1];
        sample(u, out, 0, 1);
        return out[0];
    }

    /**
     * Writes {@code k} distinct negatives of {@code u} into {@code out[from .. from + k)}.
     *
     * @throws IllegalArgumentException if {@code u} has fewer than {@code k} valid negatives
     */
    public void sample(int u, int[] out, int from, int k) {
        int candidates = numCandidates(u);
        if (candidates < k) {
            throw new IllegalArgumentException("NegativeSampler: node '" + closure.name(u) + "' has only " + candidates
                    + " valid negatives (nodes that are neither it nor its ancestors) but " + k + " were requested");
        }
        int[] anc = closure.ancestorsView(u);
        int drawn = 0;
        int tries = 0;
        int maxTries = REJECTION_TRIES_PER_NEGATIVE * k;
        while (drawn < k && tries < maxTries) {
            tries++;
            int v = draw();
            if (v == u || Arrays.binarySearch(anc, v) >= 0 || contains(out, from, drawn, v)) {
                continue;
            }
            out[from + drawn++] = v;
        }
        if (drawn < k) {
            sampleFromList(u, anc, out, from, drawn, k);
        }
    }

    private int draw() {
        if (cumulativeDegree == null) {
            return random.nextInt(closure.size());
        }
        long r = random.nextLong(cumulativeDegree[cumulativeDegree.length - 1]);
        int i = Arrays.binarySearch(cumulativeDegree, r + 1);
        return i >= 0 ? i : -i - 1;
    }

    /** Exact fallback: draw the remaining negatives from the explicit list of valid, not yet drawn nodes. */
    private void sampleFromList(int u, int[] anc, int[] out, int from, int drawn, int k) {
        int n = closure.size();
        int[] valid = new int[n];
        int m = 0;
        for (int v = 0; v < n; v++) {
            if (v != u && Arrays.binarySearch(anc, v) < 0 && !contains(out, from, drawn, v)) {
                valid[m++] = v;
            }
        }
        for (int j = drawn; j < k; j++) {
            int pick;
            if (cumulativeDegree == null) {
                pick = random.nextInt(m);
            } else {
                long total = 0;
                for (int q = 0; q < m; q++) {
                    total += closure.degree(valid[q]);
                }
                long r = random.nextLong(total);
                pick = 0;
                for (long acc = closure.degree(valid[0]); acc <= r; acc += closure.degree(valid[++pick])) {
                    // advance to the node whose cumulative weight exceeds r
                }
            }
            out[from + j] = valid[pick];
            valid[pick] = valid[--m];
        }
    }

    private static boolean contains(int[] a, int from, int count, int v) {
        for (int i = from; i < from + count; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
