package org.geodl4j.updater;

import java.util.Objects;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Riemannian Adam / AMSGrad with the first moment carried by parallel transport, as a drop-in DL4J updater: every
 * parameter steps on its own manifold, plain weights on Euclidean space, where this is Adam (AMSGrad) exactly.
 *
 * <pre>
 *   x = projx(x)   (when stabilising);   g = g + weightDecay * x;   r = egrad2rgrad(x, g)
 *   m = beta1 * m + (1 - beta1) * r
 *   v = beta2 * v + (1 - beta2) * componentInner(x, r)       (r*r per coordinate on Euclidean space,
 *                                                             &lt;r,r&gt;_x per manifold point otherwise)
 *   v_hat = amsgrad ? max(v_max, v) : v
 *   x' = Exp_x(-lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v_hat) + eps))     (DL4J eps placement)
 *   m = P_{x -&gt; x'}(m)
 * </pre>
 *
 * <pre>
 * var conf = new NeuralNetConfiguration.Builder().updater(new RiemannianAdam(1e-3)).list()...;
 * MultiLayerNetwork net = new MultiLayerNetwork(conf); net.init();
 * GeoUpdaters.attach(net);   // binds stock layers' parameters; geodl4j layers need no call
 * </pre>
 *
 * <p>Hyper-parameters (defaults): learning rate {@value #DEFAULT_LEARNING_RATE} (or an {@link ISchedule}),
 * beta1 {@value #DEFAULT_BETA1}, beta2 {@value #DEFAULT_BETA2} (both in [0, 1)), epsilon {@value #DEFAULT_EPSILON},
 * weight decay {@value #DEFAULT_WEIGHT_DECAY} (coupled L2 as geoopt), amsgrad {@value #DEFAULT_AMSGRAD},
 * epsilon convention {@link EpsilonConvention#DL4J}, stabilize {@value #DEFAULT_STABILIZE} (period; 0 = never),
 * exact {@value #DEFAULT_EXACT}.
 *
 * <p>Reference: G. Bécigneul, O.-E. Ganea, "Riemannian Adaptive Optimization Methods", ICLR 2019, Algorithm 1;
 * geoopt {@code RiemannianAdam}; D. P. Kingma, J. Ba, "Adam", ICLR 2015; S. J. Reddi, S. Kale, S. Kumar, "On the
 * Convergence of Adam and Beyond", ICLR 2018 (AMSGrad).
 *
 * <p>Convention: the default {@link EpsilonConvention#DL4J} makes this equal to DL4J's {@code Adam} on Euclidean
 * parameters; {@link EpsilonConvention#PYTORCH} equals PyTorch/geoopt. State: {@code m}, {@code v} (and
 * {@code v_max}) per element; on a manifold {@code v} holds the per-point scalar broadcast over the point's elements.
 */
public final class RiemannianAdam extends GeoUpdaterConfig {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final boolean DEFAULT_AMSGRAD = false;
    public static final EpsilonConvention DEFAULT_EPSILON_CONVENTION = EpsilonConvention.DL4J;
    public static final int DEFAULT_STABILIZE = 1;
    public static final boolean DEFAULT_EXACT = true;

    private double beta1;
    private double beta2;
    private double epsilon;
    private double weightDecay;
    private boolean amsgrad;
    private EpsilonConvention epsilonConvention;
    private int stabilize;
    private boolean exact;

    /** All defaults. */
    public RiemannianAdam() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Riemannian Adam with learning rate {@code lr}. */
    public RiemannianAdam(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    /** Riemannian Adam following a learning-rate schedule. */
    public RiemannianAdam(ISchedule learningRateSchedule) {
        this(builder().learningRateSchedule(learningRateSchedule));
    }

    /** Riemannian Adam with the given rate, decays and epsilon (as DL4J's {@code new Adam(lr, b1, b2, eps)}). */
    public RiemannianAdam(double learningRate, double beta1, double beta2, double epsilon) {
        this(builder().learningRate(learningRate).beta1(beta1).beta2(beta2).epsilon(epsilon));
    }

    private RiemannianAdam(Builder b) {
        super(b.learningRate, b.learningRateSchedule);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.weightDecay = b.weightDecay;
        this.amsgrad = b.amsgrad;
        this.epsilonConvention = b.epsilonConvention;
        this.stabilize = b.stabilize;
        this.exact = b.exact;
        validate();
    }

    @Override
    protected void validate() {
        String me = "RiemannianAdam";
        require(getLearningRateSchedule() != null || getLearningRate() > 0, me, "learningRate", getLearningRate(),
                "> 0");
        require(beta1 >= 0 && beta1 < 1, me, "beta1", beta1, "in [0, 1)");
        require(beta2 >= 0 && beta2 < 1, me, "beta2", beta2, "in [0, 1)");
        require(epsilon >= 0, me, "epsilon", epsilon, ">= 0");
        require(weightDecay >= 0, me, "weightDecay", weightDecay, ">= 0");
        require(epsilonConvention != null, me, "epsilonConvention", null, "non-null");
        require(stabilize >= 0, me, "stabilize", stabilize, ">= 0 (0 = never)");
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
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.epsilon = epsilon;
        b.weightDecay = weightDecay;
        b.amsgrad = amsgrad;
        b.epsilonConvention = epsilonConvention;
        b.stabilize = stabilize;
        b.exact = exact;
        return b;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public boolean isAmsgrad() {
        return amsgrad;
    }

    public EpsilonConvention getEpsilonConvention() {
        return epsilonConvention;
    }

    /** Re-projection period in steps (0 = never). */
    public int getStabilize() {
        return stabilize;
    }

    /** Exponential map and parallel transport ({@code false}: the manifold's retraction and transport). */
    public boolean isExact() {
        return exact;
    }

    @Override
    protected int stateRegions() {
        return amsgrad ? 3 : 2;
    }

    @Override
    protected GeoGradientUpdater<?> newUpdater() {
        return new RiemannianAdamUpdater(this);
    }

    @Override
    public RiemannianAdam clone() {
        return withSpecOf(toBuilder().build());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RiemannianAdam)) {
            return false;
        }
        RiemannianAdam that = (RiemannianAdam) o;
        return sameBase(that) && Double.compare(beta1, that.beta1) == 0 && Double.compare(beta2, that.beta2) == 0
                && Double.compare(epsilon, that.epsilon) == 0 && Double.compare(weightDecay, that.weightDecay) == 0
                && amsgrad == that.amsgrad && epsilonConvention == that.epsilonConvention
                && stabilize == that.stabilize && exact == that.exact;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHash(), beta1, beta2, epsilon, weightDecay, amsgrad, epsilonConvention, stabilize,
                exact);
    }

    @Override
    public String toString() {
        return "RiemannianAdam(" + baseString() + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                + ", weightDecay=" + weightDecay + ", amsgrad=" + amsgrad + ", epsilonConvention=" + epsilonConvention
                + ", stabilize=" + stabilize + ", exact=" + exact + ")";
    }

    /** Builder for {@link RiemannianAdam}; every setter returns the builder. */
    public static final class Builder {
        private double learningRate = DEFAULT_LEARNING_RATE;
        private ISchedule learningRateSchedule;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double epsilon = DEFAULT_EPSILON;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private boolean amsgrad = DEFAULT_AMSGRAD;
        private EpsilonConvention epsilonConvention = DEFAULT_EPSILON_CONVENTION;
        private int stabilize = DEFAULT_STABILIZE;
        private boolean exact = DEFAULT_EXACT;

        private Builder() {
        }

        public Builder learningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** Overrides the fixed learning rate when non-null. */
        public Builder learningRateSchedule(ISchedule schedule) {
            this.learningRateSchedule = schedule;
            return this;
        }

        public Builder beta1(double beta1) {
            this.beta1 = beta1;
            return this;
        }

        public Builder beta2(double beta2) {
            this.beta2 = beta2;
            return this;
        }

        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        public Builder epsilonConvention(EpsilonConvention convention) {
            this.epsilonConvention = convention;
            return this;
        }

        public Builder stabilize(int period) {
            this.stabilize = period;
            return this;
        }

        public Builder exact(boolean exact) {
            this.exact = exact;
            return this;
        }

        /** @throws IllegalArgumentException naming the offending hyper-parameter */
        public RiemannianAdam build() {
            return new RiemannianAdam(this);
        }
    }
}
