package org.geodl4j.updater;

import java.util.Objects;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * The Riemannian Lyapunov Optimizer as one algorithm with strategies, as a drop-in DL4J updater. The velocity is
 * attracted to a target direction field and then lifted (low-pass filtered) before a retraction step; manifold
 * parameters carry momentum and velocity along by transport.
 *
 * <pre>
 *   r   = egrad2rgrad(x, g);   c = beta1 * m + (1 - beta1) * r;   dlt = r - m       (old m)
 *   m   = beta2 * m + (1 - beta2) * r                                            (state update Psi)
 *   phi = Phi(c)   with Phi in {sign, tanh(gamma c), c / (1 - beta2), Adam(m, s)} (direction field)
 *   phi = phi / (sqrt(s) + eps),  s = beta3 * s + (1 - beta3) * r^2             (secondMoment)
 *   kappa = globalNormalisation ? sqrt(D) / ||phi|| over all D coordinates : 1
 *   u   = kappa * phi + beliefWeight * dlt / max(||dlt||, eps)                  (belief term, per tensor)
 *   v   = (1 - eta) * v + eta * u                                                (lift; eta = 1: memoryless)
 *   x'  = R_x(-lr * v),  m and v transported;  Euclidean: x' = x - lr * v - lr * weightDecay * x
 * </pre>
 *
 * Presets: {@link #rlo()} (sign + belief), {@link #lambda()} (RLO-Λ: tanh, second moment, global normalisation),
 * {@link #lifted()} (RLO-Lifted: tanh, global normalisation, eta 0.3), and the exact special cases
 * {@link #sgdMomentum}, {@link #adam}, {@link #lion}.
 *
 * <pre>
 * var conf = new NeuralNetConfiguration.Builder().updater(Rlo.lambda().toBuilder().learningRate(1e-3).build())...;
 * MultiLayerNetwork net = new MultiLayerNetwork(conf); net.init();
 * GeoUpdaters.attach(net);
 * </pre>
 *
 * <p>Hyper-parameters (defaults, from the authors' {@code train_classification.py}): learning rate
 * {@value #DEFAULT_LEARNING_RATE} (or an {@link ISchedule}), direction {@link RloDirection#SIGN}, beta1
 * {@value #DEFAULT_BETA1}, beta2 {@value #DEFAULT_BETA2}, beta3 {@value #DEFAULT_BETA3}, epsilon
 * {@value #DEFAULT_EPSILON}, gamma {@value #DEFAULT_GAMMA}, secondMoment false, beliefWeight
 * {@value #DEFAULT_BELIEF_WEIGHT}, eta {@value #DEFAULT_ETA} (RLO-Lifted: {@value #DEFAULT_LIFTED_ETA}), global
 * normalisation false, weight decay {@value #DEFAULT_WEIGHT_DECAY} (decoupled; the authors use 0.5–1.0 with lr
 * 1e-4), epsilon convention {@link EpsilonConvention#DL4J} (for {@link RloDirection#ADAM}), stabilize
 * {@value #DEFAULT_STABILIZE}, exact {@value #DEFAULT_EXACT}.
 *
 * <p>Reference: Wang, Patil, Dixon, "Riemannian Lyapunov Optimizer", arXiv:2601.22284, 2026 (the paper body was not
 * available to us: the strategies follow the authors' code, see {@link RloStep}); X. Chen et al., "Symbolic Discovery
 * of Optimization Algorithms" (Lion), NeurIPS 2023.
 *
 * <p>Convention: on manifold parameters {@code sign}/{@code tanh} act per point on the Riemannian norm of {@code c}
 * ({@link RloStep#radialField}), norms are Riemannian, and the decoupled weight decay is skipped. The global
 * normalisation runs over the parameters of one DL4J updater block. With
 * {@code GeoUpdaters.attach} and one {@code Rlo} configuration for the whole network (stock layers) that block is the
 * whole network; parameters bound per parameter at configuration level (geodl4j layers) or with their own updater
 * settings form separate blocks and are normalised separately.
 */
public final class Rlo extends GeoUpdaterConfig {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    public static final RloDirection DEFAULT_DIRECTION = RloDirection.SIGN;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.99;
    public static final double DEFAULT_BETA3 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_GAMMA = 5.0;
    public static final boolean DEFAULT_SECOND_MOMENT = false;
    public static final double DEFAULT_BELIEF_WEIGHT = 0.1;
    public static final double DEFAULT_ETA = 1.0;
    public static final double DEFAULT_LIFTED_ETA = 0.3;
    public static final boolean DEFAULT_GLOBAL_NORMALISATION = false;
    public static final double DEFAULT_WEIGHT_DECAY = 0.0;
    public static final EpsilonConvention DEFAULT_EPSILON_CONVENTION = EpsilonConvention.DL4J;
    public static final int DEFAULT_STABILIZE = 1;
    public static final boolean DEFAULT_EXACT = false;

    private RloDirection direction;
    private double beta1;
    private double beta2;
    private double beta3;
    private double epsilon;
    private double gamma;
    private boolean secondMoment;
    private double beliefWeight;
    private double eta;
    private boolean globalNormalisation;
    private double weightDecay;
    private EpsilonConvention epsilonConvention;
    private int stabilize;
    private boolean exact;

    /** The defaults: {@link #rlo()}. */
    public Rlo() {
        this(builder());
    }

    /** {@link #rlo()} with learning rate {@code lr}. */
    public Rlo(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private Rlo(Builder b) {
        super(b.learningRate, b.learningRateSchedule);
        direction = b.direction;
        beta1 = b.beta1;
        beta2 = b.beta2;
        beta3 = b.beta3;
        epsilon = b.epsilon;
        gamma = b.gamma;
        secondMoment = b.secondMoment;
        beliefWeight = b.beliefWeight;
        eta = b.eta;
        globalNormalisation = b.globalNormalisation;
        weightDecay = b.weightDecay;
        epsilonConvention = b.epsilonConvention;
        stabilize = b.stabilize;
        exact = b.exact;
        validate();
    }

    @Override
    protected void validate() {
        String me = "Rlo";
        require(getLearningRateSchedule() != null || getLearningRate() > 0, me, "learningRate", getLearningRate(),
                "> 0");
        require(direction != null, me, "direction", null, "non-null");
        require(beta1 >= 0 && beta1 <= 1, me, "beta1", beta1, "in [0, 1]");
        require(beta2 >= 0 && beta2 < 1, me, "beta2", beta2, "in [0, 1)");
        require(beta3 >= 0 && beta3 < 1, me, "beta3", beta3, "in [0, 1)");
        require(epsilon > 0, me, "epsilon", epsilon, "> 0");
        require(gamma > 0, me, "gamma", gamma, "> 0");
        require(beliefWeight >= 0, me, "beliefWeight", beliefWeight, ">= 0");
        require(eta > 0 && eta <= 1, me, "eta", eta, "in (0, 1]");
        require(weightDecay >= 0, me, "weightDecay", weightDecay, ">= 0");
        require(epsilonConvention != null, me, "epsilonConvention", null, "non-null");
        require(stabilize >= 0, me, "stabilize", stabilize, ">= 0 (0 = never)");
    }

    /** RLO: sign field plus the belief term (lambda_b 0.1); with beliefWeight 0 it is Lion. */
    public static Rlo rlo() {
        return builder().build();
    }

    /** RLO-Λ: {@code tanh(gamma c) / (sqrt(s) + eps)}, global normalisation, belief 0.1, memoryless. */
    public static Rlo lambda() {
        return builder().direction(RloDirection.TANH).secondMoment(true).globalNormalisation(true).build();
    }

    /** RLO-Lifted: {@code tanh(gamma c)}, global normalisation, belief 0.1, lift eta 0.3. */
    public static Rlo lifted() {
        return builder().direction(RloDirection.TANH).globalNormalisation(true).eta(DEFAULT_LIFTED_ETA).build();
    }

    /**
     * SGD with momentum as an RLO: the {@link RloDirection#MOMENTUM} field with {@code beta2 = momentum} and
     * {@code beta1 = momentum^2} (Nesterov) or {@code momentum} (heavy ball); equals DL4J {@code Nesterovs} (PyTorch
     * SGD, dampening 0) at a constant learning rate.
     */
    public static Rlo sgdMomentum(double learningRate, double momentum, boolean nesterov) {
        return builder().learningRate(learningRate).direction(RloDirection.MOMENTUM)
                .beta1(nesterov ? momentum * momentum : momentum).beta2(momentum).beliefWeight(0.0).build();
    }

    /**
     * Adam as an RLO: the {@link RloDirection#ADAM} field; Adam's {@code beta1} is the momentum decay
     * {@code beta2} here and Adam's {@code beta2} the second-moment decay {@code beta3}. Equals DL4J {@code Adam}.
     */
    public static Rlo adam(double learningRate, double beta1, double beta2, double epsilon) {
        return builder().learningRate(learningRate).direction(RloDirection.ADAM).beta2(beta1).beta3(beta2)
                .epsilon(epsilon).beliefWeight(0.0).build();
    }

    /** Lion as an RLO: sign field, no belief, memoryless, decoupled weight decay. */
    public static Rlo lion(double learningRate, double beta1, double beta2, double weightDecay) {
        return builder().learningRate(learningRate).direction(RloDirection.SIGN).beta1(beta1).beta2(beta2)
                .beliefWeight(0.0).weightDecay(weightDecay).build();
    }

    /** A builder with all defaults ({@link #rlo()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's hyper-parameters. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = getLearningRate();
        b.learningRateSchedule = getLearningRateSchedule();
        b.direction = direction;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.beta3 = beta3;
        b.epsilon = epsilon;
        b.gamma = gamma;
        b.secondMoment = secondMoment;
        b.beliefWeight = beliefWeight;
        b.eta = eta;
        b.globalNormalisation = globalNormalisation;
        b.weightDecay = weightDecay;
        b.epsilonConvention = epsilonConvention;
        b.stabilize = stabilize;
        b.exact = exact;
        return b;
    }

    public RloDirection getDirection() {
        return direction;
    }

    public double getBeta1() {
        return beta1;
    }

    public double getBeta2() {
        return beta2;
    }

    public double getBeta3() {
        return beta3;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public double getGamma() {
        return gamma;
    }

    public boolean isSecondMoment() {
        return secondMoment;
    }

    public double getBeliefWeight() {
        return beliefWeight;
    }

    public double getEta() {
        return eta;
    }

    public boolean isGlobalNormalisation() {
        return globalNormalisation;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public EpsilonConvention getEpsilonConvention() {
        return epsilonConvention;
    }

    public int getStabilize() {
        return stabilize;
    }

    public boolean isExact() {
        return exact;
    }

    /** True if a second-moment state is kept (second-moment scaling or the Adam field). */
    boolean keepsSecondMoment() {
        return secondMoment || direction == RloDirection.ADAM;
    }

    /** True if a velocity state is kept ({@code eta < 1}). */
    boolean keepsVelocity() {
        return eta < 1.0;
    }

    @Override
    protected int stateRegions() {
        return stateRegionsForUpdater();
    }

    /** {@code 1 + [second moment kept] + [velocity kept]}. */
    int stateRegionsForUpdater() {
        return 1 + (keepsSecondMoment() ? 1 : 0) + (keepsVelocity() ? 1 : 0);
    }

    @Override
    protected GeoGradientUpdater<?> newUpdater() {
        return new RloUpdater(this);
    }

    @Override
    public Rlo clone() {
        return withSpecOf(toBuilder().build());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rlo)) {
            return false;
        }
        Rlo t = (Rlo) o;
        return sameBase(t) && direction == t.direction && Double.compare(beta1, t.beta1) == 0
                && Double.compare(beta2, t.beta2) == 0 && Double.compare(beta3, t.beta3) == 0
                && Double.compare(epsilon, t.epsilon) == 0 && Double.compare(gamma, t.gamma) == 0
                && secondMoment == t.secondMoment && Double.compare(beliefWeight, t.beliefWeight) == 0
                && Double.compare(eta, t.eta) == 0 && globalNormalisation == t.globalNormalisation
                && Double.compare(weightDecay, t.weightDecay) == 0 && epsilonConvention == t.epsilonConvention
                && stabilize == t.stabilize && exact == t.exact;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHash(), direction, beta1, beta2, beta3, epsilon, gamma, secondMoment, beliefWeight,
                eta, globalNormalisation, weightDecay, epsilonConvention, stabilize, exact);
    }

    @Override
    public String toString() {
        return "Rlo(" + baseString() + ", direction=" + direction + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", beta3=" + beta3 + ", epsilon=" + epsilon + ", gamma=" + gamma + ", secondMoment=" + secondMoment
                + ", beliefWeight=" + beliefWeight + ", eta=" + eta + ", globalNormalisation=" + globalNormalisation
                + ", weightDecay=" + weightDecay + ", epsilonConvention=" + epsilonConvention + ", stabilize="
                + stabilize + ", exact=" + exact + ")";
    }

    /** Builder for {@link Rlo}; starts from {@link #rlo()}'s values; every setter returns the builder. */
    public static final class Builder {
        private double learningRate = DEFAULT_LEARNING_RATE;
        private ISchedule learningRateSchedule;
        private RloDirection direction = DEFAULT_DIRECTION;
        private double beta1 = DEFAULT_BETA1;
        private double beta2 = DEFAULT_BETA2;
        private double beta3 = DEFAULT_BETA3;
        private double epsilon = DEFAULT_EPSILON;
        private double gamma = DEFAULT_GAMMA;
        private boolean secondMoment = DEFAULT_SECOND_MOMENT;
        private double beliefWeight = DEFAULT_BELIEF_WEIGHT;
        private double eta = DEFAULT_ETA;
        private boolean globalNormalisation = DEFAULT_GLOBAL_NORMALISATION;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
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

        public Builder direction(RloDirection direction) {
            this.direction = direction;
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

        public Builder beta3(double beta3) {
            this.beta3 = beta3;
            return this;
        }

        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        public Builder secondMoment(boolean secondMoment) {
            this.secondMoment = secondMoment;
            return this;
        }

        public Builder beliefWeight(double beliefWeight) {
            this.beliefWeight = beliefWeight;
            return this;
        }

        public Builder eta(double eta) {
            this.eta = eta;
            return this;
        }

        public Builder globalNormalisation(boolean on) {
            this.globalNormalisation = on;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
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
        public Rlo build() {
            return new Rlo(this);
        }
    }
}
