package org.geodl4j.updater;

import java.util.Objects;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Riemannian SGD with momentum carried by parallel transport, as a drop-in DL4J updater: every parameter steps on its
 * own manifold (declared by its layer through {@code ManifoldAware}, or by {@code GeoUpdaters.attach(net, overrides)}),
 * plain weights on Euclidean space, where this is (Nesterov) SGD.
 *
 * <pre>
 *   g = g + weightDecay * x;   r = egrad2rgrad(x, g)
 *   buf = momentum * buf + (1 - dampening) * r                    (buf_0 = 0)
 *   d = nesterov ? r + momentum * buf : (momentum &gt; 0 ? buf : r)
 *   x' = Exp_x(-lr * d)  (or the manifold's retraction when exact = false);   buf = P_{x -&gt; x'}(buf)
 *   every `stabilize` steps: x' = projx(x'), buf = proju(x', buf)
 * </pre>
 *
 * <pre>
 * var conf = new NeuralNetConfiguration.Builder().updater(new RiemannianSgd(0.1, 0.9, true)).list()...;
 * MultiLayerNetwork net = new MultiLayerNetwork(conf); net.init();
 * GeoUpdaters.attach(net);   // binds stock layers' parameters; geodl4j layers need no call
 * </pre>
 *
 * <p>Hyper-parameters (defaults): learning rate {@value #DEFAULT_LEARNING_RATE} (or an {@link ISchedule}), momentum
 * {@value #DEFAULT_MOMENTUM} in [0, 1), dampening {@value #DEFAULT_DAMPENING} in [0, 1], nesterov
 * {@value #DEFAULT_NESTEROV} (needs momentum &gt; 0 and dampening 0), weight decay {@value #DEFAULT_WEIGHT_DECAY}
 * (coupled L2), stabilize {@value #DEFAULT_STABILIZE} (period in steps; 0 = never), exact {@value #DEFAULT_EXACT}.
 *
 * <p>Reference: S. Bonnabel, "Stochastic gradient descent on Riemannian manifolds", IEEE TAC 58(9), 2013; geoopt
 * {@code RiemannianSGD} (M. Kochurov, R. Karimov, S. Kozlukov, "Geoopt: Riemannian Optimization in PyTorch",
 * arXiv:2005.02819, 2020).
 *
 * <p>Convention (first step): the buffer starts at zero, so on Euclidean parameters this is exactly DL4J
 * {@code Nesterovs} (nesterov, dampening 0, constant learning rate: DL4J keeps the learning rate inside its velocity,
 * so the two differ once the rate changes) and DL4J {@code Sgd} (momentum 0). geoopt starts the buffer at the raw
 * gradient; see {@link RiemannianSgdStep}. Default stabilize is every step (geoopt: never), which keeps float32 points
 * on the manifold at no cost for Euclidean parameters.
 */
public final class RiemannianSgd extends GeoUpdaterConfig {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_MOMENTUM = 0.0;
    public static final double DEFAULT_DAMPENING = 0.0;
    public static final boolean DEFAULT_NESTEROV = false;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final int DEFAULT_STABILIZE = 1;
    public static final boolean DEFAULT_EXACT = true;

    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;
    private int stabilize;
    private boolean exact;

    /** All defaults. */
    public RiemannianSgd() {
        this(DEFAULT_LEARNING_RATE);
    }

    /** Plain Riemannian SGD with learning rate {@code lr}. */
    public RiemannianSgd(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    /** Plain Riemannian SGD following a learning-rate schedule. */
    public RiemannianSgd(ISchedule learningRateSchedule) {
        this(builder().learningRateSchedule(learningRateSchedule));
    }

    /** Riemannian SGD with momentum (Nesterov's when {@code nesterov}). */
    public RiemannianSgd(double learningRate, double momentum, boolean nesterov) {
        this(builder().learningRate(learningRate).momentum(momentum).nesterov(nesterov));
    }

    private RiemannianSgd(Builder b) {
        super(b.learningRate, b.learningRateSchedule);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
        this.stabilize = b.stabilize;
        this.exact = b.exact;
        validate();
    }

    @Override
    protected void validate() {
        String me = "RiemannianSgd";
        require(getLearningRateSchedule() != null || getLearningRate() > 0, me, "learningRate", getLearningRate(),
                "> 0");
        require(momentum >= 0 && momentum < 1, me, "momentum", momentum, "in [0, 1)");
        require(dampening >= 0 && dampening <= 1, me, "dampening", dampening, "in [0, 1]");
        require(!nesterov || (momentum > 0 && dampening == 0), me, "nesterov", nesterov,
                "only with momentum > 0 and dampening 0 (momentum=" + momentum + ", dampening=" + dampening + ")");
        require(weightDecay >= 0, me, "weightDecay", weightDecay, ">= 0");
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
        b.momentum = momentum;
        b.dampening = dampening;
        b.nesterov = nesterov;
        b.weightDecay = weightDecay;
        b.stabilize = stabilize;
        b.exact = exact;
        return b;
    }

    public double getMomentum() {
        return momentum;
    }

    public double getDampening() {
        return dampening;
    }

    public boolean isNesterov() {
        return nesterov;
    }

    public double getWeightDecay() {
        return weightDecay;
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
        return momentum != 0.0 ? 1 : 0;
    }

    @Override
    protected GeoGradientUpdater<?> newUpdater() {
        return new RiemannianSgdUpdater(this);
    }

    @Override
    public RiemannianSgd clone() {
        return withSpecOf(toBuilder().build());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RiemannianSgd)) {
            return false;
        }
        RiemannianSgd that = (RiemannianSgd) o;
        return sameBase(that) && Double.compare(momentum, that.momentum) == 0
                && Double.compare(dampening, that.dampening) == 0 && nesterov == that.nesterov
                && Double.compare(weightDecay, that.weightDecay) == 0 && stabilize == that.stabilize
                && exact == that.exact;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHash(), momentum, dampening, nesterov, weightDecay, stabilize, exact);
    }

    @Override
    public String toString() {
        return "RiemannianSgd(" + baseString() + ", momentum=" + momentum + ", dampening=" + dampening + ", nesterov="
                + nesterov + ", weightDecay=" + weightDecay + ", stabilize=" + stabilize + ", exact=" + exact + ")";
    }

    /** Builder for {@link RiemannianSgd}; every setter returns the builder. */
    public static final class Builder {
        private double learningRate = DEFAULT_LEARNING_RATE;
        private ISchedule learningRateSchedule;
        private double momentum = DEFAULT_MOMENTUM;
        private double dampening = DEFAULT_DAMPENING;
        private boolean nesterov = DEFAULT_NESTEROV;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
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

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder dampening(double dampening) {
            this.dampening = dampening;
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

        public Builder stabilize(int period) {
            this.stabilize = period;
            return this;
        }

        public Builder exact(boolean exact) {
            this.exact = exact;
            return this;
        }

        /** @throws IllegalArgumentException naming the offending hyper-parameter */
        public RiemannianSgd build() {
            return new RiemannianSgd(this);
        }
    }
}
