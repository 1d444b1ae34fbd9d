package org.geodl4j.hyperbolic;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Nickel &amp; Kiela's embedding loss as a DL4J output layer ("Poincaré Embeddings for Learning Hierarchical
 * Representations", NeurIPS 2017, Eq. 6): the input is the output of a {@link HyperbolicEmbedding} for
 * {@code K = nOut + 1} indices per example, {@code [N, K·W]}, whose block 0 is the point {@code u}, block 1 its
 * positive {@code v} and blocks {@code 2..K-1} the sampled negatives {@code v'_j}; the logits are
 * <pre>  z = ( -d(u, v), -d(u, v'_1), ..., -d(u, v'_{K-2}) )    [N, K-1]</pre>
 * with {@code d} the geodesic distance of the ball ({@link PoincareBall#dist}) or of the hyperboloid
 * ({@link Lorentz#dist}, {@code space(LORENTZ)}), then softmax + MCXENT (the default), so the loss per example is
 * {@code -log( e^{-d(u,v)} / sum_j e^{-d(u, v_j)} )} — the same objective as the dedicated
 * {@code wordnet.PoincareEmbeddingTrainer}, here differentiated by SameDiff through the geometry core's distances.
 *
 * <p><b>Labels</b> (DL4J's convention for a softmax output): a {@code [N, K-1]} one-hot with column 0 set (the positive
 * is always the first candidate); {@link #labels} builds it and {@link #dataSet} builds a whole DataSet from
 * {@code (u, positive, negatives)} index triples. {@code nOut = K - 1 = 1 + negatives} ({@link Builder#negatives}).
 *
 * <p>No parameters except the raw curvature when it is trainable; a trainable {@code c} here is this layer's own (it
 * is not tied to the embedding's). Give both layers the same curvature settings: with a fixed {@code c} the input is
 * checked to lie on the manifold of that {@code c}, so an embedding with a trainable curvature (whose points move to
 * the current one) must feed a loss with a trainable curvature. Points of the input are
 * re-projected onto the current curvature ({@code projx}) before the distances, as in {@link PoincareMLR}.
 *
 * <p>Convention: {@code nIn} is the total width {@code K·W} (inferred from the input type); the point width
 * {@code W = nIn / (nOut + 1)} is {@code D} for the ball and {@code D + 1} for the hyperboloid.
 */
public class PoincareEmbeddingLoss extends HyperbolicOutputLayer {

    private static final long serialVersionUID = 1L;

    private PointSpace space = PointSpace.POINCARE;

    private PoincareEmbeddingLoss() {
    }

    private PoincareEmbeddingLoss(Builder b) {
        super(b);
        this.space = b.space;
        if (space != PointSpace.POINCARE && space != PointSpace.LORENTZ) {
            throw new IllegalArgumentException(describe() + ": space must be POINCARE or LORENTZ, got " + space);
        }
        if (b.nOut() < 1) {
            throw new IllegalArgumentException(describe() + ": nOut (1 + number of negatives, the label width) must"
                    + " be positive, got " + b.nOut());
        }
    }

    /** Candidates per example {@code K - 1 = nOut} plus {@code u}: {@code K = nOut + 1} blocks in the input. */
    public long blocks() {
        return getNOut() + 1;
    }

    /** Width {@code W} of one point of the input; fails when {@code nIn} is not a multiple of {@code nOut + 1}. */
    public long pointWidth() {
        long k = blocks();
        if (getNIn() <= 0 || getNIn() % k != 0) {
            throw new IllegalArgumentException(describe() + ": nIn = " + getNIn() + " must be K·W for K = nOut + 1 = "
                    + k + " points (u, positive, " + (k - 2) + " negatives) of width W");
        }
        long w = getNIn() / k;
        if (w < 2) {
            throw new IllegalArgumentException(describe() + ": points need width >= 2, got nIn / (nOut + 1) = " + w);
        }
        return w;
    }

    @Override
    protected void declareParameters(GeoLayerParams params) {
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
    }

    @Override
    protected SDVariable definePreOutput(GeoLayerContext ctx, SDVariable x, SDVariable c) {
        long w = pointWidth();
        long k = blocks();
        SDVariable u = x.get(SDIndex.all(), SDIndex.interval(0L, w));                      // [N, W]
        SDVariable v = x.get(SDIndex.all(), SDIndex.interval(w, k * w)).reshape(-1, w);     // [N·(K-1), W]
        SDVariable uRep = ctx.sameDiff().tile(u, 1, (int) (k - 1)).reshape(-1, w);          // [N·(K-1), W]
        SDVariable d;
        if (space == PointSpace.LORENTZ) {
            d = Lorentz.dist(Lorentz.projx(uRep, c), Lorentz.projx(v, c), c);
        } else {
            d = PoincareBall.dist(PoincareBall.projx(uRep, c), PoincareBall.projx(v, c), c);
        }
        return d.neg().reshape(-1, k - 1);                                                  // [N, K-1]
    }

    /** Sets {@code nIn} from the input type, then checks that it is {@code K·W}. */
    @Override
    protected void setNInFromInputType(InputType inputType, boolean override) {
        super.setNInFromInputType(inputType, override);
        pointWidth();
    }

    @Override
    protected PointSpace inputSpace() {
        return space;
    }

    /** Shape {@code [N, K·W]}, finite, and every block a point of the space (when {@code c} is fixed). */
    @Override
    public void validateInput(INDArray input) {
        String who = getClass().getSimpleName();
        if (input.rank() != 2 || input.size(1) != getNIn()) {
            throw new IllegalArgumentException(who + ": expected input [minibatch, " + getNIn() + "] = K = "
                    + blocks() + " concatenated points (u, positive, negatives), e.g. a HyperbolicEmbedding output, got "
                    + Arrays.toString(input.shape()));
        }
        long w = pointWidth();
        space.checkPoints(input.dup('c').reshape('c', -1, w), isTrainableCurvature() ? Double.NaN : getCurvature(),
                who);
    }

    // ---------------------------------------------------------------- data helpers

    /** Labels {@code [n, 1 + negatives]}: one-hot with column 0 (the positive) set. */
    public static INDArray labels(long n, int negatives, DataType dataType) {
        INDArray y = Nd4j.zeros(dataType, n, 1 + negatives);
        if (n > 0) {
            y.getColumn(0).assign(1);
        }
        return y;
    }

    /**
     * A DataSet for a {@link HyperbolicEmbedding} + {@link PoincareEmbeddingLoss} network: features {@code [n, K]}
     * with row {@code i = (u[i], positive[i], negatives[i][0..])} and {@link #labels}.
     *
     * @param negatives one row of negatives per example, all of the same length
     * @throws IllegalArgumentException on mismatched lengths or a negative index
     */
    public static DataSet dataSet(int[] u, int[] positive, int[][] negatives, DataType dataType) {
        int n = u.length;
        if (positive.length != n || negatives.length != n) {
            throw new IllegalArgumentException("PoincareEmbeddingLoss.dataSet: expected as many positives and negative"
                    + " rows as u (" + n + "), got " + positive.length + " and " + negatives.length);
        }
        int neg = n == 0 ? 0 : negatives[0].length;
        double[][] f = new double[n][neg + 2];
        for (int i = 0; i < n; i++) {
            if (negatives[i].length != neg) {
                throw new IllegalArgumentException("PoincareEmbeddingLoss.dataSet: row " + i + " has "
                        + negatives[i].length + " negatives, row 0 has " + neg);
            }
            f[i][0] = u[i];
            f[i][1] = positive[i];
            for (int j = 0; j < neg; j++) {
                f[i][j + 2] = negatives[i][j];
            }
            for (double x : f[i]) {
                if (x < 0) {
                    throw new IllegalArgumentException("PoincareEmbeddingLoss.dataSet: negative index in row " + i);
                }
            }
        }
        INDArray features = n == 0 ? Nd4j.zeros(dataType, 0, neg + 2) : Nd4j.create(f).castTo(dataType);
        return new DataSet(features, labels(n, neg, dataType));
    }

    // ---------------------------------------------------------------- properties (JSON)

    /** {@link PointSpace#POINCARE} (default) or {@link PointSpace#LORENTZ}. */
    public PointSpace getSpace() {
        return space;
    }

    /** For Jackson. */
    public void setSpace(PointSpace space) {
        this.space = Objects.requireNonNull(space, "space");
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && space == ((PoincareEmbeddingLoss) o).space;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), space);
    }

    /** A builder ({@code negatives(k)} or {@code nOut(k + 1)} required; Poincaré ball; softmax + MCXENT). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PoincareEmbeddingLoss}. */
    public static final class Builder extends HyperbolicOutputLayer.Builder<Builder> {

        private PointSpace space = PointSpace.POINCARE;

        /** Number of negatives per example; sets {@code nOut = 1 + negatives}. */
        public Builder negatives(int negatives) {
            return nOut(1L + negatives);
        }

        /** {@link PointSpace#POINCARE} (default) or {@link PointSpace#LORENTZ}; must match the embedding layer. */
        public Builder space(PointSpace space) {
            this.space = Objects.requireNonNull(space, "space");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PoincareEmbeddingLoss build() {
            return new PoincareEmbeddingLoss(this);
        }
    }
}
