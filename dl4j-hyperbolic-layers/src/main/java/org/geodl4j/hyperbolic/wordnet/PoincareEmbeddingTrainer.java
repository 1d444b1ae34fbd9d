package org.geodl4j.hyperbolic.wordnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.geodl4j.manifold.PoincareBall;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains Poincaré embeddings of a {@link WordNetClosure} with Nickel &amp; Kiela's loss, fast enough for their batch
 * size of 10 (about 650 steps per epoch on the mammal closure).
 *
 * <p><b>Loss</b> (Nickel &amp; Kiela, "Poincaré Embeddings for Learning Hierarchical Representations", NeurIPS 2017,
 * Eq. 6): for each closure edge {@code (u, v)} of a batch, with {@code k} negatives {@code v'_1..v'_k} of {@code u}
 * from a {@link NegativeSampler} (never {@code u} or an ancestor of {@code u}),
 * <pre>
 * L(u, v) = -log( exp(-d(u, v)) / (exp(-d(u, v)) + sum_j exp(-d(u, v'_j))) )
 * ∂L/∂d(u, v) = 1 - p_0,   ∂L/∂d(u, v'_j) = -p_j,   p = softmax(-d(u, v), -d(u, v'_1), ...)
 * </pre>
 * The batch gradient is the sum over its edges, taken with respect to every row involved ({@code u}, {@code v} and
 * the negatives, as both references do), by the closed-form distance gradient; rows occurring several times in a
 * batch accumulate (gensim's {@code _handle_duplicates}).
 *
 * <p><b>Optimisers</b> ({@link Optimizer}, {@link Retraction}), with {@code lr} during the first
 * {@code burnInEpochs} epochs multiplied by {@code burnInLrFactor}:
 * <ul>
 *   <li>{@code RSGD + PROJECTED_STEP} — Nickel &amp; Kiela's update (Eq. 5): {@code x <- projx(x - lr (1 - c||x||^2)^2/4 ∇_E)},
 *       for touched rows only (the others have zero gradient);</li>
 *   <li>{@code RSGD + EXPMAP} — the exact Riemannian step {@code x <- exp_x(-lr · egrad2rgrad(x, ∇_E))};</li>
 *   <li>{@code RADAM} — Riemannian Adam (Bécigneul &amp; Ganea, "Riemannian Adaptive Optimization Methods", ICLR 2019,
 *       Alg. 1 without the max; geoopt {@code RiemannianAdam} with bias correction), dense over the table as geoopt
 *       is on a dense embedding: {@code r = egrad2rgrad(x, g)}, {@code m <- b1 m + (1-b1) r},
 *       {@code v <- b2 v + (1-b2) lambda_x^2 ||r||^2} (one scalar per row), {@code x' = R_x(-lr (m/bc1)/(sqrt(v/bc2) + eps))},
 *       {@code m <- PT_{x->x'} m}; {@code R} is the projected sum or the exp map per {@link Retraction}.</li>
 *   <li>{@link Builder#updater(IUpdater)} — any DL4J {@code IUpdater}, e.g. geodl4j's {@code RiemannianSgd} /
 *       {@code RiemannianAdam}: the table is an INDArray bound as one {@link org.geodl4j.nn.ParamSlot} on the
 *       {@link PoincareBall}, and each step is the updater's own {@code applyUpdater} on the dense gradient (slower:
 *       ND4J ops on the whole table per step; it is the product's updater math, the plain-Java paths are the fast
 *       ones).</li>
 * </ul>
 * All rows live in a {@code double[]} table; with {@link Builder#dataType(DataType) FLOAT} every stored value is
 * rounded to float32 after each step and points are projected with the float32 margin {@code eps = 4e-3}
 * ({@link PoincareBall#projectionEps}), otherwise {@code eps = 1e-5}.
 *
 * <p><b>Init</b>: every coordinate uniform in {@code [-initRange, initRange]} (gensim's {@code init_range} 1e-3).
 * <b>Order</b>: edges are shuffled every epoch, batches are consecutive slices. Deterministic for a seed.
 *
 * <p><b>Convention.</b> gensim additionally adds {@code regularization_coeff · ||v||^2} (default 1.0) for the positive
 * {@code v} and clips to norm {@code 1 - 1e-5} minus {@code 1e-5·sign} per coordinate; Nickel &amp; Kiela's code
 * samples negatives by degree^0.75 during burn-in and uniformly after; neither is done here (the sampler's
 * distribution is {@link Builder#negativeDistribution a setting} for all epochs).
 */
public final class PoincareEmbeddingTrainer {

    /** Which optimiser moves the table (plain-Java paths). */
    public enum Optimizer {
        /** Riemannian SGD. */
        RSGD,
        /** Riemannian Adam (dense, geoopt semantics). */
        RADAM
    }

    /** How a tangent step is mapped back to the ball. */
    public enum Retraction {
        /** {@code projx(x + u)}: Nickel &amp; Kiela's step, geoopt {@code PoincareBall.retr}. */
        PROJECTED_STEP,
        /** The exponential map {@code exp_x(u)} (geoopt {@code PoincareBallExact}). */
        EXPMAP
    }

    /**
     * What one epoch did.
     *
     * @param epoch        1-based epoch number
     * @param meanLoss     mean of {@code L(u, v)} over the epoch's edges
     * @param learningRate learning rate used (after the burn-in factor)
     * @param burnIn       whether this was a burn-in epoch
     * @param seconds      wall-clock seconds of the epoch
     */
    public record EpochReport(int epoch, double meanLoss, double learningRate, boolean burnIn, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %d%s: loss %.5f, lr %.4g, %.3f s", epoch, burnIn ? " (burn-in)" : "",
                    meanLoss, learningRate, seconds);
        }
    }

    /** Called after every epoch. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochReport report);
    }

    /** Default embedding dimension. */
    public static final int DEFAULT_DIM = 10;
    /** Default number of negatives per edge (gensim's default). */
    public static final int DEFAULT_NEGATIVES = 10;
    /** Default batch size (Nickel &amp; Kiela, gensim). */
    public static final int DEFAULT_BATCH_SIZE = 10;
    /** Default RSGD learning rate (gensim's {@code alpha}). */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Default number of burn-in epochs (gensim). */
    public static final int DEFAULT_BURN_IN_EPOCHS = 10;
    /** Default burn-in learning-rate factor (Nickel &amp; Kiela's burn-in multiplier; gensim's defaults amount to 0.1). */
    public static final double DEFAULT_BURN_IN_LR_FACTOR = 0.01;
    /** Default init half-width (gensim {@code init_range}). */
    public static final double DEFAULT_INIT_RANGE = 1e-3;
    /** Default Adam betas and epsilon (torch/geoopt). */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default Adam second-moment decay. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default Adam epsilon. */
    public static final double DEFAULT_ADAM_EPS = 1e-8;

    private final WordNetClosure closure;
    private final int dim;
    private final int negatives;
    private final int batchSize;
    private final double learningRate;
    private final int burnInEpochs;
    private final double burnInLrFactor;
    private final double c;
    private final double eps;
    private final boolean float32;
    private final Optimizer optimizer;
    private final Retraction retraction;
    private final double beta1;
    private final double beta2;
    private final double adamEps;
    private final NegativeSampler sampler;
    private final SplittableRandom shuffleRandom;

    private final double[] table;
    private final double[] grad;
    private final int[] touchedStamp;
    private final int[] touched;
    private int numTouched;
    private final int[] edgeOrder;
    private final int[] batchNegatives;
    private final double[] batchDist;
    private final double[] scratch;
    private final double[] scratch2;
    private final double[] scratch3;
    private int stamp;
    private final double[] adamM;
    private final double[] adamV;
    private final UpdaterTableStep updaterStep;
    private int epoch;
    private long step;

    private PoincareEmbeddingTrainer(Builder b, WordNetClosure closure) {
        this.closure = Objects.requireNonNull(closure, "closure");
        this.dim = b.dim;
        this.negatives = b.negatives;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.burnInEpochs = b.burnInEpochs;
        this.burnInLrFactor = b.burnInLrFactor;
        this.c = b.c;
        this.float32 = b.dataType != DataType.DOUBLE;
        this.eps = PoincareBall.projectionEps(float32 ? DataType.FLOAT : DataType.DOUBLE);
        this.optimizer = b.optimizer;
        this.retraction = b.retraction;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.adamEps = b.adamEps;
        SplittableRandom root = new SplittableRandom(b.seed);
        SplittableRandom initRandom = root.split();
        this.shuffleRandom = root.split();
        this.sampler = new NegativeSampler(closure, b.negativeDistribution, root.nextLong());

        int n = closure.size();
        this.table = new double[n * dim];
        for (int i = 0; i < table.length; i++) {
            table[i] = round(initRandom.nextDouble(-b.initRange, b.initRange));
        }
        this.grad = new double[n * dim];
        this.touchedStamp = new int[n];
        this.touched = new int[n];
        this.edgeOrder = new int[closure.numEdges()];
        for (int e = 0; e < edgeOrder.length; e++) {
            edgeOrder[e] = e;
        }
        this.batchNegatives = new int[batchSize * negatives];
        this.batchDist = new double[negatives + 1];
        this.scratch = new double[dim];
        this.scratch2 = new double[dim];
        this.scratch3 = new double[dim];
        boolean adam = b.updater == null && optimizer == Optimizer.RADAM;
        this.adamM = adam ? new double[n * dim] : null;
        this.adamV = adam ? new double[n] : null;
        this.updaterStep = b.updater == null ? null
                : new UpdaterTableStep(b.updater, table, n, dim, new PoincareBall(c), float32);
        for (int u = 0; u < n; u++) {
            if (sampler.numCandidates(u) < negatives) {
                throw new IllegalArgumentException("PoincareEmbeddingTrainer: node '" + closure.name(u) + "' of "
                        + closure + " has only " + sampler.numCandidates(u) + " valid negatives but negatives = "
                        + negatives);
            }
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** The closure being embedded. */
    public WordNetClosure closure() {
        return closure;
    }

    /** Embedding dimension. */
    public int dim() {
        return dim;
    }

    /** Curvature parameter {@code c} (sectional curvature {@code -c}). */
    public double curvature() {
        return c;
    }

    /** Number of epochs trained so far. */
    public int epochsTrained() {
        return epoch;
    }

    /** A copy of the embedding table, row-major {@code [size(), dim]}. */
    public double[] embeddingTable() {
        return table.clone();
    }

    /** The embeddings as an INDArray {@code [size(), dim]} (FLOAT or DOUBLE as configured). */
    public INDArray embeddings() {
        INDArray out = Nd4j.createFromArray(table).reshape(closure.size(), dim);
        return float32 ? out.castTo(DataType.FLOAT) : out;
    }

    /** Reconstruction mean rank and mAP of the current embedding, both conventions. */
    public ReconstructionEvaluation.Result evaluate() {
        return ReconstructionEvaluation.evaluatePoincare(closure, table, dim, c);
    }

    /** Trains {@code epochs} more epochs; {@code listener} (may be null) sees every epoch. */
    public List<EpochReport> train(int epochs, EpochListener listener) {
        List<EpochReport> reports = new ArrayList<>(epochs);
        for (int i = 0; i < epochs; i++) {
            EpochReport r = trainEpoch();
            reports.add(r);
            if (listener != null) {
                listener.onEpoch(r);
            }
        }
        return reports;
    }

    /** Trains one epoch over all edges in a fresh random order. */
    public EpochReport trainEpoch() {
        long t0 = System.nanoTime();
        boolean burnIn = epoch < burnInEpochs;
        double lrFactor = burnIn ? burnInLrFactor : 1.0;
        double lr = (updaterStep != null ? updaterStep.baseLearningRate() : learningRate) * lrFactor;
        if (updaterStep != null) {
            updaterStep.setLearningRate(lr);
        }
        for (int i = edgeOrder.length - 1; i > 0; i--) {
            int j = shuffleRandom.nextInt(i + 1);
            int t = edgeOrder[i];
            edgeOrder[i] = edgeOrder[j];
            edgeOrder[j] = t;
        }
        double lossSum = 0;
        for (int start = 0; start < edgeOrder.length; start += batchSize) {
            int end = Math.min(start + batchSize, edgeOrder.length);
            lossSum += accumulateBatchGradient(start, end);
            step++;
            applyStep(lr);
        }
        epoch++;
        return new EpochReport(epoch, lossSum / edgeOrder.length, lr, burnIn, (System.nanoTime() - t0) * 1e-9);
    }

    /** Samples the negatives of the batch, accumulates ∇_E into {@code grad}, returns the summed loss. */
    private double accumulateBatchGradient(int start, int end) {
        numTouched = 0;
        stamp++;
        double loss = 0;
        for (int b = 0; b < end - start; b++) {
            int e = edgeOrder[start + b];
            int u = closure.edgeChild(e);
            sampler.sample(u, batchNegatives, b * negatives, negatives);
        }
        for (int b = 0; b < end - start; b++) {
            int e = edgeOrder[start + b];
            int u = closure.edgeChild(e);
            int v = closure.edgeAncestor(e);
            int uo = u * dim;
            batchDist[0] = PoincareRowMath.dist(table, uo, table, v * dim, dim, c);
            double minD = batchDist[0];
            for (int j = 0; j < negatives; j++) {
                batchDist[j + 1] = PoincareRowMath.dist(table, uo, table, batchNegatives[b * negatives + j] * dim,
                        dim, c);
                minD = Math.min(minD, batchDist[j + 1]);
            }
            double z = 0;
            for (int j = 0; j <= negatives; j++) {
                z += Math.exp(minD - batchDist[j]);
            }
            loss += batchDist[0] - minD + Math.log(z);
            touch(u);
            for (int j = 0; j <= negatives; j++) {
                int w = j == 0 ? v : batchNegatives[b * negatives + j - 1];
                double p = Math.exp(minD - batchDist[j]) / z;
                double dLdd = (j == 0 ? 1.0 : 0.0) - p;
                touch(w);
                PoincareRowMath.accumulateDistGrad(table, uo, w * dim, dim, c, dLdd, grad);
            }
        }
        return loss;
    }

    private void touch(int row) {
        if (touchedStamp[row] != stamp) {
            touchedStamp[row] = stamp;
            touched[numTouched++] = row;
        }
    }

    private void applyStep(double lr) {
        if (updaterStep != null) {
            updaterStep.apply(table, grad, touched, numTouched, (int) (step - 1), epoch);
        } else if (optimizer == Optimizer.RSGD) {
            for (int i = 0; i < numTouched; i++) {
                rsgdRow(touched[i] * dim, lr);
            }
        } else {
            adamAllRows(lr);
        }
        for (int i = 0; i < numTouched; i++) {
            java.util.Arrays.fill(grad, touched[i] * dim, touched[i] * dim + dim, 0.0);
        }
    }

    private void rsgdRow(int xo, double lr) {
        double scale = -lr * PoincareRowMath.rgradScale(table, xo, dim, c);
        if (retraction == Retraction.PROJECTED_STEP) {
            for (int k = 0; k < dim; k++) {
                table[xo + k] += scale * grad[xo + k];
            }
            PoincareRowMath.projx(table, xo, dim, c, eps);
        } else {
            for (int k = 0; k < dim; k++) {
                scratch2[k] = scale * grad[xo + k];
            }
            PoincareRowMath.expmap(table, xo, scratch2, 0, dim, c, eps, scratch3, 0, scratch);
            System.arraycopy(scratch3, 0, table, xo, dim);
        }
        roundRow(table, xo);
    }

    private void adamAllRows(double lr) {
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        double[] next = scratch2;
        for (int row = 0; row < closure.size(); row++) {
            int xo = row * dim;
            double lam = PoincareRowMath.lambda(table, xo, dim, c);
            double rs = 1.0 / (lam * lam);
            double rr = 0;
            for (int k = 0; k < dim; k++) {
                double r = grad[xo + k] * rs;
                adamM[xo + k] = beta1 * adamM[xo + k] + (1 - beta1) * r;
                rr += r * r;
            }
            adamV[row] = beta2 * adamV[row] + (1 - beta2) * lam * lam * rr;
            double f = -lr / bc1 / (Math.sqrt(adamV[row] / bc2) + adamEps);
            for (int k = 0; k < dim; k++) {
                scratch[k] = f * adamM[xo + k];
            }
            if (retraction == Retraction.PROJECTED_STEP) {
                for (int k = 0; k < dim; k++) {
                    next[k] = table[xo + k] + scratch[k];
                }
                PoincareRowMath.projx(next, 0, dim, c, eps);
            } else {
                PoincareRowMath.expmap(table, xo, scratch, 0, dim, c, eps, next, 0, scratch3);
            }
            PoincareRowMath.transp(table, xo, next, 0, adamM, xo, dim, c, adamM, xo);
            System.arraycopy(next, 0, table, xo, dim);
            roundRow(table, xo);
            roundRow(adamM, xo);
        }
    }

    private void roundRow(double[] a, int o) {
        if (float32) {
            for (int k = 0; k < dim; k++) {
                a[o + k] = (float) a[o + k];
            }
        }
    }

    private double round(double x) {
        return float32 ? (float) x : x;
    }

    @Override
    public String toString() {
        return "PoincareEmbeddingTrainer(" + closure + ", dim " + dim + ", negatives " + negatives + ", batch "
                + batchSize + ", " + (updaterStep != null ? updaterStep.toString() : optimizer + "/" + retraction)
                + ", lr " + learningRate + ", burn-in " + burnInEpochs + " x " + burnInLrFactor + ", c " + c
                + (float32 ? ", float32" : ", float64") + ")";
    }

    /** Configuration of a {@link PoincareEmbeddingTrainer}; every setting has a {@code DEFAULT_*} constant. */
    public static final class Builder {
        private int dim = DEFAULT_DIM;
        private int negatives = DEFAULT_NEGATIVES;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private int burnInEpochs = DEFAULT_BURN_IN_EPOCHS;
        private double burnInLrFactor = DEFAULT_BURN_IN_LR_FACTOR;
        private double initRange = DEFAULT_INIT_RANGE;
        private double c = 1.0;
        private DataType dataType = DataType.DOUBLE;
        private Optimizer optimizer = Optimizer.RSGD;
        private Retraction retraction = Retraction.PROJECTED_STEP;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double adamEps = DEFAULT_ADAM_EPS;
        private NegativeSampler.Distribution negativeDistribution = NegativeSampler.Distribution.UNIFORM;
        private IUpdater updater;
        private long seed;

        private Builder() {
        }

        /** Embedding dimension, {@code >= 1} (default 10). */
        public Builder dim(int dim) {
            this.dim = dim;
            return this;
        }

        /** Negatives per edge, {@code >= 1} (default 10). */
        public Builder negatives(int negatives) {
            this.negatives = negatives;
            return this;
        }

        /** Edges per step, {@code >= 1} (default 10). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Learning rate after burn-in, {@code > 0} (default 0.1; ignored with {@link #updater}, which has its own). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Burn-in: the first {@code epochs} epochs run at {@code lr · factor} (defaults 10 and 0.01). */
        public Builder burnIn(int epochs, double factor) {
            this.burnInEpochs = epochs;
            this.burnInLrFactor = factor;
            return this;
        }

        /** Init half-width: coordinates uniform in {@code [-r, r]}, {@code 0 < r} (default 1e-3). */
        public Builder initRange(double r) {
            this.initRange = r;
            return this;
        }

        /** Curvature parameter {@code c > 0} (default 1, Nickel &amp; Kiela's unit ball). */
        public Builder curvature(double c) {
            this.c = c;
            return this;
        }

        /** DOUBLE (default) or FLOAT storage precision. */
        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        /** Plain-Java optimiser (default RSGD). */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Retraction of the plain-Java optimisers (default PROJECTED_STEP, Nickel &amp; Kiela's). */
        public Builder retraction(Retraction retraction) {
            this.retraction = retraction;
            return this;
        }

        /** Riemannian Adam moments (defaults 0.9, 0.999, 1e-8). */
        public Builder adam(double beta1, double beta2, double eps) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.adamEps = eps;
            return this;
        }

        /** Negative sampling distribution (default UNIFORM). */
        public Builder negativeDistribution(NegativeSampler.Distribution d) {
            this.negativeDistribution = d;
            return this;
        }

        /**
         * Drive the table with a DL4J {@code IUpdater} instead of the plain-Java optimisers (e.g. geodl4j's
         * {@code RiemannianSgd}/{@code RiemannianAdam}); its learning rate is used, times the burn-in factor during
         * burn-in.
         */
        public Builder updater(IUpdater updater) {
            this.updater = updater;
            return this;
        }

        /** Random seed (init, edge order, negatives). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * A trainer for {@code closure}.
         *
         * @throws IllegalArgumentException naming the setting when one is out of range
         */
        public PoincareEmbeddingTrainer build(WordNetClosure closure) {
            require(dim >= 1, "dim must be >= 1, got " + dim);
            require(negatives >= 1, "negatives must be >= 1, got " + negatives);
            require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
            require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
            require(burnInEpochs >= 0, "burn-in epochs must be >= 0, got " + burnInEpochs);
            require(burnInLrFactor > 0 && Double.isFinite(burnInLrFactor),
                    "burn-in factor must be > 0, got " + burnInLrFactor);
            require(initRange > 0 && initRange < 1, "initRange must be in (0, 1), got " + initRange);
            require(c > 0 && Double.isFinite(c), "curvature c must be > 0 and finite, got " + c);
            require(dataType == DataType.DOUBLE || dataType == DataType.FLOAT,
                    "dataType must be DOUBLE or FLOAT, got " + dataType);
            require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && adamEps > 0,
                    "Adam needs 0 <= beta1, beta2 < 1 and eps > 0, got " + beta1 + ", " + beta2 + ", " + adamEps);
            Objects.requireNonNull(optimizer, "optimizer");
            Objects.requireNonNull(retraction, "retraction");
            Objects.requireNonNull(negativeDistribution, "negativeDistribution");
            return new PoincareEmbeddingTrainer(this, closure);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("PoincareEmbeddingTrainer: " + message);
            }
        }
    }
}
