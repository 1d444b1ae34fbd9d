package org.geodl4j.updater;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Muon (MomentUm Orthogonalized by Newton–Schulz) as a drop-in DL4J updater, with the built-in AdamW step for the
 * parameters Muon should not orthogonalise.
 *
 * <pre>
 * hidden weight matrices (dense [nIn, nOut]; conv [nOut, nIn, kH, kW] seen as [nOut, nIn*kH*kW]):
 *   buf = mu * buf + (1 - mu) * g;   u = nesterov ? (1 - mu) * g + mu * buf : buf
 *   x  &lt;- x * (1 - lr * wd) - lr * scale(fanIn, fanOut) * NewtonSchulz5(u)
 * everything else (non-matrices, and the parameters listed in adamwParams):
 *   AdamW(adamwLearningRate, adamwBeta1, adamwBeta2, adamwEpsilon, adamwWeightDecay)
 * </pre>
 *
 * <pre>
 * var conf = new NeuralNetConfiguration.Builder().updater(new Muon(0.02)).list()
 *         .layer(new DenseLayer.Builder().name("hidden")...).layer(new OutputLayer.Builder().name("out")...).build();
 * MultiLayerNetwork net = new MultiLayerNetwork(conf); net.init();
 * GeoUpdaters.attach(net);   // Muon needs each weight's shape
 * // head and embeddings on AdamW, as the reference recommends:
 * new Muon.Builder()... .adamwParams(List.of("out", "embed/W"))
 * </pre>
 *
 * <p>Hyper-parameters (defaults, those of K. Jordan's reference): learning rate {@value #DEFAULT_LEARNING_RATE}
 * (or an {@link ISchedule}), momentum {@value #DEFAULT_MOMENTUM}, nesterov {@value #DEFAULT_NESTEROV}, weight decay
 * {@value #DEFAULT_WEIGHT_DECAY} (decoupled, with the unadjusted learning rate), Newton–Schulz steps
 * {@value NewtonSchulz#DEFAULT_STEPS} with coefficients (3.4445, −4.7750, 2.0315) and eps 1e-7, scale
 * {@link MuonScale#KELLER}; AdamW learning rate {@value #DEFAULT_ADAMW_LEARNING_RATE} (scaled by the Muon schedule's
 * current/initial ratio when a schedule is set), betas ({@value #DEFAULT_ADAMW_BETA1}, {@value #DEFAULT_ADAMW_BETA2}),
 * epsilon {@value #DEFAULT_ADAMW_EPSILON}, weight decay {@value #DEFAULT_ADAMW_WEIGHT_DECAY}; non-matrices
 * {@link MuonFallback#ADAMW}; adamwParams empty. With {@link MuonScale#MOONLIGHT} the update RMS matches AdamW's,
 * so the usual choice there is the same learning rate and decay for both (Moonlight: 1e-3 / 0.1, AdamW betas
 * (0.9, 0.95), eps 1e-8).
 *
 * <p>Which parameters (K. Jordan, blog "Muon", §"Empirical considerations"; Moonlight §2): Muon for hidden 2-D
 * weights and conv filters (except the first conv); AdamW for embeddings, the classifier head, biases, gains. Entries
 * of adamwParams are a layer name ({@code "out"}: every parameter of that layer) or {@code "layer/param"}.
 *
 * <p>Reference: K. Jordan, Y. Jin, V. Boza, J. You, F. Cesista, L. Newhouse, J. Bernstein, "Muon: An optimizer for
 * hidden layers in neural networks", 2024; J. Liu et al., "Muon is Scalable for LLM Training", arXiv:2502.16982,
 * 2025.
 *
 * <p>Convention: DL4J stores dense weights as {@code [nIn, nOut]}; the Keller scale is
 * {@code sqrt(max(1, nOut / nIn))} (PyTorch's {@code [out, in]} rule {@code sqrt(max(1, rows/cols))} in DL4J's
 * orientation). State: {@code stateSize = 2 n} for every parameter (the momentum buffer uses the first region; AdamW
 * parameters use both), because DL4J sizes the state before the binding tells which parameters are matrices.
 */
public final class Muon extends GeoUpdaterConfig {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 0.02;
    public static final double DEFAULT_MOMENTUM = 0.95;
    public static final boolean DEFAULT_NESTEROV = true;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final MuonScale DEFAULT_SCALE = MuonScale.KELLER;
    public static final double DEFAULT_ADAMW_LEARNING_RATE = 3e-4;
    public static final double DEFAULT_ADAMW_BETA1 = 0.9;
    public static final double DEFAULT_ADAMW_BETA2 = 0.95;
    public static final double DEFAULT_ADAMW_EPSILON = 1e-10;
    public static final double DEFAULT_ADAMW_WEIGHT_DECAY = 0.0;
    public static final MuonFallback DEFAULT_NON_MATRIX = MuonFallback.ADAMW;
    public static final EpsilonConvention DEFAULT_EPSILON_CONVENTION = EpsilonConvention.DL4J;

    private double momentum;
    private boolean nesterov;
    private double weightDecay;
    private int nsSteps;
    private double nsA;
    private double nsB;
    private double nsC;
    private double nsEpsilon;
    private MuonScale scale;
    private double adamwLearningRate;
    private double adamwBeta1;
    private double adamwBeta2;
    private double adamwEpsilon;
    private double adamwWeightDecay;
    private MuonFallback nonMatrix;
    private EpsilonConvention epsilonConvention;
    private List<String> adamwParams;

    /** All defaults. */
    public Muon() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Muon with learning rate {@code lr} (AdamW part at its defaults). */
    public Muon(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    /** Muon following a learning-rate schedule. */
    public Muon(ISchedule learningRateSchedule) {
        this(builder().learningRateSchedule(learningRateSchedule));
    }

    /** Muon with learning rate and momentum. */
    public Muon(double learningRate, double momentum) {
        this(builder().learningRate(learningRate).momentum(momentum));
    }

    private Muon(Builder b) {
        super(b.learningRate, b.learningRateSchedule);
        momentum = b.momentum;
        nesterov = b.nesterov;
        weightDecay = b.weightDecay;
        nsSteps = b.nsSteps;
        nsA = b.nsA;
        nsB = b.nsB;
        nsC = b.nsC;
        nsEpsilon = b.nsEpsilon;
        scale = b.scale;
        adamwLearningRate = b.adamwLearningRate;
        adamwBeta1 = b.adamwBeta1;
        adamwBeta2 = b.adamwBeta2;
        adamwEpsilon = b.adamwEpsilon;
        adamwWeightDecay = b.adamwWeightDecay;
        nonMatrix = b.nonMatrix;
        epsilonConvention = b.epsilonConvention;
        adamwParams = new ArrayList<>(new TreeSet<>(b.adamwParams));
        validate();
    }

    @Override
    protected void validate() {
        String me = "Muon";
        require(getLearningRateSchedule() != null || getLearningRate() > 0, me, "learningRate", getLearningRate(),
                "> 0");
        require(momentum >= 0 && momentum < 1, me, "momentum", momentum, "in [0, 1)");
        require(weightDecay >= 0, me, "weightDecay", weightDecay, ">= 0");
        require(nsSteps >= 1, me, "nsSteps", nsSteps, ">= 1");
        require(nsEpsilon >= 0, me, "nsEpsilon", nsEpsilon, ">= 0");
        require(scale != null, me, "scale", null, "non-null");
        require(adamwLearningRate > 0, me, "adamwLearningRate", adamwLearningRate, "> 0");
        require(adamwBeta1 >= 0 && adamwBeta1 < 1, me, "adamwBeta1", adamwBeta1, "in [0, 1)");
        require(adamwBeta2 >= 0 && adamwBeta2 < 1, me, "adamwBeta2", adamwBeta2, "in [0, 1)");
        require(adamwEpsilon >= 0, me, "adamwEpsilon", adamwEpsilon, ">= 0");
        require(adamwWeightDecay >= 0, me, "adamwWeightDecay", adamwWeightDecay, ">= 0");
        require(nonMatrix != null, me, "nonMatrix", null, "non-null");
        require(epsilonConvention != null, me, "epsilonConvention", null, "non-null");
        require(adamwParams != null, me, "adamwParams", null, "non-null");
    }

    /** A builder with all defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's hyper-parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = getLearningRate();
        b.learningRateSchedule = getLearningRateSchedule();
        b.momentum = momentum;
        b.nesterov = nesterov;
        b.weightDecay = weightDecay;
        b.nsSteps = nsSteps;
        b.nsA = nsA;
        b.nsB = nsB;
        b.nsC = nsC;
        b.nsEpsilon = nsEpsilon;
        b.scale = scale;
        b.adamwLearningRate = adamwLearningRate;
        b.adamwBeta1 = adamwBeta1;
        b.adamwBeta2 = adamwBeta2;
        b.adamwEpsilon = adamwEpsilon;
        b.adamwWeightDecay = adamwWeightDecay;
        b.nonMatrix = nonMatrix;
        b.epsilonConvention = epsilonConvention;
        b.adamwParams = new ArrayList<>(adamwParams);
        return b;
    }

    public double getMomentum() {
        return momentum;
    }

    public boolean isNesterov() {
        return nesterov;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public int getNsSteps() {
        return nsSteps;
    }

    public double getNsA() {
        return nsA;
    }

    public double getNsB() {
        return nsB;
    }

    public double getNsC() {
        return nsC;
    }

    public double getNsEpsilon() {
        return nsEpsilon;
    }

    public MuonScale getScale() {
        return scale;
    }

    public double getAdamwLearningRate() {
        return adamwLearningRate;
    }

    public double getAdamwBeta1() {
        return adamwBeta1;
    }

    public double getAdamwBeta2() {
        return adamwBeta2;
    }

    public double getAdamwEpsilon() {
        return adamwEpsilon;
    }

    public double getAdamwWeightDecay() {
        return adamwWeightDecay;
    }

    public MuonFallback getNonMatrix() {
        return nonMatrix;
    }

    public EpsilonConvention getEpsilonConvention() {
        return epsilonConvention;
    }

    /** The parameters routed to AdamW: layer names or {@code layer/param}, sorted (a copy). */
    public List<String> getAdamwParams() {
        return new ArrayList<>(adamwParams);
    }

    /** True if the user routed {@code layer/param} to AdamW (by layer name or by full name). */
    public boolean isMarkedForAdamw(String layerName, String paramName) {
        return adamwParams.contains(layerName) || adamwParams.contains(layerName + "/" + paramName);
    }

    /** The AdamW learning rate at this iteration: its base rate times the Muon schedule's current/initial ratio. */
    public double adamwLearningRate(int iteration, int epoch) {
        if (getLearningRateSchedule() == null) {
            return adamwLearningRate;
        }
        return adamwLearningRate * getLearningRateSchedule().valueAt(iteration, epoch)
                / getLearningRateSchedule().valueAt(0, 0);
    }

    @Override
    protected int stateRegions() {
        return 2;
    }

    @Override
    protected GeoGradientUpdater<?> newUpdater() {
        return new MuonUpdater(this);
    }

    @Override
    public Muon clone() {
        return withSpecOf(toBuilder().build());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Muon)) {
            return false;
        }
        Muon t = (Muon) o;
        return sameBase(t) && Double.compare(momentum, t.momentum) == 0 && nesterov == t.nesterov
                && Double.compare(weightDecay, t.weightDecay) == 0 && nsSteps == t.nsSteps
                && Double.compare(nsA, t.nsA) == 0 && Double.compare(nsB, t.nsB) == 0
                && Double.compare(nsC, t.nsC) == 0 && Double.compare(nsEpsilon, t.nsEpsilon) == 0 && scale == t.scale
                && Double.compare(adamwLearningRate, t.adamwLearningRate) == 0
                && Double.compare(adamwBeta1, t.adamwBeta1) == 0 && Double.compare(adamwBeta2, t.adamwBeta2) == 0
                && Double.compare(adamwEpsilon, t.adamwEpsilon) == 0
                && Double.compare(adamwWeightDecay, t.adamwWeightDecay) == 0 && nonMatrix == t.nonMatrix
                && epsilonConvention == t.epsilonConvention && adamwParams.equals(t.adamwParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHash(), momentum, nesterov, weightDecay, nsSteps, nsA, nsB, nsC, nsEpsilon, scale,
                adamwLearningRate, adamwBeta1, adamwBeta2, adamwEpsilon, adamwWeightDecay, nonMatrix,
                epsilonConvention, adamwParams);
    }

    @Override
    public String toString() {
        return "Muon(" + baseString() + ", momentum=" + momentum + ", nesterov=" + nesterov + ", weightDecay="
                + weightDecay + ", ns=" + nsSteps + "x(" + nsA + ", " + nsB + ", " + nsC + ") eps " + nsEpsilon
                + ", scale=" + scale + ", adamw(lr=" + adamwLearningRate + ", betas=(" + adamwBeta1 + ", "
                + adamwBeta2 + "), eps=" + adamwEpsilon + ", wd=" + adamwWeightDecay + ") for " + adamwParams
                + " and non-matrices=" + nonMatrix + ", epsilonConvention=" + epsilonConvention + ")";
    }

    /** Builder for {@link Muon}; every setter returns the builder. */
    public static final class Builder {
        private double learningRate = DEFAULT_LEARNING_RATE;
        private ISchedule learningRateSchedule;
        private double momentum = DEFAULT_MOMENTUM;
        private boolean nesterov = DEFAULT_NESTEROV;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private int nsSteps = NewtonSchulz.DEFAULT_STEPS;
        private double nsA = NewtonSchulz.DEFAULT_A;
        private double nsB = NewtonSchulz.DEFAULT_B;
        private double nsC = NewtonSchulz.DEFAULT_C;
        private double nsEpsilon = NewtonSchulz.DEFAULT_EPS;
        private MuonScale scale = DEFAULT_SCALE;
        private double adamwLearningRate = DEFAULT_ADAMW_LEARNING_RATE;
        private double adamwBeta1 = DEFAULT_ADAMW_BETA1;
        private double adamwBeta2 = DEFAULT_ADAMW_BETA2;
        private double adamwEpsilon = DEFAULT_ADAMW_EPSILON;
        private double adamwWeightDecay = DEFAULT_ADAMW_WEIGHT_DECAY;
        private MuonFallback nonMatrix = DEFAULT_NON_MATRIX;
        private EpsilonConvention epsilonConvention = DEFAULT_EPSILON_CONVENTION;
        private List<String> adamwParams = new ArrayList<>();

        public Builder() {
        }

        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** Overrides the fixed learning rate when non-null; the AdamW rate follows its current/initial ratio. */
        public Builder learningRateSchedule(ISchedule schedule) {
            this.learningRateSchedule = schedule;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder nsSteps(int steps) {
            this.nsSteps = steps;
            return this;
        }

        /** Newton–Schulz polynomial {@code a x + b x^3 + c x^5}. */
        public Builder nsCoefficients(double a, double b, double c) {
            this.nsA = a;
            this.nsB = b;
            this.nsC = c;
            return this;
        }

        public Builder nsEpsilon(double eps) {
            this.nsEpsilon = eps;
            return this;
        }

        public Builder scale(MuonScale scale) {
            this.scale = scale;
            return this;
        }

        public Builder adamwLearningRate(double lr) {
            this.adamwLearningRate = lr;
            return this;
        }

        public Builder adamwBetas(double beta1, double beta2) {
            this.adamwBeta1 = beta1;
            this.adamwBeta2 = beta2;
            return this;
        }

        public Builder adamwEpsilon(double eps) {
            this.adamwEpsilon = eps;
            return this;
        }

        public Builder adamwWeightDecay(double weightDecay) {
            this.adamwWeightDecay = weightDecay;
            return this;
        }

        public Builder nonMatrix(MuonFallback policy) {
            this.nonMatrix = policy;
            return this;
        }

        public Builder epsilonConvention(EpsilonConvention convention) {
            this.epsilonConvention = convention;
            return this;
        }

        /** Layer names or {@code layer/param} names that take the AdamW step (e.g. the head, embeddings). */
        public Builder adamwParams(Collection<String> names) {
            this.adamwParams = new ArrayList<>(names);
            return this;
        }

        /** @throws IllegalArgumentException naming the offending hyper-parameter */
        public Muon build() {
            return new Muon(this);
        }
    }
}
