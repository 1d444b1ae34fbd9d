package org.geodl4j.hyperbolic;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.geodl4j.manifold.Lorentz;
import org.geodl4j.manifold.Manifold;
import org.geodl4j.manifold.PoincareBall;
import org.geodl4j.nn.GeoLayerContext;
import org.geodl4j.nn.GeoLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hyperbolic lookup table (Nickel &amp; Kiela, "Poincaré Embeddings for Learning Hierarchical Representations",
 * NeurIPS 2017; Nickel &amp; Kiela, "Learning Continuous Hierarchies in the Lorentz Model", ICML 2018): row {@code i}
 * of the table is the embedding of item {@code i}, a point of the Poincaré ball ({@link PointSpace#POINCARE}, table
 * {@code [nIn, nOut]}) or of the Lorentz hyperboloid ({@link PointSpace#LORENTZ}, table {@code [nIn, nOut + 1]}, time
 * coordinate first).
 *
 * <p><b>Input</b> {@code [N, K]}: {@code K} item indices per example, integer-valued, in {@code [0, nIn)}, stored as
 * floating point (DL4J style, like {@code EmbeddingLayer}). <b>Output</b> {@code [N, K·W]} with {@code W = nOut}
 * (Poincaré) or {@code nOut + 1} (Lorentz): row {@code n} is the concatenation of the {@code K} looked-up points.
 * {@code K} is taken from the input type when the network has one (then the output type is {@code feedForward(K·W)}),
 * otherwise any {@code K} is accepted at run time. Recurrent input {@code [N, K, T]} looks up every time step the same
 * way ({@code [N, K·W, T]} out).
 *
 * <p><b>Lookup</b>: {@code out = onehot(idx) · E}, then {@code projx} onto the manifold of the current curvature. The
 * one-hot product (not ND4J's {@code gather}, whose backward pass drops repeated indices in 1.0.0-M2.1) gives every row
 * the sum of the gradients of its occurrences; there is no gradient to the input (indices are not differentiable).
 * Cost: the one-hot matrix is {@code [N·K, nIn]} per call, so time and memory grow with the vocabulary; for large
 * tables (e.g. the full WordNet noun closure) train with {@code wordnet.PoincareEmbeddingTrainer}, which touches only
 * the rows of a batch and shares the same {@code PoincareBall} math.
 *
 * <p><b>Parameters</b>: the table {@code E} (a weight), declared on the manifold through {@link #manifoldOf} so that
 * {@code RiemannianSgd}/{@code RiemannianAdam} move each row along the ball or the hyperboloid; the raw curvature when
 * it is trainable (the table is then declared on the manifold of the <em>initial</em> curvature and re-projected onto
 * the current one in the forward pass, as in {@link HyperbolicLayer}). <b>Init</b> (Nickel &amp; Kiela; gensim
 * {@code init_range}): every coordinate uniform in {@code ±initRange} (default 1e-3); for Lorentz the space
 * coordinates, with the time coordinate {@code sqrt(1/c + ||x_s||^2)}. The layer's {@code weightInit} is not used.
 *
 * <p><b>Bad input</b> (rank or width, a NaN, a non-integer index, an index outside {@code [0, nIn)}) is rejected with
 * an {@link IllegalArgumentException} naming the layer and saying what was expected.
 *
 * <p>Convention: a mask (recurrent input) sets masked rows of the output to 0, which for Lorentz is not a point of the
 * hyperboloid; the loss ignores masked steps anyway. Pair with {@link PoincareEmbeddingLoss} for Nickel &amp; Kiela's
 * training objective.
 */
public class HyperbolicEmbedding extends HyperbolicLayer {

    private static final long serialVersionUID = 1L;

    /** The table parameter, {@code [nIn, W]}, one manifold point per row. */
    public static final String TABLE = "E";
    /** Default half-width of the uniform initialisation (Nickel &amp; Kiela, gensim). */
    public static final double DEFAULT_INIT_RANGE = 1e-3;

    private long nIn;
    private long nOut;
    private long indicesPerExample;
    private PointSpace space = PointSpace.POINCARE;
    private double initRange = DEFAULT_INIT_RANGE;

    private HyperbolicEmbedding() {
    }

    private HyperbolicEmbedding(Builder b) {
        super(b);
        this.nIn = b.nIn;
        this.nOut = b.nOut;
        this.indicesPerExample = b.indicesPerExample;
        this.space = b.space;
        this.initRange = b.initRange;
        if (space != PointSpace.POINCARE && space != PointSpace.LORENTZ) {
            throw new IllegalArgumentException(describe() + ": space must be POINCARE or LORENTZ, got " + space);
        }
        if (nIn <= 0) {
            throw new IllegalArgumentException(describe() + ": nIn (number of embeddings, the vocabulary size) must be"
                    + " positive, got " + nIn);
        }
        if (nOut <= 0 || (space == PointSpace.POINCARE && nOut < 2)) {
            throw new IllegalArgumentException(describe() + ": nOut (embedding dimension) must be >= "
                    + (space == PointSpace.POINCARE ? 2 : 1) + ", got " + nOut);
        }
        if (indicesPerExample < 0) {
            throw new IllegalArgumentException(describe() + ": indicesPerExample must be >= 0 (0 = from the input),"
                    + " got " + indicesPerExample);
        }
        if (!(initRange > 0) || Double.isInfinite(initRange)) {
            throw new IllegalArgumentException(describe() + ": initRange must be positive and finite, got "
                    + initRange);
        }
    }

    /** Width of one stored point: {@code nOut} (Poincaré) or {@code nOut + 1} (Lorentz). */
    public long pointWidth() {
        return space == PointSpace.LORENTZ ? nOut + 1 : nOut;
    }

    // ---------------------------------------------------------------- HyperbolicLayer

    @Override
    protected void declareParameters(GeoLayerParams params) {
        params.addWeightParam(TABLE, nIn, pointWidth());
    }

    @Override
    protected void initializeLayerParameters(Map<String, INDArray> params) {
        INDArray table = params.get(TABLE);
        INDArray u = Nd4j.rand(table.dataType(), nIn, nOut).subi(0.5).muli(2 * initRange);
        if (space == PointSpace.LORENTZ) {
            INDArray withTime = Nd4j.concat(1, Nd4j.zeros(table.dataType(), nIn, 1), u);
            table.assign(new Lorentz(getCurvature()).projx(withTime));
        } else {
            table.assign(new PoincareBall(getCurvature()).projx(u));
        }
    }

    @Override
    protected SDVariable definePoints(GeoLayerContext ctx, SDVariable indices, SDVariable c) {
        SameDiff sd = ctx.sameDiff();
        long w = pointWidth();
        SDVariable flat = indices.reshape(-1).castTo(DataType.INT64);
        SDVariable oneHot = sd.oneHot(flat, (int) nIn, -1, 1.0, 0.0, ctx.dataType());      // [M·K, nIn]
        SDVariable rows = oneHot.mmul(ctx.param(TABLE));                                     // [M·K, W]
        SDVariable points = space == PointSpace.LORENTZ ? Lorentz.projx(rows, c) : PoincareBall.projx(rows, c);
        SDVariable outShape = sd.shape(indices).mul(sd.constant(Nd4j.createFromArray(1L, w)));
        return sd.reshape(points, outShape);                                                 // [M, K·W]
    }

    /** Each table row lies on the ball / hyperboloid of the (initial) curvature. */
    @Override
    public Manifold manifoldOf(String paramName) {
        if (TABLE.equals(paramName)) {
            return space == PointSpace.LORENTZ ? new Lorentz(getCurvature()) : new PoincareBall(getCurvature());
        }
        return super.manifoldOf(paramName);
    }

    @Override
    public long inputWidth() {
        return indicesPerExample;
    }

    @Override
    public long outputWidth() {
        return indicesPerExample * pointWidth();
    }

    @Override
    protected void setInputWidth(long width, boolean override) {
        if (indicesPerExample <= 0 || override) {
            indicesPerExample = width;
        }
    }

    /** Indices, not points: validated by {@link #validateInput}. */
    @Override
    protected PointSpace inputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    /** Masked rows become 0 (see the class notes). */
    @Override
    protected PointSpace outputSpace() {
        return PointSpace.EUCLIDEAN;
    }

    /**
     * Shape (rank of the layout; {@code K} columns when known), then every entry an integer in {@code [0, nIn)}.
     */
    @Override
    public void validateInput(INDArray input) {
        String who = getClass().getSimpleName();
        PointLayout layout = getLayout();
        if (input.rank() != layout.rank() || (indicesPerExample > 0 && input.size(layout.pointAxis())
                != indicesPerExample)) {
            throw new IllegalArgumentException(who + ": expected item indices " + layout.describe(
                    indicesPerExample > 0 ? indicesPerExample : -1).replace("-1", "K") + ", got shape "
                    + Arrays.toString(input.shape()));
        }
        if (!input.dataType().isFPType() && !input.dataType().isIntType()) {
            throw new IllegalArgumentException(who + ": expected numeric item indices, got " + input.dataType());
        }
        if (input.length() == 0) {
            return;
        }
        double[] v = input.dup().reshape(input.length()).castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(who + ": expected item indices in [0, " + nIn
                        + ") but the input contains NaN or infinite values (" + x + ")");
            }
            if (x != Math.rint(x)) {
                throw new IllegalArgumentException(who + ": expected integer-valued item indices in [0, " + nIn
                        + "), got the non-integer " + x);
            }
            if (x < 0 || x >= nIn) {
                throw new IllegalArgumentException(who + ": expected item indices in [0, nIn = " + nIn + "), got "
                        + (long) x + " (out of range)");
            }
        }
    }

    // ---------------------------------------------------------------- properties (JSON)

    /** Number of embeddings (vocabulary size). */
    public long getNIn() {
        return nIn;
    }

    /** For Jackson. */
    public void setNIn(long nIn) {
        this.nIn = nIn;
        setLayerParams(null);
    }

    /** Embedding dimension {@code D} (the manifold's dimension; Lorentz rows store {@code D + 1} coordinates). */
    public long getNOut() {
        return nOut;
    }

    /** For Jackson. */
    public void setNOut(long nOut) {
        this.nOut = nOut;
        setLayerParams(null);
    }

    /** Indices per example {@code K} (0 while unknown: taken from the input). */
    public long getIndicesPerExample() {
        return indicesPerExample;
    }

    /** For Jackson. */
    public void setIndicesPerExample(long indicesPerExample) {
        this.indicesPerExample = indicesPerExample;
    }

    /** The manifold of the table: {@link PointSpace#POINCARE} or {@link PointSpace#LORENTZ}. */
    public PointSpace getSpace() {
        return space;
    }

    /** For Jackson. */
    public void setSpace(PointSpace space) {
        this.space = Objects.requireNonNull(space, "space");
        setLayerParams(null);
    }

    /** Half-width of the uniform initialisation. */
    public double getInitRange() {
        return initRange;
    }

    /** For Jackson. */
    public void setInitRange(double initRange) {
        this.initRange = initRange;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        HyperbolicEmbedding e = (HyperbolicEmbedding) o;
        return nIn == e.nIn && nOut == e.nOut && indicesPerExample == e.indicesPerExample && space == e.space
                && Double.compare(initRange, e.initRange) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, indicesPerExample, space, initRange);
    }

    /** A builder ({@code nIn} and {@code nOut} required; Poincaré ball; curvature 1, fixed). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link HyperbolicEmbedding}. */
    public static final class Builder extends HyperbolicLayer.Builder<Builder> {

        private long nIn;
        private long nOut;
        private long indicesPerExample;
        private PointSpace space = PointSpace.POINCARE;
        private double initRange = DEFAULT_INIT_RANGE;

        /** Number of embeddings (vocabulary size): indices run over {@code [0, nIn)}. */
        public Builder nIn(long numEmbeddings) {
            this.nIn = numEmbeddings;
            return this;
        }

        /** Embedding dimension {@code D}. */
        public Builder nOut(long dimension) {
            this.nOut = dimension;
            return this;
        }

        /** Indices per example {@code K}; optional (taken from the input type, or from the input at run time). */
        public Builder indicesPerExample(long k) {
            this.indicesPerExample = k;
            return this;
        }

        /** {@link PointSpace#POINCARE} (default) or {@link PointSpace#LORENTZ}. */
        public Builder space(PointSpace space) {
            this.space = Objects.requireNonNull(space, "space");
            return this;
        }

        /** Half-width of the uniform initialisation (default 1e-3). */
        public Builder initRange(double range) {
            this.initRange = range;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public HyperbolicEmbedding build() {
            return new HyperbolicEmbedding(this);
        }
    }
}
