package org.geodl4j.hyperbolic.wordnet;

import java.util.Arrays;

import org.geodl4j.manifold.Manifold;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reconstruction mean rank and mean average precision (mAP) of an embedding of a {@link WordNetClosure} (Nickel &amp;
 * Kiela, "Poincaré Embeddings for Learning Hierarchical Representations", NeurIPS 2017, §4.1): for every node
 * {@code u} with at least one ancestor, rank each true ancestor {@code v} by its distance {@code d(u, v)} among the
 * nodes that are not ancestors of {@code u}:
 * <pre>
 * rank(u, v)  = 1 + #{ n in Neg(u) : d(u, n) &lt; d(u, v) }
 * mean rank   = mean of rank(u, v) over all closure edges (u, v)          (pooled over edges, not per node)
 * AP(u)       = (1/m) sum_{k=1..m} k / (r_(k) + k - 1),   r_(1) &lt;= ... &lt;= r_(m) the ranks of u's m ancestors
 * mAP         = mean of AP(u) over the nodes with at least one ancestor
 * </pre>
 * {@code r_(k) + k - 1} is the position of the k-th closest ancestor in the list of all candidates sorted by distance,
 * so {@code k/(r_(k) + k - 1)} is the precision at that ancestor.
 *
 * <p><b>Direction.</b> Both reference implementations rank only the {@code child -> ancestor} direction as read from
 * the file (gensim's {@code ReconstructionEvaluation} builds {@code relations[child].add(ancestor)}; Nickel &amp;
 * Kiela's {@code reconstruction.py} loads the adjacency without {@code symmetrize}), and skip nodes without ancestors
 * (the root). So does this class.
 *
 * <p><b>Two conventions</b>, both reported in a {@link Result}:
 * <ul>
 *   <li>{@link Result#gensim()}: gensim 4 {@code ReconstructionEvaluation.get_positive_relation_ranks_and_avg_prec}:
 *       {@code Neg(u)} is every node that is not an ancestor, <b>including {@code u} itself</b> (its distance 0 beats
 *       every ancestor at a positive distance, adding 1 to each rank); ties count for the ancestor (strict
 *       {@code <}); AP by the formula above.</li>
 *   <li>{@link Result#nickelKiela()}: facebookresearch/poincare-embeddings {@code hype/graph.py}
 *       {@code reconstruction_worker}: {@code u} is excluded (its distance is set to 1e12); rank as above;
 *       AP is scikit-learn's {@code average_precision_score(labels, -distances)}, which treats tied distances as one
 *       threshold ({@code sum_n (R_n - R_{n-1}) P_n} over distinct distances) — equal to the formula above when no
 *       negative ties an ancestor. The reference ranks ties in the (unspecified) order of {@code torch.sort}; here a
 *       tie counts for the ancestor, as in gensim.</li>
 * </ul>
 * Without ties the gensim rank of every edge is the Nickel &amp; Kiela rank plus one (as long as {@code d(u, v) > 0}).
 */
public final class ReconstructionEvaluation {

    /** Mean rank and mAP under one convention. */
    public record Scores(double meanRank, double meanAveragePrecision) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "mean rank %.4f, mAP %.4f", meanRank, meanAveragePrecision);
        }
    }

    /**
     * The scores under both conventions.
     *
     * @param gensim      the node itself counts among the negatives (gensim 4)
     * @param nickelKiela the node itself does not count (Nickel &amp; Kiela's repository)
     * @param nodes       number of nodes evaluated (those with at least one ancestor)
     * @param edges       number of {@code (node, ancestor)} pairs ranked
     */
    public record Result(Scores gensim, Scores nickelKiela, int nodes, long edges) {
        @Override
        public String toString() {
            return "gensim convention: " + gensim + "; Nickel & Kiela convention: " + nickelKiela + " (" + nodes
                    + " nodes, " + edges + " edges)";
        }
    }

    /** Distances from one node to every node, the only thing the evaluation needs from an embedding. */
    @FunctionalInterface
    public interface DistanceRows {
        /** Writes {@code d(u, n)} into {@code out[n]} for every node {@code n} (including {@code u} itself). */
        void distancesFrom(int u, double[] out);
    }

    private ReconstructionEvaluation() {
    }

    /** Evaluates a Poincaré-ball embedding stored row-major in {@code table} ({@code size() x dim}, curvature {@code -c}). */
    public static Result evaluatePoincare(WordNetClosure closure, double[] table, int dim, double c) {
        int n = closure.size();
        if (table.length != (long) n * dim) {
            throw new IllegalArgumentException("ReconstructionEvaluation: expected a " + n + " x " + dim
                    + " embedding table (" + (long) n * dim + " values) for " + closure + " but got " + table.length
                    + " values");
        }
        return evaluate(closure, (u, out) -> {
            for (int j = 0; j < n; j++) {
                out[j] = PoincareRowMath.dist(table, u * dim, table, j * dim, dim, c);
            }
        });
    }

    /**
     * Evaluates embeddings given as an INDArray {@code [size(), dim]} of points of {@code manifold}, with the
     * manifold's own {@link Manifold#dist} (one call per node against the whole table).
     */
    public static Result evaluate(WordNetClosure closure, INDArray embeddings, Manifold manifold) {
        int n = closure.size();
        if (embeddings.rank() != 2 || embeddings.rows() != n) {
            throw new IllegalArgumentException("ReconstructionEvaluation: expected embeddings of shape [" + n
                    + ", dim] for " + closure + " but got " + Arrays.toString(embeddings.shape()));
        }
        INDArray table = embeddings.castTo(DataType.DOUBLE);
        return evaluate(closure, (u, out) -> {
            INDArray row = table.getRow(u, true).repeat(0, n);
            double[] d = manifold.dist(row, table).reshape(n).toDoubleVector();
            System.arraycopy(d, 0, out, 0, n);
        });
    }

    /** Evaluates any embedding through its distance rows. */
    public static Result evaluate(WordNetClosure closure, DistanceRows distances) {
        int n = closure.size();
        double[] row = new double[n];
        double[] negatives = new double[n];
        boolean[] isPositive = new boolean[n];
        double rankSumGensim = 0;
        double rankSumNk = 0;
        double apSumGensim = 0;
        double apSumNk = 0;
        long edges = 0;
        int nodes = 0;
        for (int u = 0; u < n; u++) {
            int[] anc = closure.ancestorsView(u);
            int m = anc.length;
            if (m == 0) {
                continue;
            }
            distances.distancesFrom(u, row);
            int numNeg = 0;
            for (int a : anc) {
                isPositive[a] = true;
            }
            for (int j = 0; j < n; j++) {
                if (j != u && !isPositive[j]) {
                    negatives[numNeg++] = row[j];
                }
            }
            Arrays.sort(negatives, 0, numNeg);
            double self = row[u];
            double[] pos = new double[m];
            for (int k = 0; k < m; k++) {
                pos[k] = row[anc[k]];
            }
            Arrays.sort(pos);
            double apGensim = 0;
            for (int k = 0; k < m; k++) {
                int closer = countBelow(negatives, numNeg, pos[k]);
                int rankNk = 1 + closer;
                int rankGensim = rankNk + (self < pos[k] ? 1 : 0);
                rankSumNk += rankNk;
                rankSumGensim += rankGensim;
                apGensim += (k + 1) / (double) (rankGensim + k);
            }
            apSumGensim += apGensim / m;
            apSumNk += tieAwareAveragePrecision(pos, negatives, numNeg);
            for (int a : anc) {
                isPositive[a] = false;
            }
            edges += m;
            nodes++;
        }
        return new Result(new Scores(rankSumGensim / edges, apSumGensim / nodes),
                new Scores(rankSumNk / edges, apSumNk / nodes), nodes, edges);
    }

    /** Number of entries of the sorted {@code a[0..len)} strictly below {@code x}. */
    private static int countBelow(double[] a, int len, double x) {
        int lo = 0;
        int hi = len;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * scikit-learn's average precision of ranking by ascending distance, positives {@code pos} (sorted) against
     * negatives {@code neg[0..numNeg)} (sorted): {@code sum over distinct thresholds t of (ΔTP(t)/m) · TP(t)/(TP(t) +
     * FP(t))}, where TP/FP count everything at distance {@code <= t}.
     */
    private static double tieAwareAveragePrecision(double[] pos, double[] neg, int numNeg) {
        int m = pos.length;
        double ap = 0;
        int k = 0;
        while (k < m) {
            double t = pos[k];
            int tpEnd = k;
            while (tpEnd < m && pos[tpEnd] == t) {
                tpEnd++;
            }
            int fp = countBelow(neg, numNeg, t);
            while (fp < numNeg && neg[fp] == t) {
                fp++;
            }
            ap += (tpEnd - k) / (double) m * tpEnd / (double) (tpEnd + fp);
            k = tpEnd;
        }
        return ap;
    }
}
